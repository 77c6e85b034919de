package io.tenanttwilio.test.leaks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Values a test hands to the product that must never appear in a log: auth tokens, API secrets,
 * encryption keys, message bodies. When the system property {@value #PROPERTY} names a file, each
 * value registered is appended to it, base64-encoded, one per line; a scan of the build's test
 * output then looks for every one of them ({@link LogScanner}). Without the property, registering
 * does nothing. Thread-safe.
 */
public final class LeakCanaries {

    /** The system property naming the file. */
    public static final String PROPERTY = "tenant-twilio.leak-canaries";

    /** Shorter values are not registered: they would be found by chance ("STOP", "oui"). */
    public static final int MIN_LENGTH = 8;

    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private LeakCanaries() {}

    /**
     * Registers a secret or a message body that must not be logged.
     *
     * @param value the secret or body; {@code null} or blank is ignored
     */
    public static void register(@Nullable String value) {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank() || value == null || value.strip().length() < MIN_LENGTH) {
            return;
        }
        if (!SEEN.add(value)) {
            return;
        }
        String line = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "\n";
        synchronized (LeakCanaries.class) {
            try {
                Path path = Path.of(file);
                if (path.getParent() != null) {
                    Files.createDirectories(path.getParent());
                }
                Files.writeString(
                        path, line, StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new IllegalStateException("Could not write the leak canaries to " + file, e);
            }
        }
    }
}
