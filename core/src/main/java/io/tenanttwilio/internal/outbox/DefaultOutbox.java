package io.tenanttwilio.internal.outbox;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.tenanttwilio.Cursor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.internal.guardrails.Guardrails;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.support.Paging;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.messaging.SmsRequest;
import io.tenanttwilio.messaging.SmsSegments;
import io.tenanttwilio.outbox.Consent;
import io.tenanttwilio.outbox.Outbox;
import io.tenanttwilio.outbox.OutboxBacklog;
import io.tenanttwilio.outbox.OutboxDispatcher;
import io.tenanttwilio.outbox.OutboxQuery;
import io.tenanttwilio.outbox.OutboxState;
import io.tenanttwilio.outbox.QuietHoursAction;
import io.tenanttwilio.outbox.ScheduleBatch;
import io.tenanttwilio.outbox.ScheduleRequest;
import io.tenanttwilio.outbox.ScheduledMessage;
import io.tenanttwilio.phone.PhoneNormalizer;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.OutboxStore;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The outbox: scheduling with every check that can be made before the message's time. */
public final class DefaultOutbox implements Outbox {

    /** How far ahead a message may be scheduled, as Twilio's own scheduling allows. */
    static final Duration MAX_AHEAD = Duration.ofDays(35);
    /** A time this little in the past is "now" (clocks of two machines, a form submitted slowly). */
    private static final Duration PAST_TOLERANCE = Duration.ofMinutes(1);

    private final OutboxStore store;
    private final ConversationStore conversations;
    private final Guardrails guardrails;
    private final Senders senders;
    private final PhoneNormalizer normalizer;
    private final Clock clock;
    private final Dispatcher dispatcher;
    private final ConsentCheck consents;

    public DefaultOutbox(
            OutboxStore store,
            ConversationStore conversations,
            Guardrails guardrails,
            Senders senders,
            String defaultRegion,
            Clock clock,
            Dispatcher dispatcher) {
        this.store = store;
        this.conversations = conversations;
        this.guardrails = guardrails;
        this.senders = senders;
        this.normalizer = PhoneNormalizer.forRegion(defaultRegion);
        this.clock = clock;
        this.dispatcher = dispatcher;
        this.consents = new ConsentCheck(store);
    }

