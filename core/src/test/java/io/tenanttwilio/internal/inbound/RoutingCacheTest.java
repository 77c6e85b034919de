package io.tenanttwilio.internal.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.NumberRegistry;
import io.tenanttwilio.store.memory.InMemoryNumberRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RoutingCacheTest {

    private final AtomicInteger reads = new AtomicInteger();
    private final InMemoryNumberRegistry stored = new InMemoryNumberRegistry();
    private final AtomicLong now = new AtomicLong(1_000);
    private final RoutingCache cache = new RoutingCache(counting(stored, reads), Duration.ofSeconds(5), now::get);

    private static NumberRecord record(String key, NumberState state) {
        Instant at = Instant.parse("2026-11-01T10:00:00Z");
        return NumberRecord.builder()
                .id("rec-" + key)
                .tenantId(TenantId.of("clinic-a"))
                .purchaseKey("purchase-" + key)
                .requested("area:418")
                .accountSid("AC" + "0".repeat(32))
                .webhookKey(key)
                .smsUrl("https://clinic.example/twilio/sms/" + key)
                .statusCallbackUrl("https://clinic.example/twilio/status/" + key)
                .friendlyName("clinic-a")
                .phoneNumber(PhoneNumber.ofE164("+14185550142"))
                .state(state)
                .createdAt(at)
                .updatedAt(at)
                .build();
    }

    @Test
    void aRouteIsReadOnceWithinItsTimeToLiveThenAgain() {
        stored.insertIfAbsent(record("k1", NumberState.ACTIVE));

        assertThat(cache.findByWebhookKey("k1")).isPresent();
        assertThat(cache.findByWebhookKey("k1")).isPresent();
        assertThat(reads).hasValue(1);

        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(cache.findByWebhookKey("k1")).isPresent();
        assertThat(reads).hasValue(2);
    }

    @Test
    void aChangeMadeThroughThisInstanceIsSeenAtOnce() {
        NumberRecord inserted = cache.insertIfAbsent(record("k2", NumberState.ACTIVE));
        assertThat(cache.findByWebhookKey("k2")).map(NumberRecord::state).contains(NumberState.ACTIVE);

        Optional<NumberRecord> released = cache.update(
                inserted, inserted.toBuilder().state(NumberState.RELEASED).build());

        assertThat(released).isPresent();
        assertThat(cache.findByWebhookKey("k2")).map(NumberRecord::state).contains(NumberState.RELEASED);
    }

    @Test
    void anUnknownKeyIsNotRememberedSoANumberBoughtElsewhereRoutesAtOnce() {
        assertThat(cache.findByWebhookKey("k3")).isEmpty();

        stored.insertIfAbsent(record("k3", NumberState.ACTIVE)); // another instance's purchase

        assertThat(cache.findByWebhookKey("k3")).isPresent();
        assertThat(reads).hasValue(2);
    }

    @Test
    void aChangeMadeElsewhereIsSeenWithinTheTimeToLive() {
        NumberRecord inserted = stored.insertIfAbsent(record("k4", NumberState.ACTIVE));
        assertThat(cache.findByWebhookKey("k4")).map(NumberRecord::state).contains(NumberState.ACTIVE);

        stored.update(inserted, inserted.toBuilder().state(NumberState.RELEASED).build());
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(cache.findByWebhookKey("k4")).map(NumberRecord::state).contains(NumberState.ACTIVE);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(cache.findByWebhookKey("k4")).map(NumberRecord::state).contains(NumberState.RELEASED);
    }

    @Test
    void aZeroTimeToLiveReadsEveryTime() {
        stored.insertIfAbsent(record("k5", NumberState.ACTIVE));
        RoutingCache uncached = new RoutingCache(counting(stored, reads), Duration.ZERO, now::get);

        uncached.findByWebhookKey("k5");
        uncached.findByWebhookKey("k5");

        assertThat(reads).hasValue(2);
    }

    /** {@code registry}, counting the lookups by webhook key that reach it. */
    private static NumberRegistry counting(NumberRegistry registry, AtomicInteger reads) {
        return (NumberRegistry) Proxy.newProxyInstance(
                NumberRegistry.class.getClassLoader(), new Class<?>[] {NumberRegistry.class}, (proxy, method, args) -> {
                    if (method.getName().equals("findByWebhookKey")) {
                        reads.incrementAndGet();
                    }
                    try {
                        return method.invoke(registry, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
