package io.tenanttwilio.example.clinic;

import io.tenanttwilio.phone.InvalidPhoneNumberException;
import io.tenanttwilio.phone.PhoneNormalizer;
import io.tenanttwilio.phone.PhoneNumber;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a day's appointments, one a line: {@code name, number, time}, as a clinic exports them
 * from its scheduling software or types them. Streamed: each line is handed over as it is read, so
 * a file of 100,000 appointments is never held in memory.
 *
 * <ul>
 *   <li>Separators: a comma, a semicolon (a French spreadsheet's CSV) or a tab (cells pasted from a
 *       spreadsheet), whichever the first line uses most.
 *   <li>A field between double quotes may hold the separator ({@code "Tremblay, Marie"}); {@code
 *       ""} is a quote in it. Unquoted, a name with commas is kept whole: the last two fields are
 *       the number and the time, the fields before them the name.
 *   <li>Time: {@code YYYY-MM-DD HH:MM} in the clinic's zone, or {@code HH:MM} (also {@code 9h30},
 *       {@code 14 h}) on the day chosen beside the list.
 *   <li>A first line without a digit is a header, and skipped; so are blank lines. A byte order
 *       mark is ignored; {@link #open(Path)} reads UTF-8, UTF-16 with its mark, and Windows-1252.
 * </ul>
 *
 * <p>Each line is either an {@link Appointment} or a {@link Rejected} line with the reason, by its
 * number in the file (the first line is 1). Not thread-safe; {@link #parse} may be called from
 * several threads on separate inputs.
 */
final class AppointmentCsv {

    /** The longest line read, in characters; the rest of a longer line is skipped. */
    static final int MAX_LINE = 1_000;

    /** The longest patient name, in characters. */
    static final int MAX_NAME = 100;

    /** How much of a refused line is shown back, in characters. */
    static final int EXCERPT = 60;

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static final Pattern TIME = Pattern.compile(
            "(?:(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:\\s+|\\s*T\\s*))?(\\d{1,2})\\s*(?::\\s*(\\d{2})(?::\\d{2})?|[hH]\\s*(\\d{2})?)");

    /** Why a line is not an appointment: each has the message {@code reminders.problem.<NAME>}. */
    enum Problem {
        /** {0}: the longest line. */
        LINE_TOO_LONG,
        UNCLOSED_QUOTE,
        MISSING_NAME,
        /** {0}: the longest name. */
        NAME_TOO_LONG,
        MISSING_NUMBER,
        /** The SDK's reason is on the line. */
        BAD_NUMBER,
        MISSING_TIME,
        /** {0}: the time as written. */
        BAD_TIME,
        /** {0}: the time as written. */
        NO_DAY,
        /** {0}: the appointment. */
        PAST,
        /** {0}: when the reminder would leave. Found when planning. */
        REMINDER_AFTER_APPOINTMENT,
        /** {0}: the line with the same appointment. Found when planning. */
        DUPLICATE,
        /** {0}: the longest text; {1}: this one's length. Found when planning. */
        TOO_LONG,
        /** Refused by the outbox: the SDK's reason is on the line. Found when scheduling. */
        REFUSED
    }

    /** A line of the file: an appointment or a refused line. */
    sealed interface Row permits Appointment, Rejected {
        /** {@return the line's number in the file, from 1} */
        int line();
    }

    /**
     * An appointment.
     *
     * @param line its line in the file
     * @param excerpt the beginning of the line, as written
     * @param name the patient's name, spaces collapsed
     * @param number the patient's number
     * @param at when it is, in the clinic's zone
     */
    record Appointment(int line, String excerpt, String name, PhoneNumber number, ZonedDateTime at) implements Row {}

    /**
     * A line that is not an appointment, with the reason.
     *
     * @param line its line in the file
     * @param excerpt the beginning of the line, as written
     * @param problem why
     * @param args the values of the reason's message
     * @param sdkError the SDK's refusal, when it gave the reason (a number, the outbox)
     */
    record Rejected(
            int line,
            String excerpt,
            Problem problem,
            List<Object> args,
            @Nullable RuntimeException sdkError) implements Row {

        Rejected {
            args = List.copyOf(args);
        }

        static Rejected of(int line, String text, Problem problem, Object... args) {
            return new Rejected(line, AppointmentCsv.excerpt(text), problem, List.of(args), null);
        }
    }

    /**
     * How to read the times and numbers.
     *
     * @param zone the clinic's zone
     * @param day the day of the times written without a date; {@code null}: none chosen
     * @param now the present, before which no appointment may be
     * @param normalizer reads the numbers as typed
     */
    record Options(ZoneId zone, @Nullable LocalDate day, Instant now, PhoneNormalizer normalizer) {}

    private AppointmentCsv() {}

    /**
     * Reads every line of {@code in} and hands each appointment or refused line to {@code rows},
     * in order.
     *
     * @param in the text
     * @param options how to read it
     * @param rows what takes the lines
     * @return how many lines were handed over (blank lines and the header are not)
     * @throws IOException when {@code in} fails
     */
    static int parse(Reader in, Options options, Consumer<? super Row> rows) throws IOException {
        Objects.requireNonNull(options, "options");
        Lines lines = new Lines(in);
        char separator = 0;
        boolean first = true;
        int count = 0;
        for (String text = lines.next(); text != null; text = lines.next()) {
            int number = lines.number();
            if (first && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text = text.substring(1);
            }
            if (lines.truncated()) {
                rows.accept(Rejected.of(number, text, Problem.LINE_TOO_LONG, MAX_LINE));
                count++;
                first = false;
                continue;
            }
            if (text.isBlank()) {
                continue;
            }
            if (separator == 0) {
                separator = separatorOf(text);
            }
            List<String> fields = split(text, separator);
            if (fields == null) {
                rows.accept(Rejected.of(number, text, Problem.UNCLOSED_QUOTE));
                count++;
                first = false;
                continue;
            }
            if (first && isHeader(fields)) {
                first = false;
                continue;
            }
            first = false;
            rows.accept(read(number, text, fields, options));
            count++;
        }
        return count;
    }

    /** The separator the line uses most, out of quotes: a tab, then a semicolon, then a comma on a tie. */
    static char separatorOf(String line) {
        int tabs = 0;
        int semicolons = 0;
        int commas = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                if (c == '\t') {
                    tabs++;
                } else if (c == ';') {
                    semicolons++;
                } else if (c == ',') {
                    commas++;
                }
            }
        }
        if (tabs > 0 && tabs >= semicolons && tabs >= commas) {
            return '\t';
        }
        if (semicolons > 0 && semicolons >= commas) {
            return ';';
        }
        return ',';
    }

    /**
     * The fields of a line, each stripped of spaces around it and of its quotes.
     *
     * @return the fields; {@code null} when a quote is not closed
     */
    static @Nullable List<String> split(String line, char separator) {
        List<String> fields = new ArrayList<>(4);
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            // Spaces before a field (not tabs when they separate).
            while (i < n && line.charAt(i) != separator && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (!closed) {
                    return null;
                }
                // Anything between the closing quote and the separator is kept, as a person meant it.
                while (i < n && line.charAt(i) != separator) {
                    field.append(line.charAt(i++));
                }
            } else {
                while (i < n && line.charAt(i) != separator) {
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString().strip());
            field.setLength(0);
            if (i >= n) {
                return fields;
            }
            i++; // the separator
        }
    }

    /** A first line none of whose fields has a digit: "nom, numéro, heure". */
    private static boolean isHeader(List<String> fields) {
        for (String field : fields) {
            for (int i = 0; i < field.length(); i++) {
                if (Character.isDigit(field.charAt(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Row read(int line, String text, List<String> fields, Options options) {
        String name;
        String number;
        String time;
        if (fields.size() > 3) {
            // "Tremblay, Marie, 581-500-6712, 10:00": the name had commas and no quotes.
            name = String.join(", ", fields.subList(0, fields.size() - 2));
            number = fields.get(fields.size() - 2);
            time = fields.get(fields.size() - 1);
        } else {
            name = fields.get(0);
            number = fields.size() > 1 ? fields.get(1) : "";
            time = fields.size() > 2 ? fields.get(2) : "";
        }
        name = cleanName(name);
        if (name.isEmpty()) {
            return Rejected.of(line, text, Problem.MISSING_NAME);
        }
        if (name.length() > MAX_NAME) {
            return Rejected.of(line, text, Problem.NAME_TOO_LONG, MAX_NAME);
        }
        if (number.isEmpty()) {
            return Rejected.of(line, text, Problem.MISSING_NUMBER);
        }
        PhoneNumber phone;
        try {
            phone = options.normalizer().normalize(number);
        } catch (InvalidPhoneNumberException e) {
            return new Rejected(line, excerpt(text), Problem.BAD_NUMBER, List.of(number), e);
        }
        if (time.isEmpty()) {
            return Rejected.of(line, text, Problem.MISSING_TIME);
        }
        Matcher m = TIME.matcher(time);
        if (!m.matches()) {
            return Rejected.of(line, text, Problem.BAD_TIME, time);
        }
        LocalDate date;
        LocalTime clock;
        try {
            date = m.group(1) == null
                    ? options.day()
                    : LocalDate.of(
                            Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            String minutes = m.group(5) != null ? m.group(5) : m.group(6);
            clock = LocalTime.of(Integer.parseInt(m.group(4)), minutes == null ? 0 : Integer.parseInt(minutes));
        } catch (DateTimeException e) {
            return Rejected.of(line, text, Problem.BAD_TIME, time);
        }
        if (date == null) {
            return Rejected.of(line, text, Problem.NO_DAY, time);
        }
        ZonedDateTime at = ZonedDateTime.of(date, clock, options.zone());
        if (!at.toInstant().isAfter(options.now())) {
            return Rejected.of(line, text, Problem.PAST, at);
        }
        return new Appointment(line, excerpt(text), name, phone, at);
    }

    /** The name without control characters, its spaces collapsed. */
    private static String cleanName(String name) {
        StringBuilder clean = new StringBuilder(name.length());
        boolean space = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                space = clean.length() > 0;
            } else {
                if (space) {
                    clean.append(' ');
                    space = false;
                }
                clean.append(c);
            }
        }
        return clean.toString();
    }

    static String excerpt(String text) {
        String line = text.strip();
        return line.length() <= EXCERPT ? line : line.substring(0, EXCERPT) + "…";
    }

    // ---------------------------------------------------------------------------------------------
    // Bytes to text

    /**
     * The text of a saved list: UTF-16 when it starts with its mark (a spreadsheet's "Unicode
     * text"), UTF-8 when it decodes as such (with or without its mark), else Windows-1252 (a
     * spreadsheet's CSV on Windows). The file is read once to tell, then streamed.
     *
     * @param file the file
     * @return a reader of its text
     * @throws IOException when the file cannot be read
     */
    static Reader open(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), charsetOf(file)), 1 << 16);
    }

    static Charset charsetOf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            if (head.length == 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe) {
                return StandardCharsets.UTF_16LE;
            }
            if (head.length == 2 && (head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff) {
                return StandardCharsets.UTF_16BE;
            }
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = Files.newInputStream(file)) {
            ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
            CharBuffer chars = CharBuffer.allocate(1 << 16);
            boolean end = false;
            while (!end) {
                int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (read < 0) {
                    end = true;
                } else {
                    bytes.position(bytes.position() + read);
                }
                bytes.flip();
                CoderResult result;
                do {
                    result = utf8.decode(bytes, chars, end);
                    if (result.isError()) {
                        return WINDOWS_1252;
                    }
                    chars.clear();
                } while (result.isOverflow());
                bytes.compact();
            }
            if (utf8.flush(chars).isError()) {
                return WINDOWS_1252;
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** Lines of at most {@link #MAX_LINE} characters, ended by LF, CRLF or CR, counted from 1. */
    private static final class Lines {
        private final Reader in;
        private final char[] buffer = new char[1 << 14];
        private int position;
        private int limit;
        private final StringBuilder line = new StringBuilder(128);
        private int number;
        private boolean truncated;
        private boolean pendingLf;
        private boolean done;

        Lines(Reader in) {
            this.in = in;
        }

        @Nullable
        String next() throws IOException {
            if (done) {
                return null;
            }
            line.setLength(0);
            truncated = false;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer, 0, buffer.length);
                    position = 0;
                    if (limit < 0) {
                        limit = 0;
                        done = true;
                        if (line.length() == 0 && !truncated) {
                            return null;
                        }
                        number++;
                        return line.toString();
                    }
                }
                if (pendingLf) {
                    pendingLf = false;
                    if (buffer[position] == '\n') {
                        position++;
                        continue;
                    }
                }
                int start = position;
                while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                    position++;
                }
                int room = MAX_LINE - line.length();
                int length = position - start;
                line.append(buffer, start, Math.min(room, length));
                if (length > room) {
                    truncated = true;
                }
                if (position < limit) {
                    pendingLf = buffer[position] == '\r';
                    position++;
                    number++;
                    return line.toString();
                }
            }
        }

        int number() {
            return number;
        }

        boolean truncated() {
            return truncated;
        }
    }
}
