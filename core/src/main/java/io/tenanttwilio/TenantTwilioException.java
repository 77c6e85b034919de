package io.tenanttwilio;

import io.tenanttwilio.internal.text.Messages;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The root of every exception tenant-twilio throws: an {@link ErrorCode}, a translated message
 * that says what happened and what to do, and, when Twilio was involved, Twilio's error code and
 * request id.
 *
 * <p>{@link #getMessage()} (and so {@code toString()} and stack traces) is for developers and
 * logs: English, with the error code and context, phone numbers masked. {@link #userMessage(Locale)} is for the people using the application: the
 * same message in their language, without technical detail. Neither ever contains a secret or a
 * message body.
 *
 * <pre>{@code
 * try {
 *     provisioner.validateCredentials(credentials);
 * } catch (TenantTwilioException e) {
 *     model.addAttribute("error", e.userMessage(Locale.CANADA_FRENCH));
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public class TenantTwilioException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;
    private final @Nullable Detail detail;
    private final @Nullable Integer twilioErrorCode;
    private final @Nullable String twilioRequestId;
    private final @Nullable TenantId tenantId;

    /**
     * Creates an exception with the message of {@code errorCode} and no further context.
     *
     * @param errorCode what went wrong
     */
    public TenantTwilioException(ErrorCode errorCode) {
        this(builder(errorCode));
    }

    /**
     * Creates an exception from a builder; for subclasses. The message is rendered now, so that
     * {@link #getMessage()} never looks anything up later.
     *
     * @param builder the exception's parts
     */
    protected TenantTwilioException(Builder builder) {
        super(logMessage(builder), builder.cause);
        this.errorCode = builder.errorCode;
        this.detail = builder.detail;
        this.twilioErrorCode = builder.twilioErrorCode;
        this.twilioRequestId = builder.twilioRequestId;
        this.tenantId = builder.tenantId;
    }

    /**
     * Starts building an exception for {@code errorCode}.
     *
     * @param errorCode what went wrong
     * @return a builder
     */
    public static Builder builder(ErrorCode errorCode) {
        return new Builder(errorCode);
    }

    /** {@return what went wrong} */
    public ErrorCode errorCode() {
        return errorCode;
    }

    /**
     * {@return Twilio's error code (for example 21211); empty unless a Twilio error caused this}
     */
    public OptionalInt twilioErrorCode() {
        return twilioErrorCode == null ? OptionalInt.empty() : OptionalInt.of(twilioErrorCode);
    }

    /**
     * {@return Twilio's request id ({@code RQ…}); empty unless Twilio answered} Quote it to Twilio
     * support.
     */
    public Optional<String> twilioRequestId() {
        return Optional.ofNullable(twilioRequestId);
    }

    /** {@return the tenant concerned; empty when not known or not relevant} */
    public Optional<TenantId> tenantId() {
        return Optional.ofNullable(tenantId);
    }

    /**
     * The message for the people using the application, in {@code locale} (English when the
     * locale has no bundle): what happened, then what to do.
     *
     * @param locale the language of the reader
     * @return the message, without technical detail
     */
    public String userMessage(Locale locale) {
        Objects.requireNonNull(locale, "locale");
        return Messages.render(locale, errorCode, detail, false);
    }

    /**
     * The message for developers and logs: the error code, the English message (phone numbers
     * masked) and the context (tenant, Twilio error code and request id). Rendered when the
     * exception was made.
     *
     * @return the message
     */
    @Override
    public String getMessage() {
        return super.getMessage();
    }

    private static String logMessage(Builder builder) {
        StringBuilder message = new StringBuilder(160)
                .append('[')
                .append(builder.errorCode.name())
                .append("] ")
                .append(Messages.render(Locale.ROOT, builder.errorCode, builder.detail, true));
        StringBuilder context = new StringBuilder();
        if (builder.tenantId != null) {
            context.append("tenant=").append(builder.tenantId);
        }
        if (builder.twilioErrorCode != null) {
            context.append(context.length() == 0 ? "" : ", ")
                    .append("twilioError=")
                    .append(builder.twilioErrorCode);
        }
        if (builder.twilioRequestId != null) {
            context.append(context.length() == 0 ? "" : ", ")
                    .append("requestId=")
                    .append(builder.twilioRequestId);
        }
        if (context.length() > 0) {
            message.append(" (").append(context).append(')');
        }
        return message.toString();
    }

    /**
     * Builds a {@link TenantTwilioException}. Not thread-safe; use one builder per exception.
     */
    public static final class Builder {
        private final ErrorCode errorCode;
        private @Nullable Detail detail;
        private @Nullable Integer twilioErrorCode;
        private @Nullable String twilioRequestId;
        private @Nullable TenantId tenantId;
        private @Nullable Throwable cause;

        private Builder(ErrorCode errorCode) {
            this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
        }

        /**
         * Adds a more specific explanation, rendered between the message and the action.
         *
         * @param detail the explanation; it must never render a secret or a message body
         * @return this builder
         */
        public Builder detail(Detail detail) {
            this.detail = Objects.requireNonNull(detail, "detail");
            return this;
        }

        /**
         * The Twilio error behind this one, and Twilio's request id when there is one.
         *
         * @param code Twilio's error code; {@code null} if none
         * @param requestId Twilio's request id; {@code null} if Twilio did not answer
         * @return this builder
         */
        public Builder twilioError(@Nullable Integer code, @Nullable String requestId) {
            this.twilioErrorCode = code;
            this.twilioRequestId = requestId;
            return this;
        }

        /**
         * The tenant concerned.
         *
         * @param tenantId the tenant; {@code null} if none
         * @return this builder
         */
        public Builder tenant(@Nullable TenantId tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        /**
         * The underlying cause. It must not carry a secret in its own message.
         *
         * @param cause the cause; {@code null} if none
         * @return this builder
         */
        public Builder cause(@Nullable Throwable cause) {
            this.cause = cause;
            return this;
        }

        /**
         * The exception, its message rendered now.
         *
         * @return the exception
         */
        public TenantTwilioException build() {
            return new TenantTwilioException(this);
        }
    }
}
