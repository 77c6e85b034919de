package io.tenanttwilio.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.inbound.WebhookRequest;
import io.tenanttwilio.inbound.WebhookVerifier;
import io.tenanttwilio.it.jdbc.InboundRig.Clinic;
import io.tenanttwilio.store.jdbc.JdbcStores;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * For 10,000 generated, validly signed inbound messages, every single mutation — a parameter
 * changed, added or removed; the signed URL's host, path or query changed; the request sent with
 * a query, or to another clinic's webhook; the signature made with another clinic's token — is
 * refused, and the unmutated request is then accepted. Nothing but the originals is stored.
 */
class SignatureTamperingIT {

    private static final int REQUESTS = 10_000;
    private static final WebhookVerifier VERIFIER = WebhookVerifier.create();

    @Test
    void everySingleMutationOfAValidRequestIsRefused() throws Exception {
        DataSource database = Databases.h2();
        JdbcStores stores = JdbcStores.of(database, Databases.cipher());
        List<Clinic> clinics = InboundRig.clinics(stores, 4);
        SplittableRandom random = new SplittableRandom(11L);
        int mutations = 0;
        List<String> falseAccepts = new ArrayList<>();
        try (TenantTwilio sdk = InboundRig.sdk(stores)) {
            for (int i = 0; i < REQUESTS; i++) {
                Clinic clinic = clinics.get(i % clinics.size());
                Clinic other = clinics.get((i + 1) % clinics.size());
                Map<String, List<String>> params = params(clinic, random, i);
                String url = clinic.number().smsUrl();
                String path = "/sms/" + clinic.number().webhookKey();
                String signature = VERIFIER.sign(clinic.token(), url, params);

                List<Mutation> tries = new ArrayList<>();
                List<String> names = new ArrayList<>(params.keySet());
                String name = names.get(random.nextInt(names.size()));
                Map<String, List<String>> changed = copy(params);
                changed.put(name, List.of(params.get(name).get(0) + (random.nextBoolean() ? "1" : " ")));
                tries.add(new Mutation("parameter " + name + " changed", path, null, changed, signature));
                Map<String, List<String>> added = copy(params);
                added.put("ToCity", List.of("QUEBEC"));
                tries.add(new Mutation("parameter added", path, null, added, signature));
                Map<String, List<String>> removed = copy(params);
                removed.remove(name);
                tries.add(new Mutation("parameter " + name + " removed", path, null, removed, signature));
                Map<String, List<String>> repeated = copy(params);
                // Repeating a value exactly changes nothing Twilio signs (it signs each distinct
                // value once); a second, different value does.
                repeated.put(
                        name, List.of(params.get(name).get(0), params.get(name).get(0) + "2"));
                tries.add(new Mutation("parameter " + name + " given a second value", path, null, repeated, signature));
                tries.add(new Mutation(
                        "host changed",
                        path,
                        null,
                        params,
                        VERIFIER.sign(clinic.token(), url.replace("clinic.example", "clinic.example.evil"), params)));
                tries.add(new Mutation(
                        "signed path changed",
                        path,
                        null,
                        params,
                        VERIFIER.sign(clinic.token(), url.replace("/sms/", "/status/"), params)));
                tries.add(new Mutation(
                        "signed query added",
                        path,
                        null,
                        params,
                        VERIFIER.sign(
                                clinic.token(),
                                url + "?tenant=" + other.tenant().value(),
                                params)));
                tries.add(new Mutation("query added to the request", path, "x=1", params, signature));
                tries.add(new Mutation(
                        "sent to another clinic's webhook",
                        "/sms/" + other.number().webhookKey(),
                        null,
                        params,
                        signature));
                tries.add(new Mutation(
                        "signed with another clinic's token",
                        path,
                        null,
                        params,
                        VERIFIER.sign(other.token(), url, params)));
                for (Mutation mutation : tries) {
                    mutations++;
                    int status = sdk.webhooks()
                            .handle(request(mutation.path, mutation.query, mutation.params, mutation.signature))
                            .status();
                    if (status < 400) {
                        falseAccepts.add(mutation.what + " (answered " + status + ")");
                    }
                }
                assertThat(sdk.webhooks()
                                .handle(request(path, null, params, signature))
                                .status())
                        .as("the unmutated request")
                        .isEqualTo(200);
            }
        }

        assertThat(mutations).isEqualTo(REQUESTS * 10);
        assertThat(falseAccepts).as("false accepts").isEmpty();
        assertThat(count(database, "SELECT count(*) FROM tt_messages")).isEqualTo(REQUESTS);
        assertThat(count(database, "SELECT count(DISTINCT twilio_sid) FROM tt_messages"))
                .isEqualTo(REQUESTS);
    }

    private record Mutation(
            String what, String path, String query, Map<String, List<String>> params, String signature) {}

    /** An inbound SMS as Twilio sends it, with a random body (accents, emoji, punctuation). */
    private static Map<String, List<String>> params(Clinic clinic, SplittableRandom random, int i) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        String sid = "SM" + InboundRig.hex();
        params.put("ToCountry", List.of("CA"));
        params.put("SmsMessageSid", List.of(sid));
        params.put("NumMedia", List.of("0"));
        params.put("SmsSid", List.of(sid));
        params.put("SmsStatus", List.of("received"));
        params.put("Body", List.of(body(random)));
        params.put("To", List.of(clinic.phone().e164()));
        params.put("NumSegments", List.of("1"));
        params.put("MessageSid", List.of(sid));
        params.put("AccountSid", List.of(clinic.accountSid()));
        params.put("From", List.of(String.format("+1581%07d", 2_000_000 + (i * 7919) % 7_000_000)));
        params.put("ApiVersion", List.of("2010-04-01"));
        return params;
    }

    private static String body(SplittableRandom random) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ0123456789éàçèù,.!?&=+%#\n😀";
        StringBuilder body = new StringBuilder();
        int length = random.nextInt(1, 160);
        for (int i = 0; i < length; i++) {
            body.appendCodePoint(alphabet.codePointAt(
                    alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
        }
        return body.toString();
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> params) {
        return new LinkedHashMap<>(params);
    }

    private static WebhookRequest request(
            String path, String query, Map<String, List<String>> params, String signature) {
        return WebhookRequest.of(
                "POST",
                path,
                query,
                Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Twilio-Signature", signature),
                InboundRig.form(params));
    }

    private static long count(DataSource database, String sql) throws Exception {
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
