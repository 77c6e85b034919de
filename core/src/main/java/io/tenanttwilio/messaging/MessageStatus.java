package io.tenanttwilio.messaging;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where a message stands. Statuses only move forward: a late {@code sent} never overwrites
 * {@code delivered} ({@link #rank()} orders them).
 */
public enum MessageStatus {
    /** Recorded by the SDK; Twilio has not answered yet. */
    PENDING(-1, false),
    /** Twilio did not confirm the send (a timeout): do not resend blindly. */
    OUTCOME_UNKNOWN(-1, false),
    ACCEPTED(0, false),
    SCHEDULED(0, false),
    QUEUED(1, false),
    SENDING(2, false),
    SENT(3, false),
    RECEIVING(1, false),
    RECEIVED(5, true),
    FAILED(4, true),
    UNDELIVERED(4, true),
    CANCELED(4, true),
    DELIVERED(5, true),
    READ(6, true);

    private final int rank;
    private final boolean terminal;

    MessageStatus(int rank, boolean terminal) {
        this.rank = rank;
        this.terminal = terminal;
    }

    /** The order of statuses: a status may replace another only if its rank is higher. */
    public int rank() {
        return rank;
    }

    /** Whether nothing more is expected of Twilio for this message. */
    public boolean isTerminal() {
        return terminal;
    }

    /** Whether the message failed to reach its recipient. */
    public boolean isFailure() {
        return this == FAILED || this == UNDELIVERED;
    }

    /** The status Twilio calls {@code name} ({@code "delivered"}), or {@code null} if unknown. */
    public static @Nullable MessageStatus fromTwilio(@Nullable String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String upper = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        if (upper.equals("PARTIALLY_DELIVERED")) {
            return SENT;
        }
        for (MessageStatus status : values()) {
            if (status.name().equals(upper) && status != PENDING && status != OUTCOME_UNKNOWN) {
                return status;
            }
        }
        return null;
    }

    /** The name Twilio uses ({@code "delivered"}). */
    public String twilioName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
