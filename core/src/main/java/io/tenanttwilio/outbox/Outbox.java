package io.tenanttwilio.outbox;

import io.tenanttwilio.Page;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.phone.PhoneNumber;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Messages scheduled for later (appointment reminders), kept in the store and sent by the
 * dispatcher of whichever instance is free. Reached with {@code TenantTwilio.outbox()}.
 *
 * <pre>{@code
 * Outbox outbox = twilio.outbox();
 * outbox.schedule(tenant, ScheduleRequest.builder("appt-8841",
 *                 SmsRequest.to("+15815006712").body("Rappel : rendez-vous demain à 9 h.").build())
 *         .sendAt(Instant.parse("2026-12-07T14:00:00Z"))
 *         .expiresAt(Instant.parse("2026-12-08T14:00:00Z"))
 *         .build());
 * outbox.dispatcher().start(); // once per instance; the Spring Boot starter does it
 * }</pre>
 *
 * <p>What the outbox guarantees:
 *
 * <ul>
 *   <li>A message is stored once per client key and sent at most once, across instances and
 *       crashes: a message whose instance died while sending is looked up at Twilio before
 *       anything is sent again.
 *   <li>It leaves no earlier than its time, never in the recipient's quiet hours (the tenant's
 *       {@link QuietHours}, in the recipient's zone from the number), never after it expired, and
 *       never without the consent the tenant's {@link ConsentRule} asks for.
 *   <li>Each sending number keeps the carriers' pace (one segment per second for a long code,
 *       more for toll-free numbers, short codes and Messaging Services), each account stays under
 *       its share of Twilio's concurrent requests and backs off when Twilio answers 429, and every
 *       tenant with something due gets its turn: one tenant's large batch does not hold back
 *       another's single reminder.
 *   <li>Everything the send path checks still applies when the message leaves (opt-out,
 *       registration, quota); a refusal is recorded on the message with its reason.
 * </ul>
 *
 * <p>Thread-safe.
 */
public interface Outbox {

    /**
     * Schedules a message, or returns the one already scheduled with the same client key (in
     * whatever state it is, and without comparing their contents).
     *
     * @param tenant the tenant
     * @param request the message and its time
     * @return the message as stored
     * @throws io.tenanttwilio.TenantTwilioException {@code INVALID_PHONE_NUMBER} for a recipient
     *     that is not a number (or not a mobile one, where that can be told), {@code
     *     INVALID_REQUEST} for a time in the past or more than 35 days ahead, {@code
     *     QUIET_HOURS} for a time in the recipient's quiet hours when the tenant's policy refuses
     *     them, {@code CONSENT_REQUIRED} when the policy asks for a consent the contact has not
     *     given, {@code NO_SENDER} when the tenant has no number to send from; nothing is stored
     */
    ScheduledMessage schedule(TenantId tenant, ScheduleRequest request);

    /**
     * Schedules several messages (a day's reminders): each one as {@link #schedule} would, the
     * valid ones stored even when others are refused.
     *
     * @param tenant the tenant
     * @param requests the messages, at most {@value ScheduleBatch#MAX_SIZE}
     * @return what became of each, in the order given
     * @throws io.tenanttwilio.TenantTwilioException {@code INVALID_REQUEST} for an empty or too
     *     large batch, or two requests with the same client key; nothing is stored
     */
    ScheduleBatch scheduleAll(TenantId tenant, List<ScheduleRequest> requests);

    /**
     * Cancels a message that has not started to leave.
     *
     * @param tenant the tenant
     * @param clientKey its client key
     * @return the cancelled message (or the one already cancelled)
     * @throws io.tenanttwilio.TenantTwilioException {@code NOT_FOUND} for no such message, {@code
     *     ALREADY_DISPATCHED} when it is being sent or was sent (the error says which)
     */
    ScheduledMessage cancel(TenantId tenant, String clientKey);

    /**
     * Moves a message that has not started to leave to another time (its expiry stays).
     *
     * @param tenant the tenant
     * @param clientKey its client key
     * @param sendAt the new time; {@code null}: as soon as allowed
     * @return the message as rescheduled
     * @throws io.tenanttwilio.TenantTwilioException as {@link #cancel} and {@link #schedule} do
     */
    ScheduledMessage reschedule(TenantId tenant, String clientKey, Instant sendAt);

    /**
     * The message with this client key.
     *
     * @param tenant the tenant
     * @param clientKey its client key
     * @return the message, if scheduled
     */
    Optional<ScheduledMessage> find(TenantId tenant, String clientKey);

    /**
     * The tenant's messages, by their time (the latest first), a page at a time.
     *
     * @param tenant the tenant
     * @param query which messages, and after which cursor
     * @return a page
     */
    Page<ScheduledMessage> list(TenantId tenant, OutboxQuery query);

    /**
     * How much the tenant has waiting, and whether it will leave in time.
     *
     * @param tenant the tenant
     * @return the tenant's backlog
     */
    OutboxBacklog backlog(TenantId tenant);

    /**
     * Records a contact's consent (or its withdrawal), replacing the one recorded before.
     *
     * @param consent the consent
     */
    void recordConsent(Consent consent);

    /**
     * The contact's consent, as last recorded.
     *
     * @param tenant the tenant
     * @param number the contact's number
     * @return the consent, if one was recorded
     */
    Optional<Consent> consent(TenantId tenant, PhoneNumber number);

    /**
     * The dispatcher of this instance: start it once per instance that should send (the Spring
     * Boot starter does), or drive it step by step in tests.
     *
     * @return the dispatcher
     */
    OutboxDispatcher dispatcher();
}
