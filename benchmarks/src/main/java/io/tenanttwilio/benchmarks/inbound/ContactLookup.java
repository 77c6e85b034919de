package io.tenanttwilio.benchmarks.inbound;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.crypto.AesGcmSecretCipher;
import io.tenanttwilio.crypto.KeyRing;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.messaging.ContactQuery;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.store.jdbc.JdbcStores;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Contact lookup on PostgreSQL as the tenant grows: {@code JdbcContactDirectory.find} (a
 * transaction as the tenant, an equality on the unique key (tenant, E.164)) at 1k, 100k and 1M
 * contacts of one tenant, beside the naive {@code phone LIKE '%digits%'} scan on the same rows.
 * Lookups one at a time, of random existing contacts, after a warm-up; p50 / p99 / mean. Then the
 * listings of {@code JdbcContactDirectory.contacts}: a search by the first digits of a number
 * (a range of the same key, first page of 20), the first page of 50 contacts, and the page of 50
 * after the contact in the middle of the tenant (a keyset cursor: it should cost what the first
 * page costs).
 *
 * <p>Prints Markdown on standard output; exits 1 when a lookup found the wrong contact or none.
 */
public final class ContactLookup {

    private record Row(String way, int contacts, int lookups, double p50, double p99, double mean) {}

    private ContactLookup() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        List<Integer> sizes = List.of(1_000, 100_000, 1_000_000);
        int lookups = 20_000;
        int naiveLookups = 200;
        boolean smoke = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> smoke = true;
                case "--lookups" -> lookups = Integer.parseInt(args[++i]);
                case "--naive-lookups" -> naiveLookups = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("Usage: ContactLookup [--lookups 20000] [--naive-lookups 200] [--smoke]");
                    System.exit(2);
                }
            }
        }
        if (smoke) {
            sizes = List.of(1_000, 10_000);
            lookups = 500;
            naiveLookups = 20;
        }
        List<Row> rows = new ArrayList<>();
        List<Row> pages = new ArrayList<>();
        int wrong = 0;
        try (BenchDatabase database = BenchDatabase.create(BenchDatabase.Kind.POSTGRES, 4, null)) {
            String key = Base64.getEncoder()
                    .encodeToString("tenant-twilio-bench-key-32bytes!".getBytes(StandardCharsets.US_ASCII));
            JdbcStores stores = JdbcStores.of(
                    database.app(),
                    AesGcmSecretCipher.of(KeyRing.builder().key("bench-1", key).build()));
            TenantId tenant = TenantId.of("clinic-0");
            // Another tenant with as many contacts, so that the key's tenant part matters.
            TenantId neighbour = TenantId.of("clinic-1");
            int seeded = 0;
            for (int size : sizes) {
                long started = System.nanoTime();
                database.seedContacts(tenant.value(), seeded, size);
                database.seedContacts(neighbour.value(), seeded, size);
                seeded = size;
                System.err.printf(
                        Locale.ROOT,
                        "[contact-lookup] %,d contacts per tenant seeded in %.1f s%n",
                        size,
                        (System.nanoTime() - started) / 1e9);
                SplittableRandom random = new SplittableRandom(size);
                int warmup = Math.min(2_000, lookups);
                long[] ours = new long[lookups];
                for (int i = -warmup; i < lookups; i++) {
                    String phone = Traffic.phone(random.nextInt(size));
                    long t0 = System.nanoTime();
                    Optional<Contact> found = stores.contacts().find(tenant, PhoneNumber.ofE164(phone));
                    long t1 = System.nanoTime();
                    if (found.isEmpty() || !found.get().phoneNumber().e164().equals(phone)) {
                        wrong++;
                    }
                    if (i >= 0) {
                        ours[i] = t1 - t0;
                    }
                }
                rows.add(row("tenant-twilio (unique key)", size, ours));
                long[] naive = new long[naiveLookups];
                try (Connection connection = database.app().getConnection();
                        PreparedStatement select = connection.prepareStatement(
                                "SELECT id, phone FROM naive_contacts WHERE tenant_id = ? AND phone LIKE ?")) {
                    for (int i = -Math.min(20, naiveLookups); i < naiveLookups; i++) {
                        String phone = Traffic.phone(random.nextInt(size));
                        long t0 = System.nanoTime();
                        select.setString(1, tenant.value());
                        select.setString(2, "%" + phone.substring(1) + "%");
                        String got = null;
                        try (ResultSet result = select.executeQuery()) {
                            if (result.next()) {
                                got = result.getString(2);
                            }
                        }
                        long t1 = System.nanoTime();
                        if (!phone.equals(got)) {
                            wrong++;
                        }
                        if (i >= 0) {
                            naive[i] = t1 - t0;
                        }
                    }
                }
                rows.add(row("naive LIKE '%digits%'", size, naive));
                int listings = Math.max(20, lookups / 10);
                long[] search = new long[listings];
                long[] firstPage = new long[listings];
                long[] middlePage = new long[listings];
                Cursor middle = Cursor.of(stores.contacts()
                        .find(tenant, PhoneNumber.ofE164(Traffic.phone(size / 2)))
                        .orElseThrow()
                        .id());
                for (int i = -Math.min(200, listings); i < listings; i++) {
                    String phone = Traffic.phone(random.nextInt(size));
                    long t0 = System.nanoTime();
                    Page<Contact> found = stores.contacts()
                            .contacts(
                                    tenant,
                                    ContactQuery.all()
                                            .numberStartingWith(phone.substring(0, phone.length() - 3))
                                            .limit(20));
                    long t1 = System.nanoTime();
                    Page<Contact> first = stores.contacts()
                            .contacts(tenant, ContactQuery.all().limit(50));
                    long t2 = System.nanoTime();
                    Page<Contact> after = stores.contacts()
                            .contacts(tenant, ContactQuery.all().limit(50).after(middle));
                    long t3 = System.nanoTime();
                    if (found.items().isEmpty()
                            || first.items().size() != Math.min(50, size)
                            || after.items().isEmpty()) {
                        wrong++;
                    }
                    if (i >= 0) {
                        search[i] = t1 - t0;
                        firstPage[i] = t2 - t1;
                        middlePage[i] = t3 - t2;
                    }
                }
                pages.add(row("digits search, first 20 (index range)", size, search));
                pages.add(row("list by number, first page of 50", size, firstPage));
                pages.add(row("list by number, page of 50 after the middle contact", size, middlePage));
            }
            System.out.println();
            System.out.println("## Contact lookup on PostgreSQL");
            System.out.println();
            System.out.println(
                    "- " + database.settings() + (smoke ? " (smoke run: sizes too small to mean anything)" : ""));
            System.out.println();
            System.out.println("| way | contacts per tenant | lookups | p50 µs | p99 µs | mean µs |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            for (Row row : rows) {
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %,d | %,d | %.0f | %.0f | %.0f |%n",
                        row.way(),
                        row.contacts(),
                        row.lookups(),
                        row.p50(),
                        row.p99(),
                        row.mean());
            }
            Row first = rows.get(0);
            Row last = rows.get(rows.size() - 2);
            System.out.println();
            System.out.printf(
                    Locale.ROOT,
                    "- tenant-twilio at %,d contacts against %,d: p50 %.2f×, p99 %.2f× (target: within 2×: %s)%n",
                    last.contacts(),
                    first.contacts(),
                    last.p50() / first.p50(),
                    last.p99() / first.p99(),
                    last.p50() <= 2 * first.p50() && last.p99() <= 2 * first.p99() ? "met" : "NOT met");
            Row naiveFirst = rows.get(1);
            Row naiveLast = rows.get(rows.size() - 1);
            System.out.printf(
                    Locale.ROOT,
                    "- naive scan at %,d contacts against %,d: p50 %.0f×; at %,d contacts tenant-twilio is %.0f× faster%n",
                    naiveLast.contacts(),
                    naiveFirst.contacts(),
                    naiveLast.p50() / naiveFirst.p50(),
                    last.contacts(),
                    naiveLast.p50() / last.p50());
            System.out.println();
            System.out.println("## Contact listings on PostgreSQL (keyset pages)");
            System.out.println();
            System.out.println("| listing | contacts per tenant | reads | p50 µs | p99 µs | mean µs |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            for (Row row : pages) {
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %,d | %,d | %.0f | %.0f | %.0f |%n",
                        row.way(),
                        row.contacts(),
                        row.lookups(),
                        row.p50(),
                        row.p99(),
                        row.mean());
            }
            Row firstOfLargest = pages.get(pages.size() - 2);
            Row middleOfLargest = pages.get(pages.size() - 1);
            System.out.println();
            System.out.printf(
                    Locale.ROOT,
                    "- at %,d contacts, the page after the middle contact against the first page: p50 %.2f×,"
                            + " p99 %.2f× (target: within 2×: %s)%n",
                    middleOfLargest.contacts(),
                    middleOfLargest.p50() / firstOfLargest.p50(),
                    middleOfLargest.p99() / firstOfLargest.p99(),
                    middleOfLargest.p50() <= 2 * firstOfLargest.p50() ? "met" : "NOT met");
            System.out.println("- Wrong or missing answers: " + wrong);
        } catch (SQLException e) {
            System.err.println("Database failure: " + e.getSQLState());
            System.exit(2);
        }
        System.exit(wrong == 0 ? 0 : 1);
    }

    private static Row row(String way, int size, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(Double.NaN) / 1e3;
        return new Row(
                way,
                size,
                sorted.length,
                sorted[(int) Math.ceil(0.50 * sorted.length) - 1] / 1e3,
                sorted[(int) Math.ceil(0.99 * sorted.length) - 1] / 1e3,
                mean);
    }
}
