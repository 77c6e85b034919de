package io.tenanttwilio.internal.numbers;

import com.twilio.rest.messaging.v1.Service;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.internal.shared.Auditor;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.internal.twilio.TwilioCalls;
import io.tenanttwilio.internal.twilio.TwilioClients;
import io.tenanttwilio.internal.twilio.TwilioErrors.Operation;
import io.tenanttwilio.spi.NumberRegistry;
import java.util.Objects;
import java.util.Optional;

/** The link between a tenant and a Messaging Service of its account, which routes the service's webhooks. */
final class MessagingServiceLinks {

    private final TwilioClients clients;
    private final NumberRegistry registry;
    private final Auditor audit;

    MessagingServiceLinks(TwilioClients clients, NumberRegistry registry, Auditor audit) {
        this.clients = clients;
        this.registry = registry;
        this.audit = audit;
    }

    void linkMessagingService(TenantId tenant, String messagingServiceSid) {
        Objects.requireNonNull(messagingServiceSid, "messagingServiceSid");
        if (!messagingServiceSid.matches("MG[0-9a-fA-F]{32}")) {
            throw Problems.builder(ErrorCode.INVALID_REQUEST)
                    .tenant(tenant)
                    .detail("messaging-service.sid")
                    .build();
        }
        TwilioCredentials credentials = clients.credentials(tenant);
        try {
            Service service = TwilioCalls.call(
                    tenant,
                    Operation.READ,
                    () -> Service.fetcher(messagingServiceSid).fetch(clients.forTenant(tenant)));
            if (!credentials.accountSid().equals(service.getAccountSid())) {
                throw Problems.builder(ErrorCode.NUMBER_NOT_OWNED)
                        .tenant(tenant)
                        .build();
            }
            // Two tenants may share one Twilio account; a service routes to the tenant that
            // linked it first, and no other tenant takes its inbound messages over.
            Optional<TenantId> linked = Stores.call(
                    tenant, () -> registry.findTenantByMessagingService(credentials.accountSid(), messagingServiceSid));
            if (linked.isPresent() && !linked.get().equals(tenant)) {
                throw Problems.builder(ErrorCode.NUMBER_NOT_OWNED)
                        .tenant(tenant)
                        .detail("messaging-service.linked")
                        .build();
            }
        } catch (TenantTwilioException e) {
            audit.failure(
                    AuditAction.MESSAGING_SERVICE_LINKED,
                    tenant,
                    null,
                    e,
                    event -> event.detail("messagingServiceSid", messagingServiceSid));
            throw e;
        }
        Stores.run(tenant, () -> registry.linkMessagingService(tenant, credentials.accountSid(), messagingServiceSid));
        audit.success(
                AuditAction.MESSAGING_SERVICE_LINKED,
                tenant,
                null,
                event -> event.detail("messagingServiceSid", messagingServiceSid));
    }
}
