package io.tenanttwilio.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.inbound.WebhookVerifier;
import io.tenanttwilio.it.WebhookServer;
import io.tenanttwilio.store.jdbc.JdbcStores;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Soak: signed inbound webhooks POSTed over HTTP to the webhook servlet in Jetty, on PostgreSQL, at
 * a fixed rate for 60 seconds. Every request is answered 200 and stored once; the heap after full
 * collections stays flat (sampled every 10 seconds after a warm-up).
 */
class WebhookSoakIT {

    private static final int RATE = 100;
    private static final Duration LENGTH = Duration.ofSeconds(60);
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
    private static final long HEAP_GROWTH_LIMIT = 16L * 1024 * 1024;
    /**
     * Requests in flight at most. Without a bound, a machine that falls behind for a moment makes
     * the client open a connection per waiting request, and the server a thread and buffers for
     * each; those stay pooled to the end and read as heap growth that no leak caused.
     */
    private static final int IN_FLIGHT = 32;

    @Test
    void sixtySecondsAtAFixedRateWithoutAnErrorAndWithFlatMemory() throws Exception {
        try (Databases.Postgres database = Databases.Postgres.start(8);
                WebhookServer server = new WebhookServer()) {
            JdbcStores stores = JdbcStores.of(database.app(), Databases.cipher());
            List<InboundRig.Clinic> clinics = InboundRig.clinics(stores, 5);
            TenantTwilio sdk = InboundRig.sdk(stores);
            server.use(sdk.webhooks());
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            String sidPrefix = "SM" + InboundRig.hex().substring(0, 16);
            Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<CompletableFuture<?>> pending = new ConcurrentLinkedQueue<>();
            List<Long> heapSamples = new ArrayList<>();
            Semaphore inFlight = new Semaphore(IN_FLIGHT);
            int total = (int) (RATE * LENGTH.toSeconds());
            long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
            long start = System.nanoTime();
            long nextSample = start + SAMPLE_EVERY.toNanos();
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.sleep(Math.min(wait, 5_000_000));
                }
                InboundRig.Clinic clinic = clinics.get(i % clinics.size());
                String from = String.format(Locale.ROOT, "+1581500%04d", i % 500);
                String sid = sidPrefix + String.format(Locale.ROOT, "%016x", i);
                Map<String, List<String>> params =
                        InboundRig.inboundParams(clinic, from, "Message d'endurance numéro " + (i % 97), sid);
                String key = clinic.number().webhookKey();
                HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/sms/" + key))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header(
                                "X-Twilio-Signature",
                                WebhookVerifier.create()
                                        .sign(clinic.token(), clinic.number().smsUrl(), params))
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(InboundRig.form(params)))
                        .build();
                inFlight.acquire();
                pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .handle((response, failure) -> {
                            inFlight.release();
                            return statuses.merge(failure != null ? -1 : response.statusCode(), 1, Integer::sum);
                        }));
                if (System.nanoTime() >= nextSample) {
                    heapSamples.add(heapAfterGc());
                    nextSample += SAMPLE_EVERY.toNanos();
                }
                while (pending.size() > 200 && pending.peek().isDone()) {
                    pending.poll();
                }
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            heapSamples.add(heapAfterGc());
            double seconds = (System.nanoTime() - start) / 1e9;

            long stored;
            long distinct;
            try (Connection connection = database.admin().getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT COUNT(*), COUNT(DISTINCT twilio_sid) FROM tt_messages WHERE twilio_sid LIKE '"
                                    + sidPrefix + "%'")) {
                rows.next();
                stored = rows.getLong(1);
                distinct = rows.getLong(2);
            }
            List<Long> megabytes =
                    heapSamples.stream().map(bytes -> bytes / (1024 * 1024)).toList();
            System.out.printf(
                    Locale.ROOT,
                    "Soak: %d requests in %.1f s, answers %s, stored %d (%d distinct); heap after GC every %d s: %s MB%n",
                    total,
                    seconds,
                    statuses,
                    stored,
                    distinct,
                    SAMPLE_EVERY.toSeconds(),
                    megabytes);

            assertThat(statuses).containsOnlyKeys(200).containsEntry(200, total);
            assertThat(stored).isEqualTo(total);
            assertThat(distinct).isEqualTo(total);
            assertThat(heapSamples).hasSizeGreaterThanOrEqualTo(5);
            // The first sample is taken after ten seconds of load, once caches and pools are warm.
            long warm = Math.min(heapSamples.get(0), heapSamples.get(1));
            assertThat(heapSamples.get(heapSamples.size() - 1) - warm)
                    .as("heap growth over the soak, bytes")
                    .isLessThan(HEAP_GROWTH_LIMIT);
            sdk.close();
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(
                    used,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
