package io.tenanttwilio.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.inbound.WebhookRequest;
import io.tenanttwilio.inbound.WebhookResponse;
import io.tenanttwilio.inbound.WebhookVerifier;
import io.tenanttwilio.it.jdbc.InboundRig.Clinic;
import io.tenanttwilio.store.jdbc.JdbcStores;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * 100,000 random and malformed webhook requests through the inbound pipeline: random bytes,
 * invalid UTF-8, repeated keys, missing fields, huge values, wrong methods, paths and content
 * types, signed or not. Every answer is a 2xx, or a 4xx that gives its reason; nothing throws;
 * and no message is stored unless its request was validly signed.
 */
class WebhookFuzzIT {

    private static final int CASES = 100_000;
    private static final WebhookVerifier VERIFIER = WebhookVerifier.create();
    private static final String[] CONTENT_TYPES = {
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=UTF-8",
        "application/json",
        "text/plain",
        "multipart/form-data; boundary=x",
        "",
        "application/x-www-form-urlencoded; charset=ISO-8859-1",
    };
    private static final String[] NAMES = {
        "MessageSid",
        "SmsSid",
        "AccountSid",
        "From",
        "To",
        "Body",
        "NumMedia",
        "MediaUrl0",
        "MediaContentType0",
        "NumSegments",
        "MessageStatus",
        "ErrorCode",
        "OptOutType",
        "MessagingServiceSid",
        "ApiVersion",
        "x",
        ""
    };

    @Test
    void randomAndMalformedRequestsNeverFailTheServerNorStoreAnythingUnsigned() throws Exception {
        DataSource database = Databases.h2();
        JdbcStores stores = JdbcStores.of(database, Databases.cipher());
        List<Clinic> clinics = InboundRig.clinics(stores, 3);
        SplittableRandom random = new SplittableRandom(20261123L);
        Set<String> validlySigned = new HashSet<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        try (TenantTwilio sdk = InboundRig.sdk(stores)) {
            for (int i = 0; i < CASES; i++) {
                Clinic clinic = clinics.get(random.nextInt(clinics.size()));
                Case generated = generate(clinic, clinics, random, i);
                WebhookResponse response;
                try {
                    response = sdk.webhooks().handle(generated.request);
                } catch (RuntimeException e) {
                    failures.add("case " + i + " (" + generated.kind + ") threw "
                            + e.getClass().getName());
                    continue;
                }
                statuses.merge(response.status(), 1, Integer::sum);
                int status = response.status();
                if (!(status >= 200 && status < 300) && !(status >= 400 && status < 500)) {
                    failures.add("case " + i + " (" + generated.kind + ") answered " + status);
                } else if (status >= 400 && response.body().isBlank()) {
                    failures.add("case " + i + " (" + generated.kind + ") answered " + status + " without a reason");
                }
                if (generated.signedSid != null) {
                    validlySigned.add(generated.signedSid);
                }
            }
        }

        assertThat(failures)
                .as("answers that are neither 2xx nor 4xx with a reason")
                .isEmpty();
        // The run exercised both outcomes.
        assertThat(statuses.get(200)).isGreaterThan(CASES / 20);
        assertThat(statuses.keySet().stream().filter(s -> s >= 400).count()).isGreaterThanOrEqualTo(2);
        List<String> stored = InboundRig.storedSids(database);
        assertThat(stored).isNotEmpty();
        assertThat(validlySigned).as("every stored message was validly signed").containsAll(stored);
    }

    /** A generated request; {@code signedSid} is its MessageSid when it is validly signed, else null. */
    record Case(String kind, WebhookRequest request, String signedSid) {}

    static Case generate(Clinic clinic, List<Clinic> clinics, SplittableRandom random, int i) {
        switch (random.nextInt(6)) {
            case 0:
                return randomBytes(clinic, random);
            case 1:
                return wrongRequestLine(clinic, random);
            default:
                return mangledForm(clinic, clinics, random, i);
        }
    }

