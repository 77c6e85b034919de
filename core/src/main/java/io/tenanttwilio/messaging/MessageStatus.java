package io.tenanttwilio.messaging;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where a message stands: Twilio's message statuses, and two of the SDK's own ({@link #PENDING},
 * {@link #OUTCOME_UNKNOWN}). Statuses only move forward: a late {@code sent} never overwrites
 * {@code delivered} ({@link #rank()} orders them). Immutable and thread-safe.
 */
public enum MessageStatus {
    /** Recorded by the SDK; Twilio has not answered yet. */
    PENDING(-1, false),
    /** Twilio did not confirm the send (a timeout): do not resend blindly. */
    OUTCOME_UNKNOWN(-1, false),
    /** Twilio accepted the request, to send through a Messaging Service. */
    ACCEPTED(0, false),
    /** Twilio will send the message at a scheduled time. */
    SCHEDULED(0, false),
    /** Twilio queued the message for sending. */
    QUEUED(1, false),
    /** Twilio is handing the message to the carrier. */
    SENDING(2, false),
    /** The carrier accepted the message; not yet confirmed delivered. */
    SENT(3, false),
    /** An inbound message is being received (an MMS whose media are still arriving). */
    RECEIVING(1, false),
    /** An inbound message was received. */
    RECEIVED(5, true),
    /** Twilio could not send the message; its error code says why. */
    FAILED(4, true),
    /** The carrier could not deliver the message; its error code says why. */
    UNDELIVERED(4, true),
    /** A scheduled message was canceled before it was sent. */
    CANCELED(4, true),
    /** The carrier confirmed the delivery to the recipient's handset. */
    DELIVERED(5, true),
    /** The recipient read the message (only on channels that report it). */
    READ(6, true);

    private final int rank;
    private final boolean terminal;

    MessageStatus(int rank, boolean terminal) {
        this.rank = rank;
        this.terminal = terminal;
    }

    /** {@return the order of statuses: a status may replace another only if its rank is higher} */
    public int rank() {
        return rank;
    }

    /** {@return whether nothing more is expected of Twilio for this message} */
    public boolean isTerminal() {
        return terminal;
    }

    /**
     * {@return whether the message failed to reach its recipient ({@link #FAILED}, {@link
     * #UNDELIVERED})}
     */
    public boolean isFailure() {
        return this == FAILED || this == UNDELIVERED;
    }

    /**
     * The status Twilio calls {@code name} ({@code "delivered"}), in any case; Twilio's {@code
     * partially_delivered} is {@link #SENT}. Never {@link #PENDING} or {@link #OUTCOME_UNKNOWN}.
     *
     * @param name the status as Twilio spells it
     * @return the status; {@code null} when {@code name} is {@code null}, blank or unknown
     */
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

    /** {@return the name Twilio uses ({@code "delivered"})} */
    public String twilioName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
