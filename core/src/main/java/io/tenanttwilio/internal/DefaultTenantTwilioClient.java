package io.tenanttwilio.internal;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioClient;
import io.tenanttwilio.account.AccountInfo;
import io.tenanttwilio.audit.AuditEvent;
import io.tenanttwilio.audit.AuditQuery;
import io.tenanttwilio.guardrails.QuotaStatus;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.guardrails.UsageReport;
import io.tenanttwilio.internal.guardrails.Guardrails;
import io.tenanttwilio.internal.guardrails.UsageReporter;
import io.tenanttwilio.internal.messaging.Messenger;
import io.tenanttwilio.internal.numbers.DefaultNumberProvisioner;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.text.Problems;
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
import io.tenanttwilio.spi.AuditLog;
import io.tenanttwilio.spi.ContactDirectory;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.NumberRegistry;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The {@link TenantTwilioClient} of {@link DefaultTenantTwilio}: one tenant's view of the SDK's parts. */
final class DefaultTenantTwilioClient implements TenantTwilioClient {

    /** The SDK's parts a client works with, shared by every client. */
    record Parts(
            Messenger messenger,
            ConversationStore conversations,
            ContactDirectory contacts,
            NumberRegistry registry,
            DefaultNumberProvisioner provisioner,
            Guardrails guardrails,
            UsageReporter reporter,
            AuditLog auditLog) {}

    /** The longest Twilio SID looked up (they have 34 characters). */
    private static final int MAX_SID = 64;

    private final TenantId tenant;
    private final Parts parts;

    DefaultTenantTwilioClient(TenantId tenant, Parts parts) {
        this.tenant = tenant;
        this.parts = parts;
    }

    @Override
    public TenantId tenantId() {
        return tenant;
    }

    @Override
    public SmsMessage sendSms(SmsRequest request) {
        return parts.messenger().send(tenant, Objects.requireNonNull(request, "request"));
    }

    @Override
    public Page<Conversation> conversations(ConversationQuery query) {
        return paged(
                Objects.requireNonNull(query, "query"),
                q -> parts.conversations().conversations(tenant, q),
                ConversationQuery::after);
    }

    @Override
    public Optional<Conversation> conversation(String conversationId) {
        return Stores.call(tenant, () -> parts.conversations().conversation(tenant, conversationId));
    }

    @Override
    public Page<SmsMessage> messages(MessageQuery query) {
        return paged(
                Objects.requireNonNull(query, "query"),
                q -> parts.conversations().messages(tenant, q),
                MessageQuery::after);
    }

    @Override
    public Optional<SmsMessage> message(String twilioSid) {
        Objects.requireNonNull(twilioSid, "twilioSid");
        if (twilioSid.isBlank() || twilioSid.length() > MAX_SID) {
            return Optional.empty();
        }
        return Stores.call(tenant, () -> parts.conversations().findByTwilioSid(tenant, twilioSid));
    }

    @Override
    public Optional<Contact> contact(PhoneNumber number) {
        Objects.requireNonNull(number, "number");
        return Stores.call(tenant, () -> parts.contacts().find(tenant, number));
    }

    @Override
    public Page<Contact> contacts(ContactQuery query) {
        return paged(
                Objects.requireNonNull(query, "query"), q -> parts.contacts().contacts(tenant, q), ContactQuery::after);
    }

    @Override
    public Contact nameContact(PhoneNumber number, @Nullable String displayName) {
        Objects.requireNonNull(number, "number");
        String name = displayName == null || displayName.isBlank() ? null : displayName.strip();
        if (name != null
                && (name.length() > ContactQuery.MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl))) {
            throw Problems.builder(ErrorCode.INVALID_REQUEST)
                    .tenant(tenant)
                    .detail("contacts.display-name", ContactQuery.MAX_NAME_LENGTH)
                    .build();
        }
        return Stores.call(tenant, () -> {
            Contact contact = parts.contacts().findOrCreate(tenant, number);
            return parts.contacts().rename(tenant, contact.id(), name).orElse(contact);
        });
    }

    @Override
    public void markRead(String conversationId) {
        Stores.run(tenant, () -> parts.conversations().markRead(tenant, conversationId));
    }

    @Override
    public void archive(String conversationId) {
        Stores.run(tenant, () -> parts.conversations().archive(tenant, conversationId));
    }

    @Override
    public boolean isOptedOut(PhoneNumber contact, PhoneNumber ourNumber) {
        return Stores.call(tenant, () -> parts.conversations().isOptedOut(tenant, contact, ourNumber.e164()));
    }

    @Override
    public byte[] fetchMedia(MediaItem media, int maxBytes) {
        return parts.messenger().fetchMedia(tenant, media, maxBytes);
    }

    @Override
    public List<NumberRecord> numbers() {
        List<NumberRecord> owned = new ArrayList<>();
        for (NumberRecord record : Stores.call(null, () -> parts.registry().findByTenant(tenant))) {
            if (record.state().isOwned() || record.state().isPending()) {
                owned.add(record);
            }
        }
        return owned;
    }

    @Override
    public AccountInfo account() {
        return parts.provisioner().account(tenant);
    }

    @Override
    public TenantPolicy policy() {
        return parts.guardrails().policy(tenant);
    }

    @Override
    public QuotaStatus quota() {
        return parts.guardrails().quota(tenant);
    }

    @Override
    public UsageReport usage(YearMonth month) {
        return parts.reporter().report(tenant, month.atDay(1), month.atEndOfMonth());
    }

    @Override
    public UsageReport usage(LocalDate from, LocalDate to) {
        return parts.reporter().report(tenant, Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to"));
    }

    @Override
    public Page<AuditEvent> auditTrail(AuditQuery query) {
        Objects.requireNonNull(query, "query");
        return paged(query, q -> parts.auditLog().events(tenant, q), AuditQuery::after);
    }

    /**
     * The page {@code read} gives for {@code query}, through {@link Stores#call}; its {@link
     * Page#all()} reads the following pages the same way, with the query moved {@code after} each
     * page's cursor.
     */
    private <Q, T> Page<T> paged(Q query, Function<Q, Page<T>> read, BiFunction<Q, Cursor, Q> after) {
        Page<T> page = Stores.call(tenant, () -> read.apply(query));
        return Page.of(
                page.items(), page.nextCursor().orElse(null), cursor -> paged(after.apply(query, cursor), read, after));
    }

    @Override
    public String toString() {
        return "TenantTwilioClient[" + tenant + "]";
    }
}
