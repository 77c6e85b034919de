package io.tenanttwilio.registration;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.phone.PhoneNumber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A toll-free number's verification as it stands: what was submitted, Twilio's status and, when
 * rejected, its reasons and whether (until when) the submission may be corrected.
 *
 * <p>Applications read it; {@link Builder} is for stores. Immutable and thread-safe.
 */
public final class TollFreeVerification {

    /** Twilio's statuses of a verification. Immutable and thread-safe. */
    public enum Status {
        /** Being submitted by the SDK (or to be submitted again where it stopped). */
        SUBMITTING,
        /** Submitted; waiting for review. */
        PENDING_REVIEW,
        /** Being reviewed. */
        IN_REVIEW,
        /** Approved: the number may text US and Canadian recipients. */
        TWILIO_APPROVED,
        /** Rejected; see the reasons, and correct while {@code edit_allowed}. */
        TWILIO_REJECTED;

        /** {@return whether Twilio's answer is still awaited} */
        public boolean isPending() {
            return this == SUBMITTING || this == PENDING_REVIEW || this == IN_REVIEW;
        }
    }

    private final String id;
    private final TenantId tenantId;
    private final PhoneNumber phoneNumber;
    private final String accountSid;
    private final @Nullable String numberSid;
    private final @Nullable String verificationSid;
    private final Status status;
    private final TollFreeRequest request;
    private final boolean editAllowed;
    private final @Nullable Instant editExpiration;
    private final List<RejectionReason> reasons;
    private final @Nullable ErrorCode problem;
    private final int checks;
    private final @Nullable Instant nextCheckAt;
    private final long version;
    private final Instant createdAt;
    private final Instant updatedAt;

    private TollFreeVerification(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.tenantId = Objects.requireNonNull(b.tenantId, "tenantId");
        this.phoneNumber = Objects.requireNonNull(b.phoneNumber, "phoneNumber");
        this.accountSid = Objects.requireNonNull(b.accountSid, "accountSid");
        this.numberSid = b.numberSid;
        this.verificationSid = b.verificationSid;
        this.status = Objects.requireNonNull(b.status, "status");
        this.request = Objects.requireNonNull(b.request, "request");
        this.editAllowed = b.editAllowed;
        this.editExpiration = b.editExpiration;
        this.reasons = List.copyOf(b.reasons);
        this.problem = b.problem;
        this.checks = b.checks;
        this.nextCheckAt = b.nextCheckAt;
        this.version = b.version;
        this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(b.updatedAt, "updatedAt");
    }

    /** {@return a builder with no field set (for stores)} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this verification's fields} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.tenantId = tenantId;
        b.phoneNumber = phoneNumber;
        b.accountSid = accountSid;
        b.numberSid = numberSid;
        b.verificationSid = verificationSid;
        b.status = status;
        b.request = request;
        b.editAllowed = editAllowed;
        b.editExpiration = editExpiration;
        b.reasons.addAll(reasons);
        b.problem = problem;
        b.checks = checks;
        b.nextCheckAt = nextCheckAt;
        b.version = version;
        b.createdAt = createdAt;
        b.updatedAt = updatedAt;
        return b;
    }

    /** {@return the identifier (a UUID)} */
    public String id() {
        return id;
    }

    /** {@return the tenant} */
    public TenantId tenantId() {
        return tenantId;
    }

    /** {@return the toll-free number} */
    public PhoneNumber phoneNumber() {
        return phoneNumber;
    }

    /** {@return the Twilio account} */
    public String accountSid() {
        return accountSid;
    }

    /** {@return the number's SID (PN…), once known} */
    public Optional<String> numberSid() {
        return Optional.ofNullable(numberSid);
    }

    /** {@return the verification's SID (HH…), once submitted} */
    public Optional<String> verificationSid() {
        return Optional.ofNullable(verificationSid);
    }

    /** {@return the status} */
    public Status status() {
        return status;
    }

    /** {@return what was (or is to be) submitted} */
    public TollFreeRequest request() {
        return request;
    }

    /** {@return whether a rejected submission may be corrected now} */
    public boolean editAllowed() {
        return editAllowed;
    }

    /** {@return until when a rejected submission may be corrected} */
    public Optional<Instant> editExpiration() {
        return Optional.ofNullable(editExpiration);
    }

    /** {@return Twilio's reasons for a rejection} */
    public List<RejectionReason> reasons() {
        return reasons;
    }

    /** {@return why the SDK could not carry on the last time it tried} */
    public Optional<ErrorCode> problem() {
        return Optional.ofNullable(problem);
    }

    /** {@return how many checks since the last change} */
    public int checks() {
        return checks;
    }

    /** {@return when the status is to be checked next} */
    public Optional<Instant> nextCheckAt() {
        return Optional.ofNullable(nextCheckAt);
    }

    /** {@return the version, raised by one at each change} */
    public long version() {
        return version;
    }

