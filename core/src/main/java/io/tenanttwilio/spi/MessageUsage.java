package io.tenanttwilio.spi;

import io.tenanttwilio.messaging.MessageDirection;
import io.tenanttwilio.messaging.MessageStatus;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's messages over a period, as its {@link ConversationStore} counts them: what came in,
 * what went out, how it ended, and what Twilio charged per message so far.
 *
 * @param received inbound messages
 * @param receivedSegments their segments (as Twilio reported them)
 * @param sent outbound messages Twilio accepted (those with a Twilio SID)
 * @param sentSegments their segments
 * @param delivered outbound messages delivered (or read)
 * @param failed outbound messages that failed or were undelivered, including those Twilio refused
 * @param failuresByErrorCode {@code failed} by Twilio error code ({@code 0} when there was none)
 * @param cost what Twilio charged for the outbound messages priced so far (a positive amount)
 * @param awaitingPrice outbound messages Twilio accepted whose price is not known yet
 */
public record MessageUsage(
        long received,
        long receivedSegments,
        long sent,
        long sentSegments,
        long delivered,
        long failed,
        Map<Integer, Long> failuresByErrorCode,
        BigDecimal cost,
        long awaitingPrice) {

    /** Nothing at all. */
    public static final MessageUsage NONE = new MessageUsage(0, 0, 0, 0, 0, 0, Map.of(), BigDecimal.ZERO, 0);

    public MessageUsage {
        failuresByErrorCode = Map.copyOf(failuresByErrorCode);
        Objects.requireNonNull(cost, "cost");
    }

    /** Starts adding up messages. */
    public static Tally tally() {
        return new Tally();
    }

    /** Adds up messages (one at a time, or groups of alike ones) into a {@link MessageUsage}. Not thread-safe. */
    public static final class Tally {
        private long received;
        private long receivedSegments;
        private long sent;
        private long sentSegments;
        private long delivered;
        private long failed;
        private long awaitingPrice;
        private final Map<Integer, Long> failures = new TreeMap<>();
        private BigDecimal cost = BigDecimal.ZERO;

        private Tally() {}

        /**
         * Adds {@code count} messages alike.
         *
         * @param accepted whether Twilio accepted them (they have a SID)
         * @param price their total price as Twilio gives it (negative), or {@code null} when not priced yet
         * @param segments their total segments
         */
        public Tally add(
                MessageDirection direction,
                MessageStatus status,
                @Nullable Integer errorCode,
                boolean accepted,
                @Nullable BigDecimal price,
                long segments,
                long count) {
            if (direction == MessageDirection.INBOUND) {
                received += count;
                receivedSegments += segments;
                return this;
            }
            if (accepted) {
                sent += count;
                sentSegments += segments;
                if (price != null) {
                    cost = cost.add(price.negate());
                } else {
                    awaitingPrice += count;
                }
            }
            if (status == MessageStatus.DELIVERED || status == MessageStatus.READ) {
                delivered += count;
            } else if (status.isFailure()) {
                failed += count;
                failures.merge(errorCode == null ? 0 : errorCode, count, Long::sum);
            }
            return this;
        }

        public MessageUsage build() {
            return new MessageUsage(
                    received, receivedSegments, sent, sentSegments, delivered, failed, failures, cost, awaitingPrice);
        }
    }
}
