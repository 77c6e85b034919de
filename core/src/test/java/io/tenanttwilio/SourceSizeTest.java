package io.tenanttwilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every class of the core stays readable on its own: none is longer than about 600 lines. */
class SourceSizeTest {

    private static final int MAX_LINES = 620;

    @Test
    void noSourceFileOfTheCoreIsLongerThanAbout600Lines() throws IOException {
        Path sources = Path.of("src/main/java");
        List<String> tooLong;
        try (Stream<Path> files = Files.walk(sources)) {
            tooLong = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> lines(file) > MAX_LINES)
                    .map(file -> sources.relativize(file) + " (" + lines(file) + " lines)")
                    .sorted()
                    .collect(Collectors.toList());
        }
        assertThat(tooLong)
                .as("source files over %d lines; split them into their parts", MAX_LINES)
                .isEmpty();
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
