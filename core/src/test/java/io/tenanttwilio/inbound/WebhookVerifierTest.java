package io.tenanttwilio.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.security.RequestValidator;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookVerifierTest {

    private static final WebhookVerifier VERIFIER = WebhookVerifier.create();

    static Stream<JsonNode> vectors() throws Exception {
        try (InputStream in = WebhookVerifierTest.class.getResourceAsStream("/twilio/signature-vectors.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<JsonNode> vectors = new ArrayList<>();
            root.get("vectors")
                    .forEach(vector -> vectors.add(((com.fasterxml.jackson.databind.node.ObjectNode) vector)
                            .put("token", root.get("authToken").asText())
                            .put("defaultBody", root.get("jsonBody").asText())));
            return vectors.stream();
        }
    }

    private static Map<String, List<String>> params(JsonNode vector) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (vector.has("params") && vector.get("params").isObject()) {
            vector.get("params").fields().forEachRemaining(field -> {
                List<String> values = new ArrayList<>();
                if (field.getValue().isArray()) {
                    field.getValue().forEach(value -> values.add(value.asText()));
                } else {
                    values.add(field.getValue().isNull() ? "" : field.getValue().asText());
                }
                params.put(field.getKey(), values);
            });
        }
        return params;
    }

    /** The JSON body a vector signs: its own, the fixture's, or the empty object "{}" it hashes. */
    private static String body(JsonNode vector) {
        if (vector.has("body")) {
            return vector.get("body").asText();
        }
        String fixture = vector.get("defaultBody").asText();
        return vector.get("url").asText().contains("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a")
                ? "{}"
                : fixture;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void agreesWithEveryPublicVector(JsonNode vector) {
        String token = vector.get("token").asText();
        String url = vector.get("url").asText();
        String signature = vector.get("signature").isNull()
                ? null
                : vector.get("signature").asText();
        boolean expected = vector.get("valid").asBoolean();

        boolean actual = url.contains("bodySHA256") || vector.has("body")
                ? VERIFIER.verifyBody(url, body(vector).getBytes(StandardCharsets.UTF_8), signature, List.of(token))
                : VERIFIER.verify(url, params(vector), signature, List.of(token));

        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void acceptsTheSecondaryTokenDuringARotation() {
        Map<String, List<String>> params = Map.of("Body", List.of("Bonjour"), "MessageSid", List.of("SM1"));
        String signature = VERIFIER.sign("new-token", "https://clinic.example/twilio/sms/k", params);

        assertThat(VERIFIER.verify(
                        "https://clinic.example/twilio/sms/k", params, signature, List.of("old-token", "new-token")))
                .isTrue();
        assertThat(VERIFIER.verify("https://clinic.example/twilio/sms/k", params, signature, List.of("old-token")))
                .isFalse();
    }

    @Test
    void refusesMissingEmptyAndMalformedSignatures() {
        Map<String, List<String>> params = Map.of("A", List.of("1"));
        for (String signature : new String[] {null, "", "   ", "not base64 !!", "AAAA", "x".repeat(200)}) {
            assertThat(VERIFIER.verify("https://a.example/x", params, signature, List.of("t")))
                    .isFalse();
        }
        assertThat(VERIFIER.verify(
                        "https://a.example/x", params, VERIFIER.sign("t", "https://a.example/x", params), List.of()))
                .isFalse();
    }

    @Test
    void countsEveryValueOfARepeatedParameter() {
        Map<String, List<String>> params = Map.of("MediaUrl", List.of("b", "a"));
        String signature = VERIFIER.sign("t", "https://a.example/x", params);

        assertThat(VERIFIER.verify(
                        "https://a.example/x", Map.of("MediaUrl", List.of("a", "b")), signature, List.of("t")))
                .isTrue();
        assertThat(VERIFIER.verify("https://a.example/x", Map.of("MediaUrl", List.of("a")), signature, List.of("t")))
                .isFalse();
    }

    @Test
    void aBodyThatDoesNotMatchItsHashIsRefused() {
        String hash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
        String url = "https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256=" + hash;
        String signature = VERIFIER.sign("12345", url, Map.of());

        assertThat(VERIFIER.verifyBody(
                        url,
                        "{\"property\": \"value\", \"boolean\": true}".getBytes(StandardCharsets.UTF_8),
                        signature,
                        List.of("12345")))
                .isTrue();
        assertThat(VERIFIER.verifyBody(
                        url, "{\"property\": \"other\"}".getBytes(StandardCharsets.UTF_8), signature, List.of("12345")))
                .isFalse();
    }

    /** Random single-valued requests: this verifier and twilio-java's RequestValidator agree on every one. */
    @Property(tries = 2000)
    void agreesWithTwilioJavasRequestValidator(
            @ForAll("urls") String url,
            @ForAll("forms") Map<String, String> params,
            @ForAll("tokens") String token,
            @ForAll("signers") int signer) {
        RequestValidator reference = new RequestValidator(token);
        String signature;
        switch (signer) {
            case 0:
                signature = VERIFIER.sign(token, url, multi(params));
                break;
            case 1:
                signature =
                        VERIFIER.sign(token, WebhookVerifier.urlVariants(url).get(1), multi(params));
                break;
            case 2:
                signature = VERIFIER.sign(token + "x", url, multi(params));
                break;
            default:
                Map<String, String> tampered = new LinkedHashMap<>(params);
                tampered.put("Body", "tampered");
                signature = VERIFIER.sign(token, url, multi(tampered));
        }

        assertThat(VERIFIER.verifySingle(url, params, signature, List.of(token)))
                .isEqualTo(reference.validate(url, params, signature));
    }

    /** The signed string is encoded exactly as the JDK encodes UTF-8, lone surrogates included. */
    @Property(tries = 1000)
    void signsTheUtf8BytesOfTheSignedString(
            @ForAll("anyText") String value, @ForAll("anyText") String name, @ForAll("tokens") String token)
            throws Exception {
        String url = "https://clinic.example/twilio/sms/k3y";
        Map<String, String> params = new java.util.TreeMap<>(Map.of("Body", value, "Z" + name, "x"));
        StringBuilder signed = new StringBuilder(url);
        params.forEach((n, v) -> signed.append(n).append(v));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String expected = java.util.Base64.getEncoder()
                .encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));

        assertThat(VERIFIER.sign(token, url, multi(params))).isEqualTo(expected);
        assertThat(VERIFIER.verifySingle(url, params, expected, List.of(token))).isTrue();
    }

    @Test
    void aLongValueWithACharacterBeyondLatin1IsNotTakenForItsLowBytes() {
        String url = "https://clinic.example/twilio/sms/k3y";
        String token = "0123456789abcdef0123456789abcdef";
        String genuine = "Rendez-vous confirmé pour jeudi à 14 h, Dre Tremblay. ".repeat(3) + "A";
        // U+0141 and U+0441 end in the byte of 'A': copying only low bytes would sign them alike
        for (String forged : List.of(genuine.replace("A", "\u0141"), genuine.replace("A", "\u0441"))) {
            String signature = VERIFIER.sign(token, url, multi(Map.of("Body", genuine)));
            assertThat(VERIFIER.verifySingle(url, Map.of("Body", genuine), signature, List.of(token)))
                    .isTrue();
            assertThat(VERIFIER.verifySingle(url, Map.of("Body", forged), signature, List.of(token)))
                    .isFalse();
            assertThat(VERIFIER.sign(token, url, multi(Map.of("Body", forged))))
                    .isEqualTo(signed(token, url + "Body" + forged));
        }
    }

    @Test
    void aSignatureHeaderIsReadAsBase64Only() {
        String url = "https://clinic.example/twilio/sms/k3y";
        String token = "0123456789abcdef0123456789abcdef";
        Map<String, String> params = Map.of("Body", "Bonjour");
        String signature = VERIFIER.sign(token, url, multi(params));
        assertThat(signature).hasSize(28);

        assertThat(VERIFIER.verifySingle(url, params, signature, List.of(token)))
                .isTrue();
        assertThat(VERIFIER.verifySingle(url, params, " " + signature + " ", List.of(token)))
                .as("surrounding blanks")
                .isTrue();
        assertThat(VERIFIER.verifySingle(url, params, " " + signature.substring(0, 27), List.of(token)))
                .as("27 characters and a blank, unpadded")
                .isTrue();
        // the same low bytes under a character beyond ASCII are not the signature
        String disguised = (char) (0x100 + signature.charAt(0)) + signature.substring(1);
        assertThat(VERIFIER.verifySingle(url, params, disguised, List.of(token)))
                .isFalse();
        assertThat(VERIFIER.verifySingle(url, params, signature.substring(0, 27) + "A", List.of(token)))
                .as("21 bytes")
                .isFalse();
        assertThat(VERIFIER.verifySingle(url, params, signature.substring(0, 26) + "==", List.of(token)))
                .as("19 bytes")
                .isFalse();
    }

    private static String signed(String token, String text) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return java.util.Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void requestsWithTheSameNumberOfDifferentNamesAreEachSortedAfresh() {
        String url = "https://clinic.example/twilio/sms/k3y";
        Map<String, String> first = new LinkedHashMap<>();
        first.put("To", "+14189419686");
        first.put("Body", "un");
        Map<String, String> second = new LinkedHashMap<>();
        second.put("Zeta", "+14189419686");
        second.put("Alpha", "deux");
        Map<String, String> reordered = new LinkedHashMap<>();
        reordered.put("Body", "un");
        reordered.put("To", "+14189419686");
        String token = "0123456789abcdef0123456789abcdef";
        for (Map<String, String> params : List.of(first, second, reordered, first, second)) {
            String signature = VERIFIER.sign(token, url, multi(params));
            assertThat(new RequestValidator(token).validate(url, params, signature))
                    .as(params.keySet().toString())
                    .isTrue();
            assertThat(VERIFIER.verifySingle(url, params, signature, List.of(token)))
                    .as(params.keySet().toString())
                    .isTrue();
        }
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30),
                Arbitraries.strings().withCharRange('\uD800', '\uDFFF').ofMaxLength(4),
                // long values (a message body) take the Latin-1 path when they can
                Arbitraries.strings().ofMinLength(60).ofMaxLength(400),
                Arbitraries.strings()
                        .withCharRange('\u0000', '\u00FF')
                        .ofMinLength(60)
                        .ofMaxLength(400),
                Arbitraries.strings()
                        .withCharRange(' ', '~')
                        .ofMinLength(60)
                        .ofMaxLength(400)
                        .map(text -> text + "\u0141" + text), // Ł: its low byte is 'A',
                Arbitraries.of(
                        "😀 Bonjour", "a\uD83D", "\uDE00b", "日本語", "çà", "\u0000\u007F\u0080\u07FF\u0800\uFFFF"));
    }

    private static Map<String, List<String>> multi(Map<String, String> params) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((name, value) -> multi.put(name, List.of(value)));
        return multi;
    }

    @Provide
    Arbitrary<String> urls() {
        Arbitrary<String> scheme = Arbitraries.of("https", "http");
        Arbitrary<String> host = Arbitraries.of("clinic.example", "app.example.com", "user:pw@app.example");
        Arbitrary<String> port = Arbitraries.of("", "", ":443", ":80", ":8443");
        Arbitrary<String> path = Arbitraries.of("/twilio/sms/k3y", "/sms", "/a/b/c", "/webhook/España");
        Arbitrary<String> query = Arbitraries.of("", "", "?tenant=a", "?foo=1&bar=2", "?x=hello%20world");
        return Combinators.combine(scheme, host, port, path, query).as((s, h, p, pa, q) -> s + "://" + h + p + pa + q);
    }

    @Provide
    Arbitrary<Map<String, String>> forms() {
        Arbitrary<String> names = Arbitraries.of(
                "MessageSid",
                "AccountSid",
                "From",
                "To",
                "Body",
                "NumMedia",
                "MediaUrl0",
                "callSid",
                "CALLSID",
                "ToCity",
                "FromZip",
                "SmsStatus",
                "ApiVersion",
                "OptOutType");
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("éàçüñ&=+%? \n").ofMaxLength(10),
                Arbitraries.of("+15815006712", "SM0123", ""));
        return Arbitraries.maps(names, values).ofMaxSize(14);
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.strings().withChars("0123456789abcdef").ofLength(32);
    }

    @Provide
    Arbitrary<Integer> signers() {
        return Arbitraries.integers().between(0, 3);
    }
}
