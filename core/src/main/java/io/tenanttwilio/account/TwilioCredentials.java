package io.tenanttwilio.account;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.internal.text.Problems;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's Twilio credentials: how REST calls authenticate, and which token(s) Twilio signs the
 * tenant's webhooks with.
 *
 * <p>Two forms, both checked for shape on construction (nothing is sent to Twilio here):
 *
 * <ul>
 *   <li>{@link #ofAuthToken(String, String) Account SID + Auth Token}: the token authenticates REST
 *       calls and is the signing token;
 *   <li>{@link #apiKey() Account SID + API key + secret}: the key
 *       authenticates REST calls (with the Account SID in the path); the account's primary auth
 *       token is still needed, apart, to verify webhook signatures.
 * </ul>
 *
 * <p>During an auth-token rotation Twilio may sign with either token: add the other one with
 * {@link #withSecondarySigningToken(String)}.
 *
 * <pre>{@code
 * TwilioCredentials credentials = TwilioCredentials.ofAuthToken(accountSid, authToken);
 * }</pre>
 *
 * <p>Surrounding whitespace, as left by copy and paste, is removed; anything else that does not
 * have Twilio's shape is refused with {@link ErrorCode#INVALID_CREDENTIALS_FORMAT} and a message
 * that says which field is wrong and how. {@link #toString()}, {@link #hashCode()} and every
 * message leave the secrets out.
 *
 * <p>Immutable and thread-safe.
 */
public final class TwilioCredentials {

    /** How REST calls authenticate. Immutable and thread-safe. */
    public enum Kind {
        /** Account SID and auth token. */
        AUTH_TOKEN,
        /** API key SID and secret, acting on the account. */
        API_KEY
    }

    private static final Pattern HEX_32 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final int SID_LENGTH = 34;
    private static final int MAX_SECRET_LENGTH = 256;

    private final String accountSid;
    private final Kind kind;
    private final @Nullable String apiKeySid;
    private final String restSecret;
    private final String primarySigningToken;
    private final @Nullable String secondarySigningToken;

    private TwilioCredentials(
            String accountSid,
            Kind kind,
            @Nullable String apiKeySid,
            String restSecret,
            String primarySigningToken,
            @Nullable String secondarySigningToken) {
        this.accountSid = accountSid;
        this.kind = kind;
        this.apiKeySid = apiKeySid;
        this.restSecret = restSecret;
        this.primarySigningToken = primarySigningToken;
        this.secondarySigningToken = secondarySigningToken;
    }

    /**
     * Credentials made of an Account SID ({@code AC} + 32 hexadecimal characters) and its Auth
     * Token (32 hexadecimal characters), which is also the signing token.
     *
     * @param accountSid the Account SID; surrounding whitespace is removed
     * @param authToken the account's Auth Token; surrounding whitespace is removed
     * @return the credentials
     * @throws TenantTwilioException with {@link ErrorCode#INVALID_CREDENTIALS_FORMAT} when either
     *     does not have Twilio's shape; the message says which and how
     */
    public static TwilioCredentials ofAuthToken(String accountSid, String authToken) {
        String sid = checkSid(accountSid, "AC", "account-sid");
        String token = checkToken(authToken, "auth-token");
        return new TwilioCredentials(sid, Kind.AUTH_TOKEN, null, token, token, null);
    }

    /**
     * Starts credentials made of an Account SID, an API key ({@code SK} + 32 hexadecimal
     * characters) and its secret, plus the account's primary auth token for verifying webhook
     * signatures: every part is named, none can be swapped by position.
     *
     * <pre>{@code
     * TwilioCredentials credentials = TwilioCredentials.apiKey()
     *         .accountSid(form.accountSid())
     *         .apiKeySid(form.keySid())
     *         .apiKeySecret(form.keySecret())
     *         .signingToken(form.authToken())
     *         .build();
     * }</pre>
     *
     * @return a builder
     */
    public static ApiKeyBuilder apiKey() {
        return new ApiKeyBuilder();
    }

    /**
     * A copy that also accepts webhooks signed with {@code token} (the other auth token during a
     * rotation), or no second token when {@code token} is {@code null}.
     *
     * @param token the other auth token (32 hexadecimal characters), or {@code null} to accept the
     *     primary signing token only
     * @return the copy; these credentials are unchanged
     * @throws TenantTwilioException with {@link ErrorCode#INVALID_CREDENTIALS_FORMAT} when {@code
     *     token} does not have Twilio's shape
     */
    public TwilioCredentials withSecondarySigningToken(@Nullable String token) {
        String checked = token == null ? null : checkToken(token, "signing-token");
        return new TwilioCredentials(accountSid, kind, apiKeySid, restSecret, primarySigningToken, checked);
    }

    /** {@return the Account SID ({@code AC…}); REST paths use it, also with an API key} */
    public String accountSid() {
        return accountSid;
    }

    /** {@return how REST calls authenticate} */
    public Kind kind() {
        return kind;
    }

    /** {@return the API key SID ({@code SK…}), for {@link Kind#API_KEY} credentials; empty otherwise} */
    public Optional<String> apiKeySid() {
        return Optional.ofNullable(apiKeySid);
    }

    /** {@return the user name of REST calls: the API key SID, or the Account SID} */
    public String restUsername() {
        return apiKeySid != null ? apiKeySid : accountSid;
    }

    /** {@return the password of REST calls: the API key secret, or the auth token; a secret} */
    public String restPassword() {
        return restSecret;
    }

    /** {@return the token Twilio signs webhooks with: the account's primary auth token; a secret} */
    public String primarySigningToken() {
        return primarySigningToken;
    }

    /** {@return the other auth token accepted during a rotation, if any; a secret} */
    public Optional<String> secondarySigningToken() {
        return Optional.ofNullable(secondarySigningToken);
    }

    /** {@return every token a webhook signature may be made with, the primary first; secrets} */
    public List<String> signingTokens() {
        return secondarySigningToken == null
                ? List.of(primarySigningToken)
                : List.of(primarySigningToken, secondarySigningToken);
    }

    private static String checkSid(@Nullable String value, String prefix, String field) {
        String sid = value == null ? "" : value.strip();
        if (sid.isEmpty()) {
            throw invalid(field + ".blank");
        }
        if (!sid.startsWith(prefix)) {
            String other = prefix.equals("AC") ? "SK" : "AC";
            throw sid.startsWith(other) ? invalid(field + ".swapped") : invalid(field + ".prefix");
        }
        if (sid.length() != SID_LENGTH) {
            throw invalid(field + ".length", SID_LENGTH, sid.length());
        }
        if (!HEX_32.matcher(sid.substring(2)).matches()) {
            throw invalid(field + ".characters");
        }
        return sid;
    }

    private static String checkToken(@Nullable String value, String field) {
        String token = value == null ? "" : value.strip();
        if (token.isEmpty()) {
            throw invalid(field + ".blank");
        }
        if (token.length() != 32) {
            throw invalid(field + ".length", 32, token.length());
        }
        if (!HEX_32.matcher(token).matches()) {
            throw invalid(field + ".characters");
        }
        return token;
    }

    private static String checkSecret(@Nullable String value) {
        String secret = value == null ? "" : value.strip();
        if (secret.isEmpty()) {
            throw invalid("api-key-secret.blank");
        }
        if (secret.length() > MAX_SECRET_LENGTH) {
            throw invalid("api-key-secret.length", MAX_SECRET_LENGTH, secret.length());
        }
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw invalid("api-key-secret.characters");
            }
        }
        return secret;
    }

    private static TenantTwilioException invalid(String detail, Object... arguments) {
        return Problems.builder(ErrorCode.INVALID_CREDENTIALS_FORMAT)
                .detail("credentials." + detail, arguments)
                .build();
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof TwilioCredentials)) {
            return false;
        }
        TwilioCredentials that = (TwilioCredentials) other;
        return accountSid.equals(that.accountSid)
                && kind == that.kind
                && Objects.equals(apiKeySid, that.apiKeySid)
                && restSecret.equals(that.restSecret)
                && primarySigningToken.equals(that.primarySigningToken)
                && Objects.equals(secondarySigningToken, that.secondarySigningToken);
    }

    /** {@return a hash of the SIDs and the kind only, never of a secret} */
    @Override
    public int hashCode() {
        return Objects.hash(accountSid, kind, apiKeySid);
    }

    /** {@return the SIDs and the kind; secrets appear as {@code [redacted]}} */
    @Override
    public String toString() {
        return "TwilioCredentials[accountSid=" + accountSid + ", kind=" + kind
                + (apiKeySid != null ? ", apiKeySid=" + apiKeySid : "")
                + ", secret=[redacted], signingTokens=" + (secondarySigningToken == null ? 1 : 2) + " [redacted]]";
    }

    /**
     * Builds API-key credentials. Not thread-safe; use one per credentials.
     */
    public static final class ApiKeyBuilder {
        private @Nullable String accountSid;
        private @Nullable String apiKeySid;
        private @Nullable String apiKeySecret;
        private @Nullable String signingToken;

        private ApiKeyBuilder() {}

        /**
         * The Account SID ({@code AC} + 32 hexadecimal characters).
         *
         * @param accountSid the Account SID
         * @return this builder
         */
        public ApiKeyBuilder accountSid(String accountSid) {
            this.accountSid = Objects.requireNonNull(accountSid, "accountSid");
            return this;
        }

        /**
         * The API key's SID ({@code SK} + 32 hexadecimal characters).
         *
         * @param apiKeySid the API key SID
         * @return this builder
         */
        public ApiKeyBuilder apiKeySid(String apiKeySid) {
            this.apiKeySid = Objects.requireNonNull(apiKeySid, "apiKeySid");
            return this;
        }

        /**
         * The API key's secret, shown once by Twilio when the key was made.
         *
         * @param apiKeySecret the secret
         * @return this builder
         */
        public ApiKeyBuilder apiKeySecret(String apiKeySecret) {
            this.apiKeySecret = Objects.requireNonNull(apiKeySecret, "apiKeySecret");
            return this;
        }

        /**
         * The account's primary Auth Token, with which Twilio signs webhooks (an API key cannot
         * verify them).
         *
         * @param signingToken the Auth Token
         * @return this builder
         */
        public ApiKeyBuilder signingToken(String signingToken) {
            this.signingToken = Objects.requireNonNull(signingToken, "signingToken");
            return this;
        }

        /**
         * The credentials, once every part is given and has Twilio's shape.
         *
         * @return the credentials
         * @throws TenantTwilioException with {@link ErrorCode#INVALID_CREDENTIALS_FORMAT} when a part
         *     is missing or malformed
         */
        public TwilioCredentials build() {
            String sid = checkSid(accountSid, "AC", "account-sid");
            String keySid = checkSid(apiKeySid, "SK", "api-key-sid");
            String secret = checkSecret(apiKeySecret);
            String token = checkToken(signingToken, "signing-token");
            return new TwilioCredentials(sid, Kind.API_KEY, keySid, secret, token, null);
        }
    }
}
