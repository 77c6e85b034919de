package io.tenanttwilio.numbers;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.NumberRegistry;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the registry knows of one of a tenant's numbers: from the purchase that started it to its
 * release. The webhook URLs are stored exactly as written to Twilio, so that signatures are
 * verified against them and not against a URL rebuilt from a request.
 *
 * <p>{@code version} is for optimistic updates: see {@link NumberRegistry#update(NumberRecord,
 * NumberRecord)}. Immutable and thread-safe; {@code with…} methods return changed copies.
 */
public final class NumberRecord {

    private final String id;
    private final TenantId tenantId;
    private final String purchaseKey;
    private final String requested;
    private final @Nullable PhoneNumber phoneNumber;
    private final @Nullable String twilioSid;
    private final String accountSid;
    private final String webhookKey;
    private final String smsUrl;
    private final String statusCallbackUrl;
    private final String friendlyName;
    private final NumberState state;
    private final @Nullable ErrorCode problem;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final long version;

    private NumberRecord(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.tenantId = Objects.requireNonNull(b.tenantId, "tenantId");
        this.purchaseKey = Objects.requireNonNull(b.purchaseKey, "purchaseKey");
        this.requested = Objects.requireNonNull(b.requested, "requested");
        this.phoneNumber = b.phoneNumber;
        this.twilioSid = b.twilioSid;
        this.accountSid = Objects.requireNonNull(b.accountSid, "accountSid");
        this.webhookKey = Objects.requireNonNull(b.webhookKey, "webhookKey");
        this.smsUrl = Objects.requireNonNull(b.smsUrl, "smsUrl");
        this.statusCallbackUrl = Objects.requireNonNull(b.statusCallbackUrl, "statusCallbackUrl");
        this.friendlyName = Objects.requireNonNull(b.friendlyName, "friendlyName");
        this.state = Objects.requireNonNull(b.state, "state");
        this.problem = b.problem;
        this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(b.updatedAt, "updatedAt");
        this.version = b.version;
    }

    /**
     * Starts a record; every value but {@code phoneNumber}, {@code twilioSid} and {@code problem}
     * must be set before {@link Builder#build()}.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this record's values, to change some} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.tenantId = tenantId;
        b.purchaseKey = purchaseKey;
        b.requested = requested;
        b.phoneNumber = phoneNumber;
        b.twilioSid = twilioSid;
        b.accountSid = accountSid;
        b.webhookKey = webhookKey;
        b.smsUrl = smsUrl;
        b.statusCallbackUrl = statusCallbackUrl;
        b.friendlyName = friendlyName;
        b.state = state;
        b.problem = problem;
        b.createdAt = createdAt;
        b.updatedAt = updatedAt;
        b.version = version;
        return b;
    }

    /** {@return the record's own id} */
    public String id() {
        return id;
    }

    /** {@return the tenant that owns the number} */
    public TenantId tenantId() {
        return tenantId;
    }

    /** {@return the idempotency key of the purchase that created the record} */
    public String purchaseKey() {
        return purchaseKey;
    }

    /**
     * {@return what the purchase asked for ({@code number:+14185550142} or {@code area:418}); a
     * retry with the same key must ask for the same thing}
     */
    public String requested() {
        return requested;
    }

    /** {@return the number, once bought} */
    public Optional<PhoneNumber> phoneNumber() {
        return Optional.ofNullable(phoneNumber);
    }

    /** {@return Twilio's SID of the number ({@code PN…}), once bought} */
    public Optional<String> twilioSid() {
        return Optional.ofNullable(twilioSid);
    }

    /** {@return the Twilio account (or subaccount) that owns the number} */
    public String accountSid() {
        return accountSid;
    }

    /**
     * {@return the opaque key in the number's webhook URLs that routes its webhooks to this record}
     */
    public String webhookKey() {
        return webhookKey;
    }

    /** {@return the SMS URL exactly as written to Twilio} */
    public String smsUrl() {
        return smsUrl;
    }

    /** {@return the status callback URL exactly as written to Twilio} */
    public String statusCallbackUrl() {
        return statusCallbackUrl;
    }

    /** {@return the friendly name given at Twilio, which names the owner and the purchase} */
    public String friendlyName() {
        return friendlyName;
    }

    /** {@return where the number stands} */
    public NumberState state() {
        return state;
    }

    /**
     * {@return what went wrong last, when the state is {@link NumberState#NEEDS_ATTENTION} or
     * failed}
     */
    public Optional<ErrorCode> problem() {
        return Optional.ofNullable(problem);
    }

    /** {@return when the record was created} */
    public Instant createdAt() {
        return createdAt;
    }

    /** {@return when it last changed} */
    public Instant updatedAt() {
        return updatedAt;
    }

