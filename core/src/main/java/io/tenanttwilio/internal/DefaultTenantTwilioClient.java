package io.tenanttwilio.internal;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioClient;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.account.AccountInfo;
import io.tenanttwilio.audit.AuditEvent;
import io.tenanttwilio.guardrails.QuotaStatus;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.guardrails.UsageReport;
import io.tenanttwilio.internal.guardrails.Guardrails;
import io.tenanttwilio.internal.guardrails.UsageReporter;
import io.tenanttwilio.internal.messaging.Messenger;
import io.tenanttwilio.internal.numbers.DefaultNumberProvisioner;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.messaging.MediaItem;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.messaging.SmsRequest;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.AuditLog;
import io.tenanttwilio.spi.AuditSink;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.NumberRegistry;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@link TenantTwilioClient} of {@link DefaultTenantTwilio}: one tenant's view of the SDK's parts. */
final class DefaultTenantTwilioClient implements TenantTwilioClient {

    /** The SDK's parts a client works with, shared by every client. */
    record Parts(
            Messenger messenger,
            ConversationStore conversations,
            NumberRegistry registry,
            DefaultNumberProvisioner provisioner,
            Guardrails guardrails,
            UsageReporter reporter,
            AuditSink auditSink) {}

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
    public SmsMessage sendSms(String to, String body) {
        return sendSms(SmsRequest.to(to).body(body).build());
    }

    @Override
    public SmsMessage sendSms(SmsRequest request) {
        return parts.messenger().send(tenant, Objects.requireNonNull(request, "request"));
    }

    @Override
    public List<Conversation> conversations(int offset, int limit) {
        return conversations(false, offset, limit);
    }

    @Override
    public List<Conversation> conversations(boolean includeArchived, int offset, int limit) {
        return Stores.call(tenant, () -> parts.conversations().conversations(tenant, includeArchived, offset, limit));
    }

    @Override
    public Optional<Conversation> conversation(String conversationId) {
        return Stores.call(tenant, () -> parts.conversations().conversation(tenant, conversationId));
    }

    @Override
    public List<SmsMessage> messages(String conversationId, int offset, int limit) {
        return Stores.call(tenant, () -> parts.conversations().messages(tenant, conversationId, offset, limit));
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
    public List<AuditEvent> auditTrail(int offset, int limit) {
        if (!(parts.auditSink() instanceof AuditLog log)) {
            throw TenantTwilioException.builder(ErrorCode.CONFIGURATION_ERROR)
                    .tenant(tenant)
                    .detail("audit.not-readable")
                    .build();
        }
        return Stores.call(tenant, () -> log.events(tenant, offset, limit));
    }

    @Override
    public String toString() {
        return "TenantTwilioClient[" + tenant + "]";
    }
}
