package io.tenanttwilio.benchmarks.outbound;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Message;
import io.tenanttwilio.HttpSettings;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.messaging.SmsRequest;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.store.memory.InMemoryCredentialStore;
import io.tenanttwilio.store.memory.InMemoryNumberRegistry;
import io.tenanttwilio.store.memory.InMemoryStores;
import io.tenanttwilio.test.simulator.ApiKeyCredentials;
import io.tenanttwilio.test.simulator.CallbackMode;
import io.tenanttwilio.test.simulator.NumberType;
import io.tenanttwilio.test.simulator.SimulatedAccount;
import io.tenanttwilio.test.simulator.TwilioSimulator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Outbound SMS through twilio-java against the simulator over loopback HTTP, three ways, for 1,
 * 100 and 10,000 tenants (each tenant with credentials of its own: an API key of one simulated
 * account, all sending from its number):
 *
 * <ul>
 *   <li><b>tenant-twilio</b>: {@code TenantTwilio.client(tenant).sendSms}: the tenant's
 *       twilio-java client cached, every client on the SDK's one connection pool (in-memory stores).
 *   <li><b>client per send</b>: a new {@code TwilioRestClient} (and so a new connection pool) for
 *       every message, as an application without a cache writes it.
 *   <li><b>client per tenant</b>: one default {@code TwilioRestClient} per tenant kept in a map:
 *       each with a connection pool of its own.
 * </ul>
 *
 * <p>Measured: messages per second from {@code --threads} threads, tenants taken in turn; the heap
 * retained per tenant once each tenant's client was made and used once (heap after full
 * collections, before and after); TCP connections open to the simulator afterwards (from {@code
 * /proc/net/tcp}). Prints Markdown on standard output; exits 1 when sends failed.
 */
public final class OutboundLoad {

    private static final String BODY =
            "Rappel : votre rendez-vous est demain à 9 h. Répondez STOP pour ne plus recevoir.";

    private record Row(
            String way,
            int tenants,
            double perSecond,
            long sent,
            long errors,
            double heapPerTenantKb,
            double heapTotalMb,
            int connectionsAfterTouch,
            int connectionsAfterLoad) {

        /**
         * A way measured with {@code tenants} clients made: the heap grew from {@code heapBefore}
         * (one client made) to {@code heapAfter} (all of them), so per tenant past the first.
         */
        static Row measured(
                String way, int tenants, Load load, long heapBefore, long heapAfter, int touched, int afterLoad) {
            long grown = heapAfter - heapBefore;
            return new Row(
                    way,
                    tenants,
                    load.perSecond(),
                    load.sent(),
                    load.errors(),
                    tenants > 1 ? grown / 1024.0 / (tenants - 1) : Double.NaN,
                    tenants > 1 ? grown / 1048576.0 * tenants / (tenants - 1) : Double.NaN,
                    touched,
                    afterLoad);
        }
    }

    private final TwilioSimulator simulator;
    private final SimulatedAccount account;
    private final String from;
    private final List<ApiKeyCredentials> keys = new ArrayList<>();
    private final double seconds;
    private final int threads;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** Tenants beyond which a connection pool per tenant is not tried (two sockets each here). */
    private static final int MAX_POOLS = 2_000;

