package io.tenanttwilio.example.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.example.clinic.AppointmentCsv.Appointment;
import io.tenanttwilio.example.clinic.AppointmentCsv.Problem;
import io.tenanttwilio.example.clinic.AppointmentCsv.Rejected;
import io.tenanttwilio.example.clinic.AppointmentCsv.Row;
import io.tenanttwilio.phone.InvalidPhoneNumberException;
import io.tenanttwilio.phone.PhoneNormalizer;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The appointments list as clinics write it: its separators, quotes, header, byte order mark and
 * encodings, the forms of a time, and each malformed line reported by its number with the reason;
 * a list of 100,000 appointments read as a stream.
 */
class AppointmentCsvTest {

    private static final ZoneId ZONE = ZoneId.of("America/Toronto");
    private static final LocalDate DAY = LocalDate.of(2026, 12, 8);
    private static final Instant NOW = Instant.parse("2026-12-07T15:00:00Z"); // 10:00 in Toronto
    private static final AppointmentCsv.Options OPTIONS =
            new AppointmentCsv.Options(ZONE, DAY, NOW, PhoneNormalizer.forRegion("CA"));

    @TempDir
    Path dir;

    private static List<Row> parse(String text) throws IOException {
        return parse(text, OPTIONS);
    }

    private static List<Row> parse(String text, AppointmentCsv.Options options) throws IOException {
        List<Row> rows = new ArrayList<>();
        int count = AppointmentCsv.parse(new StringReader(text), options, rows::add);
        assertThat(count).isEqualTo(rows.size());
        return rows;
    }

    private static Appointment appointment(Row row) {
        assertThat(row).as("line " + row.line()).isInstanceOf(Appointment.class);
        return (Appointment) row;
    }

    private static Rejected rejected(Row row) {
        assertThat(row).as("line " + row.line()).isInstanceOf(Rejected.class);
        return (Rejected) row;
    }

    private static ZonedDateTime at(int hour, int minute) {
        return ZonedDateTime.of(DAY.atTime(hour, minute), ZONE);
    }

    @Test
    void commaSeparatedLinesWithFullTimes() throws IOException {
        List<Row> rows = parse(
                "Marie Tremblay, (581) 500-6712, 2026-12-08 10:00\n" + "Jean Roy,581.500.6713,2026-12-09T14:30\n");

        assertThat(rows).hasSize(2);
        Appointment marie = appointment(rows.get(0));
        assertThat(marie.line()).isEqualTo(1);
        assertThat(marie.name()).isEqualTo("Marie Tremblay");
        assertThat(marie.number().e164()).isEqualTo("+15815006712");
        assertThat(marie.at()).isEqualTo(at(10, 0));
        Appointment jean = appointment(rows.get(1));
        assertThat(jean.line()).isEqualTo(2);
        assertThat(jean.at()).isEqualTo(ZonedDateTime.of(2026, 12, 9, 14, 30, 0, 0, ZONE));
    }

    @Test
    void aSemicolonFileWithAByteOrderMarkAndAHeaderCountsItsLinesFromTheHeader() throws IOException {
        List<Row> rows = parse("\uFEFFNom;Numéro;Heure\r\n"
                + "Tremblay, Marie;581-500-6712;10:00\r\n"
                + "\r\n"
                + "Roy, Jean;581-500-6713;10:30\r\n");

        assertThat(rows).hasSize(2);
        Appointment marie = appointment(rows.get(0));
        assertThat(marie.line()).isEqualTo(2);
        assertThat(marie.name()).as("a comma is no separator here").isEqualTo("Tremblay, Marie");
        assertThat(marie.at()).as("the day chosen").isEqualTo(at(10, 0));
        assertThat(appointment(rows.get(1)).line()).as("the blank line counted").isEqualTo(4);
    }

    @Test
    void cellsPastedFromASpreadsheetAreSeparatedByTabs() throws IOException {
        List<Row> rows = parse("Marie Tremblay\t581 500-6712\t9h30\nJean Roy\t581 500-6713\t14 h\n");

        assertThat(appointment(rows.get(0)).at()).isEqualTo(at(9, 30));
        assertThat(appointment(rows.get(1)).at()).isEqualTo(at(14, 0));
        assertThat(appointment(rows.get(1)).name()).isEqualTo("Jean Roy");
    }

