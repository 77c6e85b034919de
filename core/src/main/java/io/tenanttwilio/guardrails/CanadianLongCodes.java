package io.tenanttwilio.guardrails;

/**
 * Whether texts from a Canadian long code to Canadian recipients need an A2P registration. Twilio's
 * documents say they do not; some platforms report that numbers bought from 2025-03-26 on need one.
 * Immutable and thread-safe.
 */
public enum CanadianLongCodes {
    /** Twilio's documented rule: Canada to Canada needs no registration (the default). */
    NO_REGISTRATION,
    /** Numbers bought on or after 2025-03-26 need an approved registration even for Canadian recipients. */
    REGISTRATION_FOR_NUMBERS_FROM_2025_03_26
}
