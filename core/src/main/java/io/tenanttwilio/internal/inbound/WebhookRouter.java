package io.tenanttwilio.internal.inbound;

import static io.tenanttwilio.internal.inbound.Refusal.forbidden;
import static io.tenanttwilio.internal.inbound.WebhookForm.first;
import static io.tenanttwilio.internal.inbound.WebhookForm.strictNumber;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.inbound.WebhookRequest;
import io.tenanttwilio.inbound.WebhookVerifier;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.twilio.TwilioClients;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.NumberRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where a webhook belongs (by its number's key, or by its account and number or Messaging Service
 * when it has no key), and whether the tenant's Twilio account signed it.
 */
final class WebhookRouter {

    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final Pattern SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");
    private static final Duration CREDENTIAL_RECHECK = Duration.ofSeconds(30);

    enum Kind {
        SMS,
        STATUS
    }

    /** Where a verified webhook belongs. */
    record Route(TenantId tenant, String signedUrl, PhoneNumber ourNumber, String sender) {}

    private final NumberRegistry registry;
    private final TwilioClients clients;
    private final Clock clock;
    private final @Nullable URI publicBaseUrl;
    private final WebhookVerifier verifier = WebhookVerifier.create();

    WebhookRouter(NumberRegistry registry, TwilioClients clients, Clock clock, @Nullable URI publicBaseUrl) {
        this.registry = registry;
        this.clients = clients;
        this.clock = clock;
        this.publicBaseUrl = publicBaseUrl;
    }

    Route route(Kind kind, @Nullable String key, Map<String, List<String>> params, WebhookRequest request)
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

    void verifySignature(Route route, Map<String, List<String>> params, @Nullable String signature) throws Refusal {
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
}
