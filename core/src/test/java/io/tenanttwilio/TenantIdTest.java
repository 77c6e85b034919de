package io.tenanttwilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {

    @Test
    void keepsTheValueExactly() {
        TenantId id = TenantId.of("Clinique-A_42");

        assertThat(id.value()).isEqualTo("Clinique-A_42");
        assertThat(id).isEqualTo(TenantId.of("Clinique-A_42")).isNotEqualTo(TenantId.of("clinique-a_42"));
        assertThat(id).hasToString("Clinique-A_42");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "   \n"})
    void rejectsBlankIds(String blank) {
        assertThatThrownBy(() -> TenantId.of(blank)).isInstanceOfSatisfying(TenantTwilioException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_TENANT_ID);
            assertThat(e.userMessage(Locale.ENGLISH)).contains("The identifier is empty.");
            assertThat(e.userMessage(Locale.FRENCH)).contains("L’identifiant est vide.");
        });
    }

    @Test
    void acceptsTheLongestIdAndRejectsOneCharacterMore() {
        assertThat(TenantId.of("x".repeat(TenantId.MAX_LENGTH)).value()).hasSize(128);
        assertThatThrownBy(() -> TenantId.of("x".repeat(TenantId.MAX_LENGTH + 1)))
                .isInstanceOfSatisfying(
                        TenantTwilioException.class,
                        e -> assertThat(e.userMessage(Locale.ENGLISH)).contains("at most 128 characters; it has 129"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"clinic\u0000a", "clinic\na", "clinic\u007fa", "clinic\u0085a"})
    void rejectsControlCharacters(String value) {
        assertThatThrownBy(() -> TenantId.of(value)).isInstanceOfSatisfying(TenantTwilioException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_TENANT_ID);
            assertThat(e.userMessage(Locale.ENGLISH)).contains("Character 7 is a control character.");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {" clinic", "clinic "})
    void rejectsSurroundingWhitespace(String value) {
        assertThatThrownBy(() -> TenantId.of(value))
                .isInstanceOfSatisfying(
                        TenantTwilioException.class,
                        e -> assertThat(e.userMessage(Locale.ENGLISH)).contains("starts or ends with a space"));
    }

    @Test
    void ordersByValue() {
        assertThat(TenantId.of("a")).isLessThan(TenantId.of("b"));
    }
}
