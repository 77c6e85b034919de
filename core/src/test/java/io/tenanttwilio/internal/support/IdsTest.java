package io.tenanttwilio.internal.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void anIdIsAVersion7UuidCarryingItsMillisecond() {
        long millis = Instant.parse("2026-11-30T03:40:00.123Z").toEpochMilli();
        UUID id = UUID.fromString(Ids.next(millis));

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2); // RFC 9562
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnesAsText() {
        long millis = Instant.parse("2026-11-30T03:40:00Z").toEpochMilli();
        String previous = Ids.next(millis);
        for (int i = 1; i <= 1_000; i++) {
            String next = Ids.next(millis + i);
            assertThat(next).isGreaterThan(previous);
            previous = next;
        }
    }

    @Test
    void idsOfOneMillisecondDifferInTheirRandomBits() {
        long millis = System.currentTimeMillis();
        Set<String> ids = new HashSet<>();
        Set<Long> randomParts = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = Ids.next(millis);
            ids.add(id);
            randomParts.add(UUID.fromString(id).getLeastSignificantBits());
        }
        assertThat(ids).hasSize(100_000);
        assertThat(randomParts).hasSize(100_000);
        assertThat(Ids.next()).hasSize(36);
    }
}
