package io.tenanttwilio.test.simulator;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Moves messages through their statuses and posts the signed status callbacks: at once from a
 * background thread, or when the test asks; in order, reversed, or shuffled with duplicates. Event
 * Streams deliveries of registrations go the same way (same thread, same mode), always in order and
 * never dropped.
 */
final class CallbackDispatcher {

    private static final DateTimeFormatter RAW_DLR =
            DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC);

    /** One status a message reached. */
    record Event(String status, @Nullable Integer errorCode) {}

    /** Something to post later: a message's status callbacks, or an Event Streams delivery. */
    sealed interface Work permits Batch, EventPost {}

    /** The statuses one message goes through after its creation, in order. */
    record Batch(String messageSid, List<Event> events) implements Work {}

    /** A JSON array of CloudEvents for one webhook sink, signed with the account's token. */
    record EventPost(String sinkSid, String accountSid, String url, String token, String json) implements Work {}

    /** Where a message's callbacks go, and what they say about it. */
    record Target(
            String url,
            String token,
            String accountSid,
            String from,
            String to,
            @Nullable String messagingServiceSid) {}

    private record Posting(String messageSid, Target target, Event event) {}

    private final SimulatorEngine engine;
    private final Random random;
    private final List<Work> pending = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    /**
     * Bumped by {@link #clear()}: a batch queued before a reset must not be applied after it,
     * since the reset simulator hands out the same SIDs again and the stale batch would move, and
     * post callbacks for, the next test's message.
     */
    private final AtomicInteger generation = new AtomicInteger();

    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "twilio-simulator-callbacks");
        thread.setDaemon(true);
        return thread;
    });
    private volatile CallbackMode mode;
    private volatile CallbackOrder order = CallbackOrder.IN_ORDER;
    private volatile boolean drop;

    CallbackDispatcher(SimulatorEngine engine, CallbackMode mode, long seed) {
        this.engine = engine;
        this.mode = mode;
        this.random = new Random(seed);
    }

    void mode(CallbackMode mode) {
        this.mode = mode;
    }

    void order(CallbackOrder order) {
        this.order = order;
    }

    void drop(boolean drop) {
        this.drop = drop;
    }

    void enqueue(List<? extends Work> batches) {
        if (batches.isEmpty()) {
            return;
        }
        if (mode == CallbackMode.MANUAL) {
            synchronized (pending) {
                pending.addAll(batches);
            }
            return;
        }
        int queuedIn = generation.get();
        for (Work batch : batches) {
            inFlight.incrementAndGet();
            worker.execute(() -> {
                try {
                    if (generation.get() == queuedIn) {
                        deliver(List.of(batch));
                    }
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        }
    }

    /** Delivers every callback held back (manual mode); returns the deliveries. */
    List<WebhookDelivery> deliverPending() {
        List<Work> batches;
        synchronized (pending) {
            batches = new ArrayList<>(pending);
            pending.clear();
        }
        return deliver(batches);
    }

    int pendingCount() {
        synchronized (pending) {
            return pending.size();
        }
    }

    /** Waits until the background thread has nothing left to post. */
    boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    void shutdown() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Forgets held and queued callbacks and waits (briefly) for the one being posted, so that
     * nothing from before is applied to the state that follows.
     */
    void clear() {
        generation.incrementAndGet();
        synchronized (pending) {
            pending.clear();
        }
        awaitIdle(Duration.ofSeconds(5));
    }

    private List<WebhookDelivery> deliver(List<Work> work) {
        List<Posting> postings = new ArrayList<>();
        List<EventPost> events = new ArrayList<>();
        for (Work item : work) {
            if (item instanceof EventPost post) {
                events.add(post);
                continue;
            }
            Batch batch = (Batch) item;
            Target target = engine.applyProgression(batch);
            if (target == null || drop) {
                continue;
            }
            for (Event event : batch.events()) {
                postings.add(new Posting(batch.messageSid(), target, event));
            }
        }
        arrange(postings);
        List<WebhookDelivery> delivered = new ArrayList<>();
        for (Posting posting : postings) {
            delivered.add(post(posting));
        }
        for (EventPost post : events) {
            WebhookDelivery delivery = engine.webhooks.sendJson(
                    WebhookDelivery.Kind.EVENT_STREAM,
                    post.sinkSid(),
                    post.accountSid(),
                    post.url(),
                    post.json(),
                    post.token());
            engine.recordDelivery(delivery);
            delivered.add(delivery);
        }
        return delivered;
    }

    private void arrange(List<Posting> postings) {
        switch (order) {
            case REVERSED:
                Collections.reverse(postings);
                break;
            case SHUFFLED_WITH_DUPLICATES:
                synchronized (random) {
                    int size = postings.size();
                    for (int i = 0; i < size; i++) {
                        if (random.nextBoolean() || i == size - 1) {
                            postings.add(postings.get(i));
                        }
                    }
                    Collections.shuffle(postings, random);
                }
                break;
            default:
                break;
        }
    }

    private WebhookDelivery post(Posting posting) {
        Target target = posting.target();
        Event event = posting.event();
        Map<String, List<String>> params = new LinkedHashMap<>();
        put(params, "AccountSid", target.accountSid());
        put(params, "ApiVersion", "2010-04-01");
        if (event.errorCode() != null) {
            put(params, "ErrorCode", event.errorCode().toString());
        }
        put(params, "From", target.from());
        put(params, "MessageSid", posting.messageSid());
        put(params, "MessageStatus", event.status());
        if (target.messagingServiceSid() != null) {
            put(params, "MessagingServiceSid", target.messagingServiceSid());
        }
        if (event.status().equals("delivered") || event.status().equals("undelivered")) {
            put(params, "RawDlrDoneDate", RAW_DLR.format(engine.clock.instant()));
        }
        put(params, "SmsSid", posting.messageSid());
        put(params, "SmsStatus", event.status());
        put(params, "To", target.to());
        WebhookDelivery delivery = engine.webhooks.send(
                WebhookDelivery.Kind.STATUS_CALLBACK,
                posting.messageSid(),
                target.accountSid(),
                target.url(),
                "POST",
                params,
                target.token(),
                "",
                "POST");
        engine.recordDelivery(delivery);
        return delivery;
    }

    private static void put(Map<String, List<String>> params, String name, String value) {
        params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
}
