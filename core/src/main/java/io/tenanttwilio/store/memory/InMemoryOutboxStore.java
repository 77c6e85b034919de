package io.tenanttwilio.store.memory;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.outbox.Consent;
import io.tenanttwilio.outbox.OutboxBacklog;
import io.tenanttwilio.outbox.OutboxQuery;
import io.tenanttwilio.outbox.OutboxState;
import io.tenanttwilio.outbox.ScheduledMessage;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.OutboxClaim;
import io.tenanttwilio.spi.OutboxStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** An {@link OutboxStore} in memory, for tests and a single instance. Thread-safe (one lock). */
public final class InMemoryOutboxStore implements OutboxStore {

    private static final Comparator<ScheduledMessage> BY_DUE =
            Comparator.comparing(ScheduledMessage::dueAt).thenComparing(ScheduledMessage::id);
    private static final Comparator<ScheduledMessage> LATEST_FIRST = Comparator.comparing(ScheduledMessage::sendAt)
            .thenComparing(ScheduledMessage::id)
            .reversed();

    private record Key(TenantId tenant, String value) {}

    private final Map<Key, ScheduledMessage> byId = new HashMap<>();
    private final Map<Key, String> byClientKey = new HashMap<>();
    private final Map<Key, Instant> senderNextSlot = new HashMap<>();
    private final Map<TenantId, Instant> throttledUntil = new HashMap<>();
    private final Map<Key, Consent> consents = new HashMap<>();

    /** An empty store. */
    public InMemoryOutboxStore() {}

    @Override
    public synchronized ScheduledMessage insertIfAbsent(ScheduledMessage message) {
        Key key = new Key(message.tenantId(), message.clientKey());
        String existing = byClientKey.get(key);
        if (existing != null) {
            return byId.get(new Key(message.tenantId(), existing));
        }
        byClientKey.put(key, message.id());
        byId.put(new Key(message.tenantId(), message.id()), message);
        senderNextSlot.putIfAbsent(new Key(message.tenantId(), message.sender()), Instant.MIN);
        return message;
    }

