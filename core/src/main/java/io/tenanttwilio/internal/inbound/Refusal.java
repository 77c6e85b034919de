package io.tenanttwilio.internal.inbound;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.inbound.WebhookResponse;
import org.jspecify.annotations.Nullable;

/** Why a request is refused before storing anything. */
final class Refusal extends Exception {

    private static final long serialVersionUID = 1L;
    private static final String FORBIDDEN = "Forbidden";

    final WebhookResponse response;
    final String reason;
    final @Nullable TenantId tenant;

    Refusal(WebhookResponse response, String reason, @Nullable TenantId tenant) {
        super(reason, null, false, false);
        this.response = response;
        this.reason = reason;
        this.tenant = tenant;
    }

    static Refusal forbidden(String reason, @Nullable TenantId tenant) {
        return new Refusal(WebhookResponse.text(403, FORBIDDEN), reason, tenant);
    }

    static Refusal badRequest(int status, String reason) {
        return new Refusal(WebhookResponse.text(status, reason), reason, null);
    }
}
