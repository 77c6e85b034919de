package io.tenanttwilio.test.simulator;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes {@code X-Twilio-Signature} the way Twilio does: the URL exactly as requested, then each
 * parameter name (in ordinal order) followed by its values (sorted, duplicates removed), HMAC-SHA1
 * with the account's auth token, Base64.
 *
 * <p>Use it to sign requests in tests, including forged ones. Stateless and thread-safe.
 */
public final class TwilioSignature {

    private TwilioSignature() {}

    /**
     * The signature of a request to {@code url} with form parameters {@code params} (each name
     * with all its values).
     *
     * @param authToken the account's auth token, the key of the HMAC
     * @param url the full URL the request is posted to, query included
     * @param params the form parameters, each name with all its values
     * @return the value of the {@code X-Twilio-Signature} header (Base64 of an HMAC-SHA1)
     */
    public static String sign(String authToken, String url, Map<String, List<String>> params) {
        Objects.requireNonNull(authToken, "authToken");
        Objects.requireNonNull(url, "url");
        StringBuilder data = new StringBuilder(url);
        for (Map.Entry<String, List<String>> entry : new TreeMap<>(params).entrySet()) {
            List<String> values = new ArrayList<>(new java.util.TreeSet<>(entry.getValue()));
            for (String value : values) {
                data.append(entry.getKey()).append(value == null ? "" : value);
            }
        }
        return hmacSha1Base64(authToken, data.toString());
    }

    /**
     * The signature of a request to {@code url} with single-valued parameters.
     *
     * @param authToken the account's auth token, the key of the HMAC
     * @param url the full URL the request is posted to, query included
     * @param params the form parameters, one value each
     * @return the value of the {@code X-Twilio-Signature} header (Base64 of an HMAC-SHA1)
     */
    public static String signSingle(String authToken, String url, Map<String, String> params) {
        Map<String, List<String>> multi = new TreeMap<>();
        params.forEach((name, value) -> multi.put(name, List.of(value == null ? "" : value)));
        return sign(authToken, url, multi);
    }

    /**
     * The {@code bodySHA256} query parameter Twilio adds to the URL of a webhook with a JSON body:
     * the lower-case hexadecimal SHA-256 of the body's UTF-8 bytes. The signature of such a request
     * is {@link #sign(String, String, Map) sign(token, urlWithThatParameter, Map.of())}.
     *
     * @param body the raw request body
     * @return 64 lower-case hexadecimal characters
     */
    public static String bodySha256(String body) {
        Objects.requireNonNull(body, "body");
        try {
            byte[] digest =
                    java.security.MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(64);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String hmacSha1Base64(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }
}