    @Override
    public synchronized Optional<ScheduledMessage> find(TenantId tenant, String clientKey) {
        String id = byClientKey.get(new Key(tenant, clientKey));
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(new Key(tenant, id)));
    }

    @Override
    public synchronized Optional<ScheduledMessage> update(ScheduledMessage current, ScheduledMessage next) {
        Key key = new Key(current.tenantId(), current.id());
        ScheduledMessage stored = byId.get(key);
        if (stored == null
                || stored.version() != current.version()
                || !next.id().equals(current.id())
                || !next.tenantId().equals(current.tenantId())
                || !next.clientKey().equals(stored.clientKey())) {
            return Optional.empty();
        }
        ScheduledMessage updated =
                next.toBuilder().version(current.version() + 1).build();
        byId.put(key, updated);
        senderNextSlot.putIfAbsent(new Key(updated.tenantId(), updated.sender()), Instant.MIN);
        return Optional.of(updated);
    }

    @Override
    public synchronized List<ScheduledMessage> list(TenantId tenant, OutboxQuery query) {
        Cursor after = query.after().orElse(null);
        return byId.values().stream()
                .filter(m -> m.tenantId().equals(tenant))
                .filter(m -> query.state().map(state -> m.state() == state).orElse(true))
                .filter(m -> after == null
                        || m.sendAt().isBefore(after.time())
                        || (m.sendAt().equals(after.time()) && m.id().compareTo(after.id()) < 0))
                .sorted(LATEST_FIRST)
                .limit(query.limit() + 1L)
                .toList();
    }

    @Override
    public synchronized List<TenantId> tenantsDue(Instant now, int limit) {
        Map<TenantId, Instant> waiting = new HashMap<>();
        for (ScheduledMessage message : byId.values()) {
            Instant since = waitingSince(message, now);
            if (since != null) {
                waiting.merge(message.tenantId(), since, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return waiting.entrySet().stream()
                .sorted(Map.Entry.<TenantId, Instant>comparingByValue()
                        .thenComparing(e -> e.getKey().value()))
                .limit(Math.max(0, limit))
                .map(Map.Entry::getKey)
                .toList();
    }

    private static Instant waitingSince(ScheduledMessage message, Instant now) {
        if (message.state() == OutboxState.SCHEDULED && !message.dueAt().isAfter(now)) {
            return message.dueAt();
        }
        if (message.state() == OutboxState.CLAIMED
                && message.leaseUntil().filter(until -> until.isBefore(now)).isPresent()) {
            return message.leaseUntil().get();
        }
        return null;
    }

    @Override
    public synchronized List<ScheduledMessage> claim(OutboxClaim claim) {
        TenantId tenant = claim.tenant();
        Instant now = claim.now();
        Instant held = throttledUntil.get(tenant);
        if (held != null && held.isAfter(now)) {
            return List.of();
        }
        List<ScheduledMessage> mine = new ArrayList<>();
        long inFlight = 0;
        for (ScheduledMessage message : byId.values()) {
            if (!message.tenantId().equals(tenant)) {
                continue;
            }
            if (message.state() == OutboxState.CLAIMED
                    && message.leaseUntil()
                            .filter(until -> !until.isBefore(now))
                            .isPresent()) {
                inFlight++;
            } else if (message.state() == OutboxState.SCHEDULED
                    && !message.dueAt().isAfter(now)) {
                mine.add(message);
            }
        }
        long budget = Math.min(claim.maxMessages(), claim.maxInFlight() - inFlight);
        if (budget <= 0 || mine.isEmpty()) {
            return List.of();
        }
        mine.sort(BY_DUE);
        Instant horizon = now.plus(claim.horizon());
        Map<String, Instant> slots = new LinkedHashMap<>();
        List<ScheduledMessage> claimed = new ArrayList<>();
        for (ScheduledMessage message : mine) {
            if (claimed.size() >= budget) {
                break;
            }
            Key senderKey = new Key(tenant, message.sender());
            Instant next =
                    slots.computeIfAbsent(message.sender(), s -> senderNextSlot.getOrDefault(senderKey, Instant.MIN));
            Instant slot = next.isAfter(now) ? next : now;
            if (slot.isAfter(horizon)) {
                continue; // the sender is busy beyond the horizon: it waits for a later claim
            }
            slots.put(message.sender(), slot.plus(claim.slotLength(message.sender(), message.segments())));
            ScheduledMessage taken = message.toBuilder()
                    .state(OutboxState.CLAIMED)
                    .leaseOwner(claim.owner())
                    .slotAt(slot)
                    .leaseUntil(slot.plus(claim.leaseTtl()))
                    .attempts(message.attempts() + 1)
                    .messageId(message.messageId()
                            .orElseGet(() -> UUID.randomUUID().toString()))
                    .version(message.version() + 1)
                    .updatedAt(now)
                    .build();
            byId.put(new Key(tenant, taken.id()), taken);
            claimed.add(taken);
        }
        slots.forEach((sender, next) -> senderNextSlot.put(new Key(tenant, sender), next));
        claimed.sort(Comparator.comparing((ScheduledMessage m) -> m.slotAt().orElseThrow())
                .thenComparing(ScheduledMessage::id));
        return claimed;
    }

    @Override
    public synchronized List<ScheduledMessage> expiredClaims(TenantId tenant, Instant now, int limit) {
        return byId.values().stream()
                .filter(m -> m.tenantId().equals(tenant) && m.state() == OutboxState.CLAIMED)
                .filter(m -> m.leaseUntil().filter(until -> until.isBefore(now)).isPresent())
                .sorted(Comparator.comparing(
                                (ScheduledMessage m) -> m.leaseUntil().orElseThrow())
                        .thenComparing(ScheduledMessage::id))
                .limit(Math.max(0, limit))
                .toList();
    }

    @Override
    public synchronized void throttle(TenantId tenant, Instant until) {
        throttledUntil.merge(tenant, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Override
    public synchronized OutboxBacklog backlog(TenantId tenant, Instant now) {
        long scheduled = 0;
        long due = 0;
        long segments = 0;
        Instant oldest = null;
        Instant expiry = null;
        for (ScheduledMessage message : byId.values()) {
            if (!message.tenantId().equals(tenant)
                    || (message.state() != OutboxState.SCHEDULED && message.state() != OutboxState.CLAIMED)) {
                continue;
            }
            scheduled++;
            if (message.dueAt().isAfter(now)) {
                continue;
            }
            due++;
            segments += message.segments();
            oldest = oldest == null || message.dueAt().isBefore(oldest) ? message.dueAt() : oldest;
            Instant expires = message.expiresAt().orElse(null);
            expiry = expires != null && (expiry == null || expires.isBefore(expiry)) ? expires : expiry;
        }
        return OutboxBacklog.builder()
                .tenantId(tenant)
                .scheduled(scheduled)
                .due(due, segments)
                .oldestDue(oldest)
                .earliestExpiry(expiry)
                .at(now)
                .build();
    }

    @Override
    public synchronized void saveConsent(Consent consent) {
        consents.put(new Key(consent.tenantId(), consent.phoneNumber().e164()), consent);
    }

    @Override
    public synchronized Optional<Consent> findConsent(TenantId tenant, PhoneNumber number) {
        return Optional.ofNullable(consents.get(new Key(tenant, number.e164())));
    }

    @Override
    public String toString() {
        return "InMemoryOutboxStore";
    }
}
