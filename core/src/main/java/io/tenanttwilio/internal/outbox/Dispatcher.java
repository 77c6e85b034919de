package io.tenanttwilio.internal.outbox;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.guardrails.Alert;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.internal.guardrails.Alerts;
import io.tenanttwilio.internal.guardrails.Guardrails;
import io.tenanttwilio.internal.messaging.Messenger;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.internal.twilio.SdkHttpClient;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.messaging.SmsRequest;
import io.tenanttwilio.outbox.DispatchReport;
import io.tenanttwilio.outbox.OutboxBacklog;
import io.tenanttwilio.outbox.OutboxDispatcher;
import io.tenanttwilio.outbox.OutboxSettings;
import io.tenanttwilio.outbox.OutboxState;
import io.tenanttwilio.outbox.QuietHoursAction;
import io.tenanttwilio.outbox.ScheduledMessage;
import io.tenanttwilio.spi.OutboxClaim;
import io.tenanttwilio.spi.OutboxHandoff;
import io.tenanttwilio.spi.OutboxStore;
import io.tenanttwilio.spi.SdkMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due messages tenant by tenant (each claim pacing the tenant's senders and leasing what it
 * took, in the store), sends each at its slot through the ordinary send path, and resolves the
 * claims of instances that died.
 */
public final class Dispatcher implements OutboxDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final Duration BACKLOG_CHECK_EVERY = Duration.ofSeconds(10);
    private static final Duration MAX_THROTTLE = Duration.ofMinutes(5);

    enum Outcome {
        SENT,
        FAILED,
        DEFERRED,
        EXPIRED,
        IN_DOUBT,
        SKIPPED
    }

    private final OutboxStore store;
    private final Messenger messenger;
    private final Guardrails guardrails;
    private final Alerts alerts;
    private final SdkMetrics metrics;
    private final Clock clock;
    private final OutboxSettings settings;
    private final Senders senders;
    private final InDoubt inDoubt;
    private final ConsentCheck consents;
    private final String owner;
    private final @Nullable OutboxHandoff handoff;
    private final AtomicInteger pending = new AtomicInteger();
    private final Map<TenantId, Instant> backlogCheckedAt = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private @Nullable ScheduledThreadPoolExecutor executor;
    private @Nullable Thread claimer;
    private volatile boolean running;

    public Dispatcher(
            OutboxStore store,
            Messenger messenger,
            Guardrails guardrails,
            Alerts alerts,
            SdkMetrics metrics,
            Clock clock,
            OutboxSettings settings,
            Senders senders,
            InDoubt inDoubt,
            String owner,
            @Nullable OutboxHandoff handoff) {
        this.handoff = handoff;
        this.store = store;
        this.messenger = messenger;
        this.guardrails = guardrails;
        this.alerts = alerts;
        this.metrics = metrics;
        this.clock = clock;
        this.settings = settings;
        this.senders = senders;
        this.inDoubt = inDoubt;
        this.owner = owner;
        this.consents = new ConsentCheck(store);
    }

    // ---------------------------------------------------------------------------------------------
    // Lifecycle

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (running) {
                return;
            }
            running = true;
            AtomicInteger threads = new AtomicInteger();
            ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(settings.workers(), task -> {
                Thread thread = new Thread(task, "tenant-twilio-outbox-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            pool.setRemoveOnCancelPolicy(true);
            executor = pool;
            Thread loop = new Thread(this::claimLoop, "tenant-twilio-outbox-claims");
            loop.setDaemon(true);
            claimer = loop;
            loop.start();
        }
    }

    @Override
    public void stop() {
        ScheduledThreadPoolExecutor pool;
        Thread loop;
        synchronized (lifecycle) {
            if (!running) {
                return;
            }
            running = false;
            pool = executor;
            loop = claimer;
            executor = null;
            claimer = null;
        }
        if (loop != null) {
            loop.interrupt();
        }
        if (pool != null) {
            pool.shutdown(); // what was claimed still leaves at its slot, within the horizon
            try {
                if (!pool.awaitTermination(settings.claimHorizon().toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
                    pool.shutdownNow(); // the rest is resolved when its lease expires
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        if (loop != null) {
            try {
                loop.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void claimLoop() {
        while (running) {
            int claimed;
            try {
                claimed = pass(null).claimed();
            } catch (RuntimeException e) {
                LOG.warn(
                        "The outbox's claim pass failed ({}); it is tried again",
                        e.getClass().getName());
                claimed = 0;
            }
            try {
                // Claim again soon while there is work; the horizon keeps the senders busy meanwhile.
                long pause = claimed > 0
                        ? Math.min(
                                settings.pollEvery().toMillis(),
                                settings.claimHorizon().toMillis() / 2)
                        : settings.pollEvery().toMillis();
                Thread.sleep(Math.max(10, pause));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Passes

    @Override
    public DispatchReport dispatchDue() {
        Tally tally = new Tally();
        pass(tally);
        return tally.report();
    }

    /** One claim pass; {@code inline} sends in the calling thread instead of at the slots. */
    private DispatchReport pass(@Nullable Tally inline) {
        Tally tally = inline != null ? inline : new Tally();
        Instant now = clock.instant();
        List<TenantId> tenants = Stores.call(null, () -> store.tenantsDue(now, settings.tenantsPerPass()));
        int maxPending = settings.workers() * 64;
        for (TenantId tenant : tenants) {
            if (inline == null && pending.get() >= maxPending) {
                break; // the senders are busy: claim more when they have caught up
            }
            try {
                serve(tenant, inline, tally);
            } catch (TenantTwilioException | UnsupportedOperationException e) {
                LOG.warn(
                        "The outbox could not serve tenant {} ({})",
                        tenant,
                        e.getClass().getSimpleName());
            }
        }
        return tally.report();
    }

    private void serve(TenantId tenant, @Nullable Tally inline, Tally tally) {
        Instant now = clock.instant();
        List<ScheduledMessage> claimed = Stores.call(
                tenant,
                () -> store.claim(OutboxClaim.of(
                        tenant,
                        now,
                        owner,
                        settings.leaseTtl(),
                        settings.claimHorizon(),
                        settings.claimBatch(),
                        settings.accountConcurrency(),
                        senders::rate)));
        tally.claimed.addAndGet(claimed.size());
        if (claimed.isEmpty()) {
            for (ScheduledMessage expired : Stores.call(tenant, () -> store.expiredClaims(tenant, now, 50))) {
                if (inDoubt.resolve(expired, owner)) {
                    tally.recovered.incrementAndGet();
                    metrics.outboxDispatched(tenant, "recovered", Duration.ZERO);
                }
            }
        }
        checkBacklog(tenant, now);
        for (ScheduledMessage message : claimed) {
            if (handoff != null) {
                try {
                    handoff.handOff(
                            tenant, message.clientKey(), message.slotAt().orElse(now));
                } catch (RuntimeException e) {
                    // the claim expires and is resolved, as if the consumer had died
                    LOG.warn(
                            "Handing scheduled message {} over failed ({})",
                            message.id(),
                            e.getClass().getName());
                }
                continue;
            }
            if (inline != null) {
                pauseUntil(message.slotAt().orElse(now));
                tally.count(send(message));
                continue;
            }
            ScheduledThreadPoolExecutor pool = executor;
            if (pool == null) {
                return; // stopping: the claims expire and are resolved
            }
            pending.incrementAndGet();
            long delay = Math.max(
                    0,
                    Duration.between(clock.instant(), message.slotAt().orElse(now))
                            .toMillis());
            try {
                pool.schedule(
                        () -> {
                            try {
                                send(message);
                            } finally {
                                pending.decrementAndGet();
                            }
                        },
                        delay,
                        TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                pending.decrementAndGet();
            }
        }
    }

    private void pauseUntil(Instant slot) {
        long wait = Duration.between(clock.instant(), slot).toMillis();
        if (wait > 0) {
            try {
                Thread.sleep(Math.min(wait, settings.claimHorizon().toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // One message

    @Override
    public ScheduledMessage sendClaimed(TenantId tenant, String clientKey) {
        ScheduledMessage message = Stores.call(tenant, () -> store.find(tenant, clientKey))
                .orElseThrow(() ->
                        Problems.builder(ErrorCode.NOT_FOUND).tenant(tenant).build());
        if (message.state() != OutboxState.CLAIMED) {
            return message;
        }
        pauseUntil(message.slotAt().orElse(clock.instant()));
        send(message);
        return Stores.call(tenant, () -> store.find(tenant, clientKey)).orElse(message);
    }

    /** Sends one claimed message at its slot, or decides why not; never throws. */
    Outcome send(ScheduledMessage claimed) {
        try {
            return sendChecked(claimed);
        } catch (RuntimeException e) {
            // Whether Twilio has it is unknown: the lease expires and the message is looked up.
            LOG.warn(
                    "Scheduled message {} of tenant {} could not be finished ({}); it is looked up when its claim expires",
                    claimed.id(),
                    claimed.tenantId(),
                    e.getClass().getName());
            return Outcome.IN_DOUBT;
        }
    }

    private Outcome sendChecked(ScheduledMessage claimed) {
        TenantId tenant = claimed.tenantId();
        Instant now = clock.instant();
        Instant leaseUntil = claimed.leaseUntil().orElse(now);
        if (now.isAfter(leaseUntil.minus(settings.leaseTtl().dividedBy(2)))) {
            // Too late to start a send that must end before another instance may resolve it.
            return Outcome.SKIPPED;
        }
        Optional<Instant> expires = claimed.expiresAt();
        if (expires.isPresent() && !now.isBefore(expires.get().minusSeconds(1))) {
            return finish(claimed, OutcomeState.expired(ErrorCode.MESSAGE_EXPIRED), now);
        }
        TenantPolicy policy = guardrails.policy(tenant);
        if (!RecipientZones.allows(policy.quietHours(), claimed.to(), policy.timeZone(), now)) {
            if (policy.quietHoursAction() == QuietHoursAction.REFUSE) {
                return finish(claimed, OutcomeState.failed(ErrorCode.QUIET_HOURS, null), now);
            }
            Instant next = RecipientZones.nextAllowed(policy.quietHours(), claimed.to(), policy.timeZone(), now);
            if (expires.isPresent() && !next.isBefore(expires.get())) {
                return finish(claimed, OutcomeState.expired(ErrorCode.MESSAGE_EXPIRED), now);
            }
            return requeue(claimed, next, true, now);
        }
        try {
            consents.check(tenant, claimed.to(), policy.consentRule(), now);
        } catch (TenantTwilioException e) {
            return finish(claimed, OutcomeState.failed(e.errorCode(), null), now);
        }
        SmsRequest.Builder request = SmsRequest.to(claimed.to().e164())
                .body(claimed.body())
                .from(claimed.from().orElse(null))
                .messagingServiceSid(claimed.messagingServiceSid().orElse(null))
                .sentBy(claimed.sentBy().orElse(null))
                .urgent(claimed.isUrgent());
        if (expires.isPresent()) {
            Duration left = Duration.between(now, expires.get());
            request.validFor(
                    left.compareTo(Duration.ofSeconds(SmsRequest.MAX_VALIDITY_SECONDS)) > 0
                            ? Duration.ofSeconds(SmsRequest.MAX_VALIDITY_SECONDS)
                            : left);
        }
        SmsMessage sent;
        try {
            SdkHttpClient.clearLastExchange();
            sent = messenger.send(tenant, request.build(), claimed.messageId().orElseThrow());
        } catch (TenantTwilioException e) {
            return refused(claimed, e, now);
        }
        Duration waited = Duration.between(claimed.dueAt(), now);
        metrics.outboxDispatched(tenant, "sent", waited.isNegative() ? Duration.ZERO : waited);
        return finish(claimed, OutcomeState.sent(sent.twilioSid().orElse(null)), clock.instant());
    }

    private Outcome refused(ScheduledMessage claimed, TenantTwilioException e, Instant now) {
        TenantId tenant = claimed.tenantId();
        switch (e.errorCode()) {
            case RATE_LIMITED: {
                SdkHttpClient.Exchange exchange = SdkHttpClient.lastExchange();
                Duration wait = exchange != null && exchange.retryAfter() != null
                        ? exchange.retryAfter()
                        : settings.throttleBackoff().multipliedBy(1L << Math.min(8, claimed.attempts()));
                if (wait.compareTo(MAX_THROTTLE) > 0) {
                    wait = MAX_THROTTLE;
                }
                Instant until = now.plus(wait);
                Stores.run(tenant, () -> store.throttle(tenant, until));
                metrics.outboxThrottled(tenant, wait);
                return requeue(claimed, until, false, now);
            }
            case OUTCOME_UNKNOWN:
            case STORAGE_UNAVAILABLE:
                return Outcome.IN_DOUBT; // looked up when the claim expires
            case TWILIO_UNAVAILABLE:
                return requeue(claimed, now.plus(settings.throttleBackoff()), false, now);
            default:
                Integer code =
                        e.twilioErrorCode().isPresent() ? e.twilioErrorCode().getAsInt() : null;
                return finish(claimed, OutcomeState.failed(e.errorCode(), code), now);
        }
    }

    /** Back to wait until {@code due}, with a new message id for the next attempt. */
    Outcome requeue(ScheduledMessage claimed, Instant due, boolean quietHours, Instant now) {
        ScheduledMessage next = claimed.toBuilder()
                .state(OutboxState.SCHEDULED)
                .dueAt(due)
                .heldForQuietHours(quietHours)
                .leaseOwner(null)
                .leaseUntil(null)
                .slotAt(null)
                .messageId(null)
                .updatedAt(now)
                .build();
        boolean stored = Stores.callRetrying(
                        claimed.tenantId(), 3, Duration.ofMillis(50), () -> store.update(claimed, next))
                .isPresent();
        if (stored) {
            metrics.outboxDispatched(claimed.tenantId(), "deferred", Duration.ZERO);
        }
        return stored ? Outcome.DEFERRED : Outcome.SKIPPED;
    }

    private Outcome finish(ScheduledMessage claimed, OutcomeState outcome, Instant now) {
        ScheduledMessage next = claimed.toBuilder()
                .state(outcome.state())
                .twilioSid(outcome.twilioSid())
                .problem(outcome.problem())
                .twilioErrorCode(outcome.twilioErrorCode())
                .leaseUntil(null)
                .updatedAt(now)
                .build();
        boolean stored;
        try {
            stored = Stores.callRetrying(
                            claimed.tenantId(), 4, Duration.ofMillis(50), () -> store.update(claimed, next))
                    .isPresent();
        } catch (TenantTwilioException e) {
            // Recorded in the conversation already: the expired claim is resolved from there.
            LOG.warn("Scheduled message {} could not be marked {}", claimed.id(), outcome.state());
            return Outcome.IN_DOUBT;
        }
        if (!stored) {
            return Outcome.SKIPPED;
        }
        if (outcome.state() != OutboxState.SENT) {
            metrics.outboxDispatched(
                    claimed.tenantId(), outcome.state() == OutboxState.EXPIRED ? "expired" : "failed", Duration.ZERO);
        }
        return switch (outcome.state()) {
            case SENT -> Outcome.SENT;
            case EXPIRED -> Outcome.EXPIRED;
            default -> Outcome.FAILED;
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Backlog

    /** The tenant's backlog with its senders' pace; an alert when it will not drain in time. */
    OutboxBacklog backlog(TenantId tenant, Instant now) {
        OutboxBacklog counted = Stores.call(tenant, () -> store.backlog(tenant, now));
        double rate = senders.totalRate(tenant);
        return counted.toBuilder().segmentsPerSecond(rate).build();
    }

    private void checkBacklog(TenantId tenant, Instant now) {
        Instant last = backlogCheckedAt.get(tenant);
        if (last != null && last.plus(BACKLOG_CHECK_EVERY).isAfter(now)) {
            return;
        }
        if (backlogCheckedAt.size() > 100_000) {
            backlogCheckedAt.clear();
        }
        backlogCheckedAt.put(tenant, now);
        try {
            OutboxBacklog backlog = backlog(tenant, now);
            metrics.outboxBacklog(tenant, backlog.due(), backlog.oldestWait(), backlog.drainTime());
            if (backlog.isAtRisk()) {
                alerts.once(
                        tenant,
                        "outbox-at-risk",
                        () -> Alert.builder()
                                .type(Alert.Type.OUTBOX_BACKLOG_AT_RISK)
                                .tenant(tenant)
                                .at(now)
                                .details(Map.of(
                                        "value", Long.toString(backlog.due()),
                                        "limit",
                                                Long.toString(Math.max(
                                                        1, backlog.drainTime().toMinutes()))))
                                .build());
            } else {
                alerts.clear(tenant, "outbox-at-risk");
            }
        } catch (RuntimeException e) {
            LOG.debug(
                    "The outbox backlog of tenant {} could not be read ({})",
                    tenant,
                    e.getClass().getName());
        }
    }

    @Override
    public String toString() {
        return "OutboxDispatcher[" + (running ? "running" : "stopped") + " as " + owner + ", " + pending.get()
                + " waiting for their slot]";
    }

    /** What a message becomes. */
    private record OutcomeState(
            OutboxState state,
            @Nullable String twilioSid,
            @Nullable ErrorCode problem,
            @Nullable Integer twilioErrorCode) {
        static OutcomeState sent(@Nullable String sid) {
            return new OutcomeState(OutboxState.SENT, sid, null, null);
        }

        static OutcomeState failed(ErrorCode problem, @Nullable Integer code) {
            return new OutcomeState(OutboxState.FAILED, null, problem, code);
        }

        static OutcomeState expired(ErrorCode problem) {
            return new OutcomeState(OutboxState.EXPIRED, null, problem, null);
        }
    }

    /** Counts of one pass. */
    private static final class Tally {
        final AtomicInteger claimed = new AtomicInteger();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger deferred = new AtomicInteger();
        final AtomicInteger expired = new AtomicInteger();
        final AtomicInteger recovered = new AtomicInteger();

        void count(Outcome outcome) {
            switch (outcome) {
                case SENT -> sent.incrementAndGet();
                case FAILED -> failed.incrementAndGet();
                case DEFERRED -> deferred.incrementAndGet();
                case EXPIRED -> expired.incrementAndGet();
                default -> {}
            }
        }

        DispatchReport report() {
            return DispatchReport.of(
                    claimed.get(), sent.get(), failed.get(), deferred.get(), expired.get(), recovered.get());
        }
    }
}
