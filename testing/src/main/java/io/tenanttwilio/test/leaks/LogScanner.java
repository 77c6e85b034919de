package io.tenanttwilio.test.leaks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Scans a build's test output (the {@code *-output.txt} files Surefire and Failsafe write under
 * {@code target/surefire-reports} and {@code target/failsafe-reports}) for the values {@link
 * LeakCanaries} recorded in {@code target/leak-canaries.txt}, and for phone numbers in E.164 that
 * are not masked. A finding names the file, the line and what was found, never the value itself.
 *
 * <p>Stateless and thread-safe.
 */
public final class LogScanner {

    /**
     * A value found where it must not be. Immutable and thread-safe.
     *
     * @param file the test output file it was found in
     * @param line the line, from 1
     * @param what what was found (a registered canary or an unmasked phone number), never the
     *     value itself
     */
    public record Finding(Path file, int line, String what) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + what;
        }
    }

    /**
     * What a scan looked at and found. Immutable and thread-safe.
     *
     * @param outputFiles how many test output files were read
     * @param outputBytes how many characters they held in all
     * @param canaries how many distinct canaries were looked for
     * @param findings what was found, in file order; empty when nothing leaked
     */
    public record Report(int outputFiles, long outputBytes, int canaries, List<Finding> findings) {}

    /** An E.164 number written whole: a plus, 11 to 15 digits, no masking character. */
    private static final Pattern UNMASKED_PHONE = Pattern.compile("(?<![\\w*+])\\+[1-9]\\d{10,14}(?![\\d*])");

    private static final int PREFIX = LeakCanaries.MIN_LENGTH;

    private LogScanner() {}

    /**
     * Scans every module under {@code root} (a multi-module build's top directory).
     *
     * @param root the build's top directory
     * @return what was found, with where
     * @throws UncheckedIOException if a file cannot be read
     */
    public static Report scan(Path root) {
        List<Path> outputs = new ArrayList<>();
        Set<String> canaries = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(root, 6)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                String name = file.getFileName().toString();
                String parent = file.getParent() == null
                        ? ""
                        : file.getParent().getFileName().toString();
                if (name.endsWith("-output.txt")
                        && (parent.equals("surefire-reports") || parent.equals("failsafe-reports"))) {
                    outputs.add(file);
                } else if (name.equals("leak-canaries.txt") && parent.equals("target")) {
                    canaries.addAll(readCanaries(file));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<String>> index = byPrefix(canaries);
        List<Finding> findings = new ArrayList<>();
        long bytes = 0;
        for (Path output : outputs) {
            String text;
            try {
                text = Files.readString(output, StandardCharsets.UTF_8);
            } catch (IOException e) {
                try {
                    text = new String(Files.readAllBytes(output), StandardCharsets.ISO_8859_1);
                } catch (IOException again) {
                    throw new UncheckedIOException(again);
                }
            }
            bytes += text.length();
            findings.addAll(scan(output, text, index));
        }
        return new Report(outputs.size(), bytes, canaries.size(), findings);
    }

    /** The canaries by their first {@link LeakCanaries#MIN_LENGTH} characters. */
    private static Map<String, List<String>> byPrefix(Set<String> canaries) {
        Map<String, List<String>> index = new HashMap<>();
        for (String canary : canaries) {
            if (canary.length() >= PREFIX) {
                index.computeIfAbsent(canary.substring(0, PREFIX), k -> new ArrayList<>(1))
                        .add(canary);
            }
        }
        return index;
    }

    /**
     * One text scanned for the canaries (one pass, each position's next characters looked up in
     * the index) and for unmasked phone numbers.
     */
    private static List<Finding> scan(Path file, String text, Map<String, List<String>> canaries) {
        List<Finding> findings = new ArrayList<>();
        Set<String> found = new HashSet<>();
        if (!canaries.isEmpty()) {
            for (int i = 0; i + PREFIX <= text.length(); i++) {
                List<String> candidates = canaries.get(text.substring(i, i + PREFIX));
                if (candidates == null) {
                    continue;
                }
                for (String canary : candidates) {
                    if (text.startsWith(canary, i) && found.add(canary)) {
                        findings.add(new Finding(
                                file,
                                lineOf(text, i),
                                "a registered secret or message body (" + canary.length() + " characters)"));
                    }
                }
            }
        }
        Matcher phone = UNMASKED_PHONE.matcher(text);
        while (phone.find()) {
            findings.add(new Finding(file, lineOf(text, phone.start()), "an unmasked phone number"));
        }
        return findings;
    }

    private static List<String> readCanaries(Path file) {
        List<String> values = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                if (!line.isBlank()) {
                    values.add(new String(Base64.getDecoder().decode(line.strip()), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
