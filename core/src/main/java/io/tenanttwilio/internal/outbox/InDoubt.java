package io.tenanttwilio.internal.outbox;

import com.twilio.base.ResourceSet;
import com.twilio.rest.api.v2010.account.Message;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.twilio.TwilioCalls;
import io.tenanttwilio.internal.twilio.TwilioClients;
import io.tenanttwilio.internal.twilio.TwilioErrors.Operation;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.outbox.OutboxState;
import io.tenanttwilio.outbox.ScheduledMessage;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.OutboxStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What became of a message whose claim expired (its instance died, or lost touch mid-send): the
 * conversation's record of it says when it can; otherwise Twilio is asked whether it has a message
 * to that recipient with that text since the claim. Only a message that surely did not reach
 * Twilio is scheduled again — so a crash between Twilio's answer and the store's write never
 * sends twice.
 */
public final class InDoubt {

    private static final Logger LOG = LoggerFactory.getLogger(InDoubt.class);
    /** How far before its slot a message found at Twilio may have been created (clocks differ). */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final int LOOKUP_LIMIT = 200;

    private final OutboxStore store;
    private final ConversationStore conversations;
    private final TwilioClients clients;
    private final Clock clock;

    public InDoubt(OutboxStore store, ConversationStore conversations, TwilioClients clients, Clock clock) {
        this.store = store;
        this.conversations = conversations;
        this.clients = clients;
        this.clock = clock;
    }

    /**
     * Resolves one expired claim.
     *
     * @return whether it was resolved (found sent or failed, or put back); {@code false} when it
     *     must be looked at again later, or another instance resolved it first
     */
    boolean resolve(ScheduledMessage expired, String owner) {
        TenantId tenant = expired.tenantId();
        Instant now = clock.instant();
        String messageId = expired.messageId().orElse(null);
        SmsMessage recorded = null;
        boolean known = messageId != null;
        if (messageId != null) {
            try {
                recorded = conversations.message(tenant, messageId).orElse(null);
            } catch (UnsupportedOperationException e) {
                known = false; // this store cannot tell: Twilio is asked
            } catch (RuntimeException e) {
                LOG.warn(
                        "Scheduled message {} could not be looked up ({}); tried again later",
                        expired.id(),
                        e.getClass().getName());
                return false;
            }
        }
        if (known && recorded == null) {
            // The send path records a message before it calls Twilio: nothing was sent.
            return update(expired, putBack(expired, now));
        }
        if (recorded != null && recorded.twilioSid().isPresent()) {
            return update(expired, sent(expired, recorded.twilioSid().get(), now));
        }
        if (recorded != null && recorded.status() == MessageStatus.FAILED) {
            return update(
                    expired,
                    expired.toBuilder()
                            .state(OutboxState.FAILED)
                            .problem(ErrorCode.TWILIO_ERROR)
                            .twilioErrorCode(
                                    recorded.errorCode().isPresent()
                                            ? recorded.errorCode().getAsInt()
                                            : null)
                            .leaseUntil(null)
                            .updatedAt(now)
                            .build());
        }
        Optional<Message> atTwilio;
        try {
            atTwilio = lookUp(expired);
        } catch (TenantTwilioException e) {
            LOG.warn(
                    "Scheduled message {} of tenant {} could not be looked up at Twilio ({}); tried again later",
                    expired.id(),
                    tenant,
                    e.errorCode());
            // Hold it a little longer so that the next pass does not ask at once.
            update(
                    expired,
                    expired.toBuilder()
                            .leaseOwner(owner)
                            .leaseUntil(now.plusSeconds(30))
                            .updatedAt(now)
                            .build());
            return false;
        }
        if (atTwilio.isPresent()) {
            Message found = atTwilio.get();
            if (recorded != null) {
                SmsMessage settled = recorded.toBuilder()
                        .twilioSid(found.getSid())
                        .status(
                                found.getStatus() == null
                                        ? MessageStatus.QUEUED
                                        : Optional.ofNullable(MessageStatus.fromTwilio(
                                                        found.getStatus().toString()))
                                                .orElse(MessageStatus.QUEUED))
                        .updatedAt(now)
                        .build();
                try {
                    Stores.call(tenant, () -> conversations.replaceMessage(settled));
                } catch (TenantTwilioException e) {
                    LOG.warn("The conversation of message {} could not be updated ({})", expired.id(), e.errorCode());
                }
            }
            return update(expired, sent(expired, found.getSid(), now));
        }
        if (recorded != null) {
            // Twilio never got it: the conversation shows the attempt as not sent.
            SmsMessage notSent = recorded.toBuilder()
                    .status(MessageStatus.FAILED)
                    .updatedAt(now)
                    .build();
            try {
                Stores.call(tenant, () -> conversations.replaceMessage(notSent));
            } catch (TenantTwilioException e) {
                return false;
            }
        }
        return update(expired, putBack(expired, now));
    }

    private Optional<Message> lookUp(ScheduledMessage message) {
        TenantId tenant = message.tenantId();
        String accountSid = clients.credentials(tenant).accountSid();
        Instant since = message.slotAt().orElse(message.dueAt()).minus(CLOCK_SKEW);
        return TwilioCalls.call(tenant, Operation.READ, () -> {
            com.twilio.rest.api.v2010.account.MessageReader reader = Message.reader(accountSid)
                    .setTo(new com.twilio.type.PhoneNumber(message.to().e164()));
            if (message.messagingServiceSid().isEmpty() && message.from().isPresent()) {
                reader.setFrom(
                        new com.twilio.type.PhoneNumber(message.from().get().e164()));
            }
            ResourceSet<Message> found = reader.limit(LOOKUP_LIMIT).read(clients.forTenant(tenant));
            for (Message candidate : found) {
                ZonedDateTime created = candidate.getDateCreated();
                if (created != null && created.toInstant().isBefore(since)) {
                    continue;
                }
                if (message.body().equals(candidate.getBody())
                        && (message.messagingServiceSid().isEmpty()
                                || message.messagingServiceSid().get().equals(candidate.getMessagingServiceSid()))) {
                    return Optional.of(candidate);
                }
            }
            return Optional.<Message>empty();
        });
    }

    private static ScheduledMessage sent(ScheduledMessage message, String sid, Instant now) {
        return message.toBuilder()
                .state(OutboxState.SENT)
                .twilioSid(sid)
                .leaseUntil(null)
                .updatedAt(now)
                .build();
    }

    private static ScheduledMessage putBack(ScheduledMessage message, Instant now) {
        return message.toBuilder()
                .state(OutboxState.SCHEDULED)
                .leaseOwner(null)
                .leaseUntil(null)
                .slotAt(null)
                .messageId(null)
                .updatedAt(now)
                .build();
    }

    private boolean update(ScheduledMessage current, @Nullable ScheduledMessage next) {
        if (next == null) {
            return false;
        }
        return Stores.call(current.tenantId(), () -> store.update(current, next))
                .isPresent();
    }
}
