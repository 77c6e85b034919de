package io.tenanttwilio;

import java.util.Locale;

/**
 * What went wrong, in terms of the product rather than of Twilio's HTTP API.
 *
 * <p>Every code has a translated message that says what happened and what to do (English and
 * French are bundled; see {@link TenantTwilioException#userMessage(Locale)}). Where a Twilio error
 * caused it, the exception also carries Twilio's own code and request id.
 *
 * <p>Constants may be added in minor releases; a {@code switch} over them needs a default branch.
 * Immutable and thread-safe.
 */
public enum ErrorCode {
    /** The Account SID, auth token or API key was refused by Twilio. */
    INVALID_CREDENTIALS(false),
    /** A SID or secret does not have the shape Twilio gives it; nothing was sent to Twilio. */
    INVALID_CREDENTIALS_FORMAT(false),
    /** The Twilio account is suspended. */
    ACCOUNT_SUSPENDED(false),
    /** The Twilio account is closed. */
    ACCOUNT_CLOSED(false),
    /** A trial account may not do this (a second number, an unverified recipient). */
    TRIAL_RESTRICTION(false),
    /** The Twilio account has no funds left for this. */
    INSUFFICIENT_FUNDS(false),
    /** The phone number chosen can no longer be bought. */
    NUMBER_NOT_AVAILABLE(false),
    /** No available number matches the search or the area code. */
    NO_NUMBERS_FOUND(false),
    /** The number requires an address or a regulatory bundle that the account does not have. */
    REGULATORY_REQUIREMENT(false),
    /** The number does not belong to this tenant (or no longer exists at Twilio). */
    NUMBER_NOT_OWNED(false),
    /** What was entered is not a valid phone number. */
    INVALID_PHONE_NUMBER(false),
    /** The recipient replied STOP (or an equivalent) and must not be messaged. */
    RECIPIENT_OPTED_OUT(false),
    /** The recipient cannot receive SMS (not a mobile, not reachable, blocked by the carrier). */
    RECIPIENT_UNREACHABLE(false),
    /** The account may not send to the recipient's country (Twilio geographic permissions). */
    GEO_PERMISSION_DENIED(false),
    /** The message itself was refused (empty, too long, bad media). */
    INVALID_MESSAGE(false),
    /** The tenant has no number (or Messaging Service) to send from. */
    NO_SENDER(false),
    /** The tenant's SMS quota for the period is used up. */
    QUOTA_EXCEEDED(false),
    /** The tenant reached its limit of purchases or of numbers. */
    PURCHASE_LIMIT_REACHED(false),
    /** Twilio asked us to slow down and the retries ran out. */
    RATE_LIMITED(true),
    /** Twilio could not be reached or answered with a server error. */
    TWILIO_UNAVAILABLE(true),
    /**
     * The request may or may not have taken effect at Twilio (for example a timeout after a send or
     * a purchase was written); it was not retried blindly.
     */
    OUTCOME_UNKNOWN(false),
    /** Twilio refused the request for a reason without a more specific code. */
    TWILIO_ERROR(false),
    /** The number's SMS webhook is not (or no longer) set up as this SDK configured it. */
    WEBHOOK_NOT_CONFIGURED(false),
    /** A webhook request did not carry a valid Twilio signature. */
    WEBHOOK_SIGNATURE_INVALID(false),
    /** No tenant is known under this id (no credentials stored). */
    UNKNOWN_TENANT(false),
    /** The tenant id is blank, too long or contains control characters. */
    INVALID_TENANT_ID(false),
    /** No tenant is set for the current request or job. */
    NO_CURRENT_TENANT(false),
    /** The same idempotency key was used for a different request. */
    IDEMPOTENCY_CONFLICT(false),
    /**
     * A purchase with the same idempotency key is being carried out by another call (a second
     * click, another instance); it was not started again. Retry later to get its result.
     */
    PURCHASE_IN_PROGRESS(true),
    /**
     * A US-bound text from a long code whose tenant has no approved A2P 10DLC campaign (or whose
     * number is not in the campaign's service): the carriers would block it (Twilio error 30034).
     */
    REGISTRATION_REQUIRED(false),
    /** A text to the US or Canada from a toll-free number that is not verified (Twilio error 30032). */
    TOLL_FREE_VERIFICATION_REQUIRED(false),
    /**
     * The tenant's registration is being carried on by another call or instance; it was not
     * started twice. Retry later to see where it stands.
     */
    REGISTRATION_IN_PROGRESS(true),
    /** A request to the SDK had a missing or malformed value. */
    INVALID_REQUEST(false),
    /** What the request names (a scheduled message, a contact) does not exist for this tenant. */
    NOT_FOUND(false),
    /**
     * The message's time is in the recipient's quiet hours (their local time) and the tenant's
     * policy refuses such messages rather than holding them until morning.
     */
    QUIET_HOURS(false),
    /** The tenant's policy requires a consent the contact has not given, or that expired or was withdrawn. */
    CONSENT_REQUIRED(false),
    /** A scheduled message could not leave before it expired (its appointment passed): it was not sent. */
    MESSAGE_EXPIRED(false),
    /** A scheduled message is being sent or was sent: it can no longer be cancelled or moved. */
    ALREADY_DISPATCHED(false),
    /** The store (database) could not be reached or failed. */
    STORAGE_UNAVAILABLE(true),
    /** The SDK is misconfigured (a missing setting, an unusable key). */
    CONFIGURATION_ERROR(false);

    private final boolean retryable;

    ErrorCode(boolean retryable) {
        this.retryable = retryable;
    }

    /**
     * {@return whether the same call may succeed if tried again later, unchanged} {@link
     * #OUTCOME_UNKNOWN} is not retryable: look the outcome up instead.
     */
    public boolean isRetryable() {
        return retryable;
    }
}