    /** {@return when it was first submitted} */
    public Instant createdAt() {
        return createdAt;
    }

    /** {@return when it last changed} */
    public Instant updatedAt() {
        return updatedAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TollFreeVerification that
                && id.equals(that.id)
                && version == that.version
                && tenantId.equals(that.tenantId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    @Override
    public String toString() {
        return String.format("TollFreeVerification[%s, %#s, %s, version %d]", tenantId, phoneNumber, status, version);
    }

    /** Builds a {@link TollFreeVerification}; for stores and the SDK. Not thread-safe. */
    public static final class Builder {

        private @Nullable String id;
        private @Nullable TenantId tenantId;
        private @Nullable PhoneNumber phoneNumber;
        private @Nullable String accountSid;
        private @Nullable String numberSid;
        private @Nullable String verificationSid;
        private @Nullable Status status;
        private @Nullable TollFreeRequest request;
        private boolean editAllowed;
        private @Nullable Instant editExpiration;
        private final List<RejectionReason> reasons = new ArrayList<>();
        private @Nullable ErrorCode problem;
        private int checks;
        private @Nullable Instant nextCheckAt;
        private long version;
        private @Nullable Instant createdAt;
        private @Nullable Instant updatedAt;

        private Builder() {}

        /**
         * The identifier.
         *
         * @param id a UUID
         * @return this builder
         */
        public Builder id(String id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * The tenant.
         *
         * @param tenant the tenant
         * @return this builder
         */
        public Builder tenantId(TenantId tenant) {
            this.tenantId = Objects.requireNonNull(tenant, "tenant");
            return this;
        }

        /**
         * The number.
         *
         * @param number the toll-free number
         * @return this builder
         */
        public Builder phoneNumber(PhoneNumber number) {
            this.phoneNumber = Objects.requireNonNull(number, "number");
            return this;
        }

        /**
         * The Twilio account.
         *
         * @param accountSid AC…
         * @return this builder
         */
        public Builder accountSid(String accountSid) {
            this.accountSid = Objects.requireNonNull(accountSid, "accountSid");
            return this;
        }

        /**
         * The number's SID.
         *
         * @param sid PN…, or {@code null}
         * @return this builder
         */
        public Builder numberSid(@Nullable String sid) {
            this.numberSid = sid;
            return this;
        }

        /**
         * The verification's SID.
         *
         * @param sid HH…, or {@code null}
         * @return this builder
         */
        public Builder verificationSid(@Nullable String sid) {
            this.verificationSid = sid;
            return this;
        }

        /**
         * The status.
         *
         * @param status the status
         * @return this builder
         */
        public Builder status(Status status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /**
         * What is submitted.
         *
         * @param request the request
         * @return this builder
         */
        public Builder request(TollFreeRequest request) {
            this.request = Objects.requireNonNull(request, "request");
            return this;
        }

        /**
         * Whether a correction is allowed.
         *
         * @param allowed Twilio's {@code edit_allowed}
         * @return this builder
         */
        public Builder editAllowed(boolean allowed) {
            this.editAllowed = allowed;
            return this;
        }

        /**
         * Until when a correction is allowed.
         *
         * @param at Twilio's {@code edit_expiration}, or {@code null}
         * @return this builder
         */
        public Builder editExpiration(@Nullable Instant at) {
            this.editExpiration = at;
            return this;
        }

        /**
         * Replaces the reasons.
         *
         * @param reasons Twilio's reasons
         * @return this builder
         */
        public Builder reasons(List<RejectionReason> reasons) {
            this.reasons.clear();
            this.reasons.addAll(reasons);
            return this;
        }

        /**
         * Why the SDK could not carry on.
         *
         * @param problem the error, or {@code null}
         * @return this builder
         */
        public Builder problem(@Nullable ErrorCode problem) {
            this.problem = problem;
            return this;
        }

        /**
         * How many checks since the last change.
         *
         * @param checks the count
         * @return this builder
         */
        public Builder checks(int checks) {
            this.checks = checks;
            return this;
        }

        /**
         * When to check next.
         *
         * @param at the time, or {@code null}
         * @return this builder
         */
        public Builder nextCheckAt(@Nullable Instant at) {
            this.nextCheckAt = at;
            return this;
        }

        /**
         * The version.
         *
         * @param version the version
         * @return this builder
         */
        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /**
         * When it was first submitted.
         *
         * @param at the time
         * @return this builder
         */
        public Builder createdAt(Instant at) {
            this.createdAt = Objects.requireNonNull(at, "at");
            return this;
        }

        /**
         * When it last changed.
         *
         * @param at the time
         * @return this builder
         */
        public Builder updatedAt(Instant at) {
            this.updatedAt = Objects.requireNonNull(at, "at");
            return this;
        }

        /** {@return the verification} */
        public TollFreeVerification build() {
            return new TollFreeVerification(this);
        }
    }
}
