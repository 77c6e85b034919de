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
 * <p>A store adds its messages up with a {@link #tally()}, one at a time or in groups of alike
 * ones (a {@code GROUP BY} row):
 *
 * <pre>{@code
 * MessageUsage.Tally tally = MessageUsage.tally();
 * for (Row row : rows) {
 *     tally.add(row.direction(), row.status(), row.errorCode(), row.sid() != null, row.price(), row.segments(), 1);
 * }
 * MessageUsage usage = tally.build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class MessageUsage {

    /** Nothing at all. */
    public static final MessageUsage NONE = new MessageUsage(0, 0, 0, 0, 0, 0, Map.of(), BigDecimal.ZERO, 0);

    private final long received;
    private final long receivedSegments;
    private final long sent;
    private final long sentSegments;
    private final long delivered;
    private final long failed;
    private final Map<Integer, Long> failuresByErrorCode;
    private final BigDecimal cost;
    private final long awaitingPrice;

    private MessageUsage(
            long received,
            long receivedSegments,
            long sent,
            long sentSegments,
            long delivered,
            long failed,
            Map<Integer, Long> failuresByErrorCode,
            BigDecimal cost,
            long awaitingPrice) {
        this.received = received;
        this.receivedSegments = receivedSegments;
        this.sent = sent;
        this.sentSegments = sentSegments;
        this.delivered = delivered;
        this.failed = failed;
        this.failuresByErrorCode = Map.copyOf(failuresByErrorCode);
        this.cost = Objects.requireNonNull(cost, "cost");
        this.awaitingPrice = awaitingPrice;
    }

    /**
     * Starts adding up messages; what {@link Tally#build()} returns is the way to make a usage.
     *
     * @return an empty tally
     */
    public static Tally tally() {
        return new Tally();
    }

    /** {@return the inbound messages} */
    public long received() {
        return received;
    }

    /** {@return the segments of the inbound messages, as Twilio reported them} */
    public long receivedSegments() {
        return receivedSegments;
    }

    /** {@return the outbound messages Twilio accepted (those with a Twilio SID)} */
    public long sent() {
        return sent;
    }

    /** {@return the segments of the outbound messages Twilio accepted} */
    public long sentSegments() {
        return sentSegments;
    }

    /** {@return the outbound messages delivered (or read)} */
    public long delivered() {
        return delivered;
    }

    /** {@return the outbound messages that failed or were undelivered, including those Twilio refused} */
    public long failed() {
        return failed;
    }

    /** {@return {@link #failed()} by Twilio error code ({@code 0} when there was none)} */
    public Map<Integer, Long> failuresByErrorCode() {
        return failuresByErrorCode;
    }

    /** {@return what Twilio charged for the outbound messages priced so far, a positive amount} */
    public BigDecimal cost() {
        return cost;
    }

    /** {@return the outbound messages Twilio accepted whose price is not known yet} */
    public long awaitingPrice() {
        return awaitingPrice;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof MessageUsage)) {
            return false;
        }
        MessageUsage that = (MessageUsage) other;
        return received == that.received
                && receivedSegments == that.receivedSegments
                && sent == that.sent
                && sentSegments == that.sentSegments
                && delivered == that.delivered
                && failed == that.failed
                && failuresByErrorCode.equals(that.failuresByErrorCode)
                && cost.equals(that.cost)
                && awaitingPrice == that.awaitingPrice;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                received,
                receivedSegments,
                sent,
                sentSegments,
                delivered,
                failed,
                failuresByErrorCode,
                cost,
                awaitingPrice);
    }

    @Override
    public String toString() {
        return "MessageUsage[received=" + received + ", receivedSegments=" + receivedSegments + ", sent=" + sent
                + ", sentSegments=" + sentSegments + ", delivered=" + delivered + ", failed=" + failed
                + ", failuresByErrorCode=" + failuresByErrorCode + ", cost=" + cost + ", awaitingPrice="
                + awaitingPrice + "]";
    }

    /**
     * Adds up messages (one at a time, or groups of alike ones) into a {@link MessageUsage}. Not
     * thread-safe.
     */
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
         * @param direction whether they came in or went out
         * @param status their status now
         * @param errorCode Twilio's error code when they failed, or {@code null} when it gave none
         * @param accepted whether Twilio accepted them (they have a SID)
         * @param price their total price as Twilio gives it (negative), or {@code null} when not
         *     priced yet
         * @param segments their total segments
         * @param count how many messages
         * @return this tally
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

        /**
         * The usage of the messages added so far; the tally can go on.
         *
         * @return the usage, immutable
         */
        public MessageUsage build() {
            return new MessageUsage(
                    received, receivedSegments, sent, sentSegments, delivered, failed, failures, cost, awaitingPrice);
        }
    }
}
