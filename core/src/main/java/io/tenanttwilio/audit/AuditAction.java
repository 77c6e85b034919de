package io.tenanttwilio.audit;

/**
 * What an audit event records. Constants may be added in minor releases. Immutable and
 * thread-safe.
 */
public enum AuditAction {
    /** Credentials were checked with Twilio before being saved. */
    CREDENTIALS_VALIDATED,
    /** A tenant's credentials were saved (a first time, or for another Twilio account). */
    CREDENTIALS_SAVED,
    /** Credentials of the same Twilio account replaced (a new token or API key). */
    CREDENTIALS_ROTATED,
    /** A tenant's credentials were removed (refused while the tenant still owns numbers). */
    CREDENTIALS_REMOVED,
    /** A Twilio subaccount was created for a tenant (managed mode). */
    SUBACCOUNT_CREATED,
    /** A tenant's Twilio subaccount was closed and its credentials removed (managed mode). */
    SUBACCOUNT_CLOSED,
    /** Numbers for sale were searched. */
    NUMBERS_SEARCHED,
    /** A purchase was claimed and is under way; nothing was bought yet. */
    NUMBER_PURCHASE_STARTED,
    /** Twilio sold the number to the tenant's account. */
    NUMBER_PURCHASED,
    /** The number's webhooks were written at Twilio. */
    NUMBER_CONFIGURED,
    /** The number's setup at Twilio was read back and found as expected; the number is active. */
    NUMBER_VERIFIED,
    /** A number's drifted setup was written back at Twilio and verified again. */
    NUMBER_REPAIRED,
    /** A number could not be configured or verified and waits for someone to look at it. */
    NUMBER_NEEDS_ATTENTION,
    /** A number was released to Twilio. */
    NUMBER_RELEASED,
    /** A purchase failed, or its outcome at Twilio could not be known. */
    NUMBER_PURCHASE_FAILED,
    /** A Messaging Service was linked to a tenant, so that its numbers' messages are routed to it. */
    MESSAGING_SERVICE_LINKED,
    /** A webhook was refused (403): unknown route, account or number mismatch, or bad signature. */
    WEBHOOK_REJECTED,
    /** A contact opted out (STOP) of a sender's messages. */
    OPT_OUT_RECORDED,
    /** A contact opted in again (START) to a sender's messages. */
    OPT_IN_RECORDED,
    /** The tenant's policy (quotas, purchase limits) changed. */
    POLICY_CHANGED,
    /** An urgent message went past the SMS quota, as the application asked. */
    QUOTA_OVERRIDDEN,
    /** A purchase refused by a purchase limit or the spend cap; nothing was bought. */
    NUMBER_PURCHASE_REFUSED,
    /** The health check found a number's setup changed at Twilio. */
    NUMBER_DRIFT_DETECTED,
    /** The health check found a number gone from the tenant's Twilio account. */
    NUMBER_RELEASED_ELSEWHERE,
    /** A carrier registration was started for the tenant. */
    REGISTRATION_STARTED,
    /** A step of a carrier registration was carried out at Twilio (details: step, sid). */
    REGISTRATION_STEP,
    /** A step of a carrier registration failed at Twilio (details: step). */
    REGISTRATION_STEP_FAILED,
    /** A registration's status changed at Twilio (details: step, from, to). */
    REGISTRATION_STATUS_CHANGED,
    /** A toll-free verification was submitted or corrected. */
    TOLL_FREE_SUBMITTED,
    /** A toll-free verification's status changed at Twilio. */
    TOLL_FREE_STATUS_CHANGED,
    /** A text was sent although the carriers would block it for want of registration, as the policy allows. */
    UNREGISTERED_SEND
}
