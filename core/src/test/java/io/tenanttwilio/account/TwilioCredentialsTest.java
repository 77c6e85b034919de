package io.tenanttwilio.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantTwilioException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TwilioCredentialsTest {

    // Fakes in Twilio's format, for tests only.
    private static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    private static final String AUTH_TOKEN = "f1e2d3c4b5a6978877665544332211ff";
    private static final String SECOND_TOKEN = "0a0b0c0d0e0f10111213141516171819";
    private static final String API_KEY_SID = "SKfedcba9876543210fedcba9876543210";
    private static final String API_SECRET = "Zq8pW2mN4xR7tY1uI3oP5aS6dF9gH0jK";

    @Test
    void authTokenCredentialsSignWithTheirToken() {
        TwilioCredentials credentials = TwilioCredentials.ofAuthToken(ACCOUNT_SID, AUTH_TOKEN);

        assertThat(credentials.kind()).isEqualTo(TwilioCredentials.Kind.AUTH_TOKEN);
        assertThat(credentials.restUsername()).isEqualTo(ACCOUNT_SID);
        assertThat(credentials.restPassword()).isEqualTo(AUTH_TOKEN);
        assertThat(credentials.signingTokens()).containsExactly(AUTH_TOKEN);
        assertThat(credentials.apiKeySid()).isEmpty();
    }

    @Test
    void apiKeyCredentialsKeepTheSigningTokenApart() {
        TwilioCredentials credentials = TwilioCredentials.apiKey()
                .accountSid(ACCOUNT_SID)
                .apiKeySid(API_KEY_SID)
                .apiKeySecret(API_SECRET)
                .signingToken(AUTH_TOKEN)
                .build();

        assertThat(credentials.kind()).isEqualTo(TwilioCredentials.Kind.API_KEY);
        assertThat(credentials.accountSid()).isEqualTo(ACCOUNT_SID);
        assertThat(credentials.restUsername()).isEqualTo(API_KEY_SID);
        assertThat(credentials.restPassword()).isEqualTo(API_SECRET);
        assertThat(credentials.primarySigningToken()).isEqualTo(AUTH_TOKEN);
    }

    @Test
    void acceptsASecondSigningTokenDuringARotation() {
        TwilioCredentials credentials =
                TwilioCredentials.ofAuthToken(ACCOUNT_SID, AUTH_TOKEN).withSecondarySigningToken(SECOND_TOKEN);

        assertThat(credentials.signingTokens()).containsExactly(AUTH_TOKEN, SECOND_TOKEN);
        assertThat(credentials.withSecondarySigningToken(null).signingTokens()).containsExactly(AUTH_TOKEN);
    }

    @Test
    void removesWhitespaceLeftByCopyAndPaste() {
        TwilioCredentials credentials =
                TwilioCredentials.ofAuthToken(" " + ACCOUNT_SID + "\n", "\t" + AUTH_TOKEN + " ");

        assertThat(credentials).isEqualTo(TwilioCredentials.ofAuthToken(ACCOUNT_SID, AUTH_TOKEN));
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                     | f1e2d3c4b5a6978877665544332211ff  | The Account SID is empty.
            XX0123456789abcdef0123456789abcdef     | f1e2d3c4b5a6978877665544332211ff  | The Account SID must start with AC.
            SKfedcba9876543210fedcba9876543210     | f1e2d3c4b5a6978877665544332211ff  | This is an API key SID (SK...), not an Account SID
            AC0123456789abcdef0123456789abcde      | f1e2d3c4b5a6978877665544332211ff  | The Account SID has 34 characters; this one has 33.
            AC0123456789abcdef0123456789abcdeZ     | f1e2d3c4b5a6978877665544332211ff  | After AC, the Account SID has only the digits
            AC0123456789abcdef0123456789abcdef     | ''                                | The Auth Token is empty.
            AC0123456789abcdef0123456789abcdef     | f1e2d3c4b5a6978877665544332211f   | The Auth Token has 32 characters; this one has 31.
            AC0123456789abcdef0123456789abcdef     | f1e2d3c4b5a6978877665544332211fz  | The Auth Token has only the digits
            """)
    void refusesMalformedCredentialsSayingWhichFieldAndHow(String sid, String token, String expected) {
        TenantTwilioException e =
                catchThrowableOfType(TenantTwilioException.class, () -> TwilioCredentials.ofAuthToken(sid, token));

        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CREDENTIALS_FORMAT);
        assertThat(e.userMessage(Locale.ENGLISH)).contains(expected);
        assertThat(e.userMessage(Locale.FRENCH)).startsWith("Ces identifiants Twilio n’ont pas le format attendu.");
    }

    @Test
    void refusesAnAccountSidWhereTheApiKeyGoes() {
        TenantTwilioException e = catchThrowableOfType(
                TenantTwilioException.class,
                () -> TwilioCredentials.apiKey()
                        .accountSid(ACCOUNT_SID)
                        .apiKeySid(ACCOUNT_SID)
                        .apiKeySecret(API_SECRET)
                        .signingToken(AUTH_TOKEN)
                        .build());

        assertThat(e.userMessage(Locale.FRENCH))
                .contains("Ceci est un Account SID (AC…), pas le SID d’une clé API (SK…)");
    }

    @Test
    void refusesAnApiSecretWithSpacesInside() {
        assertThatThrownBy(() -> TwilioCredentials.apiKey()
                        .accountSid(ACCOUNT_SID)
                        .apiKeySid(API_KEY_SID)
                        .apiKeySecret("abc def")
                        .signingToken(AUTH_TOKEN)
                        .build())
                .isInstanceOfSatisfying(
                        TenantTwilioException.class,
                        e -> assertThat(e.userMessage(Locale.ENGLISH))
                                .contains("The API key secret contains spaces or invisible characters."));
    }

    @Test
    void neverShowsASecretInToStringOrHashCode() {
        TwilioCredentials credentials = TwilioCredentials.apiKey()
                .accountSid(ACCOUNT_SID)
                .apiKeySid(API_KEY_SID)
                .apiKeySecret(API_SECRET)
                .signingToken(AUTH_TOKEN)
                .build()
                .withSecondarySigningToken(SECOND_TOKEN);

        assertThat(credentials.toString())
                .contains(ACCOUNT_SID, API_KEY_SID, "[redacted]")
                .doesNotContain(API_SECRET, AUTH_TOKEN, SECOND_TOKEN);
        assertThat(credentials.hashCode())
                .isEqualTo(TwilioCredentials.apiKey()
                        .accountSid(ACCOUNT_SID)
                        .apiKeySid(API_KEY_SID)
                        .apiKeySecret("other-secret")
                        .signingToken(AUTH_TOKEN)
                        .build()
                        .hashCode());
    }

    @Test
    void neverShowsASecretInAnErrorMessageOrStackTrace() {
        String almostToken = "f1e2d3c4b5a6978877665544332211ffAB"; // one pasted too many
        assertSecretAbsent(almostToken, () -> TwilioCredentials.ofAuthToken(ACCOUNT_SID, almostToken));
        String badSecret = "my secret with spaces";
        assertSecretAbsent(
                badSecret,
                () -> TwilioCredentials.apiKey()
                        .accountSid(ACCOUNT_SID)
                        .apiKeySid(API_KEY_SID)
                        .apiKeySecret(badSecret)
                        .signingToken(AUTH_TOKEN)
                        .build());
        String badToken = "ZZe2d3c4b5a6978877665544332211ff";
        assertSecretAbsent(
                badToken,
                () -> TwilioCredentials.apiKey()
                        .accountSid(ACCOUNT_SID)
                        .apiKeySid(API_KEY_SID)
                        .apiKeySecret(API_SECRET)
                        .signingToken(badToken)
                        .build());
        assertSecretAbsent(
                badToken,
                () -> TwilioCredentials.ofAuthToken(ACCOUNT_SID, AUTH_TOKEN).withSecondarySigningToken(badToken));
    }

    @Test
    void everyFormatProblemHasAnExplanationInBothLanguages() {
        String[] sids = {"", "XX0123456789abcdef0123456789abcdef", "AC0123", "ACzz23456789abcdef0123456789abcdef"};
        String[] keySids = {"", "XK0123456789abcdef0123456789abcdef", "SK0123", "SKzz23456789abcdef0123456789abcdef"};
        String[] tokens = {"", "abc", "zz0123456789abcdef0123456789abcd"};
        String[] secrets = {"", "a b", "x".repeat(257)};
        java.util.List<Runnable> failures = new java.util.ArrayList<>();
        for (String sid : sids) {
            failures.add(() -> TwilioCredentials.apiKey()
                    .accountSid(sid)
                    .apiKeySid(API_KEY_SID)
                    .apiKeySecret(API_SECRET)
                    .signingToken(AUTH_TOKEN)
                    .build());
        }
        for (String keySid : keySids) {
            failures.add(() -> TwilioCredentials.apiKey()
                    .accountSid(ACCOUNT_SID)
                    .apiKeySid(keySid)
                    .apiKeySecret(API_SECRET)
                    .signingToken(AUTH_TOKEN)
                    .build());
        }
        for (String token : tokens) {
            failures.add(() -> TwilioCredentials.ofAuthToken(ACCOUNT_SID, token));
            failures.add(() -> TwilioCredentials.apiKey()
                    .accountSid(ACCOUNT_SID)
                    .apiKeySid(API_KEY_SID)
                    .apiKeySecret(API_SECRET)
                    .signingToken(token)
                    .build());
        }
        for (String secret : secrets) {
            failures.add(() -> TwilioCredentials.apiKey()
                    .accountSid(ACCOUNT_SID)
                    .apiKeySid(API_KEY_SID)
                    .apiKeySecret(secret)
                    .signingToken(AUTH_TOKEN)
                    .build());
        }

        for (Runnable failure : failures) {
            TenantTwilioException e = catchThrowableOfType(TenantTwilioException.class, failure::run);
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CREDENTIALS_FORMAT);
            for (Locale locale : new Locale[] {Locale.ENGLISH, Locale.FRENCH}) {
                assertThat(e.userMessage(locale)).as("unresolved key").doesNotContain("detail.");
            }
        }
        assertThat(failures).hasSize(17);
    }

    private static void assertSecretAbsent(String secret, Supplier<?> failing) {
        TenantTwilioException e = catchThrowableOfType(TenantTwilioException.class, failing::get);
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        e.printStackTrace(new PrintStream(trace, true, StandardCharsets.UTF_8));

        assertThat(e.getMessage()).doesNotContain(secret);
        assertThat(e.userMessage(Locale.ENGLISH)).doesNotContain(secret);
        assertThat(e.userMessage(Locale.FRENCH)).doesNotContain(secret);
        assertThat(e.toString()).doesNotContain(secret);
        assertThat(trace.toString(StandardCharsets.UTF_8))
                .doesNotContain(secret)
                .contains("INVALID_CREDENTIALS_FORMAT");
    }
}
