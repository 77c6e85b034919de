package io.tenanttwilio.internal.numbers;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.internal.twilio.TwilioClients;
import io.tenanttwilio.numbers.NumberLifecycleListener;
import io.tenanttwilio.numbers.NumberProvisioner;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.VerificationReport;
import io.tenanttwilio.numbers.VerificationReport.Line;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.CredentialStore;
import io.tenanttwilio.spi.NumberRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the parts of the number provisioner share: the stored credentials, the numbers' records and
 * their state changes, and the translation of a verification into a problem.
 */
final class ProvisioningSupport {

    private static final Logger LOG = LoggerFactory.getLogger(NumberProvisioner.class);

    private final TwilioClients clients;
    private final CredentialStore credentialStore;
    private final NumberRegistry registry;
    private final Clock clock;
    private final List<NumberLifecycleListener> listeners;

    ProvisioningSupport(
            TwilioClients clients,
            CredentialStore credentialStore,
            NumberRegistry registry,
            Clock clock,
            List<NumberLifecycleListener> listeners) {
        this.clients = clients;
        this.credentialStore = credentialStore;
        this.registry = registry;
        this.clock = clock;
        this.listeners = listeners;
    }

    static <T> T storage(Supplier<T> operation) {
        return Stores.call(null, operation);
    }

    Optional<TwilioCredentials> storedCredentials(TenantId tenant) {
        return storage(() -> credentialStore.find(tenant));
    }

    /** Saves the tenant's credentials; its cached Twilio client is dropped. */
    void saveCredentials(TenantId tenant, TwilioCredentials credentials) {
        storage(() -> {
            credentialStore.save(tenant, credentials);
            return null;
        });
        clients.invalidate(tenant);
    }

    /** Removes the tenant's credentials; its cached Twilio client is dropped. */
    boolean removeCredentials(TenantId tenant) {
        boolean removed = storage(() -> credentialStore.remove(tenant));
        clients.invalidate(tenant);
        return removed;
    }

    /** Saves a state change; tells the listeners. */
    NumberRecord transition(NumberRecord current, NumberRecord.Builder next) {
        NumberRecord wanted = next.updatedAt(clock.instant()).build();
        NumberRecord saved = storage(() -> registry.update(current, wanted))
                .orElseThrow(() -> Problems.builder(ErrorCode.STORAGE_UNAVAILABLE)
                        .tenant(current.tenantId())
                        .detail("storage.concurrent-update")
                        .build());
        if (saved.state() != current.state()) {
            for (NumberLifecycleListener listener : listeners) {
                try {
                    listener.stateChanged(current, saved);
                } catch (RuntimeException e) {
                    LOG.warn(
                            "A number lifecycle listener failed ({})",
                            e.getClass().getSimpleName());
                }
            }
        }
        return saved;
    }

    /** How many numbers the tenant owns or is buying, besides the record {@code except}. */
    int numbersBesides(TenantId tenant, String except) {
        int count = 0;
        for (NumberRecord other : storage(() -> registry.findByTenant(tenant))) {
            if (!other.id().equals(except)
                    && (other.state().isOwned() || other.state().isPending())) {
                count++;
            }
        }
        return count;
    }

    NumberRecord ownedRecord(TenantId tenant, PhoneNumber number) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(number, "number");
        return storage(() -> registry.findOwned(number))
                .filter(record -> record.tenantId().equals(tenant))
                .orElseThrow(() -> Problems.builder(ErrorCode.NUMBER_NOT_OWNED)
                        .tenant(tenant)
                        .build());
    }

    /** The problem a failed verification stands for. */
    static ErrorCode problemOf(VerificationReport report) {
        for (Line line : report.problems()) {
            switch (line.check()) {
                case ACCOUNT_ACTIVE:
                    return ErrorCode.ACCOUNT_SUSPENDED;
                case NUMBER_OWNED:
                    return ErrorCode.NUMBER_NOT_OWNED;
                default:
                    break;
            }
        }
        return ErrorCode.WEBHOOK_NOT_CONFIGURED;
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
