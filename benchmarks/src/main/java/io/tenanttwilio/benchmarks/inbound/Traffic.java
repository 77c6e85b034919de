package io.tenanttwilio.benchmarks.inbound;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.inbound.WebhookVerifier;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.store.jdbc.JdbcStores;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tenants of a run and the webhooks Twilio would send them: each tenant has credentials and
 * an active number in the SDK's stores (and the same account in the baseline's table), and every
 * request is an inbound SMS signed with the tenant's auth token exactly as Twilio signs it (the
 * URL, then every parameter name and value sorted by name, HMAC-SHA1, base64).
 */
final class Traffic {

    /** Sender {@code i} is {@code +1 (PHONE_BASE + i)}: Montreal numbers 514-200-0000 onwards. */
    static final long PHONE_BASE = 5_142_000_000L;

    /** Senders of the load steps, after the range the contact seeding uses. */
    static final int LOAD_SENDERS_FROM = 2_000_000;

    /** Senders new to the tenant in the baseline steps. */
    static final int NEW_SENDERS_FROM = 5_000_000;

    /** A tenant: its token and its number, in the SDK's registry and in the baseline's table. */
    record Clinic(TenantId tenant, String accountSid, String token, String number, String webhookKey) {}

    private final URI base;
    private final List<Clinic> clinics;
    private final WebhookVerifier signer = WebhookVerifier.create();
    private final int runTag = (int) (System.nanoTime() & 0x7fff_ffff);
    private final AtomicInteger newSenders = new AtomicInteger();

    private Traffic(URI base, List<Clinic> clinics) {
        this.base = base;
        this.clinics = clinics;
    }

    /**
     * Registers {@code count} tenants directly in the stores (credentials, then an active number
     * whose webhook is {@code base/twilio/sms/{key}}) and in the baseline's accounts table.
     */
    static Traffic register(URI base, JdbcStores stores, BenchDatabase database, int count) throws SQLException {
        List<Clinic> clinics = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TenantId tenant = TenantId.of("clinic-" + i);
            String account = "AC" + hex();
            String token = hex();
            stores.credentials().save(tenant, TwilioCredentials.ofAuthToken(account, token));
            String key = hex();
            String number = String.format(Locale.ROOT, "+1418555%04d", 100 + i);
            Instant now = Instant.now();
            stores.numbers()
                    .insertIfAbsent(NumberRecord.builder()
                            .id(UUID.randomUUID().toString())
                            .tenantId(tenant)
                            .purchaseKey("bench-" + i)
                            .requested("area:418")
                            .accountSid(account)
                            .webhookKey(key)
                            .smsUrl(base + "/twilio/sms/" + key)
                            .statusCallbackUrl(base + "/twilio/status/" + key)
                            .friendlyName(tenant.value())
                            .phoneNumber(PhoneNumber.ofE164(number))
                            .twilioSid("PN" + hex())
                            .state(NumberState.ACTIVE)
                            .createdAt(now)
                            .updatedAt(now)
                            .build());
            database.naiveAccount(tenant.value(), number, token);
            clinics.add(new Clinic(tenant, account, token, number, key));
        }
        return new Traffic(base, clinics);
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    List<Clinic> clinics() {
        return clinics;
    }

    /** The E.164 number of sender {@code index}. */
    static String phone(int index) {
        return "+1" + (PHONE_BASE + index);
    }

    /** The SID prefix of step {@code step} of this run: 18 of the 34 characters. */
    String sidPrefix(int step) {
        return String.format(Locale.ROOT, "SM%08x%08x", runTag, step);
    }

    /** The SID of message {@code seq} of step {@code step}. */
    String sid(int step, int seq) {
        return sidPrefix(step) + String.format(Locale.ROOT, "%016x", seq);
    }

    /** Message {@code seq} of a step, as a sequence number out of its SID. */
    static int seqOf(String sid) {
        return (int) Long.parseLong(sid.substring(18), 16);
    }

