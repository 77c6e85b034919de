package io.tenanttwilio.benchmarks.inbound;

import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.benchmarks.inbound.LoadGenerator.Outcome;
import io.tenanttwilio.benchmarks.inbound.Traffic.Senders;
import io.tenanttwilio.benchmarks.inbound.Traffic.Target;
import io.tenanttwilio.crypto.AesGcmSecretCipher;
import io.tenanttwilio.crypto.KeyRing;
import io.tenanttwilio.store.jdbc.JdbcStores;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The inbound pipeline over HTTP, as a load test: signed inbound-SMS webhooks POSTed over
 * loopback to {@code TwilioWebhookServlet} in an embedded Jetty, the SDK on its JDBC stores over
 * a HikariCP pool, on H2 (in memory) and on PostgreSQL (a fresh database per series, dropped
 * afterwards).
 *
 * <ul>
 *   <li><b>Load</b>: open-loop steps at fixed offered loads (latency from each request's due time),
 *       a closed-loop step at full speed, and the same requests against a servlet that answers at
 *       once (what the load generator and Jetty can do on this machine). After every step, the
 *       stored rows are read back: each request answered 200 must be stored exactly once.
 *   <li><b>Baseline</b>: the same, against a hand-rolled servlet (a new twilio-java {@code
 *       RequestValidator} per request, the contact found by {@code LIKE '%digits%'}), with one
 *       tenant holding 1k, 100k and 1M contacts, beside the SDK with as many contacts.
 *   <li><b>Cost per message</b>: messages sent one at a time with every JDBC call counted and
 *       timed: transactions, statements, commits, savepoints, time in the database.
 * </ul>
 *
 * <p>Prints Markdown tables on standard output (progress on standard error). Exits 1 when a
 * message answered 200 was not stored or was stored twice (and, with {@code --smoke}, on any
 * error), 2 on a setup failure. See {@link Options#USAGE}.
 */
public final class InboundLoad {

    private static final double P99_TARGET_MS = 50;

    /** One measured step. */
    record Row(
            String store,
            String series,
            String server,
            String contacts,
            String mode,
            double offered,
            int planned,
            int sent,
            double achieved,
            double p50,
            double p99,
            double max,
            int errors,
            int lost,
            int duplicated,
            double newContacts,
            double jvmCores,
            double machineBusy) {}

    /** The cost of one message, measured one message at a time. */
    record Profile(
            String store,
            String server,
            String contacts,
            int messages,
            double newContacts,
            double roundTripMs,
            double handlerMs,
            double jdbcMs,
            double connections,
            double statements,
            double durableCommits,
            double readOnlyCommits,
            double savepoints,
            List<Object[]> breakdown) {}

    /** What the stored rows say about a step. */
    record Check(int stored, int lost, int duplicated) {}

    /** The pieces of one series: a database, the SDK on it, the tenants. */
    private record Series(
            BenchDatabase database, SqlCounter counter, JdbcStores stores, TenantTwilio sdk, Traffic traffic)
            implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            sdk.close();
            database.close();
        }
    }

    private final Options options;
    private final BenchServer server;
    private final LoadGenerator load;
    private final List<Row> rows = new ArrayList<>();
    private final List<Profile> profiles = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int nextStep;

    private InboundLoad(Options options, BenchServer server, LoadGenerator load) {
        this.options = options;
        this.server = server;
        this.load = load;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "error");
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        int status;
        try (BenchServer server = new BenchServer(options.threads)) {
            LoadGenerator load = new LoadGenerator(server.base(), options.connections);
            try {
                status = new InboundLoad(options, server, load).run();
            } finally {
                load.closeConnections();
            }
        } catch (IllegalStateException e) {
            System.err.println("Setup failed: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.printf(Locale.ROOT, "%nTotal time: %.0f s%n", (System.nanoTime() - started) / 1e9);
        System.exit(status);
    }

    private int run() throws Exception {
        for (BenchDatabase.Kind kind : options.stores) {
            if (options.load) {
                loadSeries(kind);
            }
            if (options.baseline) {
                baselineSeries(kind);
            }
        }
        return report();
    }

    // ---------------------------------------------------------------------------------------------
    // Series

    private Series series(BenchDatabase.Kind kind) throws SQLException {
        BenchDatabase database = BenchDatabase.create(
                kind, options.pool, kind == BenchDatabase.Kind.H2 ? options.h2QueryCache : options.pgSynchronousCommit);
        try {
            SqlCounter counter = new SqlCounter(database.app());
            String key = Base64.getEncoder()
                    .encodeToString("tenant-twilio-bench-key-32bytes!".getBytes(StandardCharsets.US_ASCII));
            JdbcStores stores = JdbcStores.of(
                    counter,
                    AesGcmSecretCipher.of(KeyRing.builder().key("bench-1", key).build()));
            URI base = server.base();
            TenantTwilio sdk = TenantTwilio.builder()
                    .stores(stores)
                    .publicBaseUrl(URI.create(base + "/twilio"))
                    .defaultRegion("CA")
                    .build();
            server.use(sdk.webhooks(), counter);
            Traffic traffic = Traffic.register(base, stores, database, options.tenants);
            String note = kind.label() + ": " + database.settings();
            if (!notes.contains(note)) {
                notes.add(note);
            }
            return new Series(database, counter, stores, sdk, traffic);
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private void loadSeries(BenchDatabase.Kind kind) throws Exception {
        String store = kind.label();
        progress("%s: load series, %d tenants, %d senders", store, options.tenants, options.senders);
        try (Series series = series(kind)) {
            Senders senders = series.traffic().spread(options.senders);
            if (options.warmup > 0) {
                checkOnly(closedStep(
                        series, store, "warmup", Target.SDK, "-", options.concurrency, options.warmup, senders));
                checkOnly(closedStep(
                        series, store, "warmup", Target.NAIVE, "-", options.concurrency, options.warmup / 2, senders));
            }
            series.database().analyze();
            profiles.add(profile(series, store, Target.SDK, "≈" + options.senders / options.tenants, senders));
            for (int rate : options.rates) {
                rows.add(openStep(series, store, "load", Target.SDK, "-", rate, options.seconds, senders));
            }
            rows.add(closedStep(
                    series, store, "load", Target.SDK, "-", options.concurrency, options.closedSeconds, senders));
            int top = options.rates.get(options.rates.size() - 1);
            rows.add(openStep(series, store, "ceiling", Target.NOOP, "-", top, options.seconds, senders));
            rows.add(closedStep(
                    series, store, "ceiling", Target.NOOP, "-", options.concurrency, options.closedSeconds, senders));
        }
    }

    private void baselineSeries(BenchDatabase.Kind kind) throws Exception {
        String store = kind.label();
        progress("%s: baseline series, contacts %s", store, options.contacts);
        try (Series series = series(kind)) {
            String tenant = series.traffic().clinics().get(0).tenant().value();
            int seeded = 0;
            boolean warm = false;
            for (int size : options.contacts) {
                long started = System.nanoTime();
                series.database().seedContacts(tenant, seeded, size);
                seeded = size;
                progress(
                        "%s: %,d contacts seeded in each table in %.1f s",
                        store, size, (System.nanoTime() - started) / 1e9);
                String contacts = String.format(Locale.ROOT, "%,d", size);
                Senders senders = series.traffic().seeded(size);
                if (!warm && options.warmup > 0) {
                    double seconds = Math.min(options.warmup, 5);
                    checkOnly(closedStep(
                            series, store, "warmup", Target.SDK, contacts, options.concurrency, seconds, senders));
                    checkOnly(closedStep(
                            series, store, "warmup", Target.NAIVE, contacts, options.concurrency, seconds, senders));
                    series.database().analyze();
                    warm = true;
                }
                for (Target target : new Target[] {Target.SDK, Target.NAIVE}) {
                    profiles.add(profile(series, store, target, contacts, senders));
                    rows.add(openStep(
                            series,
                            store,
                            "baseline",
                            target,
                            contacts,
                            options.baselineRate,
                            options.baselineSeconds,
                            senders));
                    rows.add(closedStep(
                            series,
                            store,
                            "baseline",
                            target,
                            contacts,
                            options.concurrency,
                            options.closedSeconds,
                            senders));
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Steps

    private Row openStep(
            Series series,
            String store,
            String name,
            Target target,
            String contacts,
            double rate,
            double seconds,
            Senders senders)
            throws Exception {
        int step = nextStep++;
        int planned = Math.max(1, (int) Math.round(rate * seconds));
        byte[][] requests = new byte[planned][];
        for (int i = 0; i < planned; i++) {
            requests[i] = series.traffic().request(target, step, i, senders);
        }
        Before before = before(series, target);
        Outcome outcome = load.openLoop(requests, rate);
        return row(series, store, name, target, contacts, "open", rate, step, before, outcome);
    }

    private Row closedStep(
            Series series,
            String store,
            String name,
            Target target,
            String contacts,
            int concurrency,
            double seconds,
            Senders senders)
            throws Exception {
        int step = nextStep++;
        int capacity = (int) Math.min(4_000_000, seconds * 30_000 + concurrency);
        Before before = before(series, target);
        Outcome outcome = load.closedLoop(
                seq -> series.traffic().request(target, step, seq, senders), concurrency, seconds, capacity);
        return row(series, store, name, target, contacts, "closed c=" + concurrency, 0, step, before, outcome);
    }

    private Row row(
            Series series,
            String store,
            String name,
            Target target,
            String contacts,
            String mode,
            double offered,
            int step,
            Before before,
            Outcome outcome)
            throws SQLException {
        CpuMeter.Reading cpu = CpuMeter.read();
        long[] sorted = outcome.sortedOk();
        long created = target == Target.NOOP ? 0 : series.database().count(contactTable(target)) - before.contacts();
        Check check = target == Target.NOOP ? new Check(0, 0, 0) : check(series, target, step, outcome);
        Row row = new Row(
                store,
                name,
                serverName(target),
                contacts,
                mode,
                offered,
                outcome.planned,
                outcome.sent,
                outcome.throughput(),
                Outcome.percentileMillis(sorted, 50),
                Outcome.percentileMillis(sorted, 99),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6,
                outcome.errors(),
                check.lost(),
                check.duplicated(),
                target == Target.NOOP ? Double.NaN : 100.0 * created / Math.max(1, outcome.ok()),
                before.cpu().processCores(cpu),
                before.cpu().machineBusyPercent(cpu));
        progress(
                "%s %s %s %s %s%s: %d/%d sent, %.0f/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d errors,"
                        + " %d lost, %d duplicated; JVM %.2f cores, machine %.0f %% busy",
                store,
                name,
                row.server(),
                contacts.equals("-") ? "" : contacts + " contacts",
                mode,
                offered > 0 ? " " + (int) offered + "/s" : "",
                row.sent(),
                row.planned(),
                row.achieved(),
                row.p50(),
                row.p99(),
                row.max(),
                row.errors(),
                row.lost(),
                row.duplicated(),
                row.jvmCores(),
                row.machineBusy());
        return row;
    }

    /** Readings taken just before a step. */
    private record Before(long contacts, CpuMeter.Reading cpu) {}

    private static Before before(Series series, Target target) throws SQLException {
        long contacts = target == Target.NOOP ? 0 : series.database().count(contactTable(target));
        return new Before(contacts, CpuMeter.read());
    }

    private static String contactTable(Target target) {
        return target == Target.NAIVE ? "naive_contacts" : "tt_contacts";
    }

    /** Reads back the step's stored messages: every request answered 200 stored once, no more. */
    private static Check check(Series series, Target target, int step, Outcome outcome) throws SQLException {
        int[] stored = new int[outcome.planned];
        int[] foreign = new int[1];
        series.database().storedSids(target == Target.NAIVE, series.traffic().sidPrefix(step), sid -> {
            int seq = Traffic.seqOf(sid);
            if (seq >= 0 && seq < stored.length) {
                stored[seq]++;
            } else {
                foreign[0]++;
            }
        });
        int total = foreign[0];
        int lost = 0;
        int duplicated = foreign[0];
        for (int i = 0; i < stored.length; i++) {
            total += stored[i];
            if (i < outcome.sent && outcome.status[i] == 200 && stored[i] == 0) {
                lost++;
            }
            if (stored[i] > 1) {
                duplicated += stored[i] - 1;
            }
        }
        return new Check(total, lost, duplicated);
    }

    private void checkOnly(Row row) {
        if (row.lost() > 0 || row.duplicated() > 0 || (options.smoke && row.errors() > 0)) {
            rows.add(row); // a failure of the warm-up is reported like any step's
        }
    }

    /** Sends {@code options.profile} messages one at a time with every JDBC call counted. */
    private Profile profile(Series series, String store, Target target, String contacts, Senders senders)
            throws Exception {
        boolean naive = target == Target.NAIVE;
        Before before = before(series, target);
        long handlerBefore = naive ? server.naiveHandlerNanos.sum() : server.sdkHandlerNanos.sum();
        int step = nextStep++;
        series.counter().start();
        Outcome outcome;
        try {
            outcome = load.closedLoop(
                    seq -> series.traffic().request(target, step, seq, senders), 1, 600, options.profile);
        } finally {
            series.counter().stop();
        }
        long handler = (naive ? server.naiveHandlerNanos.sum() : server.sdkHandlerNanos.sum()) - handlerBefore;
        long created = series.database().count(contactTable(target)) - before.contacts();
        Row row = row(series, store, "profile", target, contacts, "sequential", 0, step, before, outcome);
        if (row.errors() > 0 || row.lost() > 0 || row.duplicated() > 0) {
            rows.add(row);
        }
        int messages = Math.max(1, outcome.sent);
        double roundTrip = 0;
        for (int i = 0; i < outcome.sent; i++) {
            roundTrip += outcome.latency[i];
        }
        long jdbcNanos = 0;
        double connections = 0;
        double statements = 0;
        double durable = 0;
        double readOnly = 0;
        double savepoints = 0;
        List<Object[]> breakdown = series.counter().rows();
        for (Object[] tally : breakdown) {
            String kind = (String) tally[0];
            long calls = (long) tally[1];
            long nanos = (long) tally[2];
            jdbcNanos += nanos;
            if (kind.equals("(take a connection from the pool)")) {
                connections += calls;
            } else if (kind.equals("(commit after a write)") || kind.equals("(auto-commit after a write)")) {
                durable += calls;
            } else if (kind.equals("(commit, read only)")) {
                readOnly += calls;
            } else if (kind.equals("(savepoint)")) {
                savepoints += calls;
            } else if (!kind.startsWith("(")) {
                statements += calls;
            }
        }
        return new Profile(
                store,
                serverName(target),
                contacts,
                outcome.sent,
                100.0 * created / messages,
                roundTrip / messages / 1e6,
                handler / (double) messages / 1e6,
                jdbcNanos / (double) messages / 1e6,
                connections / messages,
                statements / messages,
                durable / messages,
                readOnly / messages,
                savepoints / messages,
                breakdown);
    }

    private static String serverName(Target target) {
        return switch (target) {
            case SDK -> "tenant-twilio";
            case NAIVE -> "naive";
            case NOOP -> "no-op servlet";
        };
    }

    private static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[inbound-load] " + format + "%n", args);
    }

    // ---------------------------------------------------------------------------------------------
    // Report

    private int report() {
        System.out.println();
        System.out.println("## Inbound pipeline over HTTP");
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "%d cores, Java %s, max heap %d MB, JVM options [%s]; %d tenants; HikariCP pool %d;"
                        + " Jetty max %d threads; load generator: %d keep-alive HTTP/1.1 connections%s.%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                String.join(
                        " ",
                        java.lang.management.ManagementFactory.getRuntimeMXBean()
                                .getInputArguments()),
                options.tenants,
                options.pool,
                options.threads,
                options.connections,
                options.smoke ? " (smoke run: sizes too small to mean anything)" : "");
        for (String note : notes) {
            System.out.println("- " + note);
        }
        System.out.println();
        System.out.println("Latency: open loop from each request's due time (no coordinated omission); closed loop"
                + " from its send. Throughput: answers 200 per second. Lost: answered 200 but not stored;"
                + " duplicated: stored more than once. New contacts: messages whose sender was not yet a contact."
                + " JVM cores: CPU of this JVM (Jetty, the SDK and the load generator) over the step; machine busy:"
                + " every core, every process (the database server included, and anything else running)."
                + " Planner statistics: every table is analyzed after the warm-up (and after each seeding), as"
                + " autovacuum does on a production server once rows have come in.");
        table("### Load (signed inbound SMS, distinct senders, every tenant)", "load", "ceiling");
        table("### Baseline: one tenant with N contacts", "baseline");
        List<Row> failures = rows.stream()
                .filter(r -> r.series().equals("warmup") || r.series().equals("profile"))
                .toList();
        if (!failures.isEmpty()) {
            table("### Failures outside the measured steps", "warmup", "profile");
        }
        profiles();
        return verdict();
    }

    private void table(String title, String... series) {
        List<String> wanted = List.of(series);
        System.out.println();
        System.out.println(title);
        System.out.println();
        System.out.println("| store | server | contacts | mode | offered/s | sent/planned | achieved/s | p50 ms |"
                + " p99 ms | max ms | errors | lost | dup | new contacts | JVM cores | machine busy |");
        System.out.println("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row row : rows) {
            if (!wanted.contains(row.series())) {
                continue;
            }
            boolean check = !row.server().equals("no-op servlet");
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %d/%d | %.0f | %.1f | %.1f | %.1f | %d | %s | %s | %s | %.2f | %.0f %% |%n",
                    row.store(),
                    row.server(),
                    row.contacts(),
                    row.mode(),
                    row.offered() > 0 ? String.format(Locale.ROOT, "%.0f", row.offered()) : "max",
                    row.sent(),
                    row.planned(),
                    row.achieved(),
                    row.p50(),
                    row.p99(),
                    row.max(),
                    row.errors(),
                    check ? String.valueOf(row.lost()) : "-",
                    check ? String.valueOf(row.duplicated()) : "-",
                    check ? String.format(Locale.ROOT, "%.0f %%", row.newContacts()) : "-",
                    row.jvmCores(),
                    row.machineBusy());
        }
    }

    private void profiles() {
        if (profiles.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("### Cost per message (one at a time, every JDBC call counted and timed)");
        System.out.println();
        System.out.println("Durable commits: commits of a transaction that wrote (each waits for the WAL flush on"
                + " PostgreSQL with synchronous_commit=on); auto-commit writes count as one each.");
        System.out.println();
        System.out.println("| store | server | contacts | messages | new contacts | round trip ms | in handler ms |"
                + " in JDBC ms | transactions | statements | durable commits | read-only commits | savepoints |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Profile p : profiles) {
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s | %s | %d | %.0f %% | %.2f | %.2f | %.2f | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
                    p.store(),
                    p.server(),
                    p.contacts(),
                    p.messages(),
                    p.newContacts(),
                    p.roundTripMs(),
                    p.handlerMs(),
                    p.jdbcMs(),
                    p.connections(),
                    p.statements(),
                    p.durableCommits(),
                    p.readOnlyCommits(),
                    p.savepoints());
        }
        System.out.println();
        System.out.println("#### Where the JDBC time goes, per message");
        for (Profile p : profiles) {
            System.out.println();
            System.out.printf(Locale.ROOT, "%s, %s, %s contacts:%n%n", p.store(), p.server(), p.contacts());
            System.out.println("| call | per message | mean µs | share of JDBC time |");
            System.out.println("|---|---:|---:|---:|");
            long total = 0;
            for (Object[] tally : p.breakdown()) {
                total += (long) tally[2];
            }
            int messages = Math.max(1, p.messages());
            for (Object[] tally : p.breakdown()) {
                long calls = (long) tally[1];
                long nanos = (long) tally[2];
                System.out.printf(
                        Locale.ROOT,
                        "| `%s` | %.2f | %s | %.0f %% |%n",
                        ((String) tally[0]).replace("|", "\\|"),
                        calls / (double) messages,
                        nanos == 0 ? "-" : String.format(Locale.ROOT, "%.0f", nanos / 1e3 / Math.max(1, calls)),
                        total == 0 ? 0 : 100.0 * nanos / total);
            }
        }
    }

    /** Prints whether the targets are met; returns the exit status. */
    private int verdict() {
        System.out.println();
        System.out.println("### Targets");
        System.out.println();
        int status = 0;
        for (BenchDatabase.Kind kind : options.stores) {
            String store = kind.label();
            int target = kind == BenchDatabase.Kind.H2 ? 2_000 : 1_000;
            double best = 0;
            for (Row row : rows) {
                if (row.store().equals(store)
                        && row.series().equals("load")
                        && row.server().equals("tenant-twilio")
                        && row.offered() > 0
                        && sustained(row)) {
                    best = Math.max(best, row.offered());
                }
            }
            if (options.load) {
                System.out.printf(
                        Locale.ROOT,
                        "- %s: highest offered load sustained (≥ 95 %% achieved, all sent, 0 errors, p99 < %.0f ms):"
                                + " %.0f/s; target %d/s: %s%n",
                        store,
                        P99_TARGET_MS,
                        best,
                        target,
                        best >= target ? "met" : "NOT met");
            }
        }
        int lost = 0;
        int duplicated = 0;
        int errors = 0;
        for (Row row : rows) {
            if (!row.server().equals("no-op servlet")) {
                lost += row.lost();
                duplicated += row.duplicated();
                errors += row.errors();
            }
        }
        System.out.printf(
                Locale.ROOT,
                "- Every step: %d lost, %d duplicated (%s); %d requests not answered 200.%n",
                lost,
                duplicated,
                lost == 0 && duplicated == 0 ? "met" : "FAILED",
                errors);
        if (lost > 0 || duplicated > 0) {
            status = 1;
        }
        if (options.smoke && errors > 0) {
            System.out.println("- Smoke run: requests failed.");
            status = 1;
        }
        return status;
    }

    private static boolean sustained(Row row) {
        return row.sent() == row.planned()
                && row.errors() == 0
                && row.achieved() >= 0.95 * row.offered()
                && row.p99() < P99_TARGET_MS;
    }
}