    /** Random bytes, sometimes a valid-looking signature header, any content type. */
    private static Case randomBytes(Clinic clinic, SplittableRandom random) {
        byte[] body = new byte[random.nextInt(random.nextInt(10) == 0 ? 70_000 : 600)];
        random.nextBytes(body);
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)]);
        if (random.nextBoolean()) {
            headers.put("X-Twilio-Signature", random.nextBoolean() ? "AAAAAAAAAAAAAAAAAAAAAAAAAAA=" : "%%%");
        }
        return new Case(
                "random bytes",
                WebhookRequest.of("POST", "/sms/" + clinic.number().webhookKey(), null, headers, body),
                null);
    }

    /** A well-signed message sent with the wrong method, path or query. */
    private static Case wrongRequestLine(Clinic clinic, SplittableRandom random) {
        Map<String, List<String>> params = inbound(clinic, "+15815006712", "Bonjour");
        String[] methods = {"PUT", "DELETE", "GET", "PATCH", "POST", "HEAD"};
        String[] paths = {
            "/sms/" + InboundRig.hex(),
            "/status/" + clinic.number().webhookKey(),
            "/sms/",
            "/",
            "/sms/" + clinic.number().webhookKey() + "/x",
            "/sms/" + clinic.number().webhookKey() + "%00",
            "/voice/" + clinic.number().webhookKey(),
        };
        String method = methods[random.nextInt(methods.length)];
        String path = paths[random.nextInt(paths.length)];
        String query = random.nextBoolean() ? null : "a=1&a=2&&=";
        String signature = VERIFIER.sign(clinic.token(), clinic.number().smsUrl(), params);
        return new Case(
                method + " " + path,
                WebhookRequest.of(method, path, query, headers(signature, random), InboundRig.form(params)),
                null);
    }

    /**
     * An inbound message with one or more defects: fields missing, repeated, huge or of the wrong
     * form, invalid UTF-8, unknown parameters. Half are signed over exactly what is sent.
     */
    private static Case mangledForm(Clinic clinic, List<Clinic> clinics, SplittableRandom random, int i) {
        String from = random.nextInt(8) == 0
                ? List.of("", "abc", "+1", "+999999999999999999", "(581) 500-6712", "+33142685300", "0")
                        .get(random.nextInt(7))
                : String.format("+1581%07d", 2_000_000 + random.nextInt(7_000_000));
        Map<String, List<String>> params = inbound(clinic, from, "Message " + i);
        int defects = 1 + random.nextInt(3);
        List<String> kinds = new ArrayList<>();
        for (int d = 0; d < defects; d++) {
            String name = NAMES[random.nextInt(NAMES.length)];
            switch (random.nextInt(7)) {
                case 0:
                    params.remove(name);
                    kinds.add("no " + name);
                    break;
                case 1:
                    params.put(name, List.of("a", "b"));
                    kinds.add("repeated " + name);
                    break;
                case 2:
                    params.put(name, List.of("x".repeat(random.nextInt(1, 70_000))));
                    kinds.add("huge " + name);
                    break;
                case 3:
                    params.put(name, List.of("\uFFFD\u0000\uD83D" + random.nextInt()));
                    kinds.add("odd characters in " + name);
                    break;
                case 4:
                    params.put(name, List.of(""));
                    kinds.add("empty " + name);
                    break;
                case 5:
                    params.put("MessageSid", List.of(random.nextBoolean() ? "SM123" : "MM" + InboundRig.hex()));
                    kinds.add("odd MessageSid");
                    break;
                default:
                    kinds.add("none");
            }
        }
        boolean sign = random.nextBoolean();
        Clinic signer = random.nextInt(10) == 0 ? clinics.get(random.nextInt(clinics.size())) : clinic;
        String signature = sign
                ? VERIFIER.sign(signer.token(), clinic.number().smsUrl(), params)
                : (random.nextBoolean() ? null : "bm90IGEgc2lnbmF0dXJlIGF0IGFsbA==");
        byte[] body = InboundRig.form(params);
        boolean invalidUtf8 = random.nextInt(10) == 0;
        if (invalidUtf8) {
            ByteArrayOutputStream mangled = new ByteArrayOutputStream();
            mangled.writeBytes(body);
            mangled.writeBytes("&Body=%FF%FE%C3%28".getBytes(StandardCharsets.US_ASCII));
            body = mangled.toByteArray();
            kinds.add("invalid UTF-8");
        }
        List<String> sids = params.get("MessageSid");
        boolean validlySigned = sign && signer == clinic && !invalidUtf8;
        String signedSid = validlySigned && sids != null && !sids.isEmpty() ? sids.get(0) : null;
        WebhookRequest request = WebhookRequest.of(
                "POST", "/sms/" + clinic.number().webhookKey(), null, headers(signature, random), body);
        return new Case(String.join(", ", kinds), request, signedSid);
    }

    private static Map<String, List<String>> inbound(Clinic clinic, String from, String body) {
        return InboundRig.inboundParams(clinic, from, body, "SM" + InboundRig.hex());
    }

    private static Map<String, String> headers(String signature, SplittableRandom random) {
        Map<String, String> headers = new HashMap<>();
        headers.put(
                "Content-Type",
                random.nextInt(8) == 0
                        ? CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)]
                        : "application/x-www-form-urlencoded");
        if (signature != null) {
            headers.put("X-Twilio-Signature", signature);
        }
        return headers;
    }
}