    /** Where a step sends its requests. */
    enum Target {
        /** {@code TwilioWebhookServlet} over the SDK. */
        SDK,
        /** The hand-rolled servlet. */
        NAIVE,
        /** A servlet that answers at once: what the load generator and Jetty alone can do. */
        NOOP
    }

    /** Who sends message {@code seq} of a step: a tenant and a sender number. */
    @FunctionalInterface
    interface Senders {
        /**
         * Fills {@code into[0]} with the tenant index and {@code into[1]} with the sender index of
         * message {@code seq} of step {@code step}.
         */
        void pick(int step, int seq, int[] into);
    }

    /**
     * Load steps: message {@code seq} goes to tenant {@code seq % tenants}, from one of {@code
     * pool} senders drawn at random (the same sender texts the same tenant again later, and new
     * senders keep creating contacts while the pool fills).
     */
    Senders spread(int pool) {
        return (step, seq, into) -> {
            into[0] = seq % clinics.size();
            into[1] = LOAD_SENDERS_FROM
                    + new SplittableRandom(((long) step << 32) ^ (seq * 0x9E3779B97F4A7C15L)).nextInt(pool);
        };
    }

    /**
     * Baseline steps: every message goes to tenant 0, from one of its {@code contacts} seeded
     * contacts, except one in ten from a new sender (a contact to create).
     */
    Senders seeded(int contacts) {
        return (step, seq, into) -> {
            into[0] = 0;
            SplittableRandom random = new SplittableRandom(((long) step << 32) ^ (seq * 0x9E3779B97F4A7C15L));
            into[1] = random.nextInt(10) == 0
                    ? NEW_SENDERS_FROM + newSenders.getAndIncrement() % 3_000_000
                    : random.nextInt(contacts);
        };
    }

    /** The signed HTTP request of message {@code seq} of step {@code step}, as bytes. */
    byte[] request(Target target, int step, int seq, Senders senders) {
        int[] picked = new int[2];
        senders.pick(step, seq, picked);
        Clinic clinic = clinics.get(picked[0]);
        String path = switch (target) {
            case SDK -> "/twilio/sms/" + clinic.webhookKey();
            case NAIVE -> "/naive/sms";
            case NOOP -> "/noop/sms";
        };
        Map<String, List<String>> params = params(clinic, phone(picked[1]), sid(step, seq));
        String signature = signer.sign(clinic.token(), base + path, params);
        return LoadGenerator.post(
                base,
                path,
                new String[][] {
                    {"Content-Type", "application/x-www-form-urlencoded"},
                    {"X-Twilio-Signature", signature},
                    {"User-Agent", "TwilioProxy/1.1"}
                },
                form(params));
    }

    /** The 19 parameters Twilio sends with a one-segment inbound SMS. */
    private static Map<String, List<String>> params(Clinic clinic, String from, String sid) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("ToCountry", List.of("CA"));
        params.put("ToState", List.of("QC"));
        params.put("SmsMessageSid", List.of(sid));
        params.put("NumMedia", List.of("0"));
        params.put("ToCity", List.of("QUEBEC"));
        params.put("FromZip", List.of(""));
        params.put("SmsSid", List.of(sid));
        params.put("FromState", List.of("QC"));
        params.put("SmsStatus", List.of("received"));
        params.put("FromCity", List.of("MONTREAL"));
        params.put("Body", List.of("Bonjour, je confirme mon rendez-vous de jeudi à 14 h."));
        params.put("FromCountry", List.of("CA"));
        params.put("To", List.of(clinic.number()));
        params.put("ToZip", List.of(""));
        params.put("NumSegments", List.of("1"));
        params.put("MessageSid", List.of(sid));
        params.put("AccountSid", List.of(clinic.accountSid()));
        params.put("From", List.of(from));
        params.put("ApiVersion", List.of("2010-04-01"));
        return params;
    }

    private static byte[] form(Map<String, List<String>> params) {
        StringBuilder form = new StringBuilder(512);
        params.forEach((name, values) -> values.forEach(value -> form.append(form.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return form.toString().getBytes(StandardCharsets.UTF_8);
    }
}
