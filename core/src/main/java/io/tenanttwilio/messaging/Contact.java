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

    public Contact(
            String id, TenantId tenantId, PhoneNumber phoneNumber, @Nullable String displayName, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.phoneNumber = Objects.requireNonNull(phoneNumber, "phoneNumber");
        this.displayName = displayName;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public String id() {
        return id;
    }

    public TenantId tenantId() {
        return tenantId;
    }

    public PhoneNumber phoneNumber() {
        return phoneNumber;
    }

    /** A name to show, when the application knows one. */
    public Optional<String> displayName() {
        return Optional.ofNullable(displayName);
    }

    public Instant createdAt() {
        return createdAt;
    }

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
