package io.tenanttwilio.internal;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Balance;
import com.twilio.rest.api.v2010.account.Message;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.guardrails.Alert;
import io.tenanttwilio.guardrails.JobReport;
import io.tenanttwilio.guardrails.JobSettings;
import io.tenanttwilio.guardrails.ScheduledJobs;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.internal.guardrails.Alerts;
import io.tenanttwilio.internal.guardrails.Guardrails;
import io.tenanttwilio.internal.messaging.StatusUpdates;
import io.tenanttwilio.internal.numbers.DefaultNumberProvisioner;
import io.tenanttwilio.internal.shared.Auditor;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.twilio.TwilioCalls;
import io.tenanttwilio.internal.twilio.TwilioClients;
import io.tenanttwilio.internal.twilio.TwilioErrors.Operation;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.numbers.VerificationReport;
import io.tenanttwilio.numbers.VerificationReport.Check;
import io.tenanttwilio.numbers.VerificationReport.Status;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.CredentialStore;
import io.tenanttwilio.spi.JobLease;
import io.tenanttwilio.spi.NumberRegistry;
import io.tenanttwilio.spi.UsageStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled jobs: balance monitor, numbers' health check, reconciliation. Each run holds the
 * job's lease in the usage store, saves its place (a cursor) as it goes, and gives the lease back
 * at its end; a run whose instance died is taken over when the lease expires.
 */
