package io.tenanttwilio.spi;

/**
 * The stores of one kind that an instance keeps its data in, wired together in one call:
 *
 * <pre>{@code
 * TenantTwilio twilio = TenantTwilio.builder()
 *         .stores(JdbcStores.of(dataSource, cipher))
 *         .build();
 * }</pre>
 *
 * <p>Built-ins: {@code JdbcStores} (PostgreSQL, H2) and {@code InMemoryStores} (tests, one
 * instance). An application that keeps one kind of data elsewhere implements this interface, or
 * replaces that one store on the builder. Implementations must be thread-safe and return the same
 * store on every call.
 */
public interface StoreFamily {

    /**
     * Where tenants' Twilio credentials are kept.
     *
     * @return the credential store
     */
    CredentialStore credentials();

    /**
     * Where numbers and their webhook routes are kept.
     *
     * @return the number registry
     */
    NumberRegistry numbers();

    /**
     * Where conversations, messages and opt-outs are kept.
     *
     * @return the conversation store
     */
    ConversationStore conversations();

    /**
     * Where contacts are found by number.
     *
     * @return the contact directory
     */
    ContactDirectory contacts();

    /**
     * Where quota counters, purchase windows, processed webhook ids, job leases and alert flags
     * are kept.
     *
     * @return the usage store
     */
    UsageStore usage();

    /**
     * Where tenants' own policies are kept.
     *
     * @return the tenant policies
     */
    TenantPolicies policies();

    /**
     * Where carrier registrations and toll-free verifications are kept.
     *
     * @return the registration store
     */
    RegistrationStore registrations();

    /**
     * Where the outbox's scheduled messages, the senders' pace and the contacts' consents are
     * kept. A family without one leaves the outbox unavailable ({@code TenantTwilio.outbox()}
     * fails with a configuration error).
     *
     * @return the outbox store
     * @throws UnsupportedOperationException when this family keeps no outbox
     */
    default OutboxStore outbox() {
        throw new UnsupportedOperationException("This store family keeps no outbox");
    }

    /**
     * Where audit events are written and read back from.
     *
     * @return the audit log
     */
    AuditLog audit();

    /**
     * Whether the data outlives the process and is shared by every instance that uses the same
     * family (a database), as production needs; an instance warns at start when it is not.
     *
     * @return {@code true} for a database, {@code false} for memory
     */
    default boolean isDurable() {
        return true;
    }
}
