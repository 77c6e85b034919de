package io.tenanttwilio.store.memory;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.internal.support.Ids;
import io.tenanttwilio.internal.support.Optionals;
import io.tenanttwilio.internal.support.Paging;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.messaging.ConversationQuery;
import io.tenanttwilio.messaging.MessageDirection;
import io.tenanttwilio.messaging.MessageQuery;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.MessageUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** A {@link ConversationStore} in memory, with the JDBC store's keys and rules. Thread-safe (one lock). */
public final class InMemoryConversationStore implements ConversationStore {

    private static final int PREVIEW = 80;

    private final Map<String, Conversation> conversations = new LinkedHashMap<>();
    private final Map<String, String> conversationByKey = new HashMap<>();
    private final Map<String, SmsMessage> messages = new LinkedHashMap<>();
    private final Map<String, String> messageBySid = new HashMap<>();
    private final Map<String, List<String>> messagesByConversation = new HashMap<>();
    private final Set<String> optOuts = new HashSet<>();
    private final Map<String, SmsMessage> earlyStatuses = new LinkedHashMap<>();

    private static String key(TenantId tenant, String... parts) {
        return tenant.value() + '\u0000' + String.join("\u0000", parts);
    }

    @Override
    public synchronized Conversation openConversation(
            TenantId tenant, Contact contact, PhoneNumber ourNumber, Instant now) {
        String key = key(tenant, contact.id(), ourNumber.e164());
        String id = conversationByKey.get(key);
        if (id != null) {
            Conversation existing = conversations.get(id);
            if (existing.state() == Conversation.State.ARCHIVED) {
                Conversation reopened = copy(
                        existing,
                        Conversation.State.OPEN,
                        existing.unreadCount(),
                        existing.lastMessageAt().orElse(null),
                        existing.lastMessagePreview().orElse(null));
                conversations.put(id, reopened);
                return reopened;
            }
            return existing;
        }
        Conversation created = Conversation.builder()
                .id(Ids.next())
                .tenantId(tenant)
                .contact(contact)
                .ourNumber(ourNumber)
                .createdAt(now)
                .build();
        conversations.put(created.id(), created);
        conversationByKey.put(key, created.id());
        return created;
    }

    private static Conversation copy(
            Conversation c, Conversation.State state, int unread, @Nullable Instant last, @Nullable String preview) {
        return Conversation.builder()
                .id(c.id())
                .tenantId(c.tenantId())
                .contact(c.contact())
                .ourNumber(c.ourNumber())
                .state(state)
                .unreadCount(unread)
                .lastMessageAt(last)
                .lastMessagePreview(preview)
                .createdAt(c.createdAt())
                .build();
    }

    @Override
    public synchronized Optional<Conversation> conversation(TenantId tenant, String conversationId) {
        return Optional.ofNullable(conversations.get(conversationId))
                .filter(c -> c.tenantId().equals(tenant));
    }

    @Override
    public synchronized boolean insertMessage(SmsMessage message) {
        Conversation conversation = conversations.get(message.conversationId());
        if (conversation == null || !conversation.tenantId().equals(message.tenantId())) {
            throw new IllegalArgumentException("Unknown conversation " + message.conversationId());
        }
        if (message.twilioSid().isPresent()) {
            String sidKey = key(message.tenantId(), message.twilioSid().get());
            if (messageBySid.containsKey(sidKey)) {
                return false;
            }
            messageBySid.put(sidKey, message.id());
        }
        messages.put(message.id(), message);
        messagesByConversation
                .computeIfAbsent(conversation.id(), k -> new ArrayList<>())
                .add(message.id());
        boolean inbound = message.direction() == MessageDirection.INBOUND;
        String preview = message.body().length() > PREVIEW ? message.body().substring(0, PREVIEW) : message.body();
        conversations.put(
                conversation.id(),
                copy(
                        conversation,
                        Conversation.State.OPEN,
                        conversation.unreadCount() + (inbound ? 1 : 0),
                        message.createdAt(),
                        preview));
        return true;
    }

    @Override
    public synchronized Optional<SmsMessage> replaceMessage(SmsMessage message) {
        SmsMessage stored = messages.get(message.id());
        if (stored == null || !stored.tenantId().equals(message.tenantId())) {
            return Optional.empty();
        }
        SmsMessage result = message;
        if (message.twilioSid().isPresent()) {
            String sidKey = key(message.tenantId(), message.twilioSid().get());
            messageBySid.put(sidKey, message.id());
            SmsMessage early = earlyStatuses.remove(sidKey);
            if (early != null && early.status().rank() > message.status().rank()) {
                result = message.toBuilder()
                        .status(early.status())
                        .errorCode(Optionals.boxed(Optionals.or(early.errorCode(), message.errorCode())))
                        .price(early.price().orElse(message.price().orElse(null)))
                        .segments(Optionals.boxed(Optionals.or(early.segments(), message.segments())))
                        .build();
            }
        }
        messages.put(message.id(), result);
        return Optional.of(result);
    }

