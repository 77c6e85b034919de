package io.tenanttwilio.internal.inbound;

import static io.tenanttwilio.internal.inbound.Refusal.badRequest;
import static io.tenanttwilio.internal.inbound.WebhookForm.first;
import static io.tenanttwilio.internal.inbound.WebhookForm.integer;

import io.tenanttwilio.inbound.WebhookResponse;
import io.tenanttwilio.internal.inbound.WebhookRouter.Route;
import io.tenanttwilio.internal.messaging.StatusUpdates;
import io.tenanttwilio.messaging.MessageStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Status callbacks: a sent message's new status, error, price and segments applied to it. */
final class StatusCallbacks {

    private final StatusUpdates statusUpdates;

    StatusCallbacks(StatusUpdates statusUpdates) {
        this.statusUpdates = statusUpdates;
    }

    WebhookResponse apply(Route route, String messageSid, Map<String, List<String>> params) throws Refusal {
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
        return TwimlReplies.EMPTY;
    }
}
