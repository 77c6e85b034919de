package io.tenanttwilio.example.clinic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives the demo an encryption key for the secrets it stores, without committing one: when no
 * {@code tenant-twilio.encryption.keys.*} is configured (from the environment, as in production),
 * a random key is created once in the data folder ({@code clinic.data-dir}) and reused at every
 * start, so the stored credentials stay readable across restarts.
 */
public class DemoKeyEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String KEY_PROPERTY = "tenant-twilio.encryption.keys.demo";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty(KEY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return;
        }
        if (!environment.getProperty("clinic.generate-key", Boolean.class, false)) {
            return;
        }
        Path file = Path.of(environment.getProperty("clinic.data-dir", "./data"), "encryption.key");
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("clinicDemoKey", Map.of(KEY_PROPERTY, keyIn(file))));
    }

    private static String keyIn(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).strip();
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            Files.writeString(file, encoded + "\n", StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own permissions apply
            }
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the demo encryption key " + file, e);
        }
    }
}
