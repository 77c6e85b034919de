package io.tenanttwilio.internal.outbox;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.outbox.OutboxSettings;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.NumberRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Which of a tenant's numbers a scheduled message leaves from, and at what pace each sender sends. */
public final class Senders {

    private final NumberRegistry registry;
    private final OutboxSettings settings;

    public Senders(NumberRegistry registry, OutboxSettings settings) {
        this.registry = registry;
        this.settings = settings;
    }

    /**
     * The number a message to {@code to} leaves from: the one asked for (if the tenant has it),
     * else one of the tenant's working numbers, always the same for the same recipient so that a
     * patient hears from one number and the tenant's numbers share the load.
     */
    PhoneNumber choose(TenantId tenant, PhoneNumber to, @Nullable PhoneNumber requested) {
        List<PhoneNumber> usable = new ArrayList<>();
        for (NumberRecord record : Stores.call(tenant, () -> registry.findByTenant(tenant))) {
            if (record.phoneNumber().isPresent()
                    && (record.state() == NumberState.ACTIVE
                            || record.state() == NumberState.NEEDS_ATTENTION
                            || record.state() == NumberState.CONFIGURED)) {
                usable.add(record.phoneNumber().get());
            }
        }
        if (requested != null) {
            if (!usable.contains(requested)) {
                throw Problems.builder(ErrorCode.NO_SENDER).tenant(tenant).build();
            }
            return requested;
        }
        if (usable.isEmpty()) {
            throw Problems.builder(ErrorCode.NO_SENDER).tenant(tenant).build();
        }
        usable.sort(Comparator.comparing(PhoneNumber::e164));
        return usable.get(Math.floorMod(to.e164().hashCode(), usable.size()));
    }

    /** The pace of all the tenant's working numbers together, in segments per second. */
    double totalRate(TenantId tenant) {
        double total = 0;
        for (NumberRecord record : Stores.call(tenant, () -> registry.findByTenant(tenant))) {
            if (record.phoneNumber().isPresent()
                    && (record.state() == NumberState.ACTIVE
                            || record.state() == NumberState.NEEDS_ATTENTION
                            || record.state() == NumberState.CONFIGURED)) {
                total += rate(record.phoneNumber().get().e164());
            }
        }
        return total;
    }

    /** Segments per second of a sender key: a Messaging Service's SID or a number in E.164. */
    double rate(String sender) {
        if (sender.startsWith("MG")) {
            return settings.messagingServiceRate();
        }
        if (!sender.startsWith("+1")) {
            return settings.internationalRate();
        }
        try {
            return PhoneNumber.ofE164(sender).isNorthAmericanTollFree()
                    ? settings.tollFreeRate()
                    : settings.longCodeRate();
        } catch (RuntimeException e) {
            return settings.longCodeRate();
        }
    }
}
