package io.tenanttwilio.inbound;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Checks Twilio's {@code X-Twilio-Signature}: HMAC-SHA1, keyed with the account's auth token,
 * over the URL Twilio requested followed by every form parameter name and value (names in ordinal
 * order; all values of a repeated name, sorted), Base64-encoded. The comparison takes constant
 * time.
 *
 * <p>Verify against the URL that was written to Twilio (the SDK stores it per number), not one
 * rebuilt from the request: proxies, TLS offload and ports then cannot break validation. As
 * Twilio's own libraries do, the URL is also tried with its default port added or removed. During
 * an auth-token rotation, pass both tokens.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.create();
 * boolean genuine = verifier.verify(storedSmsUrl, formParameters, signatureHeader, credentials.signingTokens());
 * }</pre>
 *
 * <p>It agrees with twilio-java's {@code RequestValidator} wherever both can express a request,
 * and also handles repeated parameters and JSON bodies ({@code bodySHA256}). Stateless apart from
 * per-thread caches; thread-safe.
 */
public final class WebhookVerifier {

    private static final int SIGNATURE_LENGTH = 20;
    /** 20 bytes in Base64: 27 characters and one {@code =}. */
    private static final int USUAL_SIGNATURE_TEXT = 28;

    private static final WebhookVerifier INSTANCE = new WebhookVerifier();

    /** Per thread: a reusable buffer, and the last tokens' initialized MACs. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private WebhookVerifier() {}

    /** {@return a verifier; it holds no state of its own, so one may serve every thread} */
    public static WebhookVerifier create() {
        return INSTANCE;
    }

