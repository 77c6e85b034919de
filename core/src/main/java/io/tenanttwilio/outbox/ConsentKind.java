package io.tenanttwilio.outbox;

import java.time.Period;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** How a contact consented to receive messages, and for how long that lasts under CASL. */
public enum ConsentKind {
    /** Asked for and given (a form, a signed paper, a keyword): lasts until withdrawn. */
    EXPRESS(null),
    /** Implied by a purchase or a contract (a visit, a treatment): two years from that date. */
    IMPLIED_PURCHASE(Period.ofYears(2)),
    /** Implied by an inquiry or an application: six months from that date. */
    IMPLIED_INQUIRY(Period.ofMonths(6));

    private final @Nullable Period lasts;

    ConsentKind(@Nullable Period lasts) {
        this.lasts = lasts;
    }

    /** {@return how long a consent of this kind lasts from its date; empty: until withdrawn} */
    public Optional<Period> lasts() {
        return Optional.ofNullable(lasts);
    }
}
