package io.tenanttwilio.messaging;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.phone.PhoneNumber;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A person a tenant exchanges messages with (a patient), identified within the tenant by an
 * E.164 number. The same person may be a contact of several tenants; each has its own.
 *
 * <p>{@link #toString()} masks the number. Immutable and thread-safe.
 */
public final class Contact {

    private final String id;
    private final TenantId tenantId;
    private final PhoneNumber phoneNumber;
    private final @Nullable String displayName;
    private final Instant createdAt;

    private Contact(Builder builder) {
        this.id = Objects.requireNonNull(builder.id, "id");
        this.tenantId = Objects.requireNonNull(builder.tenantId, "tenantId");
        this.phoneNumber = Objects.requireNonNull(builder.phoneNumber, "phoneNumber");
        this.displayName = builder.displayName;
        this.createdAt = Objects.requireNonNull(builder.createdAt, "createdAt");
    }

    /**
     * Starts a contact, as a {@link io.tenanttwilio.spi.ContactDirectory} builds one from what it stored.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the contact's id, unique within the directory} */
    public String id() {
        return id;
    }

    /** {@return the tenant whose contact it is} */
    public TenantId tenantId() {
        return tenantId;
    }

    /** {@return the contact's number, unique among the tenant's contacts} */
    public PhoneNumber phoneNumber() {
        return phoneNumber;
    }

    /** {@return a name to show; empty when the application knows none} */
    public Optional<String> displayName() {
        return Optional.ofNullable(displayName);
    }

    /** {@return when the contact was first stored} */
    public Instant createdAt() {
        return createdAt;
    }

    /** Equal when the ids and the tenants are: the same contact, whatever its name now. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Contact
                && ((Contact) other).id.equals(id)
                && ((Contact) other).tenantId.equals(tenantId);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Contact[" + id + ", tenant=" + tenantId + ", " + phoneNumber.masked() + "]";
    }

    /** Builds a {@link Contact}; every value is required unless said. Not thread-safe. */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable TenantId tenantId;
        private @Nullable PhoneNumber phoneNumber;
        private @Nullable String displayName;
        private @Nullable Instant createdAt;

        private Builder() {}

        /**
         * The contact's id, unique within the directory.
         *
         * @param id the contact's id, unique within the directory
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * The tenant whose contact it is.
         *
         * @param tenantId the tenant whose contact it is
         * @return this builder
         */
        public Builder tenantId(TenantId tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        /**
         * The contact's number.
         *
         * @param phoneNumber the contact's number
         * @return this builder
         */
        public Builder phoneNumber(PhoneNumber phoneNumber) {
            this.phoneNumber = phoneNumber;
            return this;
        }

        /**
         * A name to show.
         *
         * @param displayName a name to show; {@code null} if none
         * @return this builder
         */
        public Builder displayName(@Nullable String displayName) {
            this.displayName = displayName;
            return this;
        }

        /**
         * When the contact was first stored.
         *
         * @param createdAt when the contact was first stored
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /**
         * The contact.
         *
         * @return the contact
         * @throws NullPointerException when a required value is missing
         */
        public Contact build() {
            return new Contact(this);
        }
    }
}
