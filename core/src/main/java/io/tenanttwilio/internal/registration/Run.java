package io.tenanttwilio.internal.registration;

import com.twilio.http.TwilioRestClient;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.registration.Registration;
import io.tenanttwilio.spi.RegistrationStore;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One pass of the saga over a registration it holds the lease of: each change is stored at once
 * (compare-and-set), extending the lease, so that a crash loses nothing and no other instance
 * carries the same registration on meanwhile.
 */
final class Run {

    static final Duration LEASE = Duration.ofMinutes(2);

    private final RegistrationStore store;
    private final Clock clock;
    final TwilioRestClient client;
    final @Nullable String actor;
    private Registration current;

    Run(RegistrationStore store, Clock clock, TwilioRestClient client, @Nullable String actor, Registration held) {
        this.store = store;
        this.clock = clock;
        this.client = client;
        this.actor = actor;
        this.current = held;
    }

    Registration current() {
        return current;
    }

    TenantId tenant() {
        return current.tenantId();
    }

    String accountSid() {
        return current.accountSid();
    }

    /** Stores a change; the lease is extended. Another instance's change first means this pass stops. */
    Registration save(Consumer<Registration.Builder> change) {
        Registration.Builder next = current.toBuilder()
                .updatedAt(clock.instant())
                .leaseUntil(clock.instant().plus(LEASE));
        change.accept(next);
        Registration before = current;
        Registration built = next.build();
        current = Stores.call(before.tenantId(), () -> store.update(before, built))
                .orElseThrow(() -> Problems.builder(ErrorCode.REGISTRATION_IN_PROGRESS)
                        .tenant(before.tenantId())
                        .build());
        return current;
    }
}
