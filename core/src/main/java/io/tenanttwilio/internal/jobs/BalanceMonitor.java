package io.tenanttwilio.internal.jobs;

import com.twilio.rest.api.v2010.account.Balance;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.guardrails.Alert;
import io.tenanttwilio.guardrails.JobSettings;
import io.tenanttwilio.internal.guardrails.Alerts;
import io.tenanttwilio.internal.guardrails.Guardrails;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.twilio.TwilioCalls;
import io.tenanttwilio.internal.twilio.TwilioClients;
import io.tenanttwilio.internal.twilio.TwilioErrors.Operation;
import io.tenanttwilio.spi.CredentialStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The balance monitor: every tenant's Twilio balance, and the master account's in managed mode,
 * against the low-balance threshold, with an alert when it falls under and when it recovers.
 */
final class BalanceMonitor implements JobBody {

    static final String LOW_BALANCE = "low-balance";
    /** The balance must rise this much above the threshold to count as recovered (no flapping). */
    private static final BigDecimal RECOVERY_MARGIN = new BigDecimal("1.10");

    private final CredentialStore credentials;
    private final TwilioClients clients;
    private final Guardrails guardrails;
    private final Alerts alerts;
    private final JobSettings settings;
    private final @Nullable TwilioCredentials master;
    private final Clock clock;
    private final Map<TenantId, Integer> balanceFailures = new ConcurrentHashMap<>();

    BalanceMonitor(
            CredentialStore credentials,
            TwilioClients clients,
            Guardrails guardrails,
            Alerts alerts,
            JobSettings settings,
            @Nullable TwilioCredentials master,
            Clock clock) {
        this.credentials = credentials;
        this.clients = clients;
        this.guardrails = guardrails;
        this.alerts = alerts;
        this.settings = settings;
        this.master = master;
        this.clock = clock;
    }

    @Override
    public void run(JobRun run, boolean scheduled) {
        TenantId after = run.cursor == null ? null : TenantId.of(run.cursor);
        ExecutorService pool = Executors.newFixedThreadPool(settings.balanceConcurrency(), task -> {
            Thread thread = new Thread(task, "tenant-twilio-balance");
            thread.setDaemon(true);
            return thread;
        });
        try {
            while (true) {
                TenantId from = after;
                List<TenantId> page = Stores.call(null, () -> credentials.tenants(from, JobRun.PAGE));
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
                        throw new JobRun.Interrupted("interrupted");
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
    private void balanceOf(JobRun run, TenantId tenant, boolean scheduled) {
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

    private void masterBalance(JobRun run) {
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
            alerts.once(
                    tenant,
                    flag,
                    () -> Alert.builder()
                            .type(Alert.Type.LOW_BALANCE)
                            .tenant(tenant)
                            .at(clock.instant())
                            .details(details)
                            .build());
            return true;
        }
        if (amount.compareTo(threshold.multiply(RECOVERY_MARGIN)) >= 0 && alerts.clear(tenant, flag)) {
            alerts.emit(Alert.builder()
                    .type(Alert.Type.BALANCE_RECOVERED)
                    .tenant(tenant)
                    .at(clock.instant())
                    .details(details)
                    .build());
        }
        return false;
    }
}
