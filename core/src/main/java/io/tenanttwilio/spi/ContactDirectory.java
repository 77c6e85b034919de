package io.tenanttwilio.spi;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.messaging.ContactQuery;
import io.tenanttwilio.phone.PhoneNumber;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's contacts, found by E.164 number: an equality on an indexed column, never a
 * {@code LIKE}; listed and searched page after page ({@link #contacts}). An application may plug
 * in its own (its patients table), as long as a number maps to at most one contact per tenant.
 *
 * <p>Implementations must be thread-safe; {@link #findOrCreate} is atomic (two concurrent calls
 * for the same number get the same contact).
 */
public interface ContactDirectory {

    /**
     * The tenant's contact with this number, created (without a name) if there is none. Atomic:
     * concurrent calls, on any instance, for the same tenant and number return the same contact.
     *
     * @param tenant the tenant
     * @param number the contact's number
     * @return the contact, found or created
     */
    Contact findOrCreate(TenantId tenant, PhoneNumber number);

    /**
     * The tenant's contact with this number.
     *
     * @param tenant the tenant
     * @param number the contact's number
     * @return the contact; empty when the tenant has none with this number
     */
    Optional<Contact> find(TenantId tenant, PhoneNumber number);

    /**
     * The tenant's contact with this id.
     *
     * @param tenant the tenant
     * @param contactId the contact's id
     * @return the contact; empty when the tenant has none with this id (another tenant's contact
     *     included)
     */
    Optional<Contact> findById(TenantId tenant, String contactId);

    /**
     * Gives the tenant's contact with this id the name {@code displayName} ({@code null}: none),
     * kept with its {@linkplain ContactQuery#nameKey search form}, so that {@link #contacts} finds
     * it by name from then on.
     *
     * @param tenant the tenant
     * @param contactId the contact's id
     * @param displayName the new name, already checked and stripped; {@code null}: no name
     * @return the contact as changed; empty when the tenant has no contact with this id
     */
    Optional<Contact> rename(TenantId tenant, String contactId, @Nullable String displayName);

    /**
     * One page of the tenant's contacts that {@code query} selects: by number (E.164, ascending),
     * or, when the query searches a name, by the name's {@linkplain ContactQuery#nameKey search
     * form} then by id (ascending). At most {@link ContactQuery#limit()} of them, starting after
     * the query's cursor; the page's cursor is that of its last contact ({@link Cursor#of(String)}:
     * its id, from which the store finds its place again), present only when more follow.
     *
     * <p>A search is a range of an index (the start of a name, of a number), never a scan of the
     * tenant's contacts, and a page costs what the first one costs. Every contact appears on
     * exactly one page. A cursor from another tenant's pages shows nothing of that tenant; one the
     * store cannot read is refused with {@link io.tenanttwilio.ErrorCode#INVALID_REQUEST}.
     *
     * @param tenant the tenant
     * @param query which contacts, from which cursor, how many
     * @return the page; empty (without cursor) when no contact matches past the cursor
     */
    Page<Contact> contacts(TenantId tenant, ContactQuery query);
}
