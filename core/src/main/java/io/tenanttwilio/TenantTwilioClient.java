package io.tenanttwilio;

import io.tenanttwilio.account.AccountInfo;
import io.tenanttwilio.audit.AuditEvent;
import io.tenanttwilio.audit.AuditQuery;
import io.tenanttwilio.guardrails.QuotaStatus;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.guardrails.UsageReport;
import io.tenanttwilio.messaging.Contact;
import io.tenanttwilio.messaging.ContactQuery;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.messaging.ConversationQuery;
import io.tenanttwilio.messaging.MediaItem;
import io.tenanttwilio.messaging.MessageQuery;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.messaging.SmsRequest;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.phone.PhoneNumber;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One tenant's view of Twilio, with that tenant's own credentials: sending messages, reading its
 * conversations, its numbers and its account. Obtained from {@link TenantTwilio#client(TenantId)}
 * or {@link TenantTwilio#currentClient()}.
 *
 * <pre>{@code
 * TenantTwilioClient clinic = twilio.client(TenantId.of("clinique-a"));
 * SmsMessage sent = clinic.sendSms(SmsRequest.to("(581) 500-6712").body("Votre rendez-vous est confirmé.").build());
 * Page<Conversation> inbox = clinic.conversations(ConversationQuery.open());
 * for (SmsMessage m : clinic.messages(MessageQuery.inConversation(inbox.items().get(0).id())).all()) { … }
 * }</pre>
 *
 * <p>Listings come a {@link Page} at a time, continued by the page's {@link Cursor}: a page costs
 * what the first one costs, however deep. A page has {@value Page#DEFAULT_SIZE} items unless the
 * query asks otherwise, {@value Page#MAX_SIZE} at most.
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

    /**
     * One page of the tenant's conversations that {@code query} selects, the most recent first (by
     * their last message, or their opening); {@link Page#all()} walks the following pages.
     *
     * @throws TenantTwilioException {@link ErrorCode#INVALID_REQUEST} for a cursor that is not
     *     this listing's; {@link ErrorCode#STORAGE_UNAVAILABLE}
     */
    Page<Conversation> conversations(ConversationQuery query);

    /** One of the tenant's conversations. */
    Optional<Conversation> conversation(String conversationId);

    /**
     * One page of the tenant's messages that {@code query} selects (a conversation's, or every
     * conversation's of a time window), newest first.
     *
     * @throws TenantTwilioException as {@link #conversations(ConversationQuery)}
     */
    Page<SmsMessage> messages(MessageQuery query);

    /** The tenant's message with this Twilio SID ({@code SM…}, {@code MM…}), inbound or outbound. */
    Optional<SmsMessage> message(String twilioSid);

    /** The tenant's contact with this number. */
    Optional<Contact> contact(PhoneNumber number);

    /**
     * One page of the tenant's contacts that {@code query} selects: all of them by number, or
     * those whose name or number starts with what was searched.
     *
     * @throws TenantTwilioException as {@link #conversations(ConversationQuery)}
     */
    Page<Contact> contacts(ContactQuery query);

    /**
     * Gives the tenant's contact with this number a name to show and to search by (the contact
     * is created if there is none); {@code null} or blank removes it.
     *
     * @throws TenantTwilioException {@link ErrorCode#INVALID_REQUEST} for a name longer than
     *     {@value ContactQuery#MAX_NAME_LENGTH} characters or with control characters
     */
    Contact nameContact(PhoneNumber number, @Nullable String displayName);

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
     * One page of the tenant's audit trail, newest first: who did what to its credentials, numbers
     * and quotas, when, how it ended, with Twilio's request id.
     *
     * @throws TenantTwilioException {@link ErrorCode#CONFIGURATION_ERROR} when the audit sink cannot
     *     be read back (it is not an {@link io.tenanttwilio.spi.AuditLog}); {@link
     *     ErrorCode#INVALID_REQUEST} for a cursor that is not this listing's
     */
    Page<AuditEvent> auditTrail(AuditQuery query);
}
