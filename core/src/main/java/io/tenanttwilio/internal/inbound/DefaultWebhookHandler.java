package io.tenanttwilio.internal.inbound;

import static io.tenanttwilio.internal.inbound.Refusal.badRequest;
import static io.tenanttwilio.internal.inbound.Refusal.forbidden;
import static io.tenanttwilio.internal.inbound.WebhookForm.first;
import static io.tenanttwilio.internal.inbound.WebhookForm.parseForm;
import static io.tenanttwilio.internal.inbound.WebhookForm.utf8;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.guardrails.Alert;
import io.tenanttwilio.guardrails.AlertThresholds;
import io.tenanttwilio.inbound.InboundMessageListener;
import io.tenanttwilio.inbound.WebhookHandler;
import io.tenanttwilio.inbound.WebhookRequest;
import io.tenanttwilio.inbound.WebhookResponse;
import io.tenanttwilio.internal.guardrails.Alerts;
import io.tenanttwilio.internal.inbound.WebhookRouter.Kind;
import io.tenanttwilio.internal.inbound.WebhookRouter.Route;
import io.tenanttwilio.internal.messaging.StatusUpdates;
import io.tenanttwilio.internal.shared.Auditor;
import io.tenanttwilio.internal.shared.CarrierRules;
import io.tenanttwilio.internal.twilio.TwilioClients;
import io.tenanttwilio.phone.PhoneNormalizer;
import io.tenanttwilio.spi.ContactDirectory;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.NumberRegistry;
import io.tenanttwilio.spi.SdkMetrics;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound pipeline: route, verify, validate, deduplicate, store, tell the listeners. This class
 * reads the request and answers errors; {@link WebhookRouter} routes and verifies, {@link
 * InboundMessages} and {@link StatusCallbacks} handle what Twilio sent.
 */
public final class DefaultWebhookHandler implements WebhookHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);

    /** The largest body accepted; Twilio's webhooks are a few kilobytes. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Pattern MESSAGE_SID = Pattern.compile("(SM|MM)[0-9a-fA-F]{32}");

    private final Auditor audit;
    private final RejectionLog rejections;
    private final Alerts alerts;
    private final AlertThresholds thresholds;
    private final SdkMetrics metrics;
    private final StatusUpdates statusUpdates;
    private final WebhookRouter router;
    private final CarrierRules carrier;
    private final InboundMessages inboundMessages;
    private final StatusCallbacks statusCallbacks;

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
            StatusUpdates statusUpdates,
            CarrierRules carrier) {
        this.carrier = carrier;
        this.audit = audit;
        this.rejections = new RejectionLog(clock);
        this.alerts = alerts;
        this.thresholds = thresholds;
        this.metrics = metrics;
        this.statusUpdates = statusUpdates;
        this.router = new WebhookRouter(registry, clients, clock, publicBaseUrl);
        this.inboundMessages = new InboundMessages(
                contacts,
                conversations,
                inboundListeners,
                audit,
                clock,
                PhoneNormalizer.forRegion(defaultRegion),
                metrics);
        this.statusCallbacks = new StatusCallbacks(statusUpdates);
    }

    @Override
    public WebhookResponse handle(WebhookRequest request) {
        long started = System.nanoTime();
        WebhookResponse response = answer(request);
        String path = request.path();
        metrics.webhookHandled(
                path.startsWith("/sms")
                        ? "sms"
                        : path.startsWith("/status") ? "status" : path.startsWith("/events") ? "events" : "other",
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
        if (path.startsWith("/events/")) {
            String tenant = path.substring("/events/".length());
            if (tenant.isEmpty() || tenant.contains("/") || tenant.length() > 400) {
                throw forbidden("malformed events path", null);
            }
            if (request.body().length > MAX_BODY_BYTES) {
                throw badRequest(413, "The request is larger than " + MAX_BODY_BYTES + " bytes");
            }
            return carrier.events(tenant, request);
        }
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

        Route route = router.route(kind, key, params, request);
        router.verifySignature(route, get ? Map.of() : params, request.header("X-Twilio-Signature"));

        String messageSid = first(params, "MessageSid");
        if (messageSid == null || !MESSAGE_SID.matcher(messageSid).matches()) {
            throw badRequest(400, "MessageSid is missing or malformed");
        }
        return kind == Kind.SMS
                ? inboundMessages.receive(route, messageSid, params)
                : statusCallbacks.apply(route, messageSid, params);
    }
}