    @Override
    public synchronized Optional<SmsMessage> updateStatus(
            TenantId tenant,
            String twilioSid,
            MessageStatus status,
            @Nullable Integer errorCode,
            @Nullable BigDecimal price,
            @Nullable Integer segments,
            Instant now) {
        String id = messageBySid.get(key(tenant, twilioSid));
        SmsMessage stored = id == null ? null : messages.get(id);
        if (stored == null) {
            rememberEarly(tenant, twilioSid, status, errorCode, price, segments, now);
            return Optional.empty();
        }
        boolean forward = status.rank() > stored.status().rank();
        boolean priced = price != null && stored.price().isEmpty();
        if (!forward && !priced) {
            return Optional.empty();
        }
        SmsMessage.Builder updated = stored.toBuilder().updatedAt(now);
        if (forward) {
            updated.status(status).errorCode(errorCode != null ? errorCode : Optionals.boxed(stored.errorCode()));
        }
        if (price != null) {
            updated.price(price).priceUnit(stored.priceUnit().orElse("USD"));
        }
        if (segments != null) {
            updated.segments(segments);
        }
        SmsMessage result = updated.build();
        messages.put(id, result);
        return Optional.of(result);
    }

    /** Keeps the most advanced status seen for a SID not stored yet (bounded: the oldest go first). */
    private void rememberEarly(
            TenantId tenant,
            String sid,
            MessageStatus status,
            @Nullable Integer errorCode,
            @Nullable BigDecimal price,
            @Nullable Integer segments,
            Instant now) {
        String sidKey = key(tenant, sid);
        SmsMessage previous = earlyStatuses.get(sidKey);
        if (previous != null && previous.status().rank() >= status.rank()) {
            return;
        }
        if (earlyStatuses.size() >= 10_000) {
            earlyStatuses.remove(earlyStatuses.keySet().iterator().next());
        }
        PhoneNumber unknown = PhoneNumber.ofE164("+15005550006");
        earlyStatuses.put(
                sidKey,
                SmsMessage.builder()
                        .id(sid)
                        .tenantId(tenant)
                        .conversationId("")
                        .direction(MessageDirection.OUTBOUND)
                        .twilioSid(sid)
                        .from(unknown)
                        .to(unknown)
                        .status(status)
                        .errorCode(errorCode)
                        .price(price)
                        .segments(segments)
                        .createdAt(now)
                        .updatedAt(now)
                        .build());
    }

    @Override
    public synchronized Optional<SmsMessage> findByTwilioSid(TenantId tenant, String twilioSid) {
        String id = messageBySid.get(key(tenant, twilioSid));
        return id == null ? Optional.empty() : Optional.of(messages.get(id));
    }

    @Override
    public synchronized Optional<SmsMessage> message(TenantId tenant, String messageId) {
        SmsMessage message = messages.get(messageId);
        return message != null && message.tenantId().equals(tenant) ? Optional.of(message) : Optional.empty();
    }

    /** Newest first, then by id descending: the order of both listings. */
    private static <T> Comparator<T> newestFirst(Function<T, Instant> time, Function<T, String> id) {
        return Comparator.comparing(time).thenComparing(id).reversed();
    }

    private static final Comparator<Conversation> BY_ACTIVITY =
            newestFirst(InMemoryConversationStore::activity, Conversation::id);
    private static final Comparator<SmsMessage> BY_CREATION = newestFirst(SmsMessage::createdAt, SmsMessage::id);

    private static Instant activity(Conversation conversation) {
        return conversation.lastMessageAt().orElse(conversation.createdAt());
    }

    @Override
    public synchronized Page<Conversation> conversations(TenantId tenant, ConversationQuery query) {
        Cursor after = query.after().orElse(null);
        Instant afterTime = after == null ? null : after.time();
        List<Conversation> rows = conversations.values().stream()
                .filter(c -> c.tenantId().equals(tenant))
                .filter(c -> query.state().map(c.state()::equals).orElse(true))
                .filter(c -> !query.isUnreadOnly() || c.unreadCount() > 0)
                .filter(c -> query.ourNumber().map(c.ourNumber()::equals).orElse(true))
                .filter(c ->
                        query.contact().map(c.contact().phoneNumber()::equals).orElse(true))
                .filter(c -> after == null || isAfter(activity(c), c.id(), afterTime, after.id()))
                .sorted(BY_ACTIVITY)
                .limit(query.limit() + 1L)
                .toList();
        return Paging.page(rows, query.limit(), c -> Cursor.of(activity(c), c.id()));
    }

