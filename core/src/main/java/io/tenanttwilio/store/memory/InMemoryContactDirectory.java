package io.tenanttwilio.store.memory;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.internal.support.Ids;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.ContactDirectory;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ContactDirectory} in memory, indexed by (tenant, E.164). Thread-safe. */
public final class InMemoryContactDirectory implements ContactDirectory {

    private record Key(TenantId tenant, String e164) {}

    private final Map<Key, Contact> byNumber = new ConcurrentHashMap<>();
    private final Map<String, Contact> byId = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryContactDirectory() {
        this(Clock.systemUTC());
    }

    public InMemoryContactDirectory(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Contact findOrCreate(TenantId tenant, PhoneNumber number) {
        return byNumber.computeIfAbsent(new Key(tenant, number.e164()), key -> {
            Contact contact = new Contact(Ids.next(), tenant, number, null, clock.instant());
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
}
