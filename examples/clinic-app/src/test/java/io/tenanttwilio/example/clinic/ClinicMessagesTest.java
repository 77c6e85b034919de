package io.tenanttwilio.example.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The app's French and English bundles have the same keys, each with a text. */
class ClinicMessagesTest {

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ClinicMessagesTest.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void frenchAndEnglishHaveTheSameKeysEachWithAText() throws IOException {
        Properties english = bundle("messages.properties");
        Properties french = bundle("messages_fr.properties");
        Set<String> englishKeys = new TreeSet<>(english.stringPropertyNames());
        Set<String> frenchKeys = new TreeSet<>(french.stringPropertyNames());

        assertThat(frenchKeys).as("keys missing in French").containsAll(englishKeys);
        assertThat(englishKeys).as("keys missing in English").containsAll(frenchKeys);
        for (String key : englishKeys) {
            assertThat(english.getProperty(key)).as(key).isNotBlank();
            assertThat(french.getProperty(key)).as(key).isNotBlank();
        }
    }
}