    @Override
    public synchronized Page<SmsMessage> messages(TenantId tenant, MessageQuery query) {
        Cursor after = query.after().orElse(null);
        Instant afterTime = after == null ? null : after.time();
        Collection<SmsMessage> candidates;
        if (query.conversationId().isPresent()) {
            String conversationId = query.conversationId().get();
            if (conversation(tenant, conversationId).isEmpty()) {
                return Page.of(List.of(), null);
            }
            candidates = new ArrayList<>();
            for (String id : messagesByConversation.getOrDefault(conversationId, List.of())) {
                candidates.add(messages.get(id));
            }
        } else {
            candidates = messages.values();
        }
        List<SmsMessage> rows = candidates.stream()
                .filter(m -> m.tenantId().equals(tenant))
                .filter(m ->
                        query.from().map(from -> !m.createdAt().isBefore(from)).orElse(true))
                .filter(m -> query.to().map(m.createdAt()::isBefore).orElse(true))
                .filter(m -> after == null || isAfter(m.createdAt(), m.id(), afterTime, after.id()))
                .sorted(BY_CREATION)
                .limit(query.limit() + 1L)
                .toList();
        return Paging.page(rows, query.limit(), m -> Cursor.of(m.createdAt(), m.id()));
    }

    /** Whether the row at ({@code time}, {@code id}) comes after the cursor's row, newest first. */
    private static boolean isAfter(Instant time, String id, Instant cursorTime, String cursorId) {
        int byTime = time.compareTo(cursorTime);
        return byTime < 0 || (byTime == 0 && id.compareTo(cursorId) < 0);
    }

    @Override
    public synchronized void markRead(TenantId tenant, String conversationId) {
        conversation(tenant, conversationId)
                .ifPresent(c -> conversations.put(
                        c.id(),
                        copy(
                                c,
                                c.state(),
                                0,
                                c.lastMessageAt().orElse(null),
                                c.lastMessagePreview().orElse(null))));
    }

    @Override
    public synchronized void archive(TenantId tenant, String conversationId) {
        conversation(tenant, conversationId)
                .ifPresent(c -> conversations.put(
                        c.id(),
                        copy(
                                c,
                                Conversation.State.ARCHIVED,
                                c.unreadCount(),
                                c.lastMessageAt().orElse(null),
                                c.lastMessagePreview().orElse(null))));
    }

    @Override
    public synchronized int archiveAll(TenantId tenant, PhoneNumber ourNumber) {
        int archived = 0;
        for (Conversation c : new ArrayList<>(conversations.values())) {
            if (c.tenantId().equals(tenant)
                    && c.ourNumber().equals(ourNumber)
                    && c.state() == Conversation.State.OPEN) {
                archive(tenant, c.id());
                archived++;
            }
        }
        return archived;
    }

    @Override
    public synchronized void setOptedOut(
            TenantId tenant, PhoneNumber contact, String sender, boolean optedOut, Instant at) {
        String key = key(tenant, contact.e164(), sender);
        if (optedOut) {
            optOuts.add(key);
        } else {
            optOuts.remove(key);
        }
    }

    @Override
    public synchronized boolean isOptedOut(TenantId tenant, PhoneNumber contact, String sender) {
        return optOuts.contains(key(tenant, contact.e164(), sender));
    }

    @Override
    public synchronized MessageUsage usage(TenantId tenant, Instant from, Instant to) {
        MessageUsage.Tally tally = MessageUsage.tally();
        for (SmsMessage m : messages.values()) {
            if (m.tenantId().equals(tenant)
                    && !m.createdAt().isBefore(from)
                    && m.createdAt().isBefore(to)) {
                tally.add(
                        m.direction(),
                        m.status(),
                        Optionals.boxed(m.errorCode()),
                        m.twilioSid().isPresent(),
                        m.price().orElse(null),
                        m.segments().orElse(0),
                        1);
            }
        }
        return tally.build();
    }

    @Override
    public synchronized List<SmsMessage> unsettled(TenantId tenant, Instant from, Instant to, int limit) {
        return messages.values().stream()
                .filter(m -> m.tenantId().equals(tenant)
                        && m.direction() == MessageDirection.OUTBOUND
                        && m.twilioSid().isPresent()
                        && (!m.status().isTerminal() || m.price().isEmpty())
                        && !m.createdAt().isBefore(from)
                        && m.createdAt().isBefore(to))
                .sorted(Comparator.comparing(SmsMessage::createdAt))
                .limit(Math.max(limit, 0))
                .toList();
    }
}
