package io.tenanttwilio.internal.numbers;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.internal.shared.Auditor;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.twilio.TwilioCalls;
import io.tenanttwilio.internal.twilio.TwilioClients;
import io.tenanttwilio.internal.twilio.TwilioErrors.Operation;
import io.tenanttwilio.numbers.NumberLifecycleListener;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.numbers.ReleaseResult;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.ConversationStore;
import java.util.List;

/** The release of a tenant's number: its conversations archived, the number given back to Twilio. */
final class Releases {

    private final TwilioClients clients;
    private final ConversationStore conversations;
    private final ProvisioningSupport support;
    private final Auditor audit;
    private final List<NumberLifecycleListener> listeners;

    Releases(
            TwilioClients clients,
            ConversationStore conversations,
            ProvisioningSupport support,
            Auditor audit,
            List<NumberLifecycleListener> listeners) {
        this.clients = clients;
        this.conversations = conversations;
        this.support = support;
        this.audit = audit;
        this.listeners = listeners;
    }

    ReleaseResult release(TenantId tenant, PhoneNumber number) {
        NumberRecord record = support.ownedRecord(tenant, number);
        for (NumberLifecycleListener listener : listeners) {
            listener.beforeRelease(tenant, number);
        }
        int archived = Stores.call(tenant, () -> conversations.archiveAll(tenant, number));
        TwilioRestClient client = clients.forTenant(tenant);
        NumberRecord releasing = support.transition(record, record.toBuilder().state(NumberState.RELEASING));
        boolean atTwilio;
        try {
            atTwilio = deleteAtTwilio(releasing, client);
        } catch (TenantTwilioException e) {
            support.transition(releasing, releasing.toBuilder().state(record.state()));
            audit.failure(AuditAction.NUMBER_RELEASED, tenant, null, e, event -> event.phoneNumber(number));
            throw e;
        }
        NumberRecord released = support.transition(
                releasing, releasing.toBuilder().state(NumberState.RELEASED).problem(null));
        audit.success(
                AuditAction.NUMBER_RELEASED,
                tenant,
                null,
                event -> event.phoneNumber(number)
                        .detail("sid", released.twilioSid().orElse(null))
                        .detail("releasedAtTwilio", atTwilio)
                        .twilioRequestId(TwilioCalls.lastRequestId()));
        return ReleaseResult.of(released, atTwilio);
    }

    /** Releases the number at Twilio; {@code false} when Twilio no longer had it. */
    static boolean deleteAtTwilio(NumberRecord record, TwilioRestClient client) {
        try {
            TwilioCalls.call(
                    record.tenantId(),
                    Operation.RELEASE,
                    () -> IncomingPhoneNumber.deleter(
                                    record.accountSid(), record.twilioSid().orElseThrow())
                            .delete(client));
            return true;
        } catch (TenantTwilioException e) {
            if (e.errorCode() == ErrorCode.NUMBER_NOT_OWNED) {
                return false;
            }
            throw e;
        }
    }
}
