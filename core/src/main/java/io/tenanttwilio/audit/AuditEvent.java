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

    /** How the action ended. */
    public enum Outcome {
        SUCCESS,
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

    /** Starts an event of {@code action} at {@code at}. */
    public static Builder builder(AuditAction action, Instant at) {
        return new Builder(action, at);
    }

    public Instant at() {
        return at;
    }

    public Optional<TenantId> tenantId() {
        return Optional.ofNullable(tenantId);
    }

    public Optional<String> actor() {
        return Optional.ofNullable(actor);
    }

    public AuditAction action() {
        return action;
    }

    public Optional<PhoneNumber> phoneNumber() {
        return Optional.ofNullable(phoneNumber);
    }

    public Outcome outcome() {
        return outcome;
    }

    public Optional<ErrorCode> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    public Optional<String> twilioRequestId() {
        return Optional.ofNullable(twilioRequestId);
    }

    /** Further facts (SIDs, states, counts); never secrets or message bodies. */
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

        public Builder tenant(@Nullable TenantId tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        public Builder actor(@Nullable String actor) {
            this.actor = actor;
            return this;
        }

        public Builder phoneNumber(@Nullable PhoneNumber phoneNumber) {
            this.phoneNumber = phoneNumber;
            return this;
        }

        /** Marks the event as failed with {@code errorCode}. */
        public Builder failure(ErrorCode errorCode) {
            this.outcome = Outcome.FAILURE;
            this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
            return this;
        }

        public Builder twilioRequestId(@Nullable String requestId) {
            this.twilioRequestId = requestId;
            return this;
        }

        /** Adds a fact; it must not be a secret or a message body. */
        public Builder detail(String name, @Nullable Object value) {
            if (value != null) {
                details.put(name, String.valueOf(value));
            }
            return this;
        }

        public AuditEvent build() {
            return new AuditEvent(this);
        }
    }
}
