package io.tenanttwilio.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Compiles every {@code ```java} block of the README against the real modules, so that a README
 * that drifts from the API fails the build.
 *
 * <p>Each block becomes a class of its own whose members are {@link #GIVENS}, the variables and
 * methods the README's prose assumes; the snippet's own declarations shadow them. A block of
 * statements becomes the body of a method; a block that declares members (a class, a method, a
 * field, a bean: its first line of code starts with an annotation, a modifier or {@code class},
 * {@code interface}, {@code enum}, {@code record}) goes into the class's body as it is, where an
 * inner class still sees the givens. Its {@code import} lines, if any, are moved to the top of the
 * file; every public package of the project, {@code java.util}, {@code java.net}, {@code
 * java.time}, {@code javax.sql} and JUnit's are imported on demand (a type name two of them share
 * must be imported by the snippet). A line whose code is only {@code …} stands for calls left out
 * and is skipped; any other text must be Java — console output or configuration belongs in
 * another kind of block.
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
    private static final Pattern ELLIPSIS_LINE = Pattern.compile("^(\\s*)…(\\s*(//.*)?)$");
    private static final Pattern MEMBERS = Pattern.compile(
            "^(@|(public|protected|private|static|abstract|sealed|non-sealed)\\s|(class|interface|enum|record)\\s).*");

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyJavaBlockOfTheReadmeCompilesAgainstTheModules() throws IOException {
        long start = System.nanoTime();
        List<Snippet> snippets = snippets(Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8));
        assertThat(snippets).as("```java blocks in README.md").isNotEmpty();

        String imports = Stream.concat(publicPackages(ROOT).stream(), OTHER_PACKAGES.stream())
                .map(name -> "import " + name + ".*;\n")
                .collect(Collectors.joining());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK's compiler").isNotNull();
        Path output = Files.createDirectories(ROOT.resolve("architecture-tests/target/readme-snippets"));
        // Surefire runs the tests from a manifest-only jar: the real class path is in its property.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> options = List.of("-proc:none", "-nowarn", "-classpath", classPath, "-d", output.toString());

        List<String> failures = new ArrayList<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            for (Snippet snippet : snippets) {
                Source source = snippet.source(imports);
                DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
                boolean compiled = javac.getTask(null, files, diagnostics, options, null, List.of(source))
                        .call();
                List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                        .sorted(Comparator.comparingLong(Diagnostic::getLineNumber))
                        .toList();
                errors.forEach(error -> failures.add(snippet.describe(error, source.firstSnippetLine)));
                if (!compiled && errors.isEmpty()) {
                    failures.add("README.md:" + snippet.firstLine + ": the block does not compile");
                }
            }
        }
        System.out.printf(
                "Compiled %d java blocks of README.md in %d ms%n",
                snippets.size(), (System.nanoTime() - start) / 1_000_000);
        assertThat(failures)
                .as("README.md's java blocks that do not compile against the modules (the README drifted from the API)")
                .isEmpty();
    }

    /** The ```java blocks of the README, with the line number of each one's first line. */
    static List<Snippet> snippets(List<String> readme) {
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
            snippets.add(new Snippet(first + 1, readme.subList(first, end)));
            i = end;
        }
        return snippets;
    }

    /**
     * The project's public packages: those of the published modules' main sources (every module
     * but the example app and the benchmarks), internals aside.
     */
    static List<String> publicPackages(Path root) {
        try (Stream<Path> modules = Files.list(root)) {
            TreeSet<String> packages = new TreeSet<>();
            for (Path sources : modules.map(module -> module.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .filter(sources -> !sources.startsWith(root.resolve("benchmarks")))
                    .toList()) {
                try (Stream<Path> files = Files.walk(sources)) {
                    files.filter(file -> file.toString().endsWith(".java"))
                            .map(file -> sources.relativize(file.getParent())
                                    .toString()
                                    .replace(java.io.File.separatorChar, '.'))
                            .filter(name -> name.startsWith("io.tenanttwilio") && !name.contains(".internal"))
                            .forEach(packages::add);
                }
            }
            return List.copyOf(packages);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One ```java block: its lines, and the README line number of the first one. */
    record Snippet(int firstLine, List<String> lines) {

        boolean declaresMembers() {
            return lines.stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("//"))
                    .findFirst()
                    .map(line -> MEMBERS.matcher(line).matches())
                    .orElse(false);
        }

        /** The compilation unit: imports, then a class holding the givens and the snippet. */
        Source source(String imports) {
            String name = "ReadmeSnippetAtLine" + firstLine;
            StringBuilder head = new StringBuilder();
            StringBuilder body = new StringBuilder();
            for (String line : lines) {
                String code = line.strip();
                if (code.startsWith("import ")) {
                    head.append(code).append('\n');
                    body.append('\n');
                } else if (code.startsWith("package ")) {
                    body.append('\n');
                } else {
                    body.append(ELLIPSIS_LINE.matcher(line).replaceFirst("$1 $2"))
                            .append('\n');
                }
            }
            head.append(imports)
                    .append("\nclass ")
                    .append(name)
                    .append(" {\n")
                    .append(GIVENS)
                    .append('\n');
            if (!declaresMembers()) {
                head.append("void snippet() throws Exception {\n");
            }
            int firstSnippetLine = (int) head.chars().filter(c -> c == '\n').count() + 1;
            String text = head.append(body)
                    .append(declaresMembers() ? "}\n" : "}\n}\n")
                    .toString();
            return new Source(name, text, firstSnippetLine);
        }

        /** A compiler error, at its README line when it is in the snippet. */
        String describe(Diagnostic<? extends JavaFileObject> error, int firstSnippetLine) {
            long line = error.getLineNumber();
            String where = line >= firstSnippetLine && line < firstSnippetLine + lines.size()
                    ? "README.md:" + (firstLine + line - firstSnippetLine)
                    : "README.md:" + firstLine + " (in the block's wrapper, generated line " + line + ")";
            return where + ": " + error.getMessage(Locale.ROOT);
        }
    }

    /** A generated compilation unit, in memory. */
    static final class Source extends SimpleJavaFileObject {
        private final String text;
        final int firstSnippetLine;

        Source(String className, String text, int firstSnippetLine) {
            super(java.net.URI.create("string:///" + className + ".java"), Kind.SOURCE);
            this.text = text;
            this.firstSnippetLine = firstSnippetLine;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
