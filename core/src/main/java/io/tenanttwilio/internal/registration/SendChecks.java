package io.tenanttwilio.internal.registration;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.guardrails.CanadianLongCodes;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.registration.Registration;
import io.tenanttwilio.registration.SendCheck;
import io.tenanttwilio.registration.TollFreeVerification;
import io.tenanttwilio.spi.NumberRegistry;
import io.tenanttwilio.spi.RegistrationStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * "Can this number text this recipient?": the carriers' rules on what the tenant's registration
 * and verifications say, read through a short cache (every send asks) that a change of status on
 * this instance empties at once.
 */
final class SendChecks {

    static final LocalDate CANADIAN_RULE_DATE = LocalDate.of(2025, 3, 26);
    private static final Duration TTL = Duration.ofSeconds(30);
    private static final int MAX_TENANTS = 10_000;

    /** What a tenant's registration and verifications say, as read. */
    private record Snapshot(
            Optional<Registration.State> state, Map<PhoneNumber, TollFreeVerification.Status> tollFree, long readAt) {}

    private final RegistrationStore store;
    private final NumberRegistry registry;
    private final LongSupplier nanos;
    private final Map<TenantId, Snapshot> cache = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<TenantId, Snapshot> eldest) {
            return size() > MAX_TENANTS;
        }
    };

    SendChecks(RegistrationStore store, NumberRegistry registry, LongSupplier nanos) {
        this.store = store;
        this.registry = registry;
        this.nanos = nanos;
    }

    SendCheck check(TenantId tenant, PhoneNumber from, PhoneNumber to, TenantPolicy policy) {
        String toRegion = (to.countryCode() == 1 ? to.regionCode() : "");
        if (!toRegion.equals("US") && !toRegion.equals("CA")) {
            return SendCheck.allowed();
        }
        if (from.countryCode() != 1) {
            return SendCheck.allowed();
        }
        if (from.isNorthAmericanTollFree()) {
            TollFreeVerification.Status status = snapshot(tenant).tollFree().get(from);
            if (status == TollFreeVerification.Status.TWILIO_APPROVED) {
                return SendCheck.allowed();
            }
            return SendCheck.refused(
                    SendCheck.Verdict.TOLL_FREE_VERIFICATION_REQUIRED, status != null && status.isPending());
        }
        boolean needed = toRegion.equals("US")
                || (policy.canadianLongCodes() == CanadianLongCodes.REGISTRATION_FOR_NUMBERS_FROM_2025_03_26
                        && (from.countryCode() == 1 ? from.regionCode() : "").equals("CA")
                        && boughtOnOrAfterRule(tenant, from));
        if (!needed) {
            return SendCheck.allowed();
        }
        Optional<Registration.State> state = snapshot(tenant).state();
        if (state.filter(s -> s == Registration.State.APPROVED).isPresent()) {
            return SendCheck.allowed();
        }
        return SendCheck.refused(
                SendCheck.Verdict.REGISTRATION_REQUIRED,
                state.map(Registration.State::isPending).orElse(false));
    }

    private boolean boughtOnOrAfterRule(TenantId tenant, PhoneNumber from) {
        Optional<NumberRecord> record = Stores.call(tenant, () -> registry.findOwned(from))
                .filter(r -> r.tenantId().equals(tenant));
        Instant since = CANADIAN_RULE_DATE.atStartOfDay(ZoneOffset.UTC).toInstant();
        // A number the SDK did not buy has no known date: the stricter reading applies.
        return record.map(r -> !r.createdAt().isBefore(since)).orElse(true);
    }

    private Snapshot snapshot(TenantId tenant) {
        long now = nanos.getAsLong();
        synchronized (cache) {
            Snapshot known = cache.get(tenant);
            if (known != null && now - known.readAt() < TTL.toNanos()) {
                return known;
            }
        }
        Optional<Registration.State> state =
                Stores.call(tenant, () -> store.find(tenant)).map(Registration::state);
        List<TollFreeVerification> verifications = Stores.call(tenant, () -> store.tollFree(tenant));
        Map<PhoneNumber, TollFreeVerification.Status> tollFree = new HashMap<>();
        for (TollFreeVerification verification : verifications) {
            tollFree.put(verification.phoneNumber(), verification.status());
        }
        Snapshot read = new Snapshot(state, Map.copyOf(tollFree), now);
        synchronized (cache) {
            cache.put(tenant, read);
        }
        return read;
    }

    void forget(TenantId tenant) {
        synchronized (cache) {
            cache.remove(tenant);
        }
    }
}
