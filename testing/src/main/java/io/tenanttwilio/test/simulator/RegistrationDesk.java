package io.tenanttwilio.test.simulator;

import io.tenanttwilio.test.simulator.RegState.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The review script of carrier registration: what Twilio, The Campaign Registry and the toll-free
 * reviewers decide, and when, on the simulator's {@linkplain TwilioSimulator#clock() clock}.
 *
 * <p>Each submission waits for its review: a customer profile or trust product updated to {@code
 * pending-review}, a brand created or re-submitted, a campaign created or re-submitted, a
 * toll-free verification created or edited. The review falls due {@link #reviewDelay(Duration)}
 * after the submission (at once by default). Until then, a fetch shows the resource in review
 * ({@code in-review}, {@code IN_REVIEW}); once due, it is applied by {@link #settle()}, or by the
 * next request to a registration resource or to {@code Messages.json}, whichever comes first. A
 * review takes the next outcome scripted for its kind (those scripted for the resource's account
 * first), and approves when none is scripted.
 *
 * <pre>{@code
 * RegistrationDesk desk = simulator.registrations().reviewDelay(Duration.ofDays(3));
 * desk.rejectNext(RegistrationKind.BRAND, Rejection.of(30794, "Tax ID does not match"));
 * // … the code under test registers a brand …
 * simulator.clock().advance(Duration.ofDays(3));
 * desk.settle();
 * }</pre>
 *
 * <p>Status changes of brands, campaigns and toll-free verifications are posted to the account's
 * Event Streams webhook sinks subscribed to them, through the same dispatcher and {@link
 * CallbackMode} as status callbacks. Fees are recorded for each brand registered or re-submitted
 * (4.00 USD), each campaign created (15.00 USD of vetting) and each toll-free verification (0).
 * {@link TwilioSimulator#reset()} forgets the script, the delay and the fees.
 *
 * <p>Thread-safe.
 */
public final class RegistrationDesk {

    private final SimulatorEngine engine;

    RegistrationDesk(SimulatorEngine engine) {
        this.engine = engine;
    }

    /**
     * How long reviews take from now on, on the simulator's clock; submissions already waiting
     * keep their due time.
     *
     * @param delay the time from a submission to its decision; {@link Duration#ZERO} (the default)
     *     decides at the next request or {@link #settle()}
     * @return this desk
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public RegistrationDesk reviewDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        engine.write(() -> engine.registrations.reviewDelay(delay));
        return this;
    }

    /** {@return how long reviews take} */
    public Duration reviewDelay() {
        return engine.read(engine.registrations::reviewDelay);
    }

    /**
     * The next review of {@code kind}, of any account, approves.
     *
     * @param kind what is reviewed
     * @return this desk
     */
    public RegistrationDesk approveNext(RegistrationKind kind) {
        return script(kind, null, new Outcome(true, List.of()));
    }

    /**
     * The next review of {@code kind} of account {@code accountSid} approves; it comes before the
     * outcomes scripted for every account.
     *
     * @param kind what is reviewed
     * @param accountSid the account whose submission is reviewed
     * @return this desk
     */
    public RegistrationDesk approveNext(RegistrationKind kind, String accountSid) {
        return script(kind, Objects.requireNonNull(accountSid, "accountSid"), new Outcome(true, List.of()));
    }

    /**
     * The next review of {@code kind}, of any account, rejects for these reasons.
     *
     * @param kind what is reviewed
     * @param reasons why, at least one
     * @return this desk
     * @throws IllegalArgumentException if no reason is given
     */
    public RegistrationDesk rejectNext(RegistrationKind kind, Rejection... reasons) {
        return script(kind, null, rejection(reasons));
    }

    /**
     * The next review of {@code kind} of account {@code accountSid} rejects for these reasons; it
     * comes before the outcomes scripted for every account.
     *
     * @param kind what is reviewed
     * @param accountSid the account whose submission is reviewed
     * @param reasons why, at least one
     * @return this desk
     * @throws IllegalArgumentException if no reason is given
     */
    public RegistrationDesk rejectNext(RegistrationKind kind, String accountSid, Rejection... reasons) {
        return script(kind, Objects.requireNonNull(accountSid, "accountSid"), rejection(reasons));
    }

    private static Outcome rejection(Rejection... reasons) {
        if (reasons.length == 0) {
            throw new IllegalArgumentException("A rejection needs at least one reason");
        }
        return new Outcome(false, List.of(reasons));
    }

    private RegistrationDesk script(RegistrationKind kind, @Nullable String accountSid, Outcome outcome) {
        Objects.requireNonNull(kind, "kind");
        engine.write(() -> engine.registrations.script(kind, accountSid, outcome));
        return this;
    }

    /**
     * Suspends an {@code APPROVED} brand or a {@code VERIFIED} campaign, and posts the event to
     * the account's subscribed sinks. Messages of a suspended campaign's numbers to the US end
     * {@code undelivered} with 30033.
     *
     * @param sid the brand's ({@code BN…}) or campaign's ({@code QE…}) SID
     * @throws IllegalArgumentException if there is no such brand or campaign
     * @throws IllegalStateException if it is not approved, or verified
     */
    public void suspend(String sid) {
        Objects.requireNonNull(sid, "sid");
        List<CallbackDispatcher.Work> emitted = new ArrayList<>();
        engine.write(() -> {
            engine.registrations.applyDue(emitted);
            engine.registrations.suspend(sid, emitted);
        });
        engine.callbacks.enqueue(emitted);
    }

    /**
     * Applies every review due at the clock's current time, and queues the events they cause (see
     * {@link TwilioSimulator#awaitCallbacks(Duration)} and {@link
     * TwilioSimulator#deliverPendingCallbacks()}).
     *
     * @return how many reviews were applied
     */
    public int settle() {
        List<CallbackDispatcher.Work> emitted = new ArrayList<>();
        int applied = engine.read(() -> engine.registrations.applyDue(emitted));
        engine.callbacks.enqueue(emitted);
        return applied;
    }

    /**
     * The status of a registration resource now, as its API shows it (without applying reviews
     * due).
     *
     * @param sid a customer profile's or trust product's ({@code BU…}), brand's ({@code BN…}),
     *     campaign's ({@code QE…}) or toll-free verification's ({@code HH…}) SID
     * @return its status, or empty when there is none (never created, or deleted)
     */
    public Optional<String> status(String sid) {
        return Optional.ofNullable(engine.read(() -> engine.registrations.status(sid)));
    }

    /**
     * The fees recorded for an account.
     *
     * @param accountSid the account
     * @return its fees, oldest first
     */
    public List<Fee> fees(String accountSid) {
        return engine.read(() -> engine.registrations.fees(accountSid));
    }

    /**
     * The brands an account registered, deleted or not, each once however often re-submitted.
     *
     * @param accountSid the account
     * @return the brands' SIDs ({@code BN…}), in order of creation
     */
    public List<String> brands(String accountSid) {
        return engine.read(() -> engine.registrations.brandsCreated(accountSid));
    }

    /**
     * The campaigns an account created, deleted or not.
     *
     * @param accountSid the account
     * @return the campaigns' SIDs ({@code QE…}), in order of creation
     */
    public List<String> campaigns(String accountSid) {
        return engine.read(() -> engine.registrations.campaignsCreated(accountSid));
    }
}
