package io.tenanttwilio.store.memory;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.registration.Registration;
import io.tenanttwilio.registration.TollFreeVerification;
import io.tenanttwilio.spi.RegistrationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link RegistrationStore} in memory. Thread-safe (one lock). */
public final class InMemoryRegistrationStore implements RegistrationStore {

    private record NumberKey(TenantId tenant, PhoneNumber number) {}

    private final Map<TenantId, Registration> registrations = new HashMap<>();
    private final Map<NumberKey, TollFreeVerification> tollFree = new HashMap<>();

    /** An empty store. */
    public InMemoryRegistrationStore() {}

    @Override
    public synchronized Optional<Registration> find(TenantId tenant) {
        return Optional.ofNullable(registrations.get(tenant));
    }

    @Override
    public synchronized Registration insertIfAbsent(Registration registration) {
        return registrations.computeIfAbsent(registration.tenantId(), t -> registration);
    }

    @Override
    public synchronized Optional<Registration> update(Registration current, Registration next) {
        Registration stored = registrations.get(current.tenantId());
        if (stored == null
                || stored.version() != current.version()
                || !stored.id().equals(current.id())
                || !next.id().equals(current.id())
                || !next.tenantId().equals(current.tenantId())) {
            return Optional.empty();
        }
        Registration updated = next.toBuilder().version(current.version() + 1).build();
        registrations.put(updated.tenantId(), updated);
        return Optional.of(updated);
    }

    @Override
    public synchronized List<Registration> registrationsDue(Instant now, int limit) {
        List<Registration> due = new ArrayList<>();
        for (Registration registration : registrations.values()) {
            if (registration.nextCheckAt().filter(at -> !at.isAfter(now)).isPresent()) {
                due.add(registration);
            }
        }
        due.sort(Comparator.comparing((Registration r) -> r.nextCheckAt().orElseThrow())
                .thenComparing(Registration::id));
        return due.size() > limit ? List.copyOf(due.subList(0, Math.max(0, limit))) : due;
    }

    @Override
    public synchronized Optional<TollFreeVerification> findTollFree(TenantId tenant, PhoneNumber number) {
        return Optional.ofNullable(tollFree.get(new NumberKey(tenant, number)));
    }

    @Override
    public synchronized List<TollFreeVerification> tollFree(TenantId tenant) {
        List<TollFreeVerification> list = new ArrayList<>();
        for (TollFreeVerification verification : tollFree.values()) {
            if (verification.tenantId().equals(tenant)) {
                list.add(verification);
            }
        }
        list.sort(Comparator.comparing(TollFreeVerification::phoneNumber));
        return list;
    }

    @Override
    public synchronized TollFreeVerification insertIfAbsent(TollFreeVerification verification) {
        return tollFree.computeIfAbsent(
                new NumberKey(verification.tenantId(), verification.phoneNumber()), k -> verification);
    }

    @Override
    public synchronized Optional<TollFreeVerification> update(TollFreeVerification current, TollFreeVerification next) {
        NumberKey key = new NumberKey(current.tenantId(), current.phoneNumber());
        TollFreeVerification stored = tollFree.get(key);
        if (stored == null
                || stored.version() != current.version()
                || !stored.id().equals(current.id())
                || !next.id().equals(current.id())
                || !next.tenantId().equals(current.tenantId())
                || !next.phoneNumber().equals(current.phoneNumber())) {
            return Optional.empty();
        }
        TollFreeVerification updated =
                next.toBuilder().version(current.version() + 1).build();
        tollFree.put(key, updated);
        return Optional.of(updated);
    }

    @Override
    public synchronized List<TollFreeVerification> tollFreeDue(Instant now, int limit) {
        List<TollFreeVerification> due = new ArrayList<>();
        for (TollFreeVerification verification : tollFree.values()) {
            if (verification.nextCheckAt().filter(at -> !at.isAfter(now)).isPresent()) {
                due.add(verification);
            }
        }
        due.sort(
                Comparator.comparing((TollFreeVerification v) -> v.nextCheckAt().orElseThrow())
                        .thenComparing(TollFreeVerification::id));
        return due.size() > limit ? List.copyOf(due.subList(0, Math.max(0, limit))) : due;
    }

    @Override
    public String toString() {
        return "InMemoryRegistrationStore";
    }
}
