package io.tenanttwilio.audit;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.phone.PhoneNumber;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the audit trail: who did what to which number of which tenant, when, and how it
 * ended, with Twilio's request id when Twilio was called. Never a secret, never a message body.
 *
 * <p>Immutable and thread-safe. {@link #toString()} masks the phone number.
 */
public final class AuditEvent {

    /** How the action ended. Immutable and thread-safe. */
    public enum Outcome {
        /** The action was carried out. */
        SUCCESS,
        /** The action failed; {@link #errorCode()} says why. */
        FAILURE
    }

    private final Instant at;
    private final @Nullable TenantId tenantId;
    private final @Nullable String actor;
    private final AuditAction action;
    private final @Nullable PhoneNumber phoneNumber;
    private final Outcome outcome;
    private final @Nullable ErrorCode errorCode;
    private final @Nullable String twilioRequestId;
    private final Map<String, String> details;

    private AuditEvent(Builder b) {
        this.at = Objects.requireNonNull(b.at, "at");
        this.tenantId = b.tenantId;
        this.actor = b.actor;
        this.action = Objects.requireNonNull(b.action, "action");
        this.phoneNumber = b.phoneNumber;
        this.outcome = b.outcome;
        this.errorCode = b.errorCode;
        this.twilioRequestId = b.twilioRequestId;
        this.details = Map.copyOf(b.details);
    }

    /**
     * Starts an event of {@code action} at {@code at}.
     *
     * @param action what the event records
     * @param at when it happened
     * @return a builder of a successful event; {@link Builder#failure(ErrorCode)} makes it a
     *     failure
     */
    public static Builder builder(AuditAction action, Instant at) {
        return new Builder(action, at);
    }

    /** {@return when it happened} */
    public Instant at() {
        return at;
    }

    /**
     * {@return the tenant it concerns, or empty for an action outside any tenant (such as
     * validating credentials before they are saved)}
     */
    public Optional<TenantId> tenantId() {
        return Optional.ofNullable(tenantId);
    }

    /**
     * {@return who did it (the application's user name), or empty for the SDK's own jobs and for
     * Twilio's callbacks}
     */
    public Optional<String> actor() {
        return Optional.ofNullable(actor);
    }

    /** {@return what was done} */
    public AuditAction action() {
        return action;
    }

    /** {@return the phone number it concerns, if any} */
    public Optional<PhoneNumber> phoneNumber() {
        return Optional.ofNullable(phoneNumber);
    }

    /** {@return how it ended} */
    public Outcome outcome() {
        return outcome;
    }

    /** {@return why it failed, or empty when it succeeded} */
    public Optional<ErrorCode> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /**
     * {@return Twilio's request id ({@code Twilio-Request-Id}) of the last call to Twilio, for
     * Twilio's support; empty when Twilio was not called}
     */
    public Optional<String> twilioRequestId() {
        return Optional.ofNullable(twilioRequestId);
    }

    /**
     * {@return further facts (SIDs, states, counts), in the order added; never secrets or message
     * bodies}
     */
    public Map<String, String> details() {
        return details;
    }

    @Override
    public String toString() {
        return "AuditEvent[" + at + " " + action + " " + outcome + (tenantId == null ? "" : " tenant=" + tenantId)
                + (actor == null ? "" : " actor=" + actor)
                + (phoneNumber == null ? "" : " number=" + phoneNumber.masked())
                + (errorCode == null ? "" : " error=" + errorCode)
                + (twilioRequestId == null ? "" : " requestId=" + twilioRequestId)
                + (details.isEmpty() ? "" : " " + details) + "]";
    }

    /** Builds an {@link AuditEvent}. Not thread-safe. */
    public static final class Builder {
        private final AuditAction action;
        private final Instant at;
        private @Nullable TenantId tenantId;
        private @Nullable String actor;
        private @Nullable PhoneNumber phoneNumber;
        private Outcome outcome = Outcome.SUCCESS;
        private @Nullable ErrorCode errorCode;
        private @Nullable String twilioRequestId;
        private final Map<String, String> details = new LinkedHashMap<>();

        private Builder(AuditAction action, Instant at) {
            this.action = Objects.requireNonNull(action, "action");
            this.at = Objects.requireNonNull(at, "at");
        }

        /**
         * Sets the tenant the event concerns.
         *
         * @param tenantId the tenant, or {@code null} for none
         * @return this builder
         */
        public Builder tenant(@Nullable TenantId tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        /**
         * Sets who did it.
         *
         * @param actor the application's user name, or {@code null} for the SDK itself
         * @return this builder
         */
        public Builder actor(@Nullable String actor) {
            this.actor = actor;
            return this;
        }

        /**
         * Sets the phone number the event concerns.
         *
         * @param phoneNumber the number, or {@code null} for none
         * @return this builder
         */
        public Builder phoneNumber(@Nullable PhoneNumber phoneNumber) {
            this.phoneNumber = phoneNumber;
            return this;
        }

        /**
         * Marks the event as failed with {@code errorCode}.
         *
         * @param errorCode why it failed
         * @return this builder
         */
        public Builder failure(ErrorCode errorCode) {
            this.outcome = Outcome.FAILURE;
            this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
            return this;
        }

        /**
         * Sets Twilio's request id of the last call to Twilio.
         *
         * @param requestId the {@code Twilio-Request-Id} header's value, or {@code null} when
         *     Twilio was not called
         * @return this builder
         */
        public Builder twilioRequestId(@Nullable String requestId) {
            this.twilioRequestId = requestId;
            return this;
        }

        /**
         * Adds a fact; it must not be a secret or a message body.
         *
         * @param name the fact's name, such as {@code accountSid}
         * @param value its value, kept as {@link String#valueOf(Object)}; {@code null} adds nothing
         * @return this builder
         */
        public Builder detail(String name, @Nullable Object value) {
            if (value != null) {
                details.put(name, String.valueOf(value));
            }
            return this;
        }

        /**
         * Builds the event.
         *
         * @return the event, immutable
         */
        public AuditEvent build() {
            return new AuditEvent(this);
        }
    }
}
