package io.tenanttwilio;

import io.tenanttwilio.account.AccountInfo;
import io.tenanttwilio.audit.AuditEvent;
import io.tenanttwilio.guardrails.QuotaStatus;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.guardrails.UsageReport;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.messaging.MediaItem;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.messaging.SmsRequest;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.phone.PhoneNumber;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * One tenant's view of Twilio, with that tenant's own credentials: sending messages, reading its
 * conversations, its numbers and its account. Obtained from {@link TenantTwilio#client(TenantId)}
 * or {@link TenantTwilio#currentClient()}.
 *
 * <pre>{@code
 * TenantTwilioClient clinic = twilio.client(TenantId.of("clinique-a"));
 * SmsMessage sent = clinic.sendSms(SmsRequest.to("(581) 500-6712").body("Votre rendez-vous est confirmé.").build());
 * List<Conversation> inbox = clinic.conversations(0, 20);
 * }</pre>
 *
 * <p>Cheap to obtain; the underlying Twilio client is cached per tenant. Thread-safe.
 */
public interface TenantTwilioClient {

    /** The tenant. */
    TenantId tenantId();

    /**
     * Sends a message from the tenant's default number, or from the number or Messaging Service the
     * request names. The recipient is read as typed, in the tenant's region.
     *
     * <pre>{@code
     * SmsMessage sent = clinic.sendSms(SmsRequest.to("(581) 500-6712").body("Votre rendez-vous est confirmé.").build());
     * }</pre>
     *
     * @param request what to send, to whom
     * @return the message as recorded, with Twilio's SID and status
     * @throws TenantTwilioException {@link ErrorCode#INVALID_PHONE_NUMBER}, {@link
     *     ErrorCode#RECIPIENT_OPTED_OUT} (before Twilio is called), {@link ErrorCode#NO_SENDER},
     *     {@link ErrorCode#QUOTA_EXCEEDED}, or Twilio's refusal translated; the message is recorded
     *     as failed
     */
    SmsMessage sendSms(SmsRequest request);

    /** The tenant's open conversations, most recent first. */
    List<Conversation> conversations(int offset, int limit);

    /** The tenant's conversations, archived ones too when asked, most recent first. */
    List<Conversation> conversations(boolean includeArchived, int offset, int limit);

    /** One of the tenant's conversations. */
    Optional<Conversation> conversation(String conversationId);

    /** A conversation's messages, newest first. */
    List<SmsMessage> messages(String conversationId, int offset, int limit);

    /** Marks a conversation read. */
    void markRead(String conversationId);

    /** Archives a conversation; a new message reopens it. */
    void archive(String conversationId);

    /** Whether {@code contact} opted out of messages from {@code ourNumber}. */
    boolean isOptedOut(PhoneNumber contact, PhoneNumber ourNumber);

    /**
     * Downloads a media item of an inbound MMS with the tenant's credentials, at most {@code
     * maxBytes}. Only URLs of Twilio get the credentials.
     */
    byte[] fetchMedia(MediaItem media, int maxBytes);

    /** The tenant's numbers that it owns now (active, needing attention, being set up). */
    List<NumberRecord> numbers();

    /** The tenant's Twilio account, as Twilio describes it now. */
    AccountInfo account();

    /** The tenant's policy: its own, or the default. */
    TenantPolicy policy();

    /** How much of its SMS quotas the tenant used today and this month. */
    QuotaStatus quota();

    /** The tenant's usage and cost over a month of its time zone. */
    UsageReport usage(YearMonth month);

    /** The tenant's usage and cost from {@code from} to {@code to} (included), days of its time zone. */
    UsageReport usage(LocalDate from, LocalDate to);

    /**
     * The tenant's audit trail, newest first: who did what to its credentials, numbers and quotas,
     * when, how it ended, with Twilio's request id.
     *
     * @throws TenantTwilioException {@link ErrorCode#CONFIGURATION_ERROR} when the audit sink cannot
     *     be read back (it is not an {@link io.tenanttwilio.spi.AuditLog})
     */
    List<AuditEvent> auditTrail(int offset, int limit);
}
