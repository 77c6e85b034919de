package io.tenanttwilio.spi;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.phone.PhoneNumber;
import java.util.Optional;

/**
 * A tenant's contacts, found by E.164 number: an equality on an indexed column, never a
 * {@code LIKE}. An application may plug in its own (its patients table), as long as a number
 * maps to at most one contact per tenant.
 *
 * <p>Implementations must be thread-safe; {@link #findOrCreate} is atomic (two concurrent calls
 * for the same number get the same contact).
 */
public interface ContactDirectory {

    /** The tenant's contact with this number, created if there is none. */
    Contact findOrCreate(TenantId tenant, PhoneNumber number);

    /** The tenant's contact with this number, if any. */
    Optional<Contact> find(TenantId tenant, PhoneNumber number);

    /** The tenant's contact with this id, if any. */
    Optional<Contact> findById(TenantId tenant, String contactId);
}
