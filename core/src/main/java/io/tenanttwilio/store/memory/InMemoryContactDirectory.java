package io.tenanttwilio.store.memory;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.internal.support.Ids;
import io.tenanttwilio.internal.support.Paging;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.messaging.ContactQuery;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.ContactDirectory;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ContactDirectory} in memory, indexed by (tenant, E.164); its listings sort the
 * tenant's contacts at each page. Thread-safe.
 */
public final class InMemoryContactDirectory implements ContactDirectory {

    private record Key(TenantId tenant, String e164) {}

    private static final Comparator<Contact> BY_NUMBER =
            Comparator.comparing(c -> c.phoneNumber().e164());
    private static final Comparator<Contact> BY_NAME =
            Comparator.comparing(InMemoryContactDirectory::nameKey).thenComparing(Contact::id);

    private final Map<Key, Contact> byNumber = new ConcurrentHashMap<>();
    private final Map<String, Contact> byId = new ConcurrentHashMap<>();
    private final Clock clock;

    /** A directory whose contacts are dated by the system clock. */
    public InMemoryContactDirectory() {
        this(Clock.systemUTC());
    }

    /**
     * A directory whose contacts are dated by {@code clock}.
     *
     * @param clock the clock of the contacts' creation, such as a fixed one in tests
     */
    public InMemoryContactDirectory(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Contact findOrCreate(TenantId tenant, PhoneNumber number) {
        return byNumber.computeIfAbsent(new Key(tenant, number.e164()), key -> {
            Contact contact = Contact.builder()
                    .id(Ids.next())
                    .tenantId(tenant)
                    .phoneNumber(number)
                    .displayName(null)
                    .createdAt(clock.instant())
                    .build();
            byId.put(contact.id(), contact);
            return contact;
        });
    }

    @Override
    public Optional<Contact> find(TenantId tenant, PhoneNumber number) {
        return Optional.ofNullable(byNumber.get(new Key(tenant, number.e164())));
    }

    @Override
    public Optional<Contact> findById(TenantId tenant, String contactId) {
        return Optional.ofNullable(byId.get(contactId))
                .filter(contact -> contact.tenantId().equals(tenant));
    }

    @Override
    public synchronized Optional<Contact> rename(TenantId tenant, String contactId, @Nullable String displayName) {
        Optional<Contact> found = findById(tenant, contactId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Contact old = found.get();
        Contact renamed = Contact.builder()
                .id(old.id())
                .tenantId(tenant)
                .phoneNumber(old.phoneNumber())
                .displayName(displayName)
                .createdAt(old.createdAt())
                .build();
        byNumber.put(new Key(tenant, old.phoneNumber().e164()), renamed);
        byId.put(renamed.id(), renamed);
        return Optional.of(renamed);
    }

    @Override
    public synchronized Page<Contact> contacts(TenantId tenant, ContactQuery query) {
        boolean byName = query.namePrefix().isPresent();
        Comparator<Contact> order = byName ? BY_NAME : BY_NUMBER;
        Predicate<Contact> afterCursor = contact -> true;
        if (query.after().isPresent()) {
            Contact anchor = findById(tenant, query.after().get().id()).orElse(null);
            if (anchor == null || (byName && anchor.displayName().isEmpty())) {
                return Page.of(List.of(), null); // a contact of no page of this tenant's
            }
            afterCursor = contact -> order.compare(contact, anchor) > 0;
        }
        List<Contact> rows = byId.values().stream()
                .filter(contact -> contact.tenantId().equals(tenant))
                .filter(contact -> query.namePrefix()
                        .map(prefix -> contact.displayName().isPresent()
                                && nameKey(contact).startsWith(prefix))
                        .orElse(true))
                .filter(contact -> query.numberPrefix()
                        .map(contact.phoneNumber().e164()::startsWith)
                        .orElse(true))
                .filter(afterCursor)
                .sorted(order)
                .limit(query.limit() + 1L)
                .toList();
        return Paging.page(rows, query.limit(), contact -> Cursor.of(contact.id()));
    }

    private static String nameKey(Contact contact) {
        return contact.displayName().map(ContactQuery::nameKey).orElse("");
    }
}
