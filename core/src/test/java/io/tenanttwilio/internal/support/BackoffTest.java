package io.tenanttwilio.internal.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void aRetryableFailureIsTriedAgainUntilItSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        String result = Backoff.retry(3, Duration.ofMillis(1), e -> true, () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("blip");
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(3);
    }

    @Test
    void theLastFailureIsThrownAfterEveryAttempt() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> Backoff.retry(3, Duration.ofMillis(1), e -> true, () -> {
                    throw new IllegalStateException("attempt " + calls.incrementAndGet());
                }))
                .hasMessage("attempt 3");
    }

    @Test
    void aFailureNotToRetryIsThrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> Backoff.retry(5, Duration.ofMillis(1), e -> e instanceof IllegalStateException, () -> {
                    calls.incrementAndGet();
                    throw new IllegalArgumentException("final");
                }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void anInterruptStopsTheRetriesAndStaysSet() {
        AtomicInteger calls = new AtomicInteger();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Backoff.retry(5, Duration.ofSeconds(10), e -> true, () -> {
                        calls.incrementAndGet();
                        throw new IllegalStateException("blip");
                    }))
                    .hasMessage("blip");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(calls).hasValue(1);
    }
}
