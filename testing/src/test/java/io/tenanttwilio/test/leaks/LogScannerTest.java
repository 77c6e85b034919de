package io.tenanttwilio.test.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogScannerTest {

    @TempDir
    Path build;

    private void canaries(String module, String... values) throws Exception {
        Path file = build.resolve(module).resolve("target/leak-canaries.txt");
        Files.createDirectories(file.getParent());
        StringBuilder lines = new StringBuilder();
        for (String value : values) {
            lines.append(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)))
                    .append('\n');
        }
        Files.writeString(file, lines);
    }

    private Path output(String module, String reports, String text) throws Exception {
        Path file = build.resolve(module).resolve("target").resolve(reports).resolve("SomeIT-output.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void findsASecretRegisteredInOneModuleInTheOutputOfAnother() throws Exception {
        canaries("testing", "0123456789abcdef0123456789abcdef", "Bonjour, je confirme jeudi");
        Path leaking = output(
                "integration-tests",
                "failsafe-reports",
                "INFO starting\nWARN credentials rejected: token=0123456789abcdef0123456789abcdef\n");
        output("core", "surefire-reports", "INFO nothing to see\n");

        LogScanner.Report report = LogScanner.scan(build);

        assertThat(report.outputFiles()).isEqualTo(2);
        assertThat(report.canaries()).isEqualTo(2);
        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.file()).isEqualTo(leaking);
            assertThat(finding.line()).isEqualTo(2);
            assertThat(finding.toString()).doesNotContain("0123456789abcdef");
        });
    }

    @Test
    void findsAMessageBodyAndAnUnmaskedNumberButNotAMaskedOne() throws Exception {
        canaries("testing", "Bonjour, je confirme jeudi");
        output(
                "clinic-app",
                "failsafe-reports",
                "DEBUG inbound from +1581*****12\nDEBUG body Bonjour, je confirme jeudi\nWARN to +15815006712\n");

        LogScanner.Report report = LogScanner.scan(build);

        assertThat(report.findings()).extracting(LogScanner.Finding::line).containsExactlyInAnyOrder(2, 3);
    }

    @Test
    void cleanOutputHasNoFinding() throws Exception {
        canaries("testing", "0123456789abcdef0123456789abcdef");
        output("core", "surefire-reports", "INFO SmsMessage[id, INBOUND, from=+1581*****12]\nSID SM0123\n");

        assertThat(LogScanner.scan(build).findings()).isEmpty();
    }
}
