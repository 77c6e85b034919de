package io.tenanttwilio.it.jdbc;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.inbound.WebhookRequest;
import io.tenanttwilio.inbound.WebhookResponse;
import io.tenanttwilio.inbound.WebhookVerifier;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.store.jdbc.JdbcStores;
import io.tenanttwilio.test.leaks.LeakCanaries;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Tenants with credentials and an active number, registered directly in the JDBC stores, and
 * signed inbound webhooks for them: the inbound pipeline without HTTP.
 */
final class InboundRig {

    static final URI PUBLIC_URL = URI.create("https://clinic.example/twilio");

    /** A tenant of the rig. */
    record Clinic(TenantId tenant, String accountSid, String token, NumberRecord number) {
        PhoneNumber phone() {
            return number.phoneNumber().orElseThrow();
        }
    }

    private InboundRig() {}

    static TenantTwilio sdk(JdbcStores stores) {
        return TenantTwilio.builder()
                .stores(stores)
                .publicBaseUrl(PUBLIC_URL)
                .defaultRegion("CA")
                .build();
    }

    static List<Clinic> clinics(JdbcStores stores, int count) {
        List<Clinic> clinics = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TenantId tenant = TenantId.of(
                    "clinic-" + i + "-" + UUID.randomUUID().toString().substring(0, 6));
            String account = "AC" + hex();
            String token = hex();
            LeakCanaries.register(token);
            stores.credentials().save(tenant, TwilioCredentials.ofAuthToken(account, token));
            String key = UUID.randomUUID().toString().replace("-", "");
            Instant now = Instant.now();
            NumberRecord record = NumberRecord.builder()
                    .id(UUID.randomUUID().toString())
                    .tenantId(tenant)
                    .purchaseKey("k")
                    .requested("area:418")
                    .accountSid(account)
                    .webhookKey(key)
                    .smsUrl(PUBLIC_URL + "/sms/" + key)
                    .statusCallbackUrl(PUBLIC_URL + "/status/" + key)
                    .friendlyName(tenant.value())
                    .phoneNumber(PhoneNumber.ofE164(String.format(Locale.ROOT, "+1418555%04d", 100 + i)))
                    .twilioSid("PN" + hex())
                    .state(NumberState.ACTIVE)
                    .createdAt(now)
                    .updatedAt(now)
                    .build();
            stores.numbers().insertIfAbsent(record);
            clinics.add(new Clinic(tenant, account, token, record));
        }
        return clinics;
    }

    /** The Twilio SIDs of every message stored in {@code database}, every tenant's. */
    static List<String> storedSids(DataSource database) throws SQLException {
        List<String> sids = new ArrayList<>();
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT twilio_sid FROM tt_messages")) {
            while (rows.next()) {
                sids.add(rows.getString(1));
            }
        }
        return sids;
    }

    static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** A signed inbound SMS from {@code from} to the clinic's number. */
    static WebhookRequest inbound(Clinic clinic, String from, String body, String messageSid) {
        Map<String, List<String>> params = inboundParams(clinic, from, body, messageSid);
        String signature =
                WebhookVerifier.create().sign(clinic.token(), clinic.number().smsUrl(), params);
        return WebhookRequest.of(
                "POST",
                "/sms/" + clinic.number().webhookKey(),
                null,
                Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Twilio-Signature", signature),
                form(params));
    }

    /** The parameters of an inbound SMS from {@code from} to the clinic's number, as Twilio sends them. */
    static Map<String, List<String>> inboundParams(Clinic clinic, String from, String body, String messageSid) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("MessageSid", List.of(messageSid));
        params.put("SmsSid", List.of(messageSid));
        params.put("AccountSid", List.of(clinic.accountSid()));
        params.put("From", List.of(from));
        params.put("To", List.of(clinic.phone().e164()));
        LeakCanaries.register(body);
        params.put("Body", List.of(body));
        params.put("NumMedia", List.of("0"));
        params.put("NumSegments", List.of("1"));
        params.put("ApiVersion", List.of("2010-04-01"));
        return params;
    }

    /** {@code params} as an {@code application/x-www-form-urlencoded} body, in their order. */
    static byte[] form(Map<String, List<String>> params) {
        StringBuilder form = new StringBuilder();
        params.forEach((name, values) -> values.forEach(value -> form.append(form.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return form.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Delivers until answered 200, as Twilio's retries would; returns the statuses seen. */
    static List<Integer> deliverUntilAccepted(TenantTwilio sdk, WebhookRequest request, int maxAttempts)
            throws InterruptedException {
        List<Integer> statuses = new ArrayList<>();
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            WebhookResponse response = sdk.webhooks().handle(request);
            statuses.add(response.status());
            if (response.status() == 200) {
                return statuses;
            }
            Thread.sleep(20L * (attempt + 1));
        }
        return statuses;
    }
}
