package io.tenanttwilio.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tenanttwilio.test.leaks.LeakCanaries;
import io.tenanttwilio.test.leaks.LogScanner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The whole build's test output, every module's, scanned for what must never be logged: the
 * secrets and message bodies the tests handed to the product ({@link LeakCanaries}) and phone
 * numbers written whole. This module is built last, after every module with tests.
 */
class LogLeakTest {

    @Test
    void noSecretNoMessageBodyAndNoUnmaskedPhoneNumberInAnyTestOutput() {
        LogScanner.Report report =
                LogScanner.scan(Path.of("..").toAbsolutePath().normalize());
        assumeTrue(report.outputFiles() > 0, "no test output to scan: the other modules' tests did not run");

        System.out.printf(
                "Scanned %d output files (%,d characters) for %,d canaries and unmasked numbers%n",
                report.outputFiles(), report.outputBytes(), report.canaries());
        assertThat(report.canaries())
                .as("canaries registered by the tests (is -D%s passed to the test JVMs?)", LeakCanaries.PROPERTY)
                .isPositive();
        assertThat(report.findings()).isEmpty();
    }
}
