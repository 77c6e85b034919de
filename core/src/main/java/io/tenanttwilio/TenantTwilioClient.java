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

    /** {@return the tenant this client acts for} */
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
     * @param query which conversations, from which cursor, how many
     * @return the page; empty when none matches
     * @throws TenantTwilioException {@link ErrorCode#INVALID_REQUEST} for a cursor that is not
     *     this listing's; {@link ErrorCode#STORAGE_UNAVAILABLE}
     */
    Page<Conversation> conversations(ConversationQuery query);

    /**
     * One of the tenant's conversations.
     *
     * @param conversationId the conversation's id ({@link Conversation#id()})
     * @return the conversation; empty when the tenant has none with this id (another tenant's
     *     conversation included)
     * @throws TenantTwilioException {@link ErrorCode#STORAGE_UNAVAILABLE} when the store fails
     */
    Optional<Conversation> conversation(String conversationId);

    /**
     * One page of the tenant's messages that {@code query} selects (a conversation's, or every
     * conversation's of a time window), newest first.
     *
     * @param query which messages, from which cursor, how many
     * @return the page; empty when none matches, or when the conversation is not the tenant's
     * @throws TenantTwilioException as {@link #conversations(ConversationQuery)}
     */
    Page<SmsMessage> messages(MessageQuery query);

    /**
     * The tenant's message with this Twilio SID ({@code SM…}, {@code MM…}), inbound or outbound.
     *
     * @param twilioSid the message's SID at Twilio
     * @return the message; empty when the tenant has none with this SID (a blank or overlong SID
     *     included)
     * @throws TenantTwilioException {@link ErrorCode#STORAGE_UNAVAILABLE} when the store fails
     */
    Optional<SmsMessage> message(String twilioSid);

    /**
     * The tenant's contact with this number.
     *
     * @param number the contact's number
     * @return the contact; empty when the tenant has none with this number
     * @throws TenantTwilioException {@link ErrorCode#STORAGE_UNAVAILABLE} when the directory fails
     */
    Optional<Contact> contact(PhoneNumber number);

    /**
     * One page of the tenant's contacts that {@code query} selects: all of them by number, or
     * those whose name or number starts with what was searched.
     *
     * @param query which contacts, from which cursor, how many
     * @return the page; empty when none matches
     * @throws TenantTwilioException as {@link #conversations(ConversationQuery)}
     */
    Page<Contact> contacts(ContactQuery query);

    /**
     * Gives the tenant's contact with this number a name to show and to search by (the contact
     * is created if there is none); {@code null} or blank removes it. Surrounding whitespace is
     * dropped.
     *
     * @param number the contact's number
     * @param displayName the name; {@code null} or blank: no name
     * @return the contact as stored
     * @throws TenantTwilioException {@link ErrorCode#INVALID_REQUEST} for a name longer than
     *     {@value ContactQuery#MAX_NAME_LENGTH} characters or with control characters; {@link
     *     ErrorCode#STORAGE_UNAVAILABLE} when the directory fails
     */
    Contact nameContact(PhoneNumber number, @Nullable String displayName);

    /**
     * Marks a conversation read: its unread count goes to zero. Does nothing when the tenant has
     * no conversation with this id.
     *
     * @param conversationId the conversation's id
     * @throws TenantTwilioException {@link ErrorCode#STORAGE_UNAVAILABLE} when the store fails
     */
    void markRead(String conversationId);

    /**
     * Archives a conversation; a new message reopens it. Does nothing when the tenant has no
     * conversation with this id.
     *
     * @param conversationId the conversation's id
     * @throws TenantTwilioException {@link ErrorCode#STORAGE_UNAVAILABLE} when the store fails
     */
    void archive(String conversationId);

    /**
     * Whether {@code contact} opted out (replied STOP) of messages from {@code ourNumber}; a send
     * to it from that number fails with {@link ErrorCode#RECIPIENT_OPTED_OUT}.
     *
     * @param contact the recipient
     * @param ourNumber one of the tenant's numbers
     * @return whether the contact opted out and did not opt back in
     * @throws TenantTwilioException {@link ErrorCode#STORAGE_UNAVAILABLE} when the store fails
     */
    boolean isOptedOut(PhoneNumber contact, PhoneNumber ourNumber);

    /**
     * Downloads a media item of an inbound MMS with the tenant's credentials, at most {@code
     * maxBytes}. Only URLs of Twilio get the credentials; the storage Twilio redirects to gets
     * none.
     *
     * @param media a media item of one of the tenant's messages
     * @param maxBytes the largest content accepted, in bytes
     * @return the content
     * @throws TenantTwilioException {@link ErrorCode#INVALID_REQUEST} when the URL is not
     *     Twilio's or the content is larger than {@code maxBytes}; {@link
     *     ErrorCode#TWILIO_UNAVAILABLE} when Twilio cannot be reached; {@link
     *     ErrorCode#NUMBER_NOT_OWNED} (not found), {@link ErrorCode#INVALID_CREDENTIALS} or {@link
     *     ErrorCode#TWILIO_ERROR} when Twilio refuses
     */
    byte[] fetchMedia(MediaItem media, int maxBytes);

    /**
     * The tenant's numbers that it owns now (active, needing attention, being set up), as
     * recorded; Twilio is not called.
     *
     * @return the numbers; empty when it has none
     * @throws TenantTwilioException {@link ErrorCode#STORAGE_UNAVAILABLE} when the registry fails
     */
    List<NumberRecord> numbers();

    /**
     * The tenant's Twilio account, as Twilio describes it now.
     *
     * @return the account: its status, type and balance
     * @throws TenantTwilioException {@link ErrorCode#UNKNOWN_TENANT} when the tenant has no
     *     credentials; Twilio's refusal translated otherwise ({@link
     *     ErrorCode#INVALID_CREDENTIALS}, {@link ErrorCode#TWILIO_UNAVAILABLE}…)
     */
    AccountInfo account();

    /**
     * The tenant's policy: its own, or the default.
     *
     * @return the policy that applies to the tenant now
     * @throws TenantTwilioException {@link ErrorCode#STORAGE_UNAVAILABLE} when the policies
     *     cannot be read
     */
    TenantPolicy policy();

    /**
     * How much of its SMS quotas the tenant used today and this month, in its time zone.
     *
     * @return the day's and the month's use, limits and resets
     * @throws TenantTwilioException {@link ErrorCode#STORAGE_UNAVAILABLE} when the usage store
     *     fails
     */
    QuotaStatus quota();

    /**
     * The tenant's usage and cost over a month of its time zone: messages counted from the store,
     * costs from Twilio's usage records. When Twilio cannot be asked, the report still has the
     * counts, with the costs' error.
     *
     * @param month the month
     * @return the report
     * @throws TenantTwilioException {@link ErrorCode#CONFIGURATION_ERROR} when the conversation
     *     store cannot count messages; {@link ErrorCode#STORAGE_UNAVAILABLE} when a store fails
     */
    UsageReport usage(YearMonth month);

    /**
     * The tenant's usage and cost from {@code from} to {@code to} (included), days of its time
     * zone, as {@link #usage(YearMonth)} counts them.
     *
     * @param from the first day
     * @param to the last day, included
     * @return the report
     * @throws TenantTwilioException {@link ErrorCode#INVALID_REQUEST} when {@code to} is before
     *     {@code from}; the errors of {@link #usage(YearMonth)} otherwise
     */
    UsageReport usage(LocalDate from, LocalDate to);

    /**
     * One page of the tenant's audit trail, newest first: who did what to its credentials, numbers
     * and quotas, when, how it ended, with Twilio's request id.
     *
     * @param query from which cursor, how many
     * @return the page; empty when nothing was recorded
     * @throws TenantTwilioException {@link ErrorCode#CONFIGURATION_ERROR} when the audit sink cannot
     *     be read back (it is not an {@link io.tenanttwilio.spi.AuditLog}); {@link
     *     ErrorCode#INVALID_REQUEST} for a cursor that is not this listing's
     */
    Page<AuditEvent> auditTrail(AuditQuery query);
}
