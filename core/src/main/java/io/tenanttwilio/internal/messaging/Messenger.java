package io.tenanttwilio.internal.messaging;

import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.TenantTwilioSettings;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.internal.guardrails.Guardrails;
import io.tenanttwilio.internal.shared.CarrierRules;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.support.Ids;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.internal.twilio.TwilioCalls;
import io.tenanttwilio.internal.twilio.TwilioClients;
import io.tenanttwilio.internal.twilio.TwilioErrors.Operation;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.messaging.MediaItem;
import io.tenanttwilio.messaging.MessageDirection;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.messaging.SmsRequest;
import io.tenanttwilio.messaging.SmsSegments;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.phone.PhoneNormalizer;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.ContactDirectory;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.NumberRegistry;
import io.tenanttwilio.spi.SdkMetrics;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Sending a tenant's messages with its own credentials, and fetching its media. */
public final class Messenger {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Messenger.class);
    private static final int ACCEPTED_RECORD_ATTEMPTS = 4;
    private static final Duration ACCEPTED_RECORD_PAUSE = Duration.ofMillis(50);

    private final TwilioClients clients;
    private final NumberRegistry registry;
    private final ContactDirectory contacts;
    private final ConversationStore conversations;
    private final Clock clock;
    private final TenantTwilioSettings settings;
    private final PhoneNormalizer normalizer;
    private final StatusUpdates statusUpdates;
    private final Guardrails guardrails;
    private final SdkMetrics metrics;
    private final CarrierRules carrier;

    public Messenger(
            TwilioClients clients,
            NumberRegistry registry,
            ContactDirectory contacts,
            ConversationStore conversations,
            Clock clock,
            TenantTwilioSettings settings,
            StatusUpdates statusUpdates,
            Guardrails guardrails,
            SdkMetrics metrics,
            CarrierRules carrier) {
        this.carrier = carrier;
        this.clients = clients;
        this.registry = registry;
        this.contacts = contacts;
        this.conversations = conversations;
        this.clock = clock;
        this.settings = settings;
        this.normalizer = PhoneNormalizer.forRegion(settings.defaultRegion());
        this.statusUpdates = statusUpdates;
        this.guardrails = guardrails;
        this.metrics = metrics;
    }

    public SmsMessage send(TenantId tenant, SmsRequest request) {
        return send(tenant, request, null);
    }

    /**
     * Sends with the message id given (the outbox's, chosen before the send so that what became of
     * it can be looked up after a crash), or a new one.
     */
    public SmsMessage send(TenantId tenant, SmsRequest request, @Nullable String messageId) {
        long started = System.nanoTime();
        try {
            SmsMessage sent = sendWithinQuota(tenant, request, messageId);
            metrics.messageSent(tenant, "sent", Duration.ofNanos(System.nanoTime() - started));
            return sent;
        } catch (TenantTwilioException e) {
            metrics.messageSent(tenant, e.errorCode().name(), Duration.ofNanos(System.nanoTime() - started));
            throw e;
        }
    }

    /** What a message counts against the quota: its segments, or one message (an MMS is one). */
    public static long units(SmsRequest request, boolean segments) {
        return !segments || !request.media().isEmpty() ? 1 : SmsSegments.count(request.body());
    }

    private SmsMessage sendWithinQuota(TenantId tenant, SmsRequest request, @Nullable String messageId) {
        PhoneNumber to = normalizer.normalize(request.recipient());
        TwilioCredentials credentials = clients.credentials(tenant);
        NumberRecord sender = sender(tenant, request.from().orElse(null));
        PhoneNumber from = sender.phoneNumber().orElseThrow();
        String serviceSid = request.messagingServiceSid().orElse(null);
        String senderKey = serviceSid != null ? serviceSid : from.e164();
        if (serviceSid != null) {
            Optional<TenantId> owner = Stores.call(
                    tenant, () -> registry.findTenantByMessagingService(credentials.accountSid(), serviceSid));
            if (!owner.map(tenant::equals).orElse(false)) {
                throw Problems.builder(ErrorCode.NO_SENDER).tenant(tenant).build();
            }
        }
        if (Stores.call(tenant, () -> conversations.isOptedOut(tenant, to, senderKey))
                || (serviceSid != null
                        && Stores.call(tenant, () -> conversations.isOptedOut(tenant, to, from.e164())))) {
            throw Problems.builder(ErrorCode.RECIPIENT_OPTED_OUT).tenant(tenant).build();
        }
        // Before any cost: the carriers would block it (30034, 30032) after Twilio accepted it.
        carrier.admitSend(tenant, from, to, request.sentBy().orElse(null));
        boolean segments = guardrails.policy(tenant).countSegments();
        Guardrails.Reservation reservation = guardrails.reserveSms(
                tenant,
                units(request, segments),
                request.isUrgent(),
                request.sentBy().orElse(null));
        Message sent;
        SmsMessage pending;
        try {
            pending = record(tenant, request, to, from, messageId);
        } catch (RuntimeException e) {
            guardrails.release(reservation);
            throw e;
        }
        String statusCallback = serviceSid != null
                ? settings.publicBaseUrl().map(base -> base + "/status").orElse(null)
                : sender.statusCallbackUrl();
        try {
            sent = TwilioCalls.call(
                    tenant,
                    Operation.SEND,
                    () -> creator(credentials, to, from, serviceSid, request, statusCallback)
                            .create(clients.forTenant(tenant)));
        } catch (TenantTwilioException e) {
            if (e.errorCode() != ErrorCode.OUTCOME_UNKNOWN) {
                guardrails.release(reservation); // refused: nothing to pay for
            }
            failed(tenant, pending, e, to, senderKey);
            throw e;
        } catch (RuntimeException e) {
            // Not a Twilio answer: whether it was sent is unknown, so the quota keeps it.
            failed(
                    tenant,
                    pending,
                    Problems.builder(ErrorCode.OUTCOME_UNKNOWN).tenant(tenant).build(),
                    to,
                    senderKey);
            throw e;
        }
        Integer counted = parseInt(sent.getNumSegments());
        if (segments && counted != null && request.media().isEmpty()) {
            guardrails.adjust(reservation, counted);
        }
        return accepted(tenant, pending, sent, from);
    }

    private SmsMessage record(
            TenantId tenant, SmsRequest request, PhoneNumber to, PhoneNumber from, @Nullable String messageId) {
        Instant now = clock.instant();
        Contact contact = Stores.call(tenant, () -> contacts.findOrCreate(tenant, to));
        Conversation conversation =
                Stores.call(tenant, () -> conversations.openConversation(tenant, contact, from, now));
        SmsMessage pending = SmsMessage.builder()
                .id(messageId != null ? messageId : Ids.next())
                .tenantId(tenant)
                .conversationId(conversation.id())
                .direction(MessageDirection.OUTBOUND)
                .from(from)
                .to(to)
                .body(request.body())
                .media(request.media())
                .status(MessageStatus.PENDING)
                .sentBy(request.sentBy().orElse(null))
                .createdAt(now)
                .updatedAt(now)
                .build();
        Stores.call(tenant, () -> conversations.insertMessage(pending));
        return pending;
    }

    /** Records how a send failed; the caller then throws Twilio's error, not a storage one. */
    private void failed(
            TenantId tenant, SmsMessage pending, TenantTwilioException e, PhoneNumber to, String senderKey) {
        MessageStatus status =
                e.errorCode() == ErrorCode.OUTCOME_UNKNOWN ? MessageStatus.OUTCOME_UNKNOWN : MessageStatus.FAILED;
        Integer code = e.twilioErrorCode().isPresent() ? e.twilioErrorCode().getAsInt() : null;
        try {
            conversations.replaceMessage(pending.toBuilder()
                    .status(status)
                    .errorCode(code)
                    .updatedAt(clock.instant())
                    .build());
            if (code != null && code == 21610) {
                // Twilio knows of an opt-out we did not: remember it.
                conversations.setOptedOut(tenant, to, senderKey, true, clock.instant());
            }
        } catch (RuntimeException storeFailure) {
            LOG.warn(
                    "The failed send of message {} could not be recorded ({})",
                    pending.id(),
                    storeFailure.getClass().getName());
        }
    }

    private SmsMessage accepted(TenantId tenant, SmsMessage pending, Message sent, PhoneNumber from) {
        MessageStatus status = sent.getStatus() == null
                ? null
                : MessageStatus.fromTwilio(sent.getStatus().toString());
        PhoneNumber actualFrom =
                sent.getFrom() == null ? from : parseOr(sent.getFrom().getEndpoint(), from);
        SmsMessage accepted = pending.toBuilder()
                .twilioSid(sent.getSid())
                .from(actualFrom)
                .status(status == null ? MessageStatus.QUEUED : status)
                .segments(parseInt(sent.getNumSegments()))
                .price(parseDecimal(sent.getPrice()))
                .priceUnit(
                        sent.getPriceUnit() == null ? null : sent.getPriceUnit().getCurrencyCode())
                .updatedAt(clock.instant())
                .build();
        SmsMessage stored = recordAccepted(tenant, accepted);
        if (stored.status() != accepted.status()) {
            // Status callbacks were faster than Twilio's answer to the send: count a failure and
            // tell the listeners now, as when the callback applies directly.
            statusUpdates.appliedLate(tenant, stored);
        }
        return stored;
    }

    /**
     * Twilio accepted the message: the money is spent and the SMS goes out whatever the store
     * does. A store failure here is tried again briefly; if it persists the send still succeeds
     * (an error would invite the user to send again, and the patient would get it twice), the
     * message stays in the conversation as pending, and the failure is logged as an error.
     */
    private SmsMessage recordAccepted(TenantId tenant, SmsMessage accepted) {
        try {
            return Stores.callRetrying(
                            tenant,
                            ACCEPTED_RECORD_ATTEMPTS,
                            ACCEPTED_RECORD_PAUSE,
                            () -> conversations.replaceMessage(accepted))
                    .orElse(accepted);
        } catch (TenantTwilioException e) {
            if (e.errorCode() != ErrorCode.STORAGE_UNAVAILABLE) {
                throw e;
            }
            LOG.error(
                    "SMS {} of tenant {} was accepted by Twilio ({}) but could not be recorded as sent: it stays"
                            + " pending in its conversation ({})",
                    accepted.id(),
                    tenant,
                    accepted.twilioSid().orElse("no SID"),
                    e.getMessage());
            return accepted;
        }
    }

    private static MessageCreator creator(
            TwilioCredentials credentials,
            PhoneNumber to,
            PhoneNumber from,
            @Nullable String serviceSid,
            SmsRequest request,
            @Nullable String statusCallback) {
        com.twilio.type.PhoneNumber recipient = new com.twilio.type.PhoneNumber(to.e164());
        MessageCreator creator = serviceSid != null
                ? Message.creator(credentials.accountSid(), recipient, serviceSid, request.body())
                : Message.creator(
                        credentials.accountSid(),
                        recipient,
                        new com.twilio.type.PhoneNumber(from.e164()),
                        request.body());
        if (!request.media().isEmpty()) {
            List<URI> media = new ArrayList<>();
            request.media().forEach(item -> media.add(URI.create(item.url())));
            creator.setMediaUrl(media);
        }
        if (statusCallback != null) {
            creator.setStatusCallback(URI.create(statusCallback));
        }
        request.validity()
                .ifPresent(validity -> creator.setValidityPeriod((int)
                        Math.min(SmsRequest.MAX_VALIDITY_SECONDS, Math.max(1, (validity.toMillis() + 999) / 1000))));
        return creator;
    }

    /** The number to send from: the one asked for, else the tenant's oldest working number. */
    private NumberRecord sender(TenantId tenant, @Nullable PhoneNumber requested) {
        List<NumberRecord> owned = new ArrayList<>();
        for (NumberRecord record : Stores.call(tenant, () -> registry.findByTenant(tenant))) {
            boolean usable = record.phoneNumber().isPresent()
                    && (record.state() == NumberState.ACTIVE
                            || record.state() == NumberState.NEEDS_ATTENTION
                            || record.state() == NumberState.CONFIGURED);
            if (usable
                    && (requested == null
                            || requested.equals(record.phoneNumber().get()))) {
                owned.add(record);
            }
        }
        return owned.stream()
                .min(Comparator.comparing((NumberRecord r) -> r.state() == NumberState.ACTIVE ? 0 : 1)
                        .thenComparing(NumberRecord::createdAt))
                .orElseThrow(() ->
                        Problems.builder(ErrorCode.NO_SENDER).tenant(tenant).build());
    }

    /**
     * Downloads a media item with the tenant's credentials. Only Twilio's own media URLs (or the
     * configured API base URL) get the credentials; the storage Twilio redirects to gets none.
     */
    public byte[] fetchMedia(TenantId tenant, MediaItem media, int maxBytes) {
        URI uri = URI.create(media.url());
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean twilio = "https".equalsIgnoreCase(uri.getScheme())
                && (host.equals("api.twilio.com") || host.endsWith(".twilio.com"));
        boolean simulated = settings.http()
                .apiBaseUrl()
                .map(base -> host.equals(base.getHost()) && uri.getPort() == base.getPort())
                .orElse(false);
        if (!twilio && !simulated) {
            throw Problems.builder(ErrorCode.INVALID_REQUEST)
                    .tenant(tenant)
                    .detail("media.not-twilio")
                    .build();
        }
        TwilioCredentials credentials = clients.credentials(tenant);
        URI target = settings.http()
                .apiBaseUrl()
                .filter(base -> twilio)
                .map(base -> URI.create(base.toString().replaceAll("/$", "")
                        + uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                .orElse(uri);
        String authorization = "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString((credentials.restUsername() + ":" + credentials.restPassword())
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<byte[]> first = get(tenant, target, authorization, HttpClient.Redirect.NEVER);
        if (first.statusCode() >= 300 && first.statusCode() < 400) {
            String location = first.headers()
                    .firstValue("Location")
                    .orElseThrow(() -> Problems.builder(ErrorCode.TWILIO_ERROR)
                            .tenant(tenant)
                            .build());
            // The storage Twilio redirects to gets no credentials.
            HttpResponse<byte[]> stored = get(tenant, target.resolve(location), null, HttpClient.Redirect.NORMAL);
            return content(tenant, stored, maxBytes);
        }
        return content(tenant, first, maxBytes);
    }

    private HttpResponse<byte[]> get(
            TenantId tenant, URI target, @Nullable String authorization, HttpClient.Redirect redirects) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .timeout(Duration.ofSeconds(30))
                    .GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return HttpClient.newBuilder()
                    .connectTimeout(settings.http().connectTimeout())
                    .followRedirects(redirects)
                    .build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw Problems.builder(ErrorCode.TWILIO_UNAVAILABLE).tenant(tenant).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problems.builder(ErrorCode.TWILIO_UNAVAILABLE).tenant(tenant).build();
        }
    }

    private static byte[] content(TenantId tenant, HttpResponse<byte[]> response, int maxBytes) {
        if (response.statusCode() != 200) {
            throw Problems.builder(
                            response.statusCode() == 404
                                    ? ErrorCode.NUMBER_NOT_OWNED
                                    : response.statusCode() == 401
                                            ? ErrorCode.INVALID_CREDENTIALS
                                            : ErrorCode.TWILIO_ERROR)
                    .tenant(tenant)
                    .build();
        }
        return limit(tenant, response.body(), maxBytes);
    }

    private static byte[] limit(TenantId tenant, byte[] content, int maxBytes) {
        if (content.length > maxBytes) {
            throw Problems.builder(ErrorCode.INVALID_REQUEST)
                    .tenant(tenant)
                    .detail("media.too-large", maxBytes)
                    .build();
        }
        return content;
    }

    private static PhoneNumber parseOr(String e164, PhoneNumber fallback) {
        try {
            return PhoneNumber.ofE164(e164);
        } catch (TenantTwilioException e) {
            return fallback;
        }
    }

    private static @Nullable Integer parseInt(@Nullable String value) {
        try {
            return value == null ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static @Nullable BigDecimal parseDecimal(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? null : new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
