package io.tenanttwilio.test.simulator;

import io.tenanttwilio.test.simulator.SimState.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Twilio's outbound queues. With carrier pacing on, each sender's messages wait in its queue and
 * leave it at the sender's rate, one slot per segment; a message that would wait longer than the
 * queue time fails with 30001, one that would outlive its {@code ValidityPeriod} first fails with
 * 30036. Scheduled messages wait for their {@code SendAt}, then join their sender's queue (or, without
 * pacing, leave at once).
 *
 * <p>Nothing runs per message: {@link #settle} works out on the simulator's clock everything that fell
 * due since it last ran, with the times it fell due (a message sent late by a lazy settle still
 * carries the time of its slot). Every method runs under the engine's lock, except {@link #due}.
 */
final class OutboundQueues {

    /** Twilio's queue holds about 10 hours of sending (COMPLIANCE.md §4). */
    static final Duration DEFAULT_QUEUE_TIME = Duration.ofHours(10);
    /** A long code (local or mobile number): one segment a second. */
    static final double LONG_CODE_RATE = 1;
    /** A toll-free number: 3 segments a second by default. */
    static final double TOLL_FREE_RATE = 3;
    /** A short code: 100 segments a second. */
    static final double SHORT_CODE_RATE = 100;
    /** An alphanumeric sender ID: 10 segments a second. */
    static final double ALPHANUMERIC_RATE = 10;

    static final int QUEUE_OVERFLOW = 30001;
    static final int VALIDITY_EXPIRED = 30036;
    private static final int MAX_RELEASES = 100_000;

    private record Key(Instant at, long seq) {}

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::at).thenComparingLong(Key::seq);

    /** A message in its sender's queue since {@code enqueuedAt}. */
    private record Waiting(
            String messageSid,
            Instant enqueuedAt,
            int segments,
            @Nullable Instant validUntil) {}

    /** A message waiting for its {@code SendAt}. */
    private record Scheduled(
            String messageSid,
            String sender,
            Instant sendAt,
            @Nullable Integer validitySeconds) {}

    /** Something that fell due, to hand to the dispatcher in the order it happened. */
    private record Due(Instant at, long seq, CallbackDispatcher.Work work) {}

    private static final class SenderQueue {
        final TreeMap<Key, Waiting> waiting = new TreeMap<>(ORDER);
        /** When the sender's next slot opens; {@code null} before its first message left. */
        @Nullable
        Instant nextFree;

        long waitingSegments;
    }

    private final SimulatorEngine engine;
    private boolean initialPacing;
    private Duration initialQueueTime = DEFAULT_QUEUE_TIME;
    private boolean pacing;
    private Duration queueTime = DEFAULT_QUEUE_TIME;
    private final Map<String, Double> rates = new HashMap<>();
    private final Map<String, SenderQueue> queues = new HashMap<>();
    private final TreeMap<Key, Scheduled> scheduled = new TreeMap<>(ORDER);
    private final Map<String, Key> scheduledKeys = new HashMap<>();
    private final Deque<QueueRelease> releases = new ArrayDeque<>();
    private long seq;
    /** The earliest time something may fall due; {@code null} when nothing waits. */
    private volatile @Nullable Instant nextDue;

    OutboundQueues(SimulatorEngine engine) {
        this.engine = engine;
    }

    /** The configuration of the builder, kept for {@link #reset()}. */
    void defaults(boolean pacing, Duration queueTime) {
        this.initialPacing = pacing;
        this.initialQueueTime = checkQueueTime(queueTime);
        this.pacing = pacing;
        this.queueTime = queueTime;
    }

    boolean pacing() {
        return pacing;
    }

    void pacing(boolean pace) {
        this.pacing = pace;
    }

    Duration queueTime() {
        return queueTime;
    }

    void queueTime(Duration queueTime) {
        this.queueTime = checkQueueTime(queueTime);
    }

    static Duration checkQueueTime(Duration queueTime) {
        Objects.requireNonNull(queueTime, "queueTime");
        if (queueTime.isNegative() || queueTime.isZero()) {
            throw new IllegalArgumentException("The queue time must be positive");
        }
        return queueTime;
    }

    void senderRate(String sender, double segmentsPerSecond) {
        if (!(segmentsPerSecond > 0) || Double.isInfinite(segmentsPerSecond)) {
            throw new IllegalArgumentException("A sender's rate must be a positive number of segments a second");
        }
        rates.put(sender, segmentsPerSecond);
    }

    /** The rate of {@code sender}: set for it, or Twilio's default for its kind. */
    double rateOf(String sender) {
        Double set = rates.get(sender);
        if (set != null) {
            return set;
        }
        SimState.Number number = engine.numbersByPhoneView().get(sender);
        if (number != null) {
            return number.type == NumberType.TOLL_FREE ? TOLL_FREE_RATE : LONG_CODE_RATE;
        }
        if (sender.matches("\\d{5,6}")) {
            return SHORT_CODE_RATE;
        }
        return sender.startsWith("+") ? LONG_CODE_RATE : ALPHANUMERIC_RATE;
    }

    /** The length of one slot at {@code rate}, rounded up so that a second never holds more. */
    private static long slotNanos(double rate) {
        return (long) Math.ceil(1_000_000_000d / rate);
    }

    // ---------------------------------------------------------------------------------------------
    // Entering

    /** Puts a message at the end of its sender's queue, entered at {@code at}. */
    void enqueue(String sender, String messageSid, Instant at, int segments, @Nullable Integer validitySeconds) {
        SenderQueue queue = queues.computeIfAbsent(sender, s -> new SenderQueue());
        Instant validUntil = validitySeconds == null ? null : at.plusSeconds(validitySeconds);
        queue.waiting.put(new Key(at, seq++), new Waiting(messageSid, at, segments, validUntil));
        queue.waitingSegments += segments;
        nextDue = earliest(nextDue, at);
    }

    /** Holds a message until {@code sendAt}. */
    void schedule(String sender, String messageSid, Instant sendAt, @Nullable Integer validitySeconds) {
        Key key = new Key(sendAt, seq++);
        scheduled.put(key, new Scheduled(messageSid, sender, sendAt, validitySeconds));
        scheduledKeys.put(messageSid, key);
        nextDue = earliest(nextDue, sendAt);
    }

    /** Whether the message still waits for its {@code SendAt}. */
    boolean isScheduled(String messageSid) {
        return scheduledKeys.containsKey(messageSid);
    }

    /** Takes a message out of the scheduled ones; {@code false} if it was not waiting for its SendAt. */
    boolean cancel(String messageSid) {
        Key key = scheduledKeys.remove(messageSid);
        if (key == null) {
            return false;
        }
        scheduled.remove(key);
        return true;
    }

    /**
     * How long the messages already in {@code sender}'s queue take to leave it, from {@code now}:
     * the slot under way, then every waiting segment.
     */
    Duration backlog(String sender, Instant now) {
        SenderQueue queue = queues.get(sender);
        if (queue == null) {
            return Duration.ZERO;
        }
        Duration busy = queue.nextFree == null || !queue.nextFree.isAfter(now)
                ? Duration.ZERO
                : Duration.between(now, queue.nextFree);
        return busy.plusNanos(Math.multiplyExact(queue.waitingSegments, slotNanos(rateOf(sender))));
    }

    // ---------------------------------------------------------------------------------------------
    // Settling

    /** Whether something may have fallen due at {@code now}; safe without the lock. */
    boolean due(Instant now) {
        Instant next = nextDue;
        return next != null && !now.isBefore(next);
    }

    /** Whether anything waits, in a queue or for its SendAt; safe without the lock. */
    boolean idle() {
        return nextDue == null;
    }

    /**
     * Carries out everything due at {@code now}: scheduled messages join their queue, messages
     * leave their queue in their slot or fail. The status changes they cause are added to {@code
     * emitted} in the order they happened. Returns how many changes there were.
     */
    int settle(Instant now, List<CallbackDispatcher.Work> emitted) {
        List<Due> happened = new ArrayList<>();
        while (!scheduled.isEmpty() && !scheduled.firstKey().at().isAfter(now)) {
            Scheduled item = scheduled.pollFirstEntry().getValue();
            scheduledKeys.remove(item.messageSid());
            Message message = engine.messagesView().get(item.messageSid());
            if (message == null) {
                continue;
            }
            if (pacing) {
                happened.add(new Due(
                        item.sendAt(),
                        seq++,
                        new CallbackDispatcher.Batch(
                                message.sid, List.of(new CallbackDispatcher.Event("queued", null)))));
                enqueue(item.sender(), message.sid, item.sendAt(), message.segments, item.validitySeconds());
            } else {
                happened.add(new Due(item.sendAt(), seq++, release(item.sender(), message, item.sendAt(), true)));
            }
        }
        Instant next = scheduled.isEmpty() ? null : scheduled.firstKey().at();
        Iterator<Map.Entry<String, SenderQueue>> senders = queues.entrySet().iterator();
        while (senders.hasNext()) {
            Map.Entry<String, SenderQueue> entry = senders.next();
            String sender = entry.getKey();
            SenderQueue queue = entry.getValue();
            while (!queue.waiting.isEmpty()) {
                Map.Entry<Key, Waiting> head = queue.waiting.firstEntry();
                Waiting waiting = head.getValue();
                Message message = engine.messagesView().get(waiting.messageSid());
                if (message == null) {
                    remove(queue, head);
                    continue;
                }
                Instant start = queue.nextFree == null || queue.nextFree.isBefore(waiting.enqueuedAt())
                        ? waiting.enqueuedAt()
                        : queue.nextFree;
                Instant limit = waiting.enqueuedAt().plus(queueTime);
                int code = QUEUE_OVERFLOW;
                if (waiting.validUntil() != null && !waiting.validUntil().isAfter(limit)) {
                    limit = waiting.validUntil();
                    code = VALIDITY_EXPIRED;
                }
                if (start.isAfter(limit)) {
                    // It would wait too long: it fails when its time runs out, without taking a slot.
                    if (limit.isAfter(now)) {
                        next = earliest(next, limit);
                        break;
                    }
                    remove(queue, head);
                    happened.add(new Due(
                            limit,
                            seq++,
                            new CallbackDispatcher.Batch(
                                    message.sid, List.of(new CallbackDispatcher.Event("failed", code)))));
                    continue;
                }
                if (start.isAfter(now)) {
                    next = earliest(next, start);
                    break;
                }
                remove(queue, head);
                queue.nextFree = start.plusNanos(waiting.segments() * slotNanos(rateOf(sender)));
                happened.add(new Due(start, seq++, release(sender, message, start, false)));
            }
            if (queue.waiting.isEmpty() && (queue.nextFree == null || !queue.nextFree.isAfter(now))) {
                senders.remove();
            }
        }
        nextDue = next;
        happened.sort(Comparator.comparing(Due::at).thenComparingLong(Due::seq));
        for (Due due : happened) {
            emitted.add(due.work());
        }
        return happened.size();
    }

    private static void remove(SenderQueue queue, Map.Entry<Key, Waiting> head) {
        queue.waiting.remove(head.getKey());
        queue.waitingSegments -= head.getValue().segments();
    }

    private CallbackDispatcher.Work release(String sender, Message message, Instant at, boolean queuedFirst) {
        message.leftQueue = at;
        if (releases.size() >= MAX_RELEASES) {
            releases.removeFirst();
        }
        releases.addLast(new QueueRelease(sender, message.sid, at, message.segments));
        return engine.releaseBatch(message, queuedFirst);
    }

    private static @Nullable Instant earliest(@Nullable Instant a, @Nullable Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    // ---------------------------------------------------------------------------------------------
    // Reading

    List<QueueRelease> releases() {
        return new ArrayList<>(releases);
    }

    int waiting() {
        int count = 0;
        for (SenderQueue queue : queues.values()) {
            count += queue.waiting.size();
        }
        return count;
    }

    int scheduledCount() {
        return scheduled.size();
    }

    /**
     * The highest rate {@code sender} sent at: over every two messages it sent one after the other,
     * the segments of the first divided by the time to the second.
     */
    double maxObservedRate(String sender) {
        List<QueueRelease> own = new ArrayList<>();
        for (QueueRelease release : releases) {
            if (release.sender().equals(sender)) {
                own.add(release);
            }
        }
        own.sort(Comparator.comparing(QueueRelease::sentAt));
        double max = 0;
        QueueRelease previous = null;
        for (QueueRelease release : own) {
            if (previous != null) {
                long nanos =
                        Duration.between(previous.sentAt(), release.sentAt()).toNanos();
                double rate = nanos <= 0 ? Double.POSITIVE_INFINITY : previous.segments() * 1_000_000_000d / nanos;
                max = Math.max(max, rate);
            }
            previous = release;
        }
        return max;
    }

    void reset() {
        pacing = initialPacing;
        queueTime = initialQueueTime;
        rates.clear();
        queues.clear();
        scheduled.clear();
        scheduledKeys.clear();
        releases.clear();
        nextDue = null;
    }
}
