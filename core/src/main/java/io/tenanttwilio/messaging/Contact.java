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

    /**
     * A contact as stored; the SDK and the {@link io.tenanttwilio.spi.ContactDirectory} create
     * them, applications only in tests.
     *
     * @param id the contact's id, unique within the directory
     * @param tenantId the tenant whose contact it is
     * @param phoneNumber the contact's number
     * @param displayName a name to show; {@code null} if none
     * @param createdAt when the contact was first stored
     */
    public Contact(
            String id, TenantId tenantId, PhoneNumber phoneNumber, @Nullable String displayName, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.phoneNumber = Objects.requireNonNull(phoneNumber, "phoneNumber");
        this.displayName = displayName;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
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
}
