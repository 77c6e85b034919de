package io.tenanttwilio.it;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.outbox.Consent;
import io.tenanttwilio.outbox.OutboxBacklog;
import io.tenanttwilio.outbox.OutboxQuery;
import io.tenanttwilio.outbox.OutboxState;
import io.tenanttwilio.outbox.ScheduledMessage;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.AuditLog;
import io.tenanttwilio.spi.ContactDirectory;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.CredentialStore;
import io.tenanttwilio.spi.NumberRegistry;
import io.tenanttwilio.spi.OutboxClaim;
import io.tenanttwilio.spi.OutboxStore;
import io.tenanttwilio.spi.RegistrationStore;
import io.tenanttwilio.spi.StoreFamily;
import io.tenanttwilio.spi.TenantPolicies;
import io.tenanttwilio.spi.UsageStore;
import io.tenanttwilio.store.memory.InMemoryStores;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The in-memory stores, with an outbox that can fail to record that a message left (or failed):
 * an instance that dies between Twilio's answer and the outbox's write.
 */
final class FlakyOutboxFamily implements StoreFamily {

    private final InMemoryStores stores;
    private final FlakyOutbox outbox;

    FlakyOutboxFamily(InMemoryStores stores) {
        this.stores = stores;
        this.outbox = new FlakyOutbox(stores.outbox());
    }

    void failFinishing(boolean fail) {
        outbox.fail = fail;
    }

    @Override
    public CredentialStore credentials() {
        return stores.credentials();
    }

    @Override
    public NumberRegistry numbers() {
        return stores.numbers();
    }

    @Override
    public ConversationStore conversations() {
        return stores.conversations();
    }

    @Override
    public ContactDirectory contacts() {
        return stores.contacts();
    }

    @Override
    public UsageStore usage() {
        return stores.usage();
    }

    @Override
    public TenantPolicies policies() {
        return stores.policies();
    }

    @Override
    public RegistrationStore registrations() {
        return stores.registrations();
    }

    @Override
    public OutboxStore outbox() {
        return outbox;
    }

    @Override
    public AuditLog audit() {
        return stores.audit();
    }

    @Override
    public boolean isDurable() {
        return false;
    }

    private static final class FlakyOutbox implements OutboxStore {
        private final OutboxStore delegate;
        volatile boolean fail;

        FlakyOutbox(OutboxStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public ScheduledMessage insertIfAbsent(ScheduledMessage message) {
            return delegate.insertIfAbsent(message);
        }

        @Override
        public Optional<ScheduledMessage> find(TenantId tenant, String clientKey) {
            return delegate.find(tenant, clientKey);
        }

        @Override
        public Optional<ScheduledMessage> update(ScheduledMessage current, ScheduledMessage next) {
            if (fail && next.state().isFinal() && next.state() != OutboxState.CANCELED) {
                throw new IllegalStateException("the instance died");
            }
            return delegate.update(current, next);
        }

        @Override
        public List<ScheduledMessage> list(TenantId tenant, OutboxQuery query) {
            return delegate.list(tenant, query);
        }

        @Override
        public List<TenantId> tenantsDue(Instant now, int limit) {
            return delegate.tenantsDue(now, limit);
        }

        @Override
        public List<ScheduledMessage> claim(OutboxClaim claim) {
            return delegate.claim(claim);
        }

        @Override
        public List<ScheduledMessage> expiredClaims(TenantId tenant, Instant now, int limit) {
            return delegate.expiredClaims(tenant, now, limit);
        }

        @Override
        public void throttle(TenantId tenant, Instant until) {
            delegate.throttle(tenant, until);
        }

        @Override
        public OutboxBacklog backlog(TenantId tenant, Instant now) {
            return delegate.backlog(tenant, now);
        }

        @Override
        public void saveConsent(Consent consent) {
            delegate.saveConsent(consent);
        }

        @Override
        public Optional<Consent> findConsent(TenantId tenant, PhoneNumber number) {
            return delegate.findConsent(tenant, number);
        }
    }
}
