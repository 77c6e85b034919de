package io.tenanttwilio.internal.inbound;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.guardrails.Alert;
import io.tenanttwilio.guardrails.AlertThresholds;
import io.tenanttwilio.inbound.InboundEvent;
import io.tenanttwilio.inbound.InboundMessageListener;
import io.tenanttwilio.inbound.Keyword;
import io.tenanttwilio.inbound.WebhookHandler;
import io.tenanttwilio.inbound.WebhookRequest;
import io.tenanttwilio.inbound.WebhookResponse;
import io.tenanttwilio.inbound.WebhookVerifier;
import io.tenanttwilio.internal.guardrails.Alerts;
import io.tenanttwilio.internal.messaging.StatusUpdates;
import io.tenanttwilio.internal.shared.Auditor;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.support.Ids;
import io.tenanttwilio.internal.twilio.TwilioClients;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.messaging.MediaItem;
import io.tenanttwilio.messaging.MessageDirection;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.phone.InvalidPhoneNumberException;
import io.tenanttwilio.phone.NormalizationResult;
import io.tenanttwilio.phone.PhoneNormalizer;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.ContactDirectory;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.NumberRegistry;
import io.tenanttwilio.spi.SdkMetrics;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The inbound pipeline: route, verify, validate, deduplicate, store, tell the listeners. */
public final class DefaultWebhookHandler implements WebhookHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);

    /** The largest body accepted; Twilio's webhooks are a few kilobytes. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final int MAX_MESSAGE_LENGTH = 1600;
    private static final int MAX_MEDIA = 10;
    private static final Pattern MESSAGE_SID = Pattern.compile("(SM|MM)[0-9a-fA-F]{32}");
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final Pattern SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");
    private static final Set<String> OPT_OUT =
            Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "ARRET", "ARRETE");
    private static final Set<String> OPT_IN = Set.of("START", "YES", "UNSTOP");
    private static final Set<String> HELP = Set.of("HELP", "AIDE", "INFO");
    private static final String FORBIDDEN = "Forbidden";
    private static final Duration CREDENTIAL_RECHECK = Duration.ofSeconds(30);

    private enum Kind {
        SMS,
        STATUS
    }

    /** Where a verified webhook belongs. */
    private record Route(TenantId tenant, String signedUrl, PhoneNumber ourNumber, String sender) {}

    /** Why a request is refused before storing anything. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final WebhookResponse response;
        final String reason;
        final @Nullable TenantId tenant;

        Refusal(WebhookResponse response, String reason, @Nullable TenantId tenant) {
            super(reason, null, false, false);
            this.response = response;
            this.reason = reason;
            this.tenant = tenant;
        }
    }

    private final NumberRegistry registry;
    private final TwilioClients clients;
    private final ContactDirectory contacts;
    private final ConversationStore conversations;
    private final List<InboundMessageListener> inboundListeners;
    private final Auditor audit;
    private final Clock clock;
    private final @Nullable URI publicBaseUrl;
    private final PhoneNormalizer normalizer;
    private final RejectionLog rejections;
    private final WebhookVerifier verifier = WebhookVerifier.create();
    private final Alerts alerts;
    private final AlertThresholds thresholds;
    private final SdkMetrics metrics;
    private final StatusUpdates statusUpdates;

    public DefaultWebhookHandler(
            NumberRegistry registry,
            TwilioClients clients,
            ContactDirectory contacts,
            ConversationStore conversations,
            List<InboundMessageListener> inboundListeners,
            Auditor audit,
            Clock clock,
            @Nullable URI publicBaseUrl,
            String defaultRegion,
            Alerts alerts,
            AlertThresholds thresholds,
            SdkMetrics metrics,
            StatusUpdates statusUpdates) {
        this.registry = registry;
        this.clients = clients;
        this.contacts = contacts;
        this.conversations = conversations;
        this.inboundListeners = inboundListeners;
        this.audit = audit;
        this.clock = clock;
        this.publicBaseUrl = publicBaseUrl;
        this.normalizer = PhoneNormalizer.forRegion(defaultRegion);
        this.rejections = new RejectionLog(clock);
        this.alerts = alerts;
        this.thresholds = thresholds;
        this.metrics = metrics;
        this.statusUpdates = statusUpdates;
    }

    @Override
    public WebhookResponse handle(WebhookRequest request) {
        long started = System.nanoTime();
        WebhookResponse response = answer(request);
        String path = request.path();
        metrics.webhookHandled(
                path.startsWith("/sms") ? "sms" : path.startsWith("/status") ? "status" : "other",
                response.status(),
                Duration.ofNanos(System.nanoTime() - started));
        return response;
    }

    private WebhookResponse answer(WebhookRequest request) {
        try {
            return process(request);
        } catch (Refusal refusal) {
            if (refusal.response.status() == 403) {
                rejected(refusal);
            }
            return refusal.response;
        } catch (TenantTwilioException e) {
            e.tenantId().ifPresent(this::webhookError);
            if (e.errorCode() == ErrorCode.STORAGE_UNAVAILABLE) {
                LOG.warn("Webhook not stored, answering 503 so that Twilio retries: {}", e.getMessage());
                return WebhookResponse.text(503, "Temporarily unavailable");
            }
            LOG.error("Webhook failed: {}", e.getMessage());
            return WebhookResponse.text(503, "Temporarily unavailable");
        } catch (RuntimeException e) {
            LOG.error(
                    "Webhook failed unexpectedly ({}); answering 503 so that Twilio retries",
                    e.getClass().getName());
            return WebhookResponse.text(503, "Temporarily unavailable");
        }
    }

    private void webhookError(TenantId tenant) {
        alerts.count(
                tenant,
                "webhook-errors",
                thresholds.webhookErrors(),
                thresholds.window(),
                () -> statusUpdates.trouble(Alert.Type.WEBHOOK_ERRORS, tenant, thresholds.webhookErrors()));
    }

    private void rejected(Refusal refusal) {
        if (refusal.tenant != null && refusal.reason.startsWith("signature")) {
            TenantId tenant = refusal.tenant;
            alerts.count(
                    tenant,
                    "signature-failures",
                    thresholds.signatureFailures(),
                    thresholds.window(),
                    () -> statusUpdates.trouble(
                            Alert.Type.WEBHOOK_SIGNATURE_FAILURES, tenant, thresholds.signatureFailures()));
        }
        if (rejections.shouldReport(refusal.reason)) {
            LOG.warn("Webhook refused (403): {}{}", refusal.reason, rejections.suppressedSuffix(refusal.reason));
            audit.success(
                    AuditAction.WEBHOOK_REJECTED,
                    refusal.tenant,
                    null,
                    event -> event.detail("reason", refusal.reason));
        }
    }

    private WebhookResponse process(WebhookRequest request) throws Refusal {
        boolean get = request.method().equals("GET");
        if (!get && !request.method().equals("POST")) {
            throw new Refusal(WebhookResponse.text(405, "Only POST (or GET) is accepted"), "method", null);
        }
        Kind kind;
        String key;
        String path = request.path();
        if (path.equals("/sms") || path.equals("/status")) {
            kind = path.equals("/sms") ? Kind.SMS : Kind.STATUS;
            key = null;
        } else if (path.startsWith("/sms/") || path.startsWith("/status/")) {
            kind = path.startsWith("/sms/") ? Kind.SMS : Kind.STATUS;
            key = path.substring(path.indexOf('/', 1) + 1);
            if (key.isEmpty() || key.contains("/") || key.length() > 64) {
                throw forbidden("malformed key", null);
            }
        } else {
            throw new Refusal(WebhookResponse.text(404, "Not found"), "path", null);
        }
        if (request.body().length > MAX_BODY_BYTES) {
            throw badRequest(413, "The request is larger than " + MAX_BODY_BYTES + " bytes");
        }
        Map<String, List<String>> params;
        if (get) {
            params = parseForm(request.query() == null ? "" : request.query());
        } else {
            String contentType = request.header("Content-Type");
            if (contentType != null
                    && !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                throw badRequest(415, "Expected application/x-www-form-urlencoded");
            }
            params = parseForm(utf8(request.body()));
        }

        Route route = route(kind, key, params, request);
        verifySignature(route, get ? Map.of() : params, request.header("X-Twilio-Signature"));

        String messageSid = first(params, "MessageSid");
        if (messageSid == null || !MESSAGE_SID.matcher(messageSid).matches()) {
            throw badRequest(400, "MessageSid is missing or malformed");
        }
        return kind == Kind.SMS ? inbound(route, messageSid, params) : status(route, messageSid, params);
    }

    // ---------------------------------------------------------------------------------------------
    // Routing and signature

    private Route route(Kind kind, @Nullable String key, Map<String, List<String>> params, WebhookRequest request)
            throws Refusal {
        String accountSid = first(params, "AccountSid");
        if (accountSid == null || !ACCOUNT_SID.matcher(accountSid).matches()) {
            throw forbidden("AccountSid missing or malformed", null);
        }
        String ourSide = kind == Kind.SMS ? first(params, "To") : first(params, "From");
        PhoneNumber ourNumber = strictNumber(ourSide);
        String serviceSid = first(params, "MessagingServiceSid");
        // Twilio signs the URL it requests, query included, whatever the method: a query added to
        // a POST it did not send makes the signature fail.
        String query = request.query() != null && !request.query().isEmpty() ? "?" + request.query() : "";
        if (key != null) {
            Optional<NumberRecord> found = Stores.call(null, () -> registry.findByWebhookKey(key))
                    .filter(r -> r.state().isOwned());
            if (found.isEmpty()) {
                throw forbidden("unknown webhook key", null);
            }
            NumberRecord record = found.get();
            TenantId tenant = record.tenantId();
            if (!record.accountSid().equals(accountSid)) {
                throw forbidden("AccountSid does not match the number's account", tenant);
            }
            PhoneNumber registered = record.phoneNumber().orElse(null);
            boolean numberMatches = ourNumber != null && ourNumber.equals(registered);
            if (!numberMatches && kind == Kind.STATUS && serviceSid != null && ourNumber != null) {
                // Through a Messaging Service, any number of the tenant's pool may have sent it.
                numberMatches = Stores.call(tenant, () -> registry.findOwned(ourNumber))
                        .map(r -> r.tenantId().equals(tenant))
                        .orElse(false);
            }
            if (!numberMatches) {
                throw forbidden(
                        kind == Kind.SMS
                                ? "To is not the number of this webhook"
                                : "From is not a number of this tenant",
                        tenant);
            }
            String url = (kind == Kind.SMS ? record.smsUrl() : record.statusCallbackUrl()) + query;
            String sender =
                    serviceSid != null && SERVICE_SID.matcher(serviceSid).matches() ? serviceSid : ourNumber.e164();
            return new Route(tenant, url, ourNumber, sender);
        }
        if (publicBaseUrl == null || ourNumber == null) {
            throw forbidden("keyless webhook without a known number", null);
        }
        String url = publicBaseUrl + (kind == Kind.SMS ? "/sms" : "/status") + query;
        if (serviceSid != null && SERVICE_SID.matcher(serviceSid).matches()) {
            Optional<TenantId> byService =
                    Stores.call(null, () -> registry.findTenantByMessagingService(accountSid, serviceSid));
            if (byService.isPresent()) {
                return new Route(byService.get(), url, ourNumber, serviceSid);
            }
        }
        // Falling back to the account and our number: a number of a service's pool may not be linked.
        Optional<NumberRecord> owner = Stores.call(null, () -> registry.findOwned(ourNumber))
                .filter(r -> r.accountSid().equals(accountSid));
        if (owner.isEmpty()) {
            throw forbidden("no tenant owns this number in this account", null);
        }
        return new Route(owner.get().tenantId(), url, ourNumber, serviceSid != null ? serviceSid : ourNumber.e164());
    }

    private void verifySignature(Route route, Map<String, List<String>> params, @Nullable String signature)
            throws Refusal {
        TwilioCredentials credentials;
        try {
            credentials = clients.credentials(route.tenant());
        } catch (TenantTwilioException e) {
            if (e.errorCode() == ErrorCode.UNKNOWN_TENANT) {
                throw forbidden("tenant has no credentials", route.tenant());
            }
            throw e;
        }
        if (verifier.verify(route.signedUrl(), params, signature, credentials.signingTokens())) {
            return;
        }
        // The tokens may have been rotated on another instance: read them again, at most so often.
        if (clients.loadedBefore(route.tenant(), clock.instant().minus(CREDENTIAL_RECHECK))) {
            clients.invalidate(route.tenant());
            TwilioCredentials fresh = clients.credentials(route.tenant());
            if (!fresh.equals(credentials)
                    && verifier.verify(route.signedUrl(), params, signature, fresh.signingTokens())) {
                return;
            }
        }
        throw forbidden(signature == null ? "signature missing" : "signature invalid", route.tenant());
    }

    // ---------------------------------------------------------------------------------------------
    // Inbound messages

    private WebhookResponse inbound(Route route, String messageSid, Map<String, List<String>> params) throws Refusal {
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
            return WebhookResponse.twiml(WebhookResponse.EMPTY_TWIML);
        }
        SmsMessage message = received.message();
        metrics.messageReceived(tenant);
        InboundEvent event = new InboundEvent(tenant, message, conversation, contact, keyword);
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
            return WebhookResponse.twiml(WebhookResponse.EMPTY_TWIML);
        }
        recordReply(route, conversation, from, reply);
        return WebhookResponse.twiml("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>" + escapeXml(reply)
                + "</Message></Response>");
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

    /** A single word, any case, accents and surrounding punctuation ignored; Twilio's OptOutType wins. */
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
        if (word.isEmpty() || word.chars().anyMatch(Character::isWhitespace)) {
            return null;
        }
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
            media.add(new MediaItem(url, type == null || type.isBlank() ? "application/octet-stream" : type));
        }
        return media;
    }

    // ---------------------------------------------------------------------------------------------
    // Status callbacks

    private WebhookResponse status(Route route, String messageSid, Map<String, List<String>> params) throws Refusal {
        String name =
                first(params, "MessageStatus") != null ? first(params, "MessageStatus") : first(params, "SmsStatus");
        MessageStatus status = MessageStatus.fromTwilio(name);
        if (status == null) {
            throw badRequest(400, "MessageStatus is missing or unknown");
        }
        Integer errorCode = integer(params, "ErrorCode", 0, 999_999);
        Integer segments = integer(params, "NumSegments", 0, 100);
        BigDecimal price = null;
        String rawPrice = first(params, "Price");
        if (rawPrice != null && !rawPrice.isBlank()) {
            try {
                price = new BigDecimal(rawPrice.trim());
            } catch (NumberFormatException e) {
                throw badRequest(400, "Price is not a number");
            }
        }
        statusUpdates.apply(route.tenant(), messageSid, status, errorCode, price, segments);
        return WebhookResponse.twiml(WebhookResponse.EMPTY_TWIML);
    }

    // ---------------------------------------------------------------------------------------------
    // Parsing

    private static String utf8(byte[] body) throws Refusal {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw badRequest(400, "The body is not valid UTF-8");
        }
    }

    /** Form-urlencoded pairs, every value of repeated names kept; malformed escapes are refused. */
    public static Map<String, List<String>> parseForm(String encoded) throws Refusal {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name.isEmpty()) {
                throw badRequest(400, "A parameter has no name");
            }
            params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
        return params;
    }

    private static String decode(String text) throws Refusal {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        byte[] out = new byte[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                out[n++] = ' ';
            } else if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw badRequest(400, "Malformed percent-encoding");
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw badRequest(400, "Malformed percent-encoding");
                }
                out[n++] = (byte) ((hi << 4) + lo);
                i += 2;
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out = java.util.Arrays.copyOf(out, out.length + encoded.length);
                System.arraycopy(encoded, 0, out, n, encoded.length);
                n += encoded.length;
            }
        }
        return utf8(java.util.Arrays.copyOf(out, n));
    }

    private static @Nullable String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static @Nullable Integer integer(Map<String, List<String>> params, String name, int min, int max)
            throws Refusal {
        String value = first(params, name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw badRequest(400, name + " is out of range");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw badRequest(400, name + " is not a number");
        }
    }

    private static @Nullable PhoneNumber strictNumber(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return PhoneNumber.ofE164(value.trim());
        } catch (InvalidPhoneNumberException e) {
            return null;
        }
    }

    private static String escapeXml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&':
                    out.append("&amp;");
                    break;
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '"':
                    out.append("&quot;");
                    break;
                case '\'':
                    out.append("&apos;");
                    break;
                default:
                    if (c >= 0x20 || c == '\n' || c == '\r' || c == '\t') {
                        out.append(c);
                    }
            }
        }
        return out.toString();
    }

    private static Refusal forbidden(String reason, @Nullable TenantId tenant) {
        return new Refusal(WebhookResponse.text(403, FORBIDDEN), reason, tenant);
    }

    private static Refusal badRequest(int status, String reason) {
        return new Refusal(WebhookResponse.text(status, reason), reason, null);
    }
}
