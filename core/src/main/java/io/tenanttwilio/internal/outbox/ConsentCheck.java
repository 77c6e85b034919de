package io.tenanttwilio.internal.outbox;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.outbox.Consent;
import io.tenanttwilio.outbox.ConsentKind;
import io.tenanttwilio.outbox.ConsentRule;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.OutboxStore;
import java.time.Instant;
import java.util.Optional;

/** The tenant's consent rule, checked when a message is scheduled and again when it leaves. */
final class ConsentCheck {

    private final OutboxStore store;

    ConsentCheck(OutboxStore store) {
        this.store = store;
    }

    /** Refuses ({@code CONSENT_REQUIRED}) a message the rule does not allow at {@code at}. */
    void check(TenantId tenant, PhoneNumber to, ConsentRule rule, Instant at) {
        if (rule == ConsentRule.NOT_CHECKED) {
            return;
        }
        Optional<Consent> consent = Stores.call(tenant, () -> store.findConsent(tenant, to));
        boolean holds = consent.filter(c -> c.holdsAt(at))
                .filter(c -> rule != ConsentRule.EXPRESS_REQUIRED || c.kind() == ConsentKind.EXPRESS)
                .isPresent();
        if (!holds) {
            throw Problems.builder(ErrorCode.CONSENT_REQUIRED).tenant(tenant).build();
        }
    }
}
