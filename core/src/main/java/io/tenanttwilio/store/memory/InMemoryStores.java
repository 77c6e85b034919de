package io.tenanttwilio.store.memory;

import io.tenanttwilio.spi.StoreFamily;
import java.time.Clock;
import java.util.Objects;

/**
 * Every store in memory: for tests, demos and a single instance. Data is lost at restart, and
 * quotas and purchase limits hold for this instance only.
 *
 * <pre>{@code
 * TenantTwilio twilio = TenantTwilio.builder().stores(InMemoryStores.create()).build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class InMemoryStores implements StoreFamily {

    private final InMemoryCredentialStore credentials = new InMemoryCredentialStore();
    private final InMemoryNumberRegistry numbers = new InMemoryNumberRegistry();
    private final InMemoryConversationStore conversations = new InMemoryConversationStore();
    private final InMemoryContactDirectory contacts;
    private final InMemoryUsageStore usage;
    private final InMemoryTenantPolicies policies = new InMemoryTenantPolicies();
    private final InMemoryAuditSink audit = new InMemoryAuditSink();
    private final InMemoryRegistrationStore registrations = new InMemoryRegistrationStore();
    private final InMemoryOutboxStore outbox = new InMemoryOutboxStore();

    private InMemoryStores(Clock clock) {
        this.contacts = new InMemoryContactDirectory(clock);
        this.usage = new InMemoryUsageStore(clock);
    }

    /**
     * Empty stores on the system clock.
     *
     * @return the stores
     */
    public static InMemoryStores create() {
        return create(Clock.systemUTC());
    }

    /**
     * Empty stores whose time-based records (contacts' creation, quota windows) follow {@code
     * clock}.
     *
     * @param clock the clock
     * @return the stores
     */
    public static InMemoryStores create(Clock clock) {
        return new InMemoryStores(Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public InMemoryCredentialStore credentials() {
        return credentials;
    }

    @Override
    public InMemoryNumberRegistry numbers() {
        return numbers;
    }

    @Override
    public InMemoryConversationStore conversations() {
        return conversations;
    }

    @Override
    public InMemoryContactDirectory contacts() {
        return contacts;
    }

    @Override
    public InMemoryUsageStore usage() {
        return usage;
    }

    @Override
    public InMemoryTenantPolicies policies() {
        return policies;
    }

    @Override
    public InMemoryRegistrationStore registrations() {
        return registrations;
    }

    @Override
    public InMemoryOutboxStore outbox() {
        return outbox;
    }

    @Override
    public InMemoryAuditSink audit() {
        return audit;
    }

    /**
     * Always {@code false}: nothing outlives the process.
     *
     * @return {@code false}
     */
    @Override
    public boolean isDurable() {
        return false;
    }

    @Override
    public String toString() {
        return "InMemoryStores";
    }
}
