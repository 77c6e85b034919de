package io.tenanttwilio.registration;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.phone.PhoneNumber;
import java.util.List;
import java.util.Optional;

/**
 * Carrier registration, self-service per tenant, with the tenant's own Twilio credentials (its
 * subaccount or connected account): A2P 10DLC for US-bound texts from local numbers, toll-free
 * verification for toll-free numbers, and the check every send makes first. Reached with {@code
 * TenantTwilio.registration()}.
 *
 * <p>Registration is a saga like a purchase: each step is stored before Twilio is called, a
 * second call (or a second instance) never creates a second brand or campaign (each is charged
 * for), a registration cut short is carried on by the next call or the scheduled job, and every
 * step is audited with Twilio's request id. Twilio's reviews take days: the job polls pending
 * registrations (backing off) and Twilio's status events, received by the webhook module, bring
 * changes at once; each change raises an alert.
 *
 * <p>Errors are {@link io.tenanttwilio.TenantTwilioException}s with a translated message; a form
 * with refused fields is an {@link InvalidRegistrationException} naming each, and nothing was sent
 * to Twilio. Thread-safe.
 */
public interface CarrierRegistration {

    /**
     * Starts the tenant's A2P 10DLC registration, carries it on where it stands, or submits it
     * again with corrected details after a rejection. Returns when Twilio has what it needs for
     * now (the reviews come later).
     *
     * @param request the tenant, its business and its campaign
     * @return the registration as it stands
     * @throws io.tenanttwilio.TenantTwilioException {@code REGISTRATION_IN_PROGRESS} while
     *     another call carries it on; Twilio's errors, translated, with the registration stored so
     *     that a retry carries on
     */
    Registration register(RegistrationRequest request);

    /**
     * The tenant's registration, as last stored.
     *
     * @param tenant the tenant
     * @return the registration, if one was started
     */
    Optional<Registration> registration(TenantId tenant);

    /**
     * Asks Twilio now how the tenant's registration and toll-free verifications stand, and carries
     * the registration on when a review ended (the campaign is submitted once the brand is
     * approved). Changes raise alerts.
     *
     * @param tenant the tenant
     * @return the registration as it stands, if one was started
     */
    Optional<Registration> refresh(TenantId tenant);

    /**
     * Submits a toll-free number's verification, or corrects a rejected one while Twilio allows
     * edits.
     *
     * @param request the number and what to submit
     * @return the verification as it stands
     */
    TollFreeVerification verifyTollFree(TollFreeRequest request);

    /**
     * A toll-free number's verification, as last stored.
     *
     * @param tenant the tenant
     * @param number the toll-free number
     * @return the verification, if one was submitted
     */
    Optional<TollFreeVerification> tollFreeVerification(TenantId tenant, PhoneNumber number);

    /**
     * The tenant's toll-free verifications, by number.
     *
     * @param tenant the tenant
     * @return the verifications
     */
    List<TollFreeVerification> tollFreeVerifications(TenantId tenant);

    /**
     * Whether {@code from} may text {@code to} as things stand: US-bound texts from a long code
     * need an approved A2P campaign with the number in its service; texts to the US or Canada from
     * a toll-free number need its verification approved; Canadian long codes to Canadian
     * recipients need nothing (unless the tenant's policy says otherwise for numbers bought from
     * 2025-03-26 on). Every send asks this first and, under the tenant's policy, refuses (the
     * default) or warns.
     *
     * @param tenant the tenant
     * @param from the sending number
     * @param to the recipient
     * @return the answer, with what to do when refused
     */
    SendCheck check(TenantId tenant, PhoneNumber from, PhoneNumber to);
}
