package io.tenanttwilio.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.TenantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageReportTest {

    private static UsageReport.Builder report(String tenant) {
        return UsageReport.builder(
                        TenantId.of(tenant), LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), ZoneId.of("UTC"))
                .generatedAt(Instant.EPOCH);
    }

    @Test
    void writesAHeaderAndOneLinePerReportWithCrlf() {
        UsageReport one = report("clinique-a")
                .messages(3, 3, 10, 12)
                .outcomes(8, 2, Map.of(30005, 1L, 30003, 1L))
                .messageCost(new BigDecimal("0.07900"), 0)
                .twilioCosts(new BigDecimal("0.1027"), new BigDecimal("1.15000"))
                .build();

        String csv = UsageReport.toCsv(List.of(one));

        assertThat(csv.split("\r\n")).hasSize(2);
        assertThat(csv.split("\r\n")[0]).isEqualTo(String.join(",", UsageReport.CSV_COLUMNS));
        assertThat(csv.split("\r\n")[1])
                .isEqualTo(
                        "clinique-a,2026-11-01,2026-11-30,UTC,3,3,10,12,8,2,30003:1 30005:1,0,0.079,0,0.1027,1.15,USD");
    }

    @Test
    void carrierBlocksForWantOfRegistrationAreCountedApart() {
        UsageReport report = report("clinique-us")
                .messages(0, 0, 9, 9)
                .outcomes(2, 7, Map.of(30034, 3L, 30032, 1L, 30007, 1L, 30033, 1L, 30005, 1L))
                .build();

        assertThat(report.failedForRegistration()).isEqualTo(6);
        assertThat(report.toCsvLine()).contains(",30005:1 30007:1 30032:1 30033:1 30034:3,6,");
        assertThat(report("clinique-b").build().failedForRegistration()).isZero();
    }

    @Test
    void missingTwilioCostsAreEmptyCellsAndZeroIsWrittenAsMoney() {
        String line = report("clinique-b").build().toCsvLine();

        assertThat(line).endsWith(",0.00,0,,,USD");
    }

    @Test
    void quotesCommasAndDefusesSpreadsheetFormulas() {
        assertThat(report("=HYPERLINK(\"x\",\"y\")").build().toCsvLine())
                .startsWith("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\",");
        assertThat(report("-2+3").build().toCsvLine()).startsWith("'-2+3,");
        assertThat(report("@risk").build().toCsvLine()).startsWith("'@risk,");
    }
}
