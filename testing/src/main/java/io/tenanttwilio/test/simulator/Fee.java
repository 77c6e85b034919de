package io.tenanttwilio.test.simulator;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A registration fee the simulated Twilio recorded: 4.00 USD for each brand registered or
 * re-submitted, 15.00 USD of vetting for each campaign created, 0 for each toll-free
 * verification. Fees are recorded, not taken from the balance.
 *
 * <p>Immutable and thread-safe.
 *
 * @param accountSid the account charged
 * @param kind what was registered: {@link RegistrationKind#BRAND}, {@link
 *     RegistrationKind#CAMPAIGN} or {@link RegistrationKind#TOLL_FREE}
 * @param sid the SID of the brand, campaign or verification
 * @param amount the amount, in USD
 * @param at when (simulator clock)
 */
public record Fee(String accountSid, RegistrationKind kind, String sid, BigDecimal amount, Instant at) {}
