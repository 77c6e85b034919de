package io.tenanttwilio.spi;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.registration.Registration;
import io.tenanttwilio.registration.TollFreeVerification;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where tenants' carrier registrations and toll-free verifications are kept: one registration per
 * tenant, one verification per toll-free number. Every change is a compare-and-set on the
 * record's version, so that two instances carrying one registration on never both win (and never
 * both create a brand). The JDBC implementation keeps the rows under row-level security like the
 * other stores; the listings of due records are the scheduled job's, across tenants.
 *
 * <p>Implementations must be thread-safe. The contract tests of the {@code testing} module
 * ({@code RegistrationStoreContract}) say what an implementation must do.
 */
public interface RegistrationStore {

    /**
     * The tenant's registration.
     *
     * @param tenant the tenant
     * @return the registration, if one was started
     */
    Optional<Registration> find(TenantId tenant);

    /**
     * Stores a new registration unless the tenant has one already.
     *
     * @param registration the new registration (version 0)
     * @return the tenant's registration: the one given, or the one that was there
     */
    Registration insertIfAbsent(Registration registration);

    /**
     * Replaces {@code current} by {@code next} if the stored version is still {@code current}'s.
     *
     * @param current the registration as read
     * @param next the new state (its version is ignored)
     * @return the stored registration, with version {@code current.version() + 1}; empty when
     *     another change came first
     */
    Optional<Registration> update(Registration current, Registration next);

    /**
     * Registrations of any tenant whose next check is due, oldest due first.
     *
     * @param now the time
     * @param limit at most this many
     * @return the registrations
     */
    List<Registration> registrationsDue(Instant now, int limit);

    /**
     * A toll-free number's verification.
     *
     * @param tenant the tenant
     * @param number the number
     * @return the verification, if one was submitted
     */
    Optional<TollFreeVerification> findTollFree(TenantId tenant, PhoneNumber number);

    /**
     * The tenant's toll-free verifications, by number.
     *
     * @param tenant the tenant
     * @return the verifications
     */
    List<TollFreeVerification> tollFree(TenantId tenant);

    /**
     * Stores a new verification unless the number has one already.
     *
     * @param verification the new verification (version 0)
     * @return the number's verification: the one given, or the one that was there
     */
    TollFreeVerification insertIfAbsent(TollFreeVerification verification);

    /**
     * Replaces {@code current} by {@code next} if the stored version is still {@code current}'s.
     *
     * @param current the verification as read
     * @param next the new state (its version is ignored)
     * @return the stored verification, with version {@code current.version() + 1}; empty when
     *     another change came first
     */
    Optional<TollFreeVerification> update(TollFreeVerification current, TollFreeVerification next);

    /**
     * Verifications of any tenant whose next check is due, oldest due first.
     *
     * @param now the time
     * @param limit at most this many
     * @return the verifications
     */
    List<TollFreeVerification> tollFreeDue(Instant now, int limit);
}
