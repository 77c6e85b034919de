package io.tenanttwilio.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.architecture.SnippetCompiler.Snippet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Compiles every {@code ```java} block of the README against the real modules, so that a README
 * that drifts from the API fails the build.
 *
 * <p>{@link SnippetCompiler} compiles the blocks, each in a class of its own whose members are
 * {@link #GIVENS}, the variables and methods the README's prose assumes. Every public package of
 * the project, {@code java.util}, {@code java.net}, {@code java.time}, {@code javax.sql} and
 * JUnit's are imported on demand (a type name two of them share must be imported by the snippet).
 * A line whose code is only {@code …} stands for calls left out and is skipped; any other text
 * must be Java — console output or configuration belongs in another kind of block.
 */
class ReadmeSnippetsTest {

    /** The README's free variables and methods, typed as the prose around each snippet means them. */
    private static final String GIVENS = """
            // Using the SDK: the application's DataSource, on which the JDBC stores live.
            DataSource dataSource;
            // Using the SDK: the cipher of the stored secrets, built from a KeyRing as in Storage.
            SecretCipher cipher;
            // Using the SDK: the application's own notification of staff, from the inbound listener.
            void notifyStaff(InboundEvent event) {}
            // The application's one instance, as built in Using the SDK.
            TenantTwilio twilio;
            // The Account SID and Auth Token the tenant typed in the connect form.
            String accountSid;
            String authToken;
            // The tenant the current request acts for.
            TenantId tenant;
            // The purchase form's idempotency key, rendered with the form.
            String formToken;
            // The language of the person using the application.
            Locale locale;
            // Shows a text to the person using the application.
            void show(String text) {}
            // Using the SDK: the servlet container's context, where the webhook servlet is mapped.
            jakarta.servlet.ServletContext context;
            // Guardrails: the JDBC stores, as built in Storage.
            JdbcStores stores;
            // Guardrails: a patient's phone number, as typed.
            String patient;
            // Guardrails: the tenant's client, as obtained in Using the SDK.
            TenantTwilioClient clinic;
            // Storage: the DataSource of the application's ordinary role (not the schema's owner).
            DataSource appDataSource;
            // Using the SDK: the start and end of a window of messages to read.
            Instant monday;
            Instant tuesday;
            // Using the SDK: the application's own archive of a message.
            void archive(SmsMessage message) {}
            // Testing: the number bought for the simulated clinic.
            String clinicNumber;
            """;

    /** Packages imported on demand besides the project's. */
    private static final List<String> OTHER_PACKAGES = List.of(
            "java.util",
            "java.net",
            "java.time",
            "javax.sql",
            "org.junit.jupiter.api",
            "org.junit.jupiter.api.extension");

    private static final Pattern OPENING = Pattern.compile("^\\s*```java\\s*$");
    private static final Pattern CLOSING = Pattern.compile("^\\s*```\\s*$");

    @Test
    void everyJavaBlockOfTheReadmeCompilesAgainstTheModules() throws IOException {
        long start = System.nanoTime();
        List<String> readme = Files.readAllLines(SnippetCompiler.ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        String imports = SnippetCompiler.importsOnDemand(
                Stream.concat(SnippetCompiler.publicPackages().stream(), OTHER_PACKAGES.stream())
                        .toList());
        List<Snippet> snippets = snippets(readme, imports);
        assertThat(snippets).as("```java blocks in README.md").isNotEmpty();

        List<String> failures = SnippetCompiler.compile(snippets, "readme-snippets");

        System.out.printf(
                "Compiled %d java blocks of README.md in %d ms%n",
                snippets.size(), (System.nanoTime() - start) / 1_000_000);
        assertThat(failures)
                .as("README.md's java blocks that do not compile against the modules (the README drifted from the API)")
                .isEmpty();
    }

    /** The ```java blocks of the README, with the line number of each one's first line. */
    static List<Snippet> snippets(List<String> readme, String imports) {
        List<Snippet> snippets = new ArrayList<>();
        for (int i = 0; i < readme.size(); i++) {
            if (!OPENING.matcher(readme.get(i)).matches()) {
                continue;
            }
            int first = i + 1;
            int end = first;
            while (end < readme.size() && !CLOSING.matcher(readme.get(end)).matches()) {
                end++;
            }
            if (end == readme.size()) {
                throw new AssertionError("README.md:" + (i + 1) + ": a ```java block is never closed");
            }
            snippets.add(new Snippet(
                    "README.md",
                    first + 1,
                    readme.subList(first, end),
                    "ReadmeSnippetAtLine" + (first + 1),
                    imports,
                    GIVENS,
                    ""));
            i = end;
        }
        return snippets;
    }
}
