package io.tenanttwilio.audit;

/** What an audit event records. Constants may be added in minor releases. */
public enum AuditAction {
    CREDENTIALS_VALIDATED,
    CREDENTIALS_SAVED,
    /** Credentials of the same Twilio account replaced (a new token or API key). */
    CREDENTIALS_ROTATED,
    CREDENTIALS_REMOVED,
    SUBACCOUNT_CREATED,
    SUBACCOUNT_CLOSED,
    NUMBERS_SEARCHED,
    NUMBER_PURCHASE_STARTED,
    NUMBER_PURCHASED,
    NUMBER_CONFIGURED,
    NUMBER_VERIFIED,
    NUMBER_REPAIRED,
    NUMBER_NEEDS_ATTENTION,
    NUMBER_RELEASED,
    NUMBER_PURCHASE_FAILED,
    MESSAGING_SERVICE_LINKED,
    WEBHOOK_REJECTED,
    OPT_OUT_RECORDED,
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
    NUMBER_RELEASED_ELSEWHERE
}
