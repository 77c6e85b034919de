package io.tenanttwilio.outbox;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.messaging.SmsRequest;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A message to send later: the message itself, the time it is for (or "as soon as allowed"), the
 * moment after which it is useless (the appointment), and the caller's key for it. Scheduling
 * twice with the same key stores it once, so an application may schedule a day's reminders again
 * after a failure without texting anyone twice.
 *
 * <pre>{@code
 * twilio.outbox().schedule(tenant, ScheduleRequest.builder("appt-8841-reminder",
 *                 SmsRequest.to("(581) 500-6712").body("Rappel : rendez-vous demain à 9 h.").build())
 *         .sendAt(Instant.parse("2026-12-07T14:00:00Z"))
 *         .expiresAt(Instant.parse("2026-12-08T14:00:00Z"))
 *         .build());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ScheduleRequest {

    /** The longest client key, in characters. */
    public static final int MAX_KEY_LENGTH = 200;

    private final String clientKey;
    private final SmsRequest message;
    private final @Nullable Instant sendAt;
    private final @Nullable Instant expiresAt;

    private ScheduleRequest(Builder b) {
        this.clientKey = b.clientKey;
        this.message = b.message;
        this.sendAt = b.sendAt;
        this.expiresAt = b.expiresAt;
    }

    /**
     * Starts a request for {@code message}, sent as soon as allowed unless a time is set.
     *
     * @param clientKey the caller's key for this message, unique within the tenant (an
     *     appointment's id and the reminder's kind); up to {@value #MAX_KEY_LENGTH} characters
     * @param message the message (text only)
     * @return a builder
     */
    public static Builder builder(String clientKey, SmsRequest message) {
        return new Builder(clientKey, message);
    }

    /** {@return the caller's key, unique within the tenant} */
    public String clientKey() {
        return clientKey;
    }

    /** {@return the message} */
    public SmsRequest message() {
        return message;
    }

    /** {@return when it is to be sent; empty: as soon as allowed} */
    public Optional<Instant> sendAt() {
        return Optional.ofNullable(sendAt);
    }

    /** {@return when it stops being useful, after which it is never sent; empty: never} */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    @Override
    public String toString() {
        return "ScheduleRequest[" + clientKey + ", " + message + (sendAt == null ? ", asap" : ", at " + sendAt)
                + (expiresAt == null ? "" : ", expires " + expiresAt) + "]";
    }

    /** Builds a {@link ScheduleRequest}. Not thread-safe. */
    public static final class Builder {
        private final String clientKey;
        private final SmsRequest message;
        private @Nullable Instant sendAt;
        private @Nullable Instant expiresAt;

        private Builder(String clientKey, SmsRequest message) {
            this.clientKey = Objects.requireNonNull(clientKey, "clientKey").strip();
            this.message = Objects.requireNonNull(message, "message");
        }

        /**
         * When to send it; the outbox sends it then, or at the start of the recipient's next
         * allowed window when that time is in their quiet hours.
         *
         * @param sendAt the moment; {@code null}: as soon as allowed
         * @return this builder
         */
        public Builder sendAt(@Nullable Instant sendAt) {
            this.sendAt = sendAt;
            return this;
        }

        /**
         * Sends it as soon as allowed (the default): now, or when the recipient's quiet hours end.
         *
         * @return this builder
         */
        public Builder asSoonAsAllowed() {
            this.sendAt = null;
            return this;
        }

        /**
         * The moment after which the message is useless (the appointment it reminds of): it is
         * not sent after it, and Twilio is told to drop it from its queue by then ({@code
         * ValidityPeriod}).
         *
         * @param expiresAt the moment; {@code null}: never
         * @return this builder
         */
        public Builder expiresAt(@Nullable Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        /**
         * The request.
         *
         * @return the request
         * @throws io.tenanttwilio.TenantTwilioException {@link ErrorCode#INVALID_REQUEST} for a
         *     blank or too long key, a message with media, or an expiry before its time
         */
        public ScheduleRequest build() {
            if (clientKey.isEmpty() || clientKey.length() > MAX_KEY_LENGTH) {
                throw Problems.builder(ErrorCode.INVALID_REQUEST)
                        .detail("outbox.key", MAX_KEY_LENGTH)
                        .build();
            }
            if (!message.media().isEmpty()) {
                throw Problems.builder(ErrorCode.INVALID_REQUEST)
                        .detail("outbox.media")
                        .build();
            }
            if (sendAt != null && expiresAt != null && !expiresAt.isAfter(sendAt)) {
                throw Problems.builder(ErrorCode.INVALID_REQUEST)
                        .detail("outbox.expires-before-send")
                        .build();
            }
            return new ScheduleRequest(this);
        }
    }
}