    /** {@return its version, incremented by every update} */
    public long version() {
        return version;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof NumberRecord)) {
            return false;
        }
        NumberRecord that = (NumberRecord) other;
        return id.equals(that.id)
                && version == that.version
                && state == that.state
                && Objects.equals(phoneNumber, that.phoneNumber)
                && Objects.equals(twilioSid, that.twilioSid)
                && tenantId.equals(that.tenantId)
                && purchaseKey.equals(that.purchaseKey)
                && requested.equals(that.requested)
                && accountSid.equals(that.accountSid)
                && webhookKey.equals(that.webhookKey)
                && smsUrl.equals(that.smsUrl)
                && statusCallbackUrl.equals(that.statusCallbackUrl)
                && friendlyName.equals(that.friendlyName)
                && problem == that.problem
                && createdAt.equals(that.createdAt)
                && updatedAt.equals(that.updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    /** Ids, state and the masked number; no URL (it holds the webhook key). */
    @Override
    public String toString() {
        return "NumberRecord[id=" + id + ", tenant=" + tenantId + ", number="
                + (phoneNumber == null ? "-" : phoneNumber.masked()) + ", sid=" + twilioSid + ", state=" + state
                + (problem == null ? "" : ", problem=" + problem) + ", version=" + version + "]";
    }

    /** Builds a {@link NumberRecord}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable TenantId tenantId;
        private @Nullable String purchaseKey;
        private @Nullable String requested;
        private @Nullable PhoneNumber phoneNumber;
        private @Nullable String twilioSid;
        private @Nullable String accountSid;
        private @Nullable String webhookKey;
        private String smsUrl = "";
        private String statusCallbackUrl = "";
        private String friendlyName = "";
        private NumberState state = NumberState.PURCHASING;
        private @Nullable ErrorCode problem;
        private @Nullable Instant createdAt;
        private @Nullable Instant updatedAt;
        private long version;

        private Builder() {}

        /**
         * Sets {@link NumberRecord#id()}.
         *
         * @param id the record's own id
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * Sets {@link NumberRecord#tenantId()}.
         *
         * @param tenantId the tenant that owns the number
         * @return this builder
         */
        public Builder tenantId(TenantId tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        /**
         * Sets {@link NumberRecord#purchaseKey()}.
         *
         * @param purchaseKey the idempotency key of the purchase that created the record
         * @return this builder
         */
        public Builder purchaseKey(String purchaseKey) {
            this.purchaseKey = purchaseKey;
            return this;
        }

        /**
         * Sets {@link NumberRecord#requested()}.
         *
         * @param requested what the purchase asked for ({@code number:+14185550142} or {@code
         *     area:418}); a retry with the same key must ask for the same thing
         * @return this builder
         */
        public Builder requested(String requested) {
            this.requested = requested;
            return this;
        }

        /**
         * Sets {@link NumberRecord#phoneNumber()}.
         *
         * @param phoneNumber the number, or {@code null} before it is bought
         * @return this builder
         */
        public Builder phoneNumber(@Nullable PhoneNumber phoneNumber) {
            this.phoneNumber = phoneNumber;
            return this;
        }

        /**
         * Sets {@link NumberRecord#twilioSid()}.
         *
         * @param twilioSid Twilio's SID of the number ({@code PN…}), or {@code null} before it is
         *     bought
         * @return this builder
         */
        public Builder twilioSid(@Nullable String twilioSid) {
            this.twilioSid = twilioSid;
            return this;
        }

        /**
         * Sets {@link NumberRecord#accountSid()}.
         *
         * @param accountSid the Twilio account (or subaccount) that owns the number
         * @return this builder
         */
        public Builder accountSid(String accountSid) {
            this.accountSid = accountSid;
            return this;
        }

        /**
         * Sets {@link NumberRecord#webhookKey()}.
         *
         * @param webhookKey the opaque key in the number's webhook URLs that routes its webhooks to
         *     this record
         * @return this builder
         */
        public Builder webhookKey(String webhookKey) {
            this.webhookKey = webhookKey;
            return this;
        }

        /**
         * Sets {@link NumberRecord#smsUrl()}.
         *
         * @param smsUrl the SMS URL exactly as written to Twilio
         * @return this builder
         */
        public Builder smsUrl(String smsUrl) {
            this.smsUrl = smsUrl;
            return this;
        }

        /**
         * Sets {@link NumberRecord#statusCallbackUrl()}.
         *
         * @param statusCallbackUrl the status callback URL exactly as written to Twilio
         * @return this builder
         */
        public Builder statusCallbackUrl(String statusCallbackUrl) {
            this.statusCallbackUrl = statusCallbackUrl;
            return this;
        }

        /**
         * Sets {@link NumberRecord#friendlyName()}.
         *
         * @param friendlyName the friendly name given at Twilio, which names the owner and the
         *     purchase
         * @return this builder
         */
        public Builder friendlyName(String friendlyName) {
            this.friendlyName = friendlyName;
            return this;
        }

        /**
         * Sets {@link NumberRecord#state()}.
         *
         * @param state where the number stands
         * @return this builder
         */
        public Builder state(NumberState state) {
            this.state = state;
            return this;
        }

        /**
         * Sets {@link NumberRecord#problem()}.
         *
         * @param problem what went wrong last, or {@code null} for nothing
         * @return this builder
         */
        public Builder problem(@Nullable ErrorCode problem) {
            this.problem = problem;
            return this;
        }

        /**
         * Sets {@link NumberRecord#createdAt()}.
         *
         * @param createdAt when the record was created
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /**
         * Sets {@link NumberRecord#updatedAt()}.
         *
         * @param updatedAt when it last changed
         * @return this builder
         */
        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        /**
         * Sets {@link NumberRecord#version()}.
         *
         * @param version its version, incremented by every update
         * @return this builder
         */
        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /**
         * Builds the record.
         *
         * @return the record, immutable
         * @throws NullPointerException if a required value is missing
         */
        public NumberRecord build() {
            return new NumberRecord(this);
        }
    }
}