    /**
     * Whether {@code signature} signs a form request to {@code url} with {@code params}, under any
     * of {@code tokens}.
     *
     * @param url the URL as written to Twilio (with its query, if it had one)
     * @param params the form parameters of the body, each name with all its values (for a GET,
     *     empty: the parameters are in the URL)
     * @param signature the {@code X-Twilio-Signature} header, or {@code null} when absent
     * @param tokens the signing tokens (primary first)
     * @return {@code true} if the signature is valid under one of the tokens; {@code false} if it
     *     is missing, malformed or wrong, or if {@code tokens} is empty
     */
    public boolean verify(
            String url,
            Map<String, ? extends Collection<String>> params,
            @Nullable String signature,
            List<String> tokens) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(tokens, "tokens");
        Scratch scratch = SCRATCH.get();
        byte[] expected = scratch.decode(signature);
        if (expected == null || tokens.isEmpty()) {
            return false;
        }
        scratch.encodeParams(params);
        // The URL as given matches almost always: the variants with or without the port are made
        // only when it does not.
        if (scratch.matches(url, expected, tokens)) {
            return true;
        }
        List<String> variants = urlVariants(url);
        for (int i = 1; i < variants.size(); i++) {
            if (scratch.matches(variants.get(i), expected, tokens)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Like {@link #verify(String, Map, String, List)} for parameters with one value each.
     *
     * @param url the URL as written to Twilio (with its query, if it had one)
     * @param params the form parameters of the body, one value each
     * @param signature the {@code X-Twilio-Signature} header, or {@code null} when absent
     * @param tokens the signing tokens (primary first)
     * @return {@code true} if the signature is valid under one of the tokens
     */
    public boolean verifySingle(
            String url, Map<String, String> params, @Nullable String signature, List<String> tokens) {
        Map<String, List<String>> multi = new java.util.HashMap<>(params.size() * 2);
        params.forEach((name, value) -> multi.put(name, List.of(value == null ? "" : value)));
        return verify(url, multi, signature, tokens);
    }

    /**
     * Whether {@code signature} signs a request with a non-form {@code body} (JSON): the URL must
     * carry {@code bodySHA256}, the hex SHA-256 of the body, and the signature covers the URL only.
     *
     * @param url the URL as written to Twilio, with its {@code bodySHA256} parameter
     * @param body the raw body
     * @param signature the {@code X-Twilio-Signature} header, or {@code null} when absent
     * @param tokens the signing tokens (primary first)
     * @return {@code true} if the signature is valid under one of the tokens and the body matches
     *     its hash; {@code false} otherwise, also when the URL has no {@code bodySHA256}
     */
    public boolean verifyBody(String url, byte[] body, @Nullable String signature, List<String> tokens) {
        Objects.requireNonNull(body, "body");
        String hash = queryValue(url, "bodySHA256");
        if (hash == null || !verify(url, Map.of(), signature, tokens)) {
            return false;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return MessageDigest.isEqual(
                    HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII),
                    hash.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * The signature Twilio would send for a form request to {@code url}; for tests and tools.
     *
     * @param token the auth token that signs
     * @param url the URL the request is sent to
     * @param params the form parameters, each name with all its values
     * @return the {@code X-Twilio-Signature} header's value
     */
    public String sign(String token, String url, Map<String, ? extends Collection<String>> params) {
        Scratch scratch = SCRATCH.get();
        scratch.encodeParams(params);
        return Base64.getEncoder().encodeToString(scratch.hmac(token, url).clone());
    }

    private static byte @Nullable [] decode(@Nullable String signature) {
        if (signature == null || signature.isEmpty() || signature.length() > 64) {
            return null;
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(signature.trim());
            return decoded.length == SIGNATURE_LENGTH ? decoded : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The URL as given, then with the default port written out or left out, as Twilio's libraries
     * accept (their signature generation is "inconsistent" about ports).
     */
    static List<String> urlVariants(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return List.of(url);
        }
        int authorityStart = schemeEnd + 3;
        int authorityEnd = url.length();
        for (int i = authorityStart; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                authorityEnd = i;
                break;
            }
        }
        String authority = url.substring(authorityStart, authorityEnd);
        int at = authority.lastIndexOf('@');
        int colon = authority.indexOf(':', at + 1);
        if (authority.startsWith("[", at + 1)) {
            int bracket = authority.indexOf(']', at + 1);
            colon = bracket < 0 ? -1 : authority.indexOf(':', bracket);
        }
        String prefix = url.substring(0, authorityStart);
        String rest = url.substring(authorityEnd);
        if (colon >= 0) {
            String withoutPort = prefix + authority.substring(0, colon) + rest;
            return List.of(url, withoutPort);
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(java.util.Locale.ROOT);
        String port = scheme.equals("https") ? ":443" : ":80";
        return List.of(url, prefix + authority + port + rest);
    }

    private static @Nullable String queryValue(String url, String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return null;
        }
        int fragment = url.indexOf('#', query);
        String text = url.substring(query + 1, fragment < 0 ? url.length() : fragment);
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return pair.substring(eq + 1);
            }
        }
        return null;
    }

    /**
     * A thread's working memory: the signed parameters' bytes (encoded once per request, whatever
     * the URL variant tried), the last request's name order, and recently used keys.
     */
    private static final class Scratch {
        private final Utf8Buffer params = new Utf8Buffer(2048);
        private final Utf8Buffer url = new Utf8Buffer(256);
        /** The URL whose bytes {@link #url} holds (a number's URL comes back request after request). */
        private @Nullable String lastUrl;
        /** A signature header's characters, and its decoded bytes, for the usual length. */
        private final byte[] signatureText = new byte[USUAL_SIGNATURE_TEXT];

        private final byte[] signatureBytes = new byte[SIGNATURE_LENGTH];
        private final byte[] digest = new byte[SIGNATURE_LENGTH];
        /** This request's names and values in the order they came. */
        private String[] names = new String[32];

        private Collection<?>[] values = new Collection<?>[32];
        /** The last request's names in the order they came, and their indexes in signing order. */
        private String[] lastNames = new String[0];

        private int[] lastOrder = new int[0];
        /** The last request's names encoded, in the order they came. */
        private byte[][] lastNameBytes = new byte[0][];

        private final String[] tokens = new String[4];
        private final Mac[] macs = new Mac[4];
        private int next;

        /**
         * Encodes the parameters, sorted by name, as they are signed. Twilio sends the same
         * parameters in the same order in every callback of a kind, so the last request's order
         * and encoded names are reused when the names come the same.
         */
        void encodeParams(Map<String, ? extends Collection<String>> form) {
            int size = form.size();
            if (names.length < size) {
                names = new String[size * 2];
                values = new Collection<?>[size * 2];
            }
            boolean same = size == lastNames.length;
            int i = 0;
            for (Map.Entry<String, ? extends Collection<String>> entry : form.entrySet()) {
                String name = entry.getKey();
                same = same && name.equals(lastNames[i]);
                names[i] = name;
                values[i++] = entry.getValue();
            }
            if (!same) {
                String[] arrived = Arrays.copyOf(names, size);
                lastOrder = IntStream.range(0, size)
                        .boxed()
                        .sorted(Comparator.comparing(index -> arrived[index]))
                        .mapToInt(Integer::intValue)
                        .toArray();
                lastNames = arrived;
                lastNameBytes = Arrays.stream(arrived)
                        .map(name -> name.getBytes(StandardCharsets.UTF_8))
                        .toArray(byte[][]::new);
            }
            params.clear();
            for (int k = 0; k < size; k++) {
                int index = lastOrder[k];
                appendParam(lastNameBytes[index], values[index]);
            }
            Arrays.fill(values, 0, size, null);
        }

        private void appendParam(byte[] name, @Nullable Collection<?> valuesOfName) {
            if (valuesOfName == null || valuesOfName.isEmpty()) {
                params.append(name);
                return;
            }
            if (valuesOfName.size() == 1) {
                Object value = valuesOfName instanceof List<?> list
                        ? list.get(0)
                        : valuesOfName.iterator().next();
                params.append(name);
                params.append(value == null ? "" : value.toString());
                return;
            }
            String[] sorted = valuesOfName.stream()
                    .map(v -> v == null ? "" : v.toString())
                    .distinct()
                    .sorted()
                    .toArray(String[]::new);
            for (String value : sorted) {
                params.append(name);
                params.append(value);
            }
        }

        /**
         * The 20 bytes {@code signature} encodes in Base64, or {@code null} if it does not. The
         * usual 28 characters are decoded into this thread's buffer; other lengths as a string.
         */
        byte @Nullable [] decode(@Nullable String signature) {
            if (signature == null || signature.length() != USUAL_SIGNATURE_TEXT) {
                return WebhookVerifier.decode(signature);
            }
            for (int i = 0; i < USUAL_SIGNATURE_TEXT; i++) {
                char c = signature.charAt(i);
                if (c >= 0x80) {
                    return null; // not Base64
                }
                if (c <= ' ') {
                    return WebhookVerifier.decode(signature); // surrounding blanks are trimmed
                }
                signatureText[i] = (byte) c;
            }
            try {
                return Base64.getDecoder().decode(signatureText, signatureBytes) == SIGNATURE_LENGTH
                        ? signatureBytes
                        : null;
            } catch (IllegalArgumentException e) {
                return null; // not Base64, or more than 20 bytes
            }
        }

        boolean matches(String candidateUrl, byte[] expected, List<String> signingTokens) {
            for (String token : signingTokens) {
                if (MessageDigest.isEqual(expected, hmac(token, candidateUrl))) {
                    return true;
                }
            }
            return false;
        }

        /** The HMAC of {@code signedUrl} then the encoded parameters, in this thread's digest buffer. */
        byte[] hmac(String token, String signedUrl) {
            if (!signedUrl.equals(lastUrl)) {
                url.clear();
                url.append(signedUrl);
                lastUrl = signedUrl;
            }
            Mac mac = macFor(token);
            mac.update(url.bytes, 0, url.length);
            mac.update(params.bytes, 0, params.length);
            try {
                mac.doFinal(digest, 0);
            } catch (ShortBufferException e) {
                throw new IllegalStateException(e);
            }
            return digest;
        }

        private Mac macFor(String token) {
            for (int i = 0; i < tokens.length; i++) {
                if (token.equals(tokens[i])) {
                    return macs[i];
                }
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA1");
                mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
                int slot = next;
                next = (next + 1) % tokens.length;
                tokens[slot] = token;
                macs[slot] = mac;
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA1 is not available", e);
            }
        }
    }

    /** Text encoded to UTF-8 into a growing, reused array. */
    private static final class Utf8Buffer {
        /** From this length, Latin-1 text is copied out whole and widened eight bytes at a time. */
        private static final int LONG_TEXT = 64;

        private static final long HIGH_BITS = 0x8080808080808080L;
        private static final VarHandle LONGS =
                MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

        byte[] bytes;
        int length;
        private byte[] latin1 = new byte[256];

        Utf8Buffer(int capacity) {
            this.bytes = new byte[capacity];
        }

        void clear() {
            length = 0;
        }

        /** Appends bytes already encoded. */
        void append(byte[] encoded) {
            ensure(length + encoded.length);
            System.arraycopy(encoded, 0, bytes, length, encoded.length);
            length += encoded.length;
        }

        /** Appends the UTF-8 bytes of {@code text}, as {@code String.getBytes(UTF_8)} gives them. */
        void append(String text) {
            int n = text.length();
            if (n < LONG_TEXT || !appendLatin1(text, n)) {
                appendChars(text, n);
            }
        }

        /**
         * Appends {@code text} if every character of it is Latin-1 (an SMS in French or English
         * almost always is): its characters are copied out as bytes at once, then ASCII is copied
         * eight bytes at a time and only the other bytes widened to two. Returns {@code false},
         * having appended nothing, for other text.
         */
        @SuppressWarnings("deprecation") // the Latin-1 copy it is deprecated for is exactly what is wanted here
        private boolean appendLatin1(String text, int n) {
            if (latin1.length < n) {
                latin1 = new byte[Math.max(n, latin1.length * 2)];
            }
            byte[] in = latin1;
            text.getBytes(0, n, in, 0); // the low byte of each character
            // Exact, not a heuristic: equal only if no character lost its high byte (a Latin-1
            // string against a text stored as UTF-16 is unequal at once).
            if (!new String(in, 0, n, StandardCharsets.ISO_8859_1).equals(text)) {
                return false;
            }
            ensure(length + n * 2);
            byte[] out = bytes;
            int position = length;
            int i = 0;
            for (; i <= n - 8; i += 8) {
                long word = (long) LONGS.get(in, i);
                if ((word & HIGH_BITS) == 0) {
                    LONGS.set(out, position, word);
                    position += 8;
                } else {
                    position = widen(in, i, i + 8, out, position);
                }
            }
            length = widen(in, i, n, out, position);
            return true;
        }

        private static int widen(byte[] in, int from, int to, byte[] out, int position) {
            for (int i = from; i < to; i++) {
                byte b = in[i];
                if (b >= 0) {
                    out[position++] = b;
                } else {
                    out[position++] = (byte) (0xC0 | ((b & 0xFF) >> 6));
                    out[position++] = (byte) (0x80 | (b & 0x3F));
                }
            }
            return position;
        }

        private void appendChars(String text, int n) {
            ensure(length + n * 3);
            byte[] out = bytes;
            int start = length;
            int i = 0;
            for (; i < n; i++) { // ASCII, the usual case: one byte each
                char c = text.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                out[start + i] = (byte) c;
            }
            int position = start + i;
            for (; i < n; i++) {
                char c = text.charAt(i);
                if (c < 0x80) {
                    out[position++] = (byte) c;
                } else if (c < 0x800) {
                    out[position++] = (byte) (0xC0 | (c >> 6));
                    out[position++] = (byte) (0x80 | (c & 0x3F));
                } else if (!Character.isSurrogate(c)) {
                    out[position++] = (byte) (0xE0 | (c >> 12));
                    out[position++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    out[position++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int codePoint = Character.toCodePoint(c, text.charAt(++i));
                    out[position++] = (byte) (0xF0 | (codePoint >> 18));
                    out[position++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                    out[position++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                    out[position++] = (byte) (0x80 | (codePoint & 0x3F));
                } else {
                    out[position++] = '?'; // a lone surrogate, as the JDK's encoder writes it
                }
            }
            length = position;
        }

        private void ensure(int capacity) {
            if (capacity > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(capacity, bytes.length * 2));
            }
        }
    }
}
