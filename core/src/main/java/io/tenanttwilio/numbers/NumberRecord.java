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

    /** Starts a record. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this record's values, to change some. */
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

    /** The record's own id. */
    public String id() {
        return id;
    }

    /** The tenant that owns the number. */
    public TenantId tenantId() {
        return tenantId;
    }

    /** The idempotency key of the purchase that created the record. */
    public String purchaseKey() {
        return purchaseKey;
    }

    /**
     * What the purchase asked for ({@code number:+14185550142} or {@code area:418}); a retry
     * with the same key must ask for the same thing.
     */
    public String requested() {
        return requested;
    }

    /** The number, once bought. */
    public Optional<PhoneNumber> phoneNumber() {
        return Optional.ofNullable(phoneNumber);
    }

    /** Twilio's SID of the number ({@code PN…}), once bought. */
    public Optional<String> twilioSid() {
        return Optional.ofNullable(twilioSid);
    }

    /** The Twilio account (or subaccount) that owns the number. */
    public String accountSid() {
        return accountSid;
    }

    /** The opaque key in the number's webhook URLs that routes its webhooks to this record. */
    public String webhookKey() {
        return webhookKey;
    }

    /** The SMS URL exactly as written to Twilio. */
    public String smsUrl() {
        return smsUrl;
    }

    /** The status callback URL exactly as written to Twilio. */
    public String statusCallbackUrl() {
        return statusCallbackUrl;
    }

    /** The friendly name given at Twilio, which names the owner and the purchase. */
    public String friendlyName() {
        return friendlyName;
    }

    /** Where the number stands. */
    public NumberState state() {
        return state;
    }

    /** What went wrong last, when the state is {@link NumberState#NEEDS_ATTENTION} or failed. */
    public Optional<ErrorCode> problem() {
        return Optional.ofNullable(problem);
    }

    /** When the record was created. */
    public Instant createdAt() {
        return createdAt;
    }

    /** When it last changed. */
    public Instant updatedAt() {
        return updatedAt;
    }

    /** Its version, incremented by every update. */
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

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder tenantId(TenantId tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        public Builder purchaseKey(String purchaseKey) {
            this.purchaseKey = purchaseKey;
            return this;
        }

        public Builder requested(String requested) {
            this.requested = requested;
            return this;
        }

        public Builder phoneNumber(@Nullable PhoneNumber phoneNumber) {
            this.phoneNumber = phoneNumber;
            return this;
        }

        public Builder twilioSid(@Nullable String twilioSid) {
            this.twilioSid = twilioSid;
            return this;
        }

        public Builder accountSid(String accountSid) {
            this.accountSid = accountSid;
            return this;
        }

        public Builder webhookKey(String webhookKey) {
            this.webhookKey = webhookKey;
            return this;
        }

        public Builder smsUrl(String smsUrl) {
            this.smsUrl = smsUrl;
            return this;
        }

        public Builder statusCallbackUrl(String statusCallbackUrl) {
            this.statusCallbackUrl = statusCallbackUrl;
            return this;
        }

        public Builder friendlyName(String friendlyName) {
            this.friendlyName = friendlyName;
            return this;
        }

        public Builder state(NumberState state) {
            this.state = state;
            return this;
        }

        public Builder problem(@Nullable ErrorCode problem) {
            this.problem = problem;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public Builder version(long version) {
            this.version = version;
            return this;
        }

        public NumberRecord build() {
            return new NumberRecord(this);
        }
    }
}
