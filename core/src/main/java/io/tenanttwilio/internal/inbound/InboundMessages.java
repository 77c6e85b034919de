package io.tenanttwilio.internal.inbound;

import static io.tenanttwilio.internal.inbound.Refusal.badRequest;
import static io.tenanttwilio.internal.inbound.WebhookForm.first;
import static io.tenanttwilio.internal.inbound.WebhookForm.integer;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.inbound.InboundEvent;
import io.tenanttwilio.inbound.InboundMessageListener;
import io.tenanttwilio.inbound.Keyword;
import io.tenanttwilio.inbound.WebhookHandler;
import io.tenanttwilio.inbound.WebhookResponse;
import io.tenanttwilio.internal.inbound.WebhookRouter.Route;
import io.tenanttwilio.internal.shared.Auditor;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.support.Ids;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.messaging.MediaItem;
import io.tenanttwilio.messaging.MessageDirection;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.phone.NormalizationResult;
import io.tenanttwilio.phone.PhoneNormalizer;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.ContactDirectory;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.SdkMetrics;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbound messages: validated, stored once (Twilio retries), opt-outs and opt-ins recorded, the
 * listeners told, and the first listener's reply answered as TwiML.
 */
final class InboundMessages {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
    private static final int MAX_MESSAGE_LENGTH = 1600;
    private static final int MAX_MEDIA = 10;
    private static final Set<String> OPT_OUT =
            Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "ARRET", "ARRETE");
    private static final Set<String> OPT_IN = Set.of("START", "YES", "UNSTOP");
    private static final Set<String> HELP = Set.of("HELP", "AIDE", "INFO");
    private static final String FORBIDDEN = "Forbidden";

    private final ContactDirectory contacts;
    private final ConversationStore conversations;
    private final List<InboundMessageListener> inboundListeners;
    private final Auditor audit;
    private final Clock clock;
    private final PhoneNormalizer normalizer;
    private final SdkMetrics metrics;

    InboundMessages(
            ContactDirectory contacts,
            ConversationStore conversations,
            List<InboundMessageListener> inboundListeners,
            Auditor audit,
            Clock clock,
            PhoneNormalizer normalizer,
            SdkMetrics metrics) {
        this.contacts = contacts;
        this.conversations = conversations;
        this.inboundListeners = inboundListeners;
        this.audit = audit;
        this.clock = clock;
        this.normalizer = normalizer;
        this.metrics = metrics;
    }

    WebhookResponse receive(Route route, String messageSid, Map<String, List<String>> params) throws Refusal {
        TenantId tenant = route.tenant();
        String rawFrom = first(params, "From");
        if (rawFrom == null || rawFrom.isBlank()) {
            throw badRequest(400, "From is missing");
        }
        NormalizationResult normalized = normalizer.tryNormalize(rawFrom);
        if (!normalized.isValid()) {
            throw badRequest(
                    400, "From is not a phone number (" + normalized.rejection().orElseThrow() + ")");
        }
        PhoneNumber from = normalized.phoneNumber().orElseThrow();
        String body = first(params, "Body") == null ? "" : first(params, "Body");
        if (body.length() > MAX_MESSAGE_LENGTH) {
            throw badRequest(400, "Body is longer than " + MAX_MESSAGE_LENGTH + " characters");
        }
        List<MediaItem> media = media(params);
        Integer segments = integer(params, "NumSegments", 0, 100);

        Keyword keyword = keyword(body, first(params, "OptOutType"));
        Instant now = clock.instant();
        ConversationStore.Received received = Stores.call(
                tenant,
                () -> conversations.receive(
                        contacts,
                        tenant,
                        from,
                        route.ourNumber(),
                        now,
                        opened -> SmsMessage.builder()
                                .id(Ids.next())
                                .tenantId(tenant)
                                .conversationId(opened.id())
                                .direction(MessageDirection.INBOUND)
                                .twilioSid(messageSid)
                                .from(from)
                                .to(route.ourNumber())
                                .body(body)
                                .media(media)
                                .status(MessageStatus.RECEIVED)
                                .segments(segments)
                                .createdAt(now)
                                .updatedAt(now)
                                .build()));
        Contact contact = received.contact();
        Conversation conversation = received.conversation();
        if (keyword == Keyword.OPT_OUT || keyword == Keyword.OPT_IN) {
            // Recorded again when Twilio retries a delivery already stored: the opt-out must not be lost.
            boolean optedOut = keyword == Keyword.OPT_OUT;
            for (String sender : senders(route)) {
                Stores.run(tenant, () -> conversations.setOptedOut(tenant, from, sender, optedOut, now));
            }
            if (received.stored()) {
                audit.success(
                        optedOut ? AuditAction.OPT_OUT_RECORDED : AuditAction.OPT_IN_RECORDED,
                        tenant,
                        null,
                        event -> event.phoneNumber(route.ourNumber()).detail("contact", contact.id()));
            }
        }
        if (!received.stored()) {
            return TwimlReplies.EMPTY;
        }
        SmsMessage message = received.message();
        metrics.messageReceived(tenant);
        InboundEvent event = InboundEvent.builder()
                .tenant(tenant)
                .message(message)
                .conversation(conversation)
                .contact(contact)
                .keyword(keyword)
                .build();
        String reply = null;
        for (InboundMessageListener listener : inboundListeners) {
            try {
                Optional<String> answer = listener.onMessage(event);
                if (reply == null && answer.isPresent() && !answer.get().isBlank()) {
                    reply = answer.get();
                }
            } catch (RuntimeException e) {
                LOG.warn("An inbound message listener failed ({})", e.getClass().getName());
            }
        }
        if (reply == null) {
            return TwimlReplies.EMPTY;
        }
        recordReply(route, conversation, from, reply);
        return TwimlReplies.message(reply);
    }

    /** The reply goes back through Twilio as TwiML; it is kept in the conversation too. */
    private void recordReply(Route route, Conversation conversation, PhoneNumber to, String reply) {
        Instant now = clock.instant();
        SmsMessage message = SmsMessage.builder()
                .id(Ids.next())
                .tenantId(route.tenant())
                .conversationId(conversation.id())
                .direction(MessageDirection.OUTBOUND)
                .from(route.ourNumber())
                .to(to)
                .body(reply)
                .status(MessageStatus.QUEUED)
                .sentBy("auto-reply")
                .createdAt(now)
                .updatedAt(now)
                .build();
        try {
            conversations.insertMessage(message);
        } catch (RuntimeException e) {
            LOG.warn(
                    "The automatic reply could not be recorded ({})",
                    e.getClass().getName());
        }
    }

    private static List<String> senders(Route route) {
        return route.sender().equals(route.ourNumber().e164())
                ? List.of(route.sender())
                : List.of(route.sender(), route.ourNumber().e164());
    }

    /**
     * A single word, any case, accents and surrounding punctuation ignored, or an opt-out in
     * ordinary words ({@link OptOutWording}) when there are several; Twilio's OptOutType wins.
     */
    static @Nullable Keyword keyword(String body, @Nullable String optOutType) {
        if (optOutType != null) {
            switch (optOutType.trim().toUpperCase(Locale.ROOT)) {
                case "STOP":
                    return Keyword.OPT_OUT;
                case "START":
                    return Keyword.OPT_IN;
                case "HELP":
                    return Keyword.HELP;
                default:
                    break;
            }
        }
        String word = body.strip().replaceAll("^[\\p{Punct}\\s]+|[\\p{Punct}\\s]+$", "");
        if (word.isEmpty()) {
            return null;
        }
        if (word.chars().anyMatch(Character::isWhitespace)) {
            return OptOutWording.isOptOut(body) ? Keyword.OPT_OUT : null;
        }
        Keyword single = singleWord(word);
        // Words joined by punctuation ("désabonnez-moi", "opt-out") are read as words.
        return single == null && OptOutWording.isOptOut(body) ? Keyword.OPT_OUT : single;
    }

    private static @Nullable Keyword singleWord(String word) {
        String plain = Normalizer.normalize(word, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toUpperCase(Locale.ROOT);
        if (OPT_OUT.contains(plain)) {
            return Keyword.OPT_OUT;
        }
        if (OPT_IN.contains(plain)) {
            return Keyword.OPT_IN;
        }
        return HELP.contains(plain) ? Keyword.HELP : null;
    }

    private List<MediaItem> media(Map<String, List<String>> params) throws Refusal {
        Integer count = integer(params, "NumMedia", 0, MAX_MEDIA);
        List<MediaItem> media = new ArrayList<>();
        for (int i = 0; count != null && i < count; i++) {
            String url = first(params, "MediaUrl" + i);
            if (url == null || url.isBlank()) {
                throw badRequest(400, "MediaUrl" + i + " is missing");
            }
            String type = first(params, "MediaContentType" + i);
            media.add(MediaItem.of(url, type == null || type.isBlank() ? "application/octet-stream" : type));
        }
        return media;
    }
}