    @Override
    public ScheduledMessage schedule(TenantId tenant, ScheduleRequest request) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(request, "request");
        ScheduledMessage message = prepare(tenant, request, clock.instant(), guardrails.policy(tenant));
        return Stores.call(tenant, () -> store.insertIfAbsent(message));
    }

    @Override
    public ScheduleBatch scheduleAll(TenantId tenant, List<ScheduleRequest> requests) {
        Objects.requireNonNull(tenant, "tenant");
        if (requests.isEmpty()) {
            throw Problems.builder(ErrorCode.INVALID_REQUEST)
                    .tenant(tenant)
                    .detail("outbox.batch-empty")
                    .build();
        }
        if (requests.size() > ScheduleBatch.MAX_SIZE) {
            throw Problems.builder(ErrorCode.INVALID_REQUEST)
                    .tenant(tenant)
                    .detail("outbox.batch-too-large", requests.size(), ScheduleBatch.MAX_SIZE)
                    .build();
        }
        Set<String> keys = new HashSet<>();
        for (ScheduleRequest request : requests) {
            if (!keys.add(request.clientKey())) {
                throw Problems.builder(ErrorCode.INVALID_REQUEST)
                        .tenant(tenant)
                        .detail("outbox.batch-duplicate-key", request.clientKey())
                        .build();
            }
        }
        Instant now = clock.instant();
        TenantPolicy policy = guardrails.policy(tenant);
        List<ScheduleBatch.Item> items = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            ScheduleRequest request = requests.get(i);
            try {
                ScheduledMessage message = prepare(tenant, request, now, policy);
                ScheduledMessage stored = Stores.call(tenant, () -> store.insertIfAbsent(message));
                items.add(ScheduleBatch.Item.scheduled(i, stored, !stored.id().equals(message.id())));
            } catch (TenantTwilioException e) {
                if (e.errorCode() == ErrorCode.STORAGE_UNAVAILABLE) {
                    throw e; // the rest would fail the same way; what was stored stays stored
                }
                items.add(ScheduleBatch.Item.refused(i, request.clientKey(), e));
            }
        }
        return ScheduleBatch.of(items);
    }

    /** The message as it will be stored, or the reason it is refused (nothing stored). */
    private ScheduledMessage prepare(TenantId tenant, ScheduleRequest request, Instant now, TenantPolicy policy) {
        SmsRequest sms = request.message();
        PhoneNumber to = normalizer.normalize(sms.recipient());
        refuseLandline(tenant, to);
        Instant sendAt = request.sendAt().orElse(now);
        if (sendAt.isBefore(now.minus(PAST_TOLERANCE))) {
            throw Problems.builder(ErrorCode.INVALID_REQUEST)
                    .tenant(tenant)
                    .detail("outbox.past", sendAt)
                    .build();
        }
        if (sendAt.isAfter(now.plus(MAX_AHEAD))) {
            throw Problems.builder(ErrorCode.INVALID_REQUEST)
                    .tenant(tenant)
                    .detail("outbox.too-far", sendAt, MAX_AHEAD.toDays())
                    .build();
        }
        if (sendAt.isBefore(now)) {
            sendAt = now;
        }
        Instant expiresAt = request.expiresAt().orElse(null);
        Instant due = RecipientZones.nextAllowed(policy.quietHours(), to, policy.timeZone(), sendAt);
        boolean held = due.isAfter(sendAt);
        if (held && policy.quietHoursAction() == QuietHoursAction.REFUSE) {
            throw quietHours(tenant, policy, sendAt);
        }
        if (expiresAt != null && !due.isBefore(expiresAt)) {
            throw Problems.builder(ErrorCode.MESSAGE_EXPIRED)
                    .tenant(tenant)
                    .detail("outbox.expired", expiresAt)
                    .build();
        }
        consents.check(tenant, to, policy.consentRule(), due);
        PhoneNumber from = senders.choose(tenant, to, sms.from().orElse(null));
        String service = sms.messagingServiceSid().orElse(null);
        String sender = service != null ? service : from.e164();
        if (Stores.call(tenant, () -> conversations.isOptedOut(tenant, to, sender))
                || (service != null && Stores.call(tenant, () -> conversations.isOptedOut(tenant, to, from.e164())))) {
            throw Problems.builder(ErrorCode.RECIPIENT_OPTED_OUT).tenant(tenant).build();
        }
        return ScheduledMessage.builder()
                .id(UUID.randomUUID().toString())
                .tenantId(tenant)
                .clientKey(request.clientKey())
                .to(to)
                .from(from)
                .messagingServiceSid(service)
                .sender(sender)
                .body(sms.body())
                .segments(SmsSegments.count(sms.body()))
                .sentBy(sms.sentBy().orElse(null))
                .urgent(sms.isUrgent())
                .sendAt(sendAt)
                .dueAt(due)
                .heldForQuietHours(held)
                .expiresAt(expiresAt)
                .state(OutboxState.SCHEDULED)
                .createdAt(now)
                .updatedAt(now)
                .build();
    }

    static TenantTwilioException quietHours(TenantId tenant, TenantPolicy policy, Instant at) {
        DayOfWeek day = at.atZone(policy.timeZone()).getDayOfWeek();
        return Problems.builder(ErrorCode.QUIET_HOURS)
                .tenant(tenant)
                .detail(
                        "outbox.quiet-hours",
                        policy.quietHours().start(day),
                        policy.quietHours().end(day))
                .build();
    }

    private static void refuseLandline(TenantId tenant, PhoneNumber to) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            PhoneNumberUtil.PhoneNumberType type = util.getNumberType(util.parse(to.e164(), null));
            if (type == PhoneNumberUtil.PhoneNumberType.FIXED_LINE) {
                throw Problems.builder(ErrorCode.INVALID_PHONE_NUMBER)
                        .tenant(tenant)
                        .detail("outbox.not-mobile", to.nationalFormat())
                        .build();
            }
        } catch (com.google.i18n.phonenumbers.NumberParseException e) {
            // already validated by the normalizer
        }
    }

    @Override
    public ScheduledMessage cancel(TenantId tenant, String clientKey) {
        return change(
                tenant,
                clientKey,
                (current, now) -> current.toBuilder()
                        .state(OutboxState.CANCELED)
                        .updatedAt(now)
                        .build());
    }

    @Override
    public ScheduledMessage reschedule(TenantId tenant, String clientKey, @Nullable Instant sendAt) {
        TenantPolicy policy = guardrails.policy(tenant);
        return change(tenant, clientKey, (current, now) -> {
            ScheduleRequest request = ScheduleRequest.builder(
                            current.clientKey(),
                            SmsRequest.to(current.to().e164())
                                    .body(current.body())
                                    .from(current.from().orElse(null))
                                    .messagingServiceSid(
                                            current.messagingServiceSid().orElse(null))
                                    .sentBy(current.sentBy().orElse(null))
                                    .urgent(current.isUrgent())
                                    .build())
                    .sendAt(sendAt)
                    .expiresAt(current.expiresAt().orElse(null))
                    .build();
            ScheduledMessage moved = prepare(tenant, request, now, policy);
            return current.toBuilder()
                    .sendAt(moved.sendAt())
                    .dueAt(moved.dueAt())
                    .heldForQuietHours(moved.isHeldForQuietHours())
                    .updatedAt(now)
                    .build();
        });
    }

    private interface Change {
        ScheduledMessage apply(ScheduledMessage current, Instant now);
    }

    private ScheduledMessage change(TenantId tenant, String clientKey, Change change) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(clientKey, "clientKey");
        for (int attempt = 0; attempt < 5; attempt++) {
            ScheduledMessage current = Stores.call(tenant, () -> store.find(tenant, clientKey))
                    .orElseThrow(() ->
                            Problems.builder(ErrorCode.NOT_FOUND).tenant(tenant).build());
            if (current.state() == OutboxState.CANCELED) {
                return current;
            }
            if (current.state() != OutboxState.SCHEDULED) {
                throw Problems.builder(ErrorCode.ALREADY_DISPATCHED)
                        .tenant(tenant)
                        .detail("outbox.state", current.state().name().toLowerCase(java.util.Locale.ROOT))
                        .build();
            }
            ScheduledMessage next = change.apply(current, clock.instant());
            Optional<ScheduledMessage> stored = Stores.call(tenant, () -> store.update(current, next));
            if (stored.isPresent()) {
                return stored.get();
            }
            // claimed or changed meanwhile: read it again
        }
        throw Problems.builder(ErrorCode.ALREADY_DISPATCHED).tenant(tenant).build();
    }

    @Override
    public Optional<ScheduledMessage> find(TenantId tenant, String clientKey) {
        return Stores.call(tenant, () -> store.find(tenant, clientKey));
    }

    @Override
    public Page<ScheduledMessage> list(TenantId tenant, OutboxQuery query) {
        List<ScheduledMessage> rows = Stores.call(tenant, () -> store.list(tenant, query));
        return Paging.page(rows, query.limit(), m -> Cursor.of(m.sendAt(), m.id()));
    }

    @Override
    public OutboxBacklog backlog(TenantId tenant) {
        return dispatcher.backlog(tenant, clock.instant());
    }

    @Override
    public void recordConsent(Consent consent) {
        Stores.run(consent.tenantId(), () -> store.saveConsent(consent));
    }

    @Override
    public Optional<Consent> consent(TenantId tenant, PhoneNumber number) {
        return Stores.call(tenant, () -> store.findConsent(tenant, number));
    }

    @Override
    public OutboxDispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public String toString() {
        return "Outbox[" + dispatcher + "]";
    }
}
