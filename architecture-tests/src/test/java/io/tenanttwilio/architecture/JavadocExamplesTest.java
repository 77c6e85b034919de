package io.tenanttwilio.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.architecture.SnippetCompiler.Snippet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Compiles every {@code <pre>{@code …}</pre>} example of the published modules' Javadoc against
 * the real modules, so that an example that drifts from the API fails the build.
 *
 * <p>An example is the text between <code>&lt;pre&gt;{&#64;code</code> and <code>}&lt;/pre&gt;</code>,
 * each line without its leading {@code " * "}, and with what Javadoc needs escaped unescaped:
 * {@code &#64;} and the other numeric references, {@code &lt;}, {@code &gt;}, {@code &amp;},
 * {@code {@literal …}}. A {@code { … }} stands for a body left out and becomes {@code { }}; a line
 * whose code is only {@code …} stands for calls left out and is skipped; any other text must be
 * Java.
 *
 * <p>{@link SnippetCompiler} compiles the examples, each in a class of its own whose members are
 * {@link #GIVENS}, the variables and methods the examples assume, and, for the examples of a file
 * listed in {@link #FILE_GIVENS}, that file's own givens (which shadow the shared ones of the same
 * name). An example sees what a user of its module imports: every public package of the project,
 * {@link #JDK_PACKAGES} and its module's {@link #MODULES} imports (a type name two of them share
 * must be written in full); and, as in the Javadoc where it is read, its own package and the
 * nested types of its file's class ({@code Line} in {@code VerificationReport}).
 */
class JavadocExamplesTest {

    /**
     * The published modules, each with the imports its examples have besides the project's and
     * the JDK's: those of the library it is the glue for.
     */
    private static final Map<String, List<String>> MODULES = Map.ofEntries(
            Map.entry("core", List.of()),
            Map.entry("servlet-webhook", List.of("jakarta.servlet.*", "jakarta.servlet.http.*")),
            Map.entry("micrometer", List.of("io.micrometer.core.instrument.*")),
            Map.entry("spring-boot-starter", List.of("org.springframework.context.annotation.*")),
            Map.entry(
                    "testing",
                    List.of(
                            "org.junit.jupiter.api.*",
                            "org.junit.jupiter.api.extension.*",
                            "static org.assertj.core.api.Assertions.assertThat")));

    /** The JDK's packages every example imports on demand. */
    private static final List<String> JDK_PACKAGES =
            List.of("java.util", "java.time", "java.net", "java.math", "java.io", "javax.sql");

    /** The free variables and methods of the examples, typed as the Javadoc around them means them. */
    private static final String GIVENS = """
            // The application's one instance, built as in TenantTwilio's example.
            TenantTwilio twilio;
            // The same, under the name the examples give it when a variable of theirs is called twilio.
            TenantTwilio tenantTwilio;
            // The client of the tenant the current request acts for: twilio.currentClient().
            TenantTwilioClient client;
            // The client of one tenant, a clinic: twilio.client(TenantId.of("clinique-a")).
            TenantTwilioClient clinic;
            // The tenant the code acts for.
            TenantId tenant;
            // The tenant's Twilio credentials, as typed in the connect form.
            TwilioCredentials credentials;
            // The Account SID and Auth Token the tenant typed in the connect form.
            String accountSid;
            String authToken;
            // The provisioner of numbers and credentials: twilio.provisioner().
            NumberProvisioner numbers;
            NumberProvisioner provisioner;
            // The purchase form's idempotency key, rendered with the form.
            String formToken;
            // A number's record in the registry.
            NumberRecord record;
            // The application's DataSource, on which the JDBC stores live, and the cipher of the secrets.
            DataSource dataSource;
            SecretCipher cipher;
            // The DataSource of the schema's owner, which installs it, and of the application's own role.
            DataSource adminDataSource;
            DataSource appDataSource;
            // The keys of the stored secrets, built as in KeyRing's example.
            KeyRing keys;
            // A web page's controller: the request it handles and the model of the page it renders.
            jakarta.servlet.http.HttpServletRequest request;
            org.springframework.ui.Model model;
            // The servlet container's context, where the webhook servlet is mapped.
            jakarta.servlet.ServletContext context;
            // The application's clock (in full: Micrometer's examples import a Clock of its own).
            java.time.Clock clock;
            // The language of the person using the application, and a way of showing them a text.
            Locale locale;
            void show(String text) {}
            // The Twilio simulator of the testing module, started by a test.
            io.tenanttwilio.test.simulator.TwilioSimulator simulator;
            // The number the simulated clinic bought.
            String clinicNumber;
            """;

    /**
     * The givens of the examples of one file (keyed by its simple name), where a name means
     * something of that file's own or needs a type of its own.
     */
    private static final Map<String, String> FILE_GIVENS = Map.ofEntries(
            Map.entry("Actor", """
                    // The signed-in user, as the servlet container or Spring Security knows them.
                    java.security.Principal principal;
                    """),
            Map.entry("TenantTwilio", """
                    // How the current request's tenant is found (Spring Security's, a thread's).
                    TenantResolver resolver;
                    // A purchase, built as in PurchaseRequest's example.
                    PurchaseRequest request;
                    """),
            Map.entry("AccountInfo", """
                    // The application's own warning that the account is a trial one.
                    void warnTrial(String accountName) {}
                    """),
            Map.entry("TwilioCredentials", """
                    // The connect form, with an API key rather than the Auth Token.
                    record ConnectForm(String accountSid, String keySid, String keySecret, String authToken) {}
                    ConnectForm form;
                    """),
            Map.entry("Alert", """
                    // The application's own notifications of a tenant's administrators.
                    interface Notifications {
                        void post(TenantId tenant, String text);
                    }
                    Notifications notifications;
                    """),
            Map.entry("JobReport", """
                    // When the job started.
                    Instant started;
                    """),
            Map.entry("QuotaExceededException", """
                    // The text message the quota refused.
                    SmsRequest request;
                    // The application's own offer to send it anyway, as an urgent one, until the reset.
                    void offerUrgentSend(ZonedDateTime resetsAt) {}
                    """),
            Map.entry("UsageReport", """
                    // Where the CSV goes: a file, a download.
                    Writer writer;
                    """),
            Map.entry("InboundEvent", """
                    // What an inbound message brings.
                    SmsMessage message;
                    Conversation conversation;
                    Contact contact;
                    """),
            Map.entry("WebhookVerifier", """
                    // The SMS URL written to Twilio, and the request's form parameters and signature.
                    String storedSmsUrl;
                    Map<String, List<String>> formParameters;
                    String signatureHeader;
                    """),
            Map.entry("ContactQuery", """
                    // What the user typed in the contacts' search box.
                    String typedInTheSearchBox;
                    """),
            Map.entry("ConversationQuery", """
                    // A patient's number, and the cursor of the page last shown.
                    PhoneNumber patientPhone;
                    Cursor cursor;
                    """),
            Map.entry("MessageQuery", """
                    // A conversation's id, and the start and end of a window of messages.
                    String conversationId;
                    Instant monday;
                    Instant tuesday;
                    """),
            Map.entry("NumberProvisioner", """
                    // Shows a person what to do in the Twilio Console.
                    void show(ManualInstructions instructions) {}
                    """),
            Map.entry("PurchaseRequest", """
                    // The number the tenant chose among those searched.
                    AvailableNumber chosen;
                    """),
            Map.entry("VerificationReport", """
                    // The number verified.
                    PhoneNumber number;
                    """),
            Map.entry("PhoneNormalizer", """
                    // The rows of an existing table, each with a phone number as typed.
                    record Row(String phone) {}
                    List<Row> rows;
                    // The migration's own saving of a normalized number, and report of a rejected one.
                    void save(String e164) {}
                    void report(InvalidPhoneNumberException.Reason reason) {}
                    """),
            Map.entry("ThreadLocalTenantResolver", """
                    // A reminder to send, as built in SmsRequest's example.
                    SmsRequest reminder;
                    """),
            Map.entry("JobLease", """
                    // The store's row of the lease, this instance's id, the time and the lease's length.
                    record Row(String cursor, Instant completedAt) {}
                    Row row;
                    String instanceId;
                    Instant now;
                    Duration ttl;
                    """),
            Map.entry("MessageUsage", """
                    // The store's rows of messages.
                    record Row(MessageDirection direction, MessageStatus status, Integer errorCode, String sid,
                            BigDecimal price, long segments) {}
                    List<Row> rows;
                    """),
            Map.entry("MicrometerMetrics", """
                    // The application's meter registry.
                    MeterRegistry meterRegistry;
                    """));

    private static final String OPENING = "<pre>{@code";
    private static final String CLOSING = "}</pre>";
    private static final Pattern COMMENT_PREFIX = Pattern.compile("^\\s*\\*(?: |$)");
    private static final Pattern LITERAL = Pattern.compile("\\{@literal ([^}]*)}");
    private static final Pattern NUMERIC_REFERENCE = Pattern.compile("&#(\\d+);");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\s*…\\s*}");

    @Test
    void everyJavadocExampleCompilesAgainstTheModules() throws IOException {
        long start = System.nanoTime();
        List<String> projectPackages = SnippetCompiler.publicPackages();
        List<Snippet> snippets = new ArrayList<>();
        TreeSet<String> filesWithExamples = new TreeSet<>();
        for (Map.Entry<String, List<String>> module : new java.util.TreeMap<>(MODULES).entrySet()) {
            Path sources = SnippetCompiler.ROOT.resolve(module.getKey()).resolve("src/main/java");
            assertThat(sources)
                    .as("the main sources of the published module " + module.getKey())
                    .isDirectory();
            List<String> imports = new ArrayList<>();
            Stream.concat(projectPackages.stream(), JDK_PACKAGES.stream()).forEach(name -> imports.add(name + ".*"));
            imports.addAll(module.getValue());
            for (Path file : javaFiles(sources)) {
                List<Snippet> examples = examples(sources, file, imports);
                if (!examples.isEmpty()) {
                    filesWithExamples.add(simpleName(file));
                }
                snippets.addAll(examples);
            }
        }
        assertThat(snippets).as("<pre>{@code examples in the published modules").isNotEmpty();
        assertThat(filesWithExamples)
                .as("the files named in FILE_GIVENS (a name without examples is a given left behind)")
                .containsAll(FILE_GIVENS.keySet());

        List<String> failures = SnippetCompiler.compile(snippets, "javadoc-examples");

        System.out.printf(
                "Compiled %d Javadoc examples of %d files in %d ms%n",
                snippets.size(), filesWithExamples.size(), (System.nanoTime() - start) / 1_000_000);
        assertThat(failures)
                .as("Javadoc examples that do not compile against the modules (the Javadoc drifted from the API)")
                .isEmpty();
    }

    /** The examples of one source file, each compiled with the given imports and its file's own. */
    static List<Snippet> examples(Path sources, Path file, List<String> imports) throws IOException {
        String relative = SnippetCompiler.ROOT.relativize(file).toString().replace(java.io.File.separatorChar, '/');
        String packageName = sources.relativize(file.getParent()).toString().replace(java.io.File.separatorChar, '.');
        String name = simpleName(file);
        List<String> fileImports = new ArrayList<>(imports);
        fileImports.add(packageName + ".*");
        if (!name.equals("package-info")) {
            fileImports.add(packageName + "." + name + ".*");
        }
        String importText = fileImports.stream()
                .map(declaration -> "import " + declaration + ";\n")
                .collect(Collectors.joining());
        String givens = FILE_GIVENS.getOrDefault(name, "");

        List<String> source = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Snippet> examples = new ArrayList<>();
        for (int i = 0; i < source.size(); i++) {
            int opening = source.get(i).indexOf(OPENING);
            if (opening < 0) {
                continue;
            }
            int end = i;
            while (end < source.size() && !source.get(end).contains(CLOSING)) {
                end++;
            }
            if (end == source.size()) {
                throw new AssertionError(relative + ":" + (i + 1) + ": a <pre>{@code example is never closed");
            }
            // The lines of the example, the first from the opening's line; line i is line i + 1 of the file.
            int first = i;
            List<String> lines = new ArrayList<>();
            for (int j = i; j <= end; j++) {
                String line = COMMENT_PREFIX.matcher(source.get(j)).replaceFirst("");
                if (j == end) {
                    line = line.substring(0, line.indexOf(CLOSING));
                }
                if (j == i) {
                    line = line.substring(line.indexOf(OPENING) + OPENING.length());
                }
                if ((j == i || j == end) && line.isBlank()) {
                    if (j == i) {
                        first++;
                    }
                    continue;
                }
                lines.add(unescape(line));
            }
            examples.add(new Snippet(
                    relative,
                    first + 1,
                    lines,
                    "JavadocExampleIn" + name.replace("-", "") + "AtLine" + (first + 1),
                    importText,
                    GIVENS,
                    givens));
            i = end;
        }
        return examples;
    }

    /** A line of an example as the reader sees it, with its {@code { … }} placeholders emptied. */
    static String unescape(String line) {
        String text = LITERAL.matcher(line).replaceAll(match -> Matcher.quoteReplacement(match.group(1)));
        text = NUMERIC_REFERENCE
                .matcher(text)
                .replaceAll(match -> Matcher.quoteReplacement(Character.toString(Integer.parseInt(match.group(1)))));
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        return PLACEHOLDER.matcher(text).replaceAll("{ }");
    }

    private static List<Path> javaFiles(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String simpleName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".java".length());
    }
}
