package io.tenanttwilio.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

/**
 * Compiles snippets of Java taken from the documentation (the README's {@code ```java} blocks,
 * the Javadoc's {@code <pre>{@code …}</pre>} examples) against the real modules, and reports each
 * error at the documentation's file and line.
 *
 * <p>Each snippet becomes a class of its own whose members are its givens, the variables and
 * methods the prose around it assumes; the snippet's own declarations shadow them. When a snippet
 * has givens of its own besides the shared ones, they are the members of a class nested in that
 * one, so that they shadow the shared ones of the same name. A snippet of statements becomes the
 * body of a method; a snippet that declares members (a class, a method, a field, a bean: its first
 * line of code starts with an annotation, a modifier or {@code class}, {@code interface}, {@code
 * enum}, {@code record}) goes into the class's body as it is, where an inner class still sees the
 * givens. Its {@code import} lines, if any, are moved to the top of the file, after which come the
 * imports the caller gives. A line whose code is only {@code …} stands for code left out and is
 * skipped.
 *
 * <p>All the snippets are compiled in one task (much faster than one task each), which goes on
 * past the first snippet in error so that every error is reported.
 */
final class SnippetCompiler {

    /** The repository's root: Surefire runs the tests in the module's directory. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern ELLIPSIS_LINE = Pattern.compile("^(\\s*)…(\\s*(//.*)?)$");
    private static final Pattern MEMBERS = Pattern.compile(
            "^(@|(public|protected|private|static|abstract|sealed|non-sealed)\\s|(class|interface|enum|record)\\s).*");

    private SnippetCompiler() {}

    /**
     * One snippet.
     *
     * @param file where it is written, relative to the repository's root
     * @param firstLine the line of {@code file} where its first line is
     * @param lines its lines of code, as a reader would copy them
     * @param className the name of the class generated for it, unique among those compiled together
     * @param imports the import declarations it is compiled with, besides its own
     * @param givens the members it sees, as Java text
     * @param ownGivens members of its own, shadowing {@code givens}; empty when it has none
     */
    record Snippet(
            String file,
            int firstLine,
            List<String> lines,
            String className,
            String imports,
            String givens,
            String ownGivens) {

        boolean declaresMembers() {
            return lines.stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("//"))
                    .findFirst()
                    .map(line -> MEMBERS.matcher(line).matches())
                    .orElse(false);
        }

        /** The compilation unit: imports, then a class holding the givens and the snippet. */
        Source source() {
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
            boolean nested = !ownGivens.isBlank();
            head.append(imports)
                    .append("\nclass ")
                    .append(className)
                    .append(" {\n")
                    .append(givens)
                    .append('\n');
            if (nested) {
                head.append("class Example {\n").append(ownGivens).append('\n');
            }
            if (!declaresMembers()) {
                head.append("void snippet() throws Exception {\n");
            }
            int firstSnippetLine = (int) head.chars().filter(c -> c == '\n').count() + 1;
            String closing = "}\n".repeat(1 + (nested ? 1 : 0) + (declaresMembers() ? 0 : 1));
            return new Source(this, head.append(body).append(closing).toString(), firstSnippetLine);
        }
    }

    /** {@code import p.*;} for each package, one a line. */
    static String importsOnDemand(Collection<String> packages) {
        return packages.stream().map(name -> "import " + name + ".*;\n").collect(Collectors.joining());
    }

    /**
     * Compiles the snippets together against the test class path.
     *
     * @param output the directory under {@code architecture-tests/target} where the generated
     *     sources (kept to be read when a snippet fails) and classes go
     * @return the errors, each as {@code file:line: message}, in the order of the snippets
     */
    static List<String> compile(List<Snippet> snippets, String output) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new AssertionError("the tests must run on a JDK, whose compiler compiles the snippets");
        }
        Path directory = Files.createDirectories(
                ROOT.resolve("architecture-tests/target").resolve(output));
        // Surefire runs the tests from a manifest-only jar: the real class path is in its property.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> options = List.of(
                "-proc:none",
                "-nowarn",
                // Past an error in one snippet, the others are still attributed and their errors reported.
                "-XDshould-stop.ifError=FLOW",
                "-Xmaxerrs",
                "100000",
                "-classpath",
                classPath,
                "-d",
                directory.toString());
        Map<String, Source> sources = new LinkedHashMap<>();
        for (Snippet snippet : snippets) {
            Source source = snippet.source();
            if (sources.put(snippet.className(), source) != null) {
                throw new AssertionError("two snippets would be compiled as " + snippet.className());
            }
            Files.writeString(directory.resolve(snippet.className() + ".java"), source.text, StandardCharsets.UTF_8);
        }

        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean compiled;
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            compiled = javac.getTask(null, files, diagnostics, options, null, sources.values())
                    .call();
        }
        List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .toList();
        List<String> failures = new ArrayList<>();
        for (Source source : sources.values()) {
            errors.stream()
                    .filter(error -> error.getSource() == source)
                    .sorted(Comparator.comparingLong(Diagnostic::getLineNumber))
                    .forEach(error -> failures.add(source.describe(
                            error,
                            "architecture-tests/target/" + output + "/" + source.snippet.className() + ".java")));
        }
        errors.stream()
                .filter(error -> !sources.containsValue(error.getSource()))
                .forEach(error -> failures.add(error.getMessage(Locale.ROOT)));
        if (!compiled && failures.isEmpty()) {
            failures.add("the snippets do not compile, and javac does not say why");
        }
        return failures;
    }

    /**
     * The project's public packages: those of the published modules' main sources (every module
     * but the example app and the benchmarks), internals aside.
     */
    static List<String> publicPackages() {
        try (Stream<Path> modules = Files.list(ROOT)) {
            TreeSet<String> packages = new TreeSet<>();
            for (Path sources : modules.map(module -> module.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .filter(sources -> !sources.startsWith(ROOT.resolve("benchmarks")))
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

    /** A generated compilation unit, in memory. */
    static final class Source extends SimpleJavaFileObject {
        private final Snippet snippet;
        private final String text;
        private final int firstSnippetLine;

        Source(Snippet snippet, String text, int firstSnippetLine) {
            super(java.net.URI.create("string:///" + snippet.className() + ".java"), Kind.SOURCE);
            this.snippet = snippet;
            this.text = text;
            this.firstSnippetLine = firstSnippetLine;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }

        /** A compiler error, at its line in the documentation when it is in the snippet. */
        String describe(Diagnostic<? extends JavaFileObject> error, String generated) {
            long line = error.getLineNumber();
            String where = line >= firstSnippetLine
                            && line < firstSnippetLine + snippet.lines().size()
                    ? snippet.file() + ":" + (snippet.firstLine() + line - firstSnippetLine)
                    : snippet.file() + ":" + snippet.firstLine() + " (in the snippet's wrapper, " + generated + ":"
                            + line + ")";
            return where + ": " + error.getMessage(Locale.ROOT);
        }
    }
}
