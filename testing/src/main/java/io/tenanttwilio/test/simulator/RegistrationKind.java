package io.tenanttwilio.test.simulator;

/**
 * What a review of the {@link RegistrationDesk} is about.
 *
 * <p>Immutable and thread-safe.
 */
public enum RegistrationKind {
    /**
     * A TrustHub customer profile ({@code BU…}): {@code pending-review}, {@code in-review}, then
     * {@code twilio-approved} or {@code twilio-rejected}.
     */
    CUSTOMER_PROFILE,
    /** A TrustHub trust product ({@code BU…}), such as an A2P messaging profile; same statuses. */
    TRUST_PRODUCT,
    /**
     * An A2P brand registration ({@code BN…}): {@code PENDING}, {@code IN_REVIEW}, then {@code
     * APPROVED} or {@code FAILED}.
     */
    BRAND,
    /**
     * A US A2P campaign of a Messaging Service ({@code QE…}): {@code IN_PROGRESS}, then {@code
     * VERIFIED} or {@code FAILED}.
     */
    CAMPAIGN,
    /**
     * A toll-free verification ({@code HH…}): {@code PENDING_REVIEW}, {@code IN_REVIEW}, then {@code
     * TWILIO_APPROVED} or {@code TWILIO_REJECTED}.
     */
    TOLL_FREE
}
