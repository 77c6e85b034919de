package io.tenanttwilio.test.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The simulator's signer against the public test vectors of twilio-java, twilio-python and
 * twilio-node ({@code /twilio/signature-vectors.json}, copied from the project's shared Twilio
 * facts; the vectors come from those SDKs' test suites, MIT-licensed).
 */
class SignatureVectorsTest {

    static Stream<JsonNode> validVectors() throws Exception {
        JsonNode root = load();
        List<JsonNode> vectors = new ArrayList<>();
        root.get("vectors").forEach(vector -> {
            if (vector.path("valid").asBoolean(false)
                    && vector.has("params")
                    && vector.get("params").isObject()
                    && !vector.path("url").asText().isEmpty()) {
                vectors.add(vector);
            }
        });
        assertThat(vectors).hasSizeGreaterThan(10);
        return vectors.stream();
    }

    private static JsonNode load() throws Exception {
        try (InputStream in = SignatureVectorsTest.class.getResourceAsStream("/twilio/signature-vectors.json")) {
            return Json.MAPPER.readTree(in);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validVectors")
    void reproducesEveryValidVector(JsonNode vector) throws Exception {
        String token = vector.has("authToken")
                ? vector.get("authToken").asText()
                : load().get("authToken").asText();
        Map<String, List<String>> params = new LinkedHashMap<>();
        vector.get("params").fields().forEachRemaining(field -> {
            List<String> values = new ArrayList<>();
            if (field.getValue().isArray()) {
                field.getValue().forEach(v -> values.add(v.asText()));
            } else {
                values.add(field.getValue().isNull() ? "" : field.getValue().asText());
            }
            params.put(field.getKey(), values);
        });
        String url = vector.get("url").asText();

        // Twilio signs the URL as configured; some vectors were signed with the default port written
        // out (or left out), which verifiers must tolerate. The signer reproduces the one that was used.
        assertThat(List.of(
                        TwilioSignature.sign(token, url, params),
                        TwilioSignature.sign(token, withDefaultPort(url), params),
                        TwilioSignature.sign(token, withoutPort(url), params)))
                .contains(vector.get("signature").asText());
    }

    private static String withDefaultPort(String url) {
        java.net.URI uri = java.net.URI.create(url.replace("'", "%27").replace(" ", "%20"));
        if (uri.getPort() != -1 || uri.getRawAuthority() == null) {
            return url;
        }
        int authorityEnd = url.indexOf('/', url.indexOf("//") + 2);
        String port = url.startsWith("https") ? ":443" : ":80";
        return authorityEnd < 0 ? url + port : url.substring(0, authorityEnd) + port + url.substring(authorityEnd);
    }

    private static String withoutPort(String url) {
        return url.replaceFirst("^(https?://[^/]*?):\\d+(/|$)", "$1$2");
    }
}