    @Test
    void aQuotedNameKeepsItsCommasAndQuotesAndAnUnquotedOneIsKeptWhole() throws IOException {
        List<Row> rows = parse(
                "\"Tremblay, Marie \"\"Mimi\"\"\", 581-500-6712, 10:00\n" + "Roy, Jean-Paul, 581-500-6713, 10:15\n");

        assertThat(appointment(rows.get(0)).name()).isEqualTo("Tremblay, Marie \"Mimi\"");
        assertThat(appointment(rows.get(1)).name()).isEqualTo("Roy, Jean-Paul");
        assertThat(appointment(rows.get(1)).number().e164()).isEqualTo("+15815006713");
        List<Row> semicolons = parse("  \"Gagnon; Luc\"  ;  581-500-6714 ; 10:30\n");
        assertThat(appointment(semicolons.get(0)).name()).isEqualTo("Gagnon; Luc");
    }

    @Test
    void eachMalformedLineIsReportedByItsNumberWithTheReason() throws IOException {
        String text = String.join(
                "\n",
                "Marie Tremblay, 581-500-6712, 10:00", // 1: fine
                ", 581-500-6713, 10:00", // 2
                "Jean Roy, , 10:00", // 3
                "Jean Roy, 123, 10:00", // 4
                "Jean Roy, 581-500-6713", // 5
                "Jean Roy, 581-500-6713, 25:00", // 6
                "Jean Roy, 581-500-6713, 2026-02-30 10:00", // 7
                "Jean Roy, 581-500-6713, demain", // 8
                "Jean Roy, 581-500-6713, 2026-12-07 09:00", // 9: an hour ago
                "\"Jean Roy, 581-500-6713, 10:00", // 10
                "x".repeat(AppointmentCsv.MAX_NAME + 1) + ", 581-500-6713, 10:00", // 11
                "Jean Roy, 581-500-6713, " + "1".repeat(AppointmentCsv.MAX_LINE), // 12
                "", // 13: blank
                "Luc Gagnon, 581-500-6714, 11:00"); // 14: fine

        List<Row> rows = parse(text);

        assertThat(rows).extracting(Row::line).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14);
        assertThat(appointment(rows.get(0)).name()).isEqualTo("Marie Tremblay");
        assertThat(rejected(rows.get(1)).problem()).isEqualTo(Problem.MISSING_NAME);
        assertThat(rejected(rows.get(2)).problem()).isEqualTo(Problem.MISSING_NUMBER);
        Rejected badNumber = rejected(rows.get(3));
        assertThat(badNumber.problem()).isEqualTo(Problem.BAD_NUMBER);
        assertThat(badNumber.sdkError()).isInstanceOf(InvalidPhoneNumberException.class);
        assertThat(((InvalidPhoneNumberException) badNumber.sdkError()).userMessage(Locale.FRENCH))
                .contains("trop peu de chiffres");
        assertThat(rejected(rows.get(4)).problem()).isEqualTo(Problem.MISSING_TIME);
        assertThat(rejected(rows.get(5)).problem()).isEqualTo(Problem.BAD_TIME);
        assertThat(rejected(rows.get(5)).args()).containsExactly("25:00");
        assertThat(rejected(rows.get(6)).problem()).isEqualTo(Problem.BAD_TIME);
        assertThat(rejected(rows.get(7)).problem()).isEqualTo(Problem.BAD_TIME);
        assertThat(rejected(rows.get(8)).problem()).isEqualTo(Problem.PAST);
        assertThat(rejected(rows.get(9)).problem()).isEqualTo(Problem.UNCLOSED_QUOTE);
        assertThat(rejected(rows.get(10)).problem()).isEqualTo(Problem.NAME_TOO_LONG);
        Rejected tooLong = rejected(rows.get(11));
        assertThat(tooLong.problem()).isEqualTo(Problem.LINE_TOO_LONG);
        assertThat(tooLong.excerpt()).hasSize(AppointmentCsv.EXCERPT + 1).endsWith("…");
        assertThat(appointment(rows.get(12)).name()).isEqualTo("Luc Gagnon");
        assertThat(rejected(rows.get(3)).excerpt()).isEqualTo("Jean Roy, 123, 10:00");
    }

    @Test
    void aTimeWithoutADateNeedsTheDay() throws IOException {
        AppointmentCsv.Options noDay = new AppointmentCsv.Options(ZONE, null, NOW, PhoneNormalizer.forRegion("CA"));

        List<Row> rows = parse("Marie Tremblay, 581-500-6712, 10:00\nJean Roy, 581-500-6713, 2026-12-08 10:00", noDay);

        assertThat(rejected(rows.get(0)).problem()).isEqualTo(Problem.NO_DAY);
        assertThat(appointment(rows.get(1)).at()).isEqualTo(at(10, 0));
    }

    @Test
    void linesEndedByACarriageReturnAloneAreCountedToo() throws IOException {
        List<Row> rows = parse("Marie Tremblay, 581-500-6712, 10:00\rJean Roy, 123, 10:00\r");

        assertThat(rows).extracting(Row::line).containsExactly(1, 2);
        assertThat(rejected(rows.get(1)).problem()).isEqualTo(Problem.BAD_NUMBER);
    }

    @Test
    void aSavedFileIsReadInUtf8Windows1252OrUtf16AsItWasWritten() throws IOException {
        String text = "Hélène Côté;581-500-6712;10:00\n";
        Path utf8 = Files.writeString(dir.resolve("utf8.csv"), "\uFEFF" + text, StandardCharsets.UTF_8);
        Path windows = Files.write(dir.resolve("excel.csv"), text.getBytes(Charset.forName("windows-1252")));
        Path utf16 = Files.write(
                dir.resolve("unicode.txt"), ("\uFEFF" + text.replace(';', '\t')).getBytes(StandardCharsets.UTF_16LE));

        for (Path file : List.of(utf8, windows, utf16)) {
            List<Row> rows = new ArrayList<>();
            try (Reader in = AppointmentCsv.open(file)) {
                AppointmentCsv.parse(in, OPTIONS, rows::add);
            }
            assertThat(rows).as(file.getFileName().toString()).hasSize(1);
            assertThat(appointment(rows.get(0)).name())
                    .as(file.getFileName().toString())
                    .isEqualTo("Hélène Côté");
        }
        assertThat(AppointmentCsv.charsetOf(windows)).isEqualTo(Charset.forName("windows-1252"));
        assertThat(AppointmentCsv.charsetOf(utf8)).isEqualTo(StandardCharsets.UTF_8);
    }

    /** {@code count} lines, one in a hundred malformed, made as they are read: never held whole. */
    static Reader generated(int count) {
        return new Reader() {
            private int line;
            private String current = "Nom,Numéro,Heure\n";
            private int at;

            @Override
            public int read(char[] buffer, int offset, int length) {
                int written = 0;
                while (written < length) {
                    if (at == current.length()) {
                        if (line == count) {
                            return written == 0 ? -1 : written;
                        }
                        line++;
                        int minute = line % 600;
                        current = line % 100 == 0
                                ? "Patient " + line + ", 123, 10:00\n"
                                : String.format(
                                        Locale.ROOT,
                                        "\"Patient, %d\",(581) %03d-%04d,%02d:%02d\n",
                                        line,
                                        500 + line / 10_000,
                                        line % 10_000,
                                        8 + minute / 60,
                                        minute % 60);
                        at = 0;
                    }
                    int n = Math.min(length - written, current.length() - at);
                    current.getChars(at, at + n, buffer, offset + written);
                    at += n;
                    written += n;
                }
                return written;
            }

            @Override
            public void close() {}
        };
    }

    @Test
    void aHundredThousandLinesAreReadAsAStreamWithinSeconds() throws IOException {
        int[] appointments = {0};
        int[] rejectedLines = {0};
        int[] lastLine = {1}; // the header
        int[] outOfOrder = {0};
        long start = System.nanoTime();

        int count = AppointmentCsv.parse(generated(100_000), OPTIONS, row -> {
            if (row.line() != lastLine[0] + 1) {
                outOfOrder[0]++;
            }
            lastLine[0] = row.line();
            if (row instanceof Appointment) {
                appointments[0]++;
            } else {
                rejectedLines[0]++;
            }
        });

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(count).isEqualTo(100_000);
        assertThat(appointments[0]).isEqualTo(99_000);
        assertThat(rejectedLines[0]).isEqualTo(1_000);
        assertThat(outOfOrder[0]).as("lines out of order").isZero();
        assertThat(lastLine[0]).as("the header is line 1").isEqualTo(100_001);
        assertThat(took).as("read in %s", took).isLessThan(Duration.ofSeconds(30));
    }
}
