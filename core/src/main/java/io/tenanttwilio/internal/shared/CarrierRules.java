package io.tenanttwilio.internal.shared;

import com.twilio.http.TwilioRestClient;
import io.tenanttwilio.Detail;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.inbound.WebhookRequest;
import io.tenanttwilio.inbound.WebhookResponse;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.VerificationReport;
import io.tenanttwilio.phone.PhoneNumber;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the carriers' registration rules mean to the other capabilities: sends checked first,
 * carrier errors coming back in status callbacks, and Twilio's status events.
 */
public interface CarrierRules {

    /**
     * Refuses a send the carriers would block (a translated exception), or lets it go with a
     * warning when the tenant's policy says so.
     */
    void admitSend(TenantId tenant, PhoneNumber from, PhoneNumber to, @Nullable String actor);

    /** What a person should know about a number just bought (texts to the US need registration). */
    Optional<Detail> purchaseNotice(TenantId tenant, PhoneNumber number);

    /** Puts a number in its tenant's campaign service when the tenant has one; quietly. */
    void attach(NumberRecord record, TwilioRestClient client);

    /** The registration line of a number's verification. */
    VerificationReport.Line registrationLine(NumberRecord record, TwilioRestClient client);

    /** A message of the tenant failed with a carrier registration error (30034, 30032, 30007). */
    void carrierBlocked(TenantId tenant, int twilioErrorCode);

    /** Twilio's status events for a tenant, from the webhook path {@code /events/{tenant}}. */
    WebhookResponse events(String tenantSegment, WebhookRequest request);
}
