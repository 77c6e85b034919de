package io.tenanttwilio.guardrails;

/** The calendar periods of SMS quotas, in the tenant's time zone. Immutable and thread-safe. */
public enum QuotaPeriod {
    /** From midnight to midnight. */
    DAY,
    /** From the first of the month at midnight to the first of the next. */
    MONTH
}
