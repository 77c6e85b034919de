package io.tenanttwilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {

    private static final String ID = "0190f3a2-7b1c-7def-8abc-0123456789ab";
    private static final Instant AT = Instant.parse("2026-11-23T14:05:06.123456Z");

    private static String encoded(String payload) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    }

    private static TenantTwilioException refusalOf(String text) {
        return catchThrowableOfType(TenantTwilioException.class, () -> Cursor.parse(text));
    }

    @Test
    void readsBackFromItsTextTheTimeAndIdItWasMadeWith() {
        Cursor timed = Cursor.of(AT, ID);
        Cursor idOnly = Cursor.of(ID);

        assertThat(Cursor.parse(timed.toString())).isEqualTo(timed);
        assertThat(Cursor.parse(timed.toString()).time()).isEqualTo(AT);
        assertThat(Cursor.parse(timed.toString()).id()).isEqualTo(ID);
        assertThat(Cursor.parse(idOnly.toString()).id()).isEqualTo(ID);
        assertThat(Cursor.of(Instant.parse("1969-12-31T23:59:59.999999999Z"), "7")
                        .time())
                .isEqualTo(Instant.parse("1969-12-31T23:59:59.999999999Z"));
    }

    @Test
    void itsTextFitsInAUrlAsItIs() {
        assertThat(Cursor.of(AT, ID).toString()).matches("[A-Za-z0-9_-]+");
        assertThat(Cursor.of(Instant.now(), "é:ü.·").toString()).matches("[A-Za-z0-9_-]+");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "x",
                "not a cursor",
                "%2F%2F",
                "MXQ5OTk5OTk5OTk5OTk5OTk5OTk5OS4wOjE", // seconds beyond any number of seconds
                "////",
                "MWk", // an id-only cursor without its id
                "MXgxMjM", // an unknown kind
            })
    void refusesTextThatIsNotACursorAsAnInvalidRequest(String text) {
        assertThat(refusalOf(text).errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void refusesACursorCutOffOrAltered() {
        String text = Cursor.of(AT, ID).toString();

        assertThat(refusalOf(text.substring(0, text.length() - 2) + "=="))
                .as("padded")
                .isNotNull();
        assertThat(refusalOf(text + "="))
                .as("another spelling of the same bytes")
                .isNotNull();
        assertThat(refusalOf(text.substring(0, 5))).as("cut off").isNotNull();
        assertThat(refusalOf(encoded("1t" + AT.getEpochSecond() + ".+5:" + ID)))
                .as("a number written another way")
                .isNotNull();
        assertThat(refusalOf(encoded("1t" + AT.getEpochSecond() + ".1000000000:" + ID)))
                .as("nanoseconds out of range")
                .isNotNull();
        assertThat(refusalOf(encoded("1t" + AT.getEpochSecond() + ".0:id\nwith a line break")))
                .as("a control character")
                .isNotNull();
        assertThat(refusalOf(
                        encoded("1t" + Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond() + ".0:" + ID)))
                .as("a time no database keeps")
                .isNotNull();
        assertThat(refusalOf(
                        Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {'1', 'i', (byte) 0xC3})))
                .as("bytes that are not UTF-8")
                .isNotNull();
        assertThat(refusalOf("A".repeat(10_000))).as("too long to read").isNotNull();
    }

    @Test
    void theRefusalSaysWhatToDoInFrenchAndEnglishWithoutRepeatingTheText() {
        TenantTwilioException refused = refusalOf("bm90LWEtY3Vyc29y");

        assertThat(refused.userMessage(Locale.ENGLISH))
                .contains("page link is not valid")
                .contains("first page");
        assertThat(refused.userMessage(Locale.CANADA_FRENCH))
                .contains("lien de page n’est pas valide")
                .contains("première page");
        assertThat(refused.getMessage()).startsWith("[INVALID_REQUEST]").doesNotContain("bm90LWEtY3Vyc29y");
    }

    @Test
    void aCursorWithoutATimeRefusesToGiveOneAsAnInvalidRequest() {
        Cursor idOnly = Cursor.of(UUID.randomUUID().toString());

        assertThat(catchThrowableOfType(TenantTwilioException.class, idOnly::time)
                        .errorCode())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void aStoreCannotMakeACursorNoOneCouldReadBack() {
        assertThatIllegalArgumentException().isThrownBy(() -> Cursor.of(""));
        assertThatIllegalArgumentException().isThrownBy(() -> Cursor.of("x".repeat(129)));
        assertThatIllegalArgumentException().isThrownBy(() -> Cursor.of(AT, "a\tb"));
        assertThatIllegalArgumentException().isThrownBy(() -> Cursor.of(Instant.MAX, ID));
    }
}
