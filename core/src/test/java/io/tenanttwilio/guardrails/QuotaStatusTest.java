package io.tenanttwilio.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenanttwilio.TenantId;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class QuotaStatusTest {

    private static final ZonedDateTime MIDNIGHT =
            ZonedDateTime.of(2026, 12, 1, 0, 0, 0, 0, ZoneId.of("America/Toronto"));

    private static QuotaUse use(QuotaPeriod period, long used, long limit) {
        return QuotaUse.builder()
                .period(period)
                .used(used)
                .limit(limit)
                .resetsAt(MIDNIGHT)
                .build();
    }

    @Test
    void isReachedWhenTheDayOrTheMonthIs() {
        QuotaStatus status = QuotaStatus.builder()
                .tenant(TenantId.of("clinique-a"))
                .day(use(QuotaPeriod.DAY, 12, 50))
                .month(use(QuotaPeriod.MONTH, 500, 500))
                .build();

        assertThat(status.isReached()).isTrue();
        assertThat(status.countsSegments()).isFalse();
        assertThat(status.month().remaining()).hasValue(0);
    }

    @Test
    void refusesADayAndAMonthSwapped() {
        assertThatThrownBy(() -> QuotaStatus.builder()
                        .tenant(TenantId.of("clinique-a"))
                        .day(use(QuotaPeriod.MONTH, 312, 500))
                        .month(use(QuotaPeriod.DAY, 12, 50))
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aQuotaWithoutLimitIsNeverReached() {
        QuotaUse unlimited = QuotaUse.builder()
                .period(QuotaPeriod.DAY)
                .used(10_000)
                .resetsAt(MIDNIGHT)
                .build();

        assertThat(unlimited.limit()).isEmpty();
        assertThat(unlimited.remaining()).isEmpty();
        assertThat(unlimited.isReached()).isFalse();
        assertThat(unlimited)
                .isEqualTo(QuotaUse.builder()
                        .period(QuotaPeriod.DAY)
                        .used(10_000)
                        .resetsAt(MIDNIGHT)
                        .build());
    }
}
