package io.tenanttwilio.outbox;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.phone.PhoneNumber;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A contact's consent to receive a tenant's messages: its kind, where it was given (a form, the
 * front desk, a keyword), when, and until when it holds. An implied consent expires as CASL says
 * (two years after a purchase, six months after an inquiry) unless an earlier expiry is given; a
 * withdrawn consent no longer holds.
 *
 * <pre>{@code
 * twilio.outbox().recordConsent(Consent.builder(tenant, PhoneNumber.ofE164("+15815006712"))
 *         .kind(ConsentKind.EXPRESS)
 *         .source("intake form 2026-11-03")
 *         .givenAt(Instant.parse("2026-11-03T14:00:00Z"))
 *         .build());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Consent {

    private final TenantId tenantId;
    private final PhoneNumber phoneNumber;
    private final ConsentKind kind;
    private final String source;
    private final Instant givenAt;
    private final @Nullable Instant expiresAt;
    private final @Nullable Instant withdrawnAt;

    private Consent(Builder b) {
        this.tenantId = b.tenantId;
        this.phoneNumber = b.phoneNumber;
        this.kind = b.kind;
        this.source = b.source;
        this.givenAt = Objects.requireNonNull(b.givenAt, "givenAt");
        Instant byLaw = b.kind.lasts()
                .map(period -> givenAt.atOffset(ZoneOffset.UTC).plus(period).toInstant())
                .orElse(null);
        this.expiresAt =
                b.expiresAt == null ? byLaw : byLaw == null || b.expiresAt.isBefore(byLaw) ? b.expiresAt : byLaw;
        this.withdrawnAt = b.withdrawnAt;
    }

    /**
     * Starts a consent of {@code phoneNumber} to the messages of {@code tenant}.
     *
     * @param tenant the tenant
     * @param phoneNumber the contact's number
     * @return a builder
     */
    public static Builder builder(TenantId tenant, PhoneNumber phoneNumber) {
        return new Builder(tenant, phoneNumber);
    }

    /** {@return a builder holding this consent's values} */
    public Builder toBuilder() {
        Builder b = new Builder(tenantId, phoneNumber);
        b.kind = kind;
        b.source = source;
        b.givenAt = givenAt;
        b.expiresAt = expiresAt;
        b.withdrawnAt = withdrawnAt;
        return b;
    }

    /** {@return the tenant} */
    public TenantId tenantId() {
        return tenantId;
    }

    /** {@return the contact's number} */
    public PhoneNumber phoneNumber() {
        return phoneNumber;
    }

    /** {@return the kind of consent} */
    public ConsentKind kind() {
        return kind;
    }

    /** {@return where it was given, as the tenant wrote it} */
    public String source() {
        return source;
    }

    /** {@return when it was given (for an implied consent: the purchase or the inquiry)} */
    public Instant givenAt() {
        return givenAt;
    }

    /** {@return until when it holds; empty: until withdrawn} */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /** {@return when it was withdrawn; empty: it was not} */
    public Optional<Instant> withdrawnAt() {
        return Optional.ofNullable(withdrawnAt);
    }

    /**
     * Whether the consent holds at {@code at}: given by then, neither expired nor withdrawn.
     *
     * @param at the moment
     * @return whether it holds
     */
    public boolean holdsAt(Instant at) {
        return !givenAt.isAfter(at)
                && (expiresAt == null || at.isBefore(expiresAt))
                && (withdrawnAt == null || at.isBefore(withdrawnAt));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Consent that
                && tenantId.equals(that.tenantId)
                && phoneNumber.equals(that.phoneNumber)
                && kind == that.kind
                && source.equals(that.source)
                && givenAt.equals(that.givenAt)
                && Objects.equals(expiresAt, that.expiresAt)
                && Objects.equals(withdrawnAt, that.withdrawnAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenantId, phoneNumber, kind, givenAt);
    }

    @Override
    public String toString() {
        return "Consent[" + tenantId + ", " + phoneNumber.masked() + ", " + kind + ", given " + givenAt
                + (expiresAt == null ? "" : ", expires " + expiresAt)
                + (withdrawnAt == null ? "" : ", withdrawn " + withdrawnAt) + "]";
    }

    /** Builds a {@link Consent}. Not thread-safe. */
    public static final class Builder {
        private final TenantId tenantId;
        private final PhoneNumber phoneNumber;
        private ConsentKind kind = ConsentKind.EXPRESS;
        private String source = "";
        private @Nullable Instant givenAt;
        private @Nullable Instant expiresAt;
        private @Nullable Instant withdrawnAt;

        private Builder(TenantId tenantId, PhoneNumber phoneNumber) {
            this.tenantId = Objects.requireNonNull(tenantId, "tenant");
            this.phoneNumber = Objects.requireNonNull(phoneNumber, "phoneNumber");
        }

        /**
         * The kind of consent ({@link ConsentKind#EXPRESS} unless set).
         *
         * @param kind the kind
         * @return this builder
         */
        public Builder kind(ConsentKind kind) {
            this.kind = Objects.requireNonNull(kind, "kind");
            return this;
        }

        /**
         * Where the consent was given, for the record (up to 200 characters).
         *
         * @param source a form, a conversation, a keyword
         * @return this builder
         */
        public Builder source(String source) {
            this.source = Objects.requireNonNull(source, "source").strip();
            return this;
        }

        /**
         * When it was given (required).
         *
         * @param givenAt the moment
         * @return this builder
         */
        public Builder givenAt(Instant givenAt) {
            this.givenAt = Objects.requireNonNull(givenAt, "givenAt");
            return this;
        }

        /**
         * An expiry earlier than the law's (an implied consent cannot be given a later one).
         *
         * @param expiresAt the moment it stops holding; {@code null}: the law's
         * @return this builder
         */
        public Builder expiresAt(@Nullable Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        /**
         * When it was withdrawn.
         *
         * @param withdrawnAt the moment; {@code null}: not withdrawn
         * @return this builder
         */
        public Builder withdrawnAt(@Nullable Instant withdrawnAt) {
            this.withdrawnAt = withdrawnAt;
            return this;
        }

        /**
         * The consent.
         *
         * @return the consent
         * @throws io.tenanttwilio.TenantTwilioException {@link ErrorCode#INVALID_REQUEST} without
         *     its date, or with a source over 200 characters
         */
        public Consent build() {
            if (givenAt == null) {
                throw Problems.builder(ErrorCode.INVALID_REQUEST)
                        .tenant(tenantId)
                        .detail("consent.date-missing")
                        .build();
            }
            if (source.length() > 200) {
                throw Problems.builder(ErrorCode.INVALID_REQUEST)
                        .tenant(tenantId)
                        .detail("consent.source-too-long", 200)
                        .build();
            }
            return new Consent(this);
        }
    }
}