public final class Jobs implements ScheduledJobs {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledJobs.class);
    private static final int PAGE = 50;
    private static final Set<NumberState> CHECKED = EnumSet.of(NumberState.ACTIVE, NumberState.NEEDS_ATTENTION);
    static final String LOW_BALANCE = "low-balance";
    static final String SUSPENDED = "account-suspended";
    /** The balance must rise this much above the threshold to count as recovered (no flapping). */
    private static final BigDecimal RECOVERY_MARGIN = new BigDecimal("1.10");

    /** A run lost its lease or was asked to stop: it keeps its place for the next run. */
    private static final class Interrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Interrupted(String why) {
            super(why, null, false, false);
        }
    }

    /** What a job's body sees of its run. */
    private final class Run {
        final String job;

        @Nullable
        String cursor;

        final AtomicInteger visited = new AtomicInteger();
        final AtomicInteger problems = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();

        Run(String job, @Nullable String cursor) {
            this.job = job;
            this.cursor = cursor;
        }

        /** Saves the place reached and renews the lease; stops the run if it was lost or stopped. */
        void checkpoint(@Nullable String reached) {
            if (!usage.renewLease(job, owner, clock.instant(), settings.leaseTtl(), reached)) {
                throw new Interrupted("lease lost");
            }
            cursor = reached;
            if (stopping) {
                throw new Interrupted("stopped");
            }
        }

        /** Waits (pacing), renewing the lease meanwhile. */
        void pause(Duration duration) {
            long end = System.nanoTime() + duration.toNanos();
            long slice = Math.max(1, settings.leaseTtl().toMillis() / 3);
            while (!stopping) {
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                try {
                    Thread.sleep(Math.min(left, slice));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Interrupted("interrupted");
                }
                checkpoint(cursor);
            }
        }
    }

    @FunctionalInterface
    private interface Body {
        void run(Run run, boolean scheduled);
    }

    private final UsageStore usage;
    private final CredentialStore credentials;
    private final NumberRegistry registry;
    private final ConversationStore conversations;
    private final DefaultNumberProvisioner provisioner;
    private final TwilioClients clients;
    private final Guardrails guardrails;
    private final Alerts alerts;
    private final StatusUpdates statusUpdates;
    private final Auditor audit;
    private final JobSettings settings;
    private final @Nullable TwilioCredentials master;
    private final Clock clock;
    private final String owner;
    private final Map<TenantId, Integer> balanceFailures = new ConcurrentHashMap<>();
    private final Map<String, Integer> skipRuns = new ConcurrentHashMap<>();
    private volatile int lastHealthCount;
    private volatile boolean stopping;
    private @Nullable ScheduledExecutorService scheduler;

    public Jobs(
            UsageStore usage,
            CredentialStore credentials,
            NumberRegistry registry,
            ConversationStore conversations,
            DefaultNumberProvisioner provisioner,
            TwilioClients clients,
            Guardrails guardrails,
            Alerts alerts,
            StatusUpdates statusUpdates,
            Auditor audit,
            JobSettings settings,
            @Nullable TwilioCredentials master,
            Clock clock,
            String owner) {
        this.usage = usage;
        this.credentials = credentials;
        this.registry = registry;
        this.conversations = conversations;
        this.provisioner = provisioner;
        this.clients = clients;
        this.guardrails = guardrails;
        this.alerts = alerts;
        this.statusUpdates = statusUpdates;
        this.audit = audit;
        this.settings = settings;
        this.master = master;
        this.clock = clock;
        this.owner = owner;
    }

    // ---------------------------------------------------------------------------------------------
    // Running under a lease

    @Override
    public JobReport checkBalances() {
        return run(BALANCE, null, this::balances);
    }

    @Override
    public JobReport checkNumbers() {
        return run(HEALTH, null, this::health);
    }

    @Override
    public JobReport reconcile() {
        return run(RECONCILIATION, null, this::reconciliation);
    }

    /**
     * Runs {@code body} under the job's lease. With {@code dueEvery}, a scheduled run: it does
     * nothing unless the last complete run is that old (or a run was left unfinished).
     */
    private JobReport run(String job, @Nullable Duration dueEvery, Body body) {
        Instant started = clock.instant();
        Optional<JobLease> lease;
        try {
            lease = usage.tryAcquireLease(job, owner, started, settings.leaseTtl());
        } catch (RuntimeException e) {
            LOG.warn("Job {} could not take its lease ({})", job, e.getClass().getName());
            return new JobReport(job, JobReport.Outcome.SKIPPED, started, clock.instant(), 0, 0, 1);
        }
        if (lease.isEmpty()) {
            return new JobReport(job, JobReport.Outcome.SKIPPED, started, clock.instant(), 0, 0, 0);
        }
        if (dueEvery != null
                && lease.get().cursor().isEmpty()
                && lease.get()
                        .lastCompletedAt()
                        .map(last -> last.plus(dueEvery).isAfter(started))
                        .orElse(false)) {
            usage.releaseLease(job, owner);
            return new JobReport(job, JobReport.Outcome.SKIPPED, started, clock.instant(), 0, 0, 0);
        }
        Run run = new Run(job, lease.get().cursor().orElse(null));
        JobReport.Outcome outcome;
        try {
            body.run(run, dueEvery != null);
            usage.completeLease(job, owner, clock.instant());
            outcome = JobReport.Outcome.COMPLETED;
        } catch (Interrupted e) {
            outcome = JobReport.Outcome.INTERRUPTED;
            releaseQuietly(job);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Job {} stopped early ({}); the next run carries on",
                    job,
                    e.getClass().getName());
            outcome = JobReport.Outcome.INTERRUPTED;
            releaseQuietly(job);
        }
        JobReport report = new JobReport(
                job, outcome, started, clock.instant(), run.visited.get(), run.problems.get(), run.errors.get());
        LOG.info(
                "Job {} {}: {} visited, {} with problems, {} not checked",
                job,
                outcome.name().toLowerCase(java.util.Locale.ROOT),
                report.visited(),
                report.problems(),
                report.errors());
        return report;
    }

    private void releaseQuietly(String job) {
        try {
            usage.releaseLease(job, owner);
        } catch (RuntimeException e) {
            // the lease expires by itself
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Schedule

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        stopping = false;
        AtomicInteger threads = new AtomicInteger();
        ScheduledExecutorService started = Executors.newScheduledThreadPool(3, task -> {
            Thread thread = new Thread(task, "tenant-twilio-jobs-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        scheduler = started;
        schedule(started, BALANCE, settings.balanceEvery(), this::balances);
        schedule(started, HEALTH, settings.healthCheckEvery(), this::health);
        schedule(started, RECONCILIATION, settings.reconciliationEvery(), this::reconciliation);
    }

    private void schedule(ScheduledExecutorService on, String job, Duration every, Body body) {
        // Every instance looks often (a fraction of the period, at most a minute); the lease and
        // the last completion decide which one runs, and when.
        long tick = Math.max(1_000, Math.min(every.toMillis() / 4, 60_000));
        long first = jittered(tick);
        on.schedule(() -> tick(on, job, every, body, tick), first, TimeUnit.MILLISECONDS);
    }

    private void tick(ScheduledExecutorService on, String job, Duration every, Body body, long tick) {
        try {
            int skip = skipRuns.getOrDefault(job, 0);
            if (skip > 0) {
                skipRuns.put(job, skip - 1);
            } else {
                Duration due = Duration.ofMillis(jittered(every.toMillis()));
                JobReport report = run(job, due, body);
                if (report.outcome() == JobReport.Outcome.COMPLETED
                        && report.visited() > 0
                        && report.errors() == report.visited()) {
                    // Nothing could be checked (Twilio or the database down): back off.
                    int next = Math.min(32, Math.max(1, skipRuns.getOrDefault(job + ":backoff", 0) * 2));
                    skipRuns.put(job + ":backoff", next);
                    skipRuns.put(job, next);
                } else if (report.outcome() == JobReport.Outcome.COMPLETED) {
                    skipRuns.remove(job + ":backoff");
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Job {} failed to run ({})", job, e.getClass().getName());
        } finally {
            if (!stopping && !on.isShutdown()) {
                on.schedule(() -> tick(on, job, every, body, tick), jittered(tick), TimeUnit.MILLISECONDS);
            }
        }
    }

    private long jittered(long millis) {
        double spread = settings.jitter();
        double factor = 1 + (spread == 0 ? 0 : ThreadLocalRandom.current().nextDouble(-spread, spread));
        return Math.max(1, (long) (millis * factor));
    }

    @Override
    public synchronized void stop() {
        stopping = true;
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    // ---------------------------------------------------------------------------------------------
    // Balance monitor

    private void balances(Run run, boolean scheduled) {
        TenantId after = run.cursor == null ? null : TenantId.of(run.cursor);
        ExecutorService pool = Executors.newFixedThreadPool(settings.balanceConcurrency(), task -> {
            Thread thread = new Thread(task, "tenant-twilio-balance");
            thread.setDaemon(true);
            return thread;
        });
        try {
            while (true) {
                TenantId from = after;
                List<TenantId> page = Stores.call(null, () -> credentials.tenants(from, PAGE));
                if (page.isEmpty()) {
                    break;
                }
                List<Future<?>> checks = new ArrayList<>();
                for (TenantId tenant : page) {
                    checks.add(pool.submit(() -> balanceOf(run, tenant, scheduled)));
                }
                for (Future<?> check : checks) {
                    try {
                        check.get();
                    } catch (ExecutionException e) {
                        run.errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new Interrupted("interrupted");
                    }
                }
                after = page.get(page.size() - 1);
                run.checkpoint(after.value());
            }
        } finally {
            pool.shutdownNow();
        }
        if (master != null) {
            masterBalance(run); // it pays for every subaccount, which has no balance of its own
        }
    }

    /** Checks one tenant's balance; a subaccount has none (the master's covers it). */
    private void balanceOf(Run run, TenantId tenant, boolean scheduled) {
        int failures = balanceFailures.getOrDefault(tenant, 0);
        if (scheduled && failures > 0 && ThreadLocalRandom.current().nextInt(1 << Math.min(failures, 5)) != 0) {
            return; // backing off a tenant whose checks keep failing
        }
        run.visited.incrementAndGet();
        TwilioCredentials own;
        try {
            own = clients.credentials(tenant);
        } catch (TenantTwilioException e) {
            run.errors.incrementAndGet();
            return;
        }
        if (master != null && own.accountSid().equals(master.accountSid())) {
            return; // the platform's own account is checked as the master
        }
        Balance balance;
        try {
            balance = TwilioCalls.call(
                    tenant,
                    Operation.READ,
                    () -> Balance.fetcher(own.accountSid()).fetch(clients.forTenant(tenant)));
        } catch (TenantTwilioException e) {
            if (e.twilioErrorCode().orElse(0) == 20404) {
                balanceFailures.remove(tenant);
                return; // "Child accounts do not contain balance information."
            }
            balanceFailures.merge(tenant, 1, Integer::sum);
            run.errors.incrementAndGet();
            return;
        }
        balanceFailures.remove(tenant);
        BigDecimal threshold = guardrails.policy(tenant).lowBalanceThreshold();
        if (judge(tenant, null, balance, threshold)) {
            run.problems.incrementAndGet();
        }
    }

    private void masterBalance(Run run) {
        TwilioCredentials platform = master;
        if (platform == null) {
            return;
        }
        run.visited.incrementAndGet();
        try {
            Balance balance = TwilioCalls.call(
                    null,
                    Operation.READ,
                    () -> Balance.fetcher(platform.accountSid()).fetch(clients.forCredentials(platform)));
            BigDecimal threshold = settings.masterLowBalanceThreshold()
                    .orElse(guardrails.defaults().lowBalanceThreshold());
            if (judge(null, platform.accountSid(), balance, threshold)) {
                run.problems.incrementAndGet();
            }
        } catch (TenantTwilioException e) {
            run.errors.incrementAndGet();
        }
    }

    /**
     * Alerts once when the balance is under the threshold, and once when it is back above it (with
     * a margin); returns whether it is low.
     */
    private boolean judge(
            @Nullable TenantId tenant, @Nullable String masterSid, Balance balance, BigDecimal threshold) {
        BigDecimal amount;
        try {
            amount = new BigDecimal(balance.getBalance());
        } catch (RuntimeException e) {
            return false;
        }
        String currency = balance.getCurrency() == null ? "USD" : balance.getCurrency();
        String flag = masterSid == null ? LOW_BALANCE : LOW_BALANCE + ":" + masterSid;
        Map<String, String> details = Map.of(
                "value", amount.setScale(2, RoundingMode.HALF_UP).toPlainString(),
                "limit", threshold.setScale(2, RoundingMode.HALF_UP).toPlainString(),
                "currency", currency);
        if (amount.compareTo(threshold) < 0) {
            alerts.once(tenant, flag, () -> new Alert(Alert.Type.LOW_BALANCE, tenant, clock.instant(), details));
            return true;
        }
        if (amount.compareTo(threshold.multiply(RECOVERY_MARGIN)) >= 0 && alerts.clear(tenant, flag)) {
            alerts.emit(new Alert(Alert.Type.BALANCE_RECOVERED, tenant, clock.instant(), details));
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------
    // Health check

    private void health(Run run, boolean scheduled) {
        Duration pace = Duration.ZERO;
        if (scheduled) {
            Duration byRate = Duration.ofMillis(60_000L / settings.healthChecksPerMinute());
            Duration spread = lastHealthCount == 0
                    ? Duration.ZERO
                    : settings.healthCheckEvery().multipliedBy(8).dividedBy(10L * lastHealthCount);
            pace = byRate.compareTo(spread) > 0 ? byRate : spread;
        }
        String after = run.cursor;
        int seen = 0;
        while (true) {
            String from = after;
            List<NumberRecord> page = Stores.call(null, () -> registry.findByStates(CHECKED, from, PAGE));
            if (page.isEmpty()) {
                break;
            }
            for (NumberRecord record : page) {
                if (seen > 0 && !pace.isZero()) {
                    run.pause(pace);
                }
                seen++;
                check(run, record);
                after = record.id();
                run.checkpoint(after);
            }
        }
        if (run.cursor == null || seen > 0) {
            lastHealthCount = Math.max(seen, 1);
        }
    }

    private void check(Run run, NumberRecord record) {
        TenantId tenant = record.tenantId();
        PhoneNumber number = record.phoneNumber().orElse(null);
        if (number == null) {
            return;
        }
        run.visited.incrementAndGet();
        VerificationReport report;
        try {
            report = provisioner.verify(tenant, number);
        } catch (TenantTwilioException e) {
            run.errors.incrementAndGet();
            return;
        }
        if (report.passed()) {
            alerts.clear(tenant, "drift:" + record.id());
            alerts.clear(tenant, "gone:" + record.id());
            if (alerts.clear(tenant, SUSPENDED)) {
                LOG.info("The Twilio account of tenant {} is active again", tenant);
            }
            return;
        }
        if (report.problems().stream().allMatch(line -> line.status() == Status.UNKNOWN)) {
            run.errors.incrementAndGet(); // Twilio could not be reached: nothing learned
            return;
        }
        run.problems.incrementAndGet();
        if (failed(report, Check.ACCOUNT_ACTIVE)) {
            alerts.once(
                    tenant,
                    SUSPENDED,
                    () -> new Alert(Alert.Type.ACCOUNT_SUSPENDED, tenant, clock.instant(), number, Map.of()));
            return;
        }
        if (failed(report, Check.NUMBER_OWNED)) {
            audit.success(
                    AuditAction.NUMBER_RELEASED_ELSEWHERE,
                    tenant,
                    "health-check",
                    event -> event.phoneNumber(number)
                            .detail("sid", record.twilioSid().orElse(null)));
            alerts.once(
                    tenant,
                    "gone:" + record.id(),
                    () -> new Alert(Alert.Type.NUMBER_RELEASED_ELSEWHERE, tenant, clock.instant(), number, Map.of()));
            return;
        }
        List<String> drifted = new ArrayList<>();
        report.problems().forEach(line -> drifted.add(line.check().name()));
        audit.success(
                AuditAction.NUMBER_DRIFT_DETECTED,
                tenant,
                "health-check",
                event -> event.phoneNumber(number).detail("problems", drifted));
        alerts.once(
                tenant,
                "drift:" + record.id(),
                () -> new Alert(
                        Alert.Type.NUMBER_DRIFT,
                        tenant,
                        clock.instant(),
                        number,
                        Map.of("detail", String.join(", ", drifted))));
        TenantPolicy policy = guardrails.policy(tenant);
        boolean repairable =
                report.problems().stream().anyMatch(line -> line.check().isRepairable());
        if (policy.autoRepair() && repairable) {
            try {
                VerificationReport after = provisioner.repair(tenant, number);
                if (after.passed()) {
                    alerts.clear(tenant, "drift:" + record.id());
                    alerts.emit(new Alert(Alert.Type.NUMBER_REPAIRED, tenant, clock.instant(), number, Map.of()));
                }
            } catch (TenantTwilioException e) {
                run.errors.incrementAndGet();
            }
        }
    }

    private static boolean failed(VerificationReport report, Check check) {
        return report.line(check).map(line -> line.status() == Status.FAILED).orElse(false);
    }

    // ---------------------------------------------------------------------------------------------
    // Reconciliation

    private void reconciliation(Run run, boolean scheduled) {
        Instant now = clock.instant();
        Instant from = now.minus(settings.reconcileWithin());
        Instant to = now.minus(settings.reconcileAfter());
        TenantId after = run.cursor == null ? null : TenantId.of(run.cursor);
        while (true) {
            TenantId start = after;
            List<TenantId> page = Stores.call(null, () -> credentials.tenants(start, PAGE));
            if (page.isEmpty()) {
                break;
            }
            for (TenantId tenant : page) {
                reconcileTenant(run, tenant, from, to);
                try {
                    usage.purge(tenant, now.minus(Duration.ofDays(62)));
                } catch (RuntimeException e) {
                    LOG.debug("Purging old counters failed ({})", e.getClass().getName());
                }
                after = tenant;
                run.checkpoint(tenant.value());
            }
        }
    }

    private void reconcileTenant(Run run, TenantId tenant, Instant from, Instant to) {
        List<SmsMessage> unsettled;
        try {
            unsettled = Stores.call(tenant, () -> conversations.unsettled(tenant, from, to, 500));
        } catch (TenantTwilioException e) {
            run.errors.incrementAndGet();
            return;
        } catch (UnsupportedOperationException e) {
            return;
        }
        if (unsettled.isEmpty()) {
            return;
        }
        TwilioRestClient client;
        String accountSid;
        try {
            client = clients.forTenant(tenant);
            accountSid = clients.credentials(tenant).accountSid();
        } catch (TenantTwilioException e) {
            run.errors.incrementAndGet();
            return;
        }
        for (SmsMessage message : unsettled) {
            run.visited.incrementAndGet();
            String sid = message.twilioSid().orElseThrow();
            Message at;
            try {
                at = TwilioCalls.call(
                        tenant,
                        Operation.READ,
                        () -> Message.fetcher(accountSid, sid).fetch(client));
            } catch (TenantTwilioException e) {
                run.errors.incrementAndGet();
                if (e.errorCode() == ErrorCode.TWILIO_UNAVAILABLE || e.errorCode() == ErrorCode.RATE_LIMITED) {
                    return; // try this tenant again next run
                }
                continue;
            }
            MessageStatus status = at.getStatus() == null
                    ? null
                    : MessageStatus.fromTwilio(at.getStatus().toString());
            if (status == null) {
                continue;
            }
            BigDecimal price = parse(at.getPrice());
            if (price == null && (status == MessageStatus.FAILED || status == MessageStatus.CANCELED)) {
                price = BigDecimal.ZERO; // Twilio does not charge for these: settled
            }
            Integer segments = parseInt(at.getNumSegments());
            Integer errorCode = at.getErrorCode();
            Optional<SmsMessage> updated = statusUpdates.apply(tenant, sid, status, errorCode, price, segments);
            if (updated.isPresent()) {
                run.problems.incrementAndGet();
            }
        }
    }

    private static @Nullable BigDecimal parse(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? null : new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static @Nullable Integer parseInt(@Nullable String value) {
        try {
            return value == null ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "ScheduledJobs[" + (isRunning() ? "running" : "stopped") + " as " + owner + "]";
    }
}