    private OutboundLoad(TwilioSimulator simulator, int maxTenants, double seconds, int threads) {
        this.simulator = simulator;
        this.seconds = seconds;
        this.threads = threads;
        this.account = simulator.createAccount("Benchmark clinics").balance(new java.math.BigDecimal("1000000"));
        this.from = simulator.availableNumbers("US", NumberType.LOCAL).get(0).phoneNumber();
        account.buyNumber(from);
        for (int i = 0; i < maxTenants; i++) {
            keys.add(account.createApiKey("clinic-" + i));
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        List<Integer> tenants = List.of(1, 100, 10_000);
        double seconds = 10;
        int threads = 8;
        boolean smoke = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> smoke = true;
                case "--tenants" -> tenants = ints(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println(
                            "Usage: OutboundLoad [--tenants 1,100,10000] [--seconds 10] [--threads 8]" + " [--smoke]");
                    System.exit(2);
                }
            }
        }
        if (smoke) {
            tenants = List.of(1, 20);
            seconds = 1;
        }
        int status;
        try (TwilioSimulator simulator = TwilioSimulator.start()) {
            simulator.setCallbackMode(CallbackMode.MANUAL);
            simulator.dropStatusCallbacks(true);
            OutboundLoad load = new OutboundLoad(
                    simulator,
                    tenants.stream().mapToInt(Integer::intValue).max().orElse(1),
                    seconds,
                    threads);
            for (int count : tenants) {
                load.sdk(count);
                load.clientPerTenant(count);
                load.clientPerSend(count);
            }
            status = load.report(smoke);
        }
        System.exit(status);
    }

    // ---------------------------------------------------------------------------------------------

    private TenantId tenant(int i) {
        return TenantId.of("clinic-" + i);
    }

    private static String recipient(long i) {
        return "+1514" + (2_000_000 + i % 7_000_000);
    }

    /** The SDK: credentials and the number registered for each tenant, clients made on first use. */
    private void sdk(int count) throws Exception {
        progress("tenant-twilio, %d tenants", count);
        InMemoryStores stores = InMemoryStores.create();
        InMemoryCredentialStore credentials = stores.credentials();
        InMemoryNumberRegistry registry = stores.numbers();
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            ApiKeyCredentials key = keys.get(i);
            credentials.save(
                    tenant(i),
                    TwilioCredentials.apiKey()
                            .accountSid(account.sid())
                            .apiKeySid(key.sid())
                            .apiKeySecret(key.secret())
                            .signingToken(account.authToken())
                            .build());
            String webhookKey = UUID.randomUUID().toString().replace("-", "");
            registry.insertIfAbsent(NumberRecord.builder()
                    .id(UUID.randomUUID().toString())
                    .tenantId(tenant(i))
                    .purchaseKey("bench-" + i)
                    .requested("bench")
                    .accountSid(account.sid())
                    .webhookKey(webhookKey)
                    .smsUrl("https://clinic.example/twilio/sms/" + webhookKey)
                    .statusCallbackUrl("https://clinic.example/twilio/status/" + webhookKey)
                    .friendlyName("clinic-" + i)
                    .phoneNumber(PhoneNumber.ofE164(from))
                    .state(NumberState.ACTIVE)
                    .createdAt(now)
                    .updatedAt(now)
                    .build());
        }
        TenantTwilio sdk = TenantTwilio.builder()
                .stores(stores)
                .publicBaseUrl(URI.create("https://clinic.example/twilio"))
                .defaultRegion("CA")
                .clientCache(Math.max(10_000, count), Duration.ofMinutes(30))
                .http(HttpSettings.builder().apiBaseUrl(simulator.baseUrl()).build())
                .build();
        try {
            // Tenant 0 first, so that what every client shares (classes, the pool) is not counted per tenant.
            sdk.client(tenant(0)).account();
            simulator.clearRequests();
            long before = heapAfterGc();
            for (int i = 1; i < count; i++) {
                sdk.client(tenant(i)).account(); // makes and uses the tenant's client
            }
            simulator.clearRequests();
            long after = heapAfterGc();
            int touched = connections();
            Load load = run(seq -> sdk.client(tenant((int) (seq % count)))
                    .sendSms(SmsRequest.to(recipient(seq)).body(BODY).build()));
            rows.add(Row.measured(
                    "tenant-twilio (cached clients, one pool)", count, load, before, after, touched, connections()));
        } finally {
            sdk.close();
            simulator.clearRequests();
        }
    }

    /** One default twilio-java client per tenant, kept: a connection pool each. */
    private void clientPerTenant(int count) throws Exception {
        if (count > MAX_POOLS) {
            notes.add(String.format(
                    Locale.ROOT,
                    "A twilio-java client per tenant was not run for %,d tenants: %,d pools with a connection"
                            + " each, plus the simulator's ends, exceed this machine's %s open files.",
                    count,
                    count,
                    "20,000"));
            return;
        }
        progress("client per tenant, %d tenants", count);
        List<TwilioRestClient> clients = new ArrayList<>(count);
        clients.add(defaultClient(0)); // first, so that what clients share is not counted per tenant
        simulator.clearRequests();
        long before = heapAfterGc();
        for (int i = 1; i < count; i++) {
            clients.add(defaultClient(i));
        }
        simulator.clearRequests();
        long after = heapAfterGc();
        int touched = connections();
        Load load = run(seq -> Message.creator(
                        new com.twilio.type.PhoneNumber(recipient(seq)), new com.twilio.type.PhoneNumber(from), BODY)
                .create(clients.get((int) (seq % count))));
        rows.add(Row.measured(
                "twilio-java client per tenant (a pool each)", count, load, before, after, touched, connections()));
        clients.clear();
        simulator.clearRequests();
    }

    /** Tenant {@code i}'s own default twilio-java client, used once. */
    private TwilioRestClient defaultClient(int i) {
        ApiKeyCredentials key = keys.get(i);
        TwilioRestClient client = new TwilioRestClient.Builder(key.sid(), key.secret())
                .accountSid(account.sid())
                .httpClient(simulator.twilioHttpClient())
                .build();
        Account.fetcher(account.sid()).fetch(client);
        return client;
    }

    /** A new default twilio-java client for every message. */
    private void clientPerSend(int count) throws Exception {
        progress("client per send, %d tenants", count);
        simulator.clearRequests();
        int before = connections();
        Load load = run(seq -> {
            ApiKeyCredentials key = keys.get((int) (seq % count));
            TwilioRestClient client = new TwilioRestClient.Builder(key.sid(), key.secret())
                    .accountSid(account.sid())
                    .httpClient(simulator.twilioHttpClient())
                    .build();
            Message.creator(
                            new com.twilio.type.PhoneNumber(recipient(seq)),
                            new com.twilio.type.PhoneNumber(from),
                            BODY)
                    .create(client);
        });
        int after = connections();
        heapAfterGc();
        rows.add(new Row(
                "new twilio-java client per send",
                count,
                load.perSecond(),
                load.sent(),
                load.errors(),
                Double.NaN,
                Double.NaN,
                before,
                after));
        simulator.clearRequests();
    }

    // ---------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Send {
        void send(long seq) throws Exception;
    }

    private record Load(long sent, long errors, double perSecond) {}

    /** {@code threads} threads sending for {@code seconds} (after a tenth as warm-up, not counted). */
    private Load run(Send send) throws InterruptedException {
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong();
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(
                    () -> {
                        while (!stop.get()) {
                            long seq = next.getAndIncrement();
                            try {
                                send.send(seq);
                                if (counting.get()) {
                                    ok.increment();
                                }
                            } catch (Exception | Error e) {
                                if (e instanceof OutOfMemoryError) {
                                    throw (Error) e;
                                }
                                if (counting.get()) {
                                    failed.increment();
                                }
                            }
                        }
                    },
                    "sender-" + t);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        Thread.sleep((long) (seconds * 100));
        counting.set(true);
        long started = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        counting.set(false);
        long elapsed = System.nanoTime() - started;
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        return new Load(ok.sum(), failed.sum(), ok.sum() * 1e9 / elapsed);
    }

    /** Heap in use after full collections. */
    private static long heapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(150);
            used = Math.min(
                    used,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** TCP connections of this machine established to the simulator's port (client ends). */
    private int connections() {
        String port = String.format(Locale.ROOT, ":%04X", simulator.port());
        int open = 0;
        for (String file : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            try {
                for (String line : Files.readAllLines(Path.of(file))) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 3 && fields[2].endsWith(port) && fields[3].equals("01")) {
                        open++;
                    }
                }
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return open;
    }

    private static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[outbound-load] " + format + "%n", args);
    }

    private static List<Integer> ints(String value) {
        List<Integer> values = new ArrayList<>();
        for (String part : value.split(",")) {
            values.add(Integer.parseInt(part.trim().replace("_", "")));
        }
        return values;
    }

    private int report(boolean smoke) {
        System.out.println();
        System.out.println("## Outbound sends against the simulator");
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "%d cores, Java %s, max heap %d MB; %d sending threads, %.0f s per step%s.%n%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / 1048576,
                threads,
                seconds,
                smoke ? " (smoke run: too short to mean anything)" : "");
        System.out.println("| way | tenants | sends/s | sent | failed | heap per tenant | heap, all tenants |"
                + " connections open after first use | after the load |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        long failed = 0;
        for (Row row : rows) {
            failed += row.errors();
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %,d | %.0f | %,d | %,d | %s | %s | %d | %d |%n",
                    row.way(),
                    row.tenants(),
                    row.perSecond(),
                    row.sent(),
                    row.errors(),
                    Double.isNaN(row.heapPerTenantKb())
                            ? "-"
                            : String.format(Locale.ROOT, "%.1f KB", row.heapPerTenantKb()),
                    Double.isNaN(row.heapTotalMb()) ? "-" : String.format(Locale.ROOT, "%.1f MB", row.heapTotalMb()),
                    row.connectionsAfterTouch(),
                    row.connectionsAfterLoad());
        }
        for (String note : notes) {
            System.out.println();
            System.out.println(note);
        }
        System.out.println();
        System.out.println("### Ratios and targets");
        System.out.println();
        for (Row ours : rows) {
            if (!ours.way().startsWith("tenant-twilio")) {
                continue;
            }
            for (Row other : rows) {
                if (other.tenants() == ours.tenants() && other.way().startsWith("new twilio-java")) {
                    System.out.printf(
                            Locale.ROOT,
                            "- %,d tenants: %.1f× the sends per second of a new client per send%n",
                            ours.tenants(),
                            ours.perSecond() / Math.max(1e-9, other.perSecond()));
                }
            }
            if (ours.tenants() >= 10_000) {
                System.out.printf(
                        Locale.ROOT,
                        "- %,d tenants: %.1f MB of heap for their cached clients (target < 32 MB: %s); %d connections"
                                + " open after the load (one shared pool)%n",
                        ours.tenants(),
                        ours.heapTotalMb(),
                        ours.heapTotalMb() < 32 ? "met" : "NOT met",
                        ours.connectionsAfterLoad());
            }
        }
        if (failed > 0) {
            System.out.println("- Failed sends: " + failed);
            return 1;
        }
        return 0;
    }
}
