package io.tenanttwilio.internal.jobs;

import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.guardrails.JobReport;
import io.tenanttwilio.guardrails.JobSettings;
import io.tenanttwilio.guardrails.ScheduledJobs;
import io.tenanttwilio.internal.guardrails.Alerts;
import io.tenanttwilio.internal.guardrails.Guardrails;
import io.tenanttwilio.internal.messaging.StatusUpdates;
import io.tenanttwilio.internal.numbers.DefaultNumberProvisioner;
import io.tenanttwilio.internal.registration.DefaultCarrierRegistration;
import io.tenanttwilio.internal.shared.Auditor;
import io.tenanttwilio.internal.twilio.TwilioClients;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.CredentialStore;
import io.tenanttwilio.spi.NumberRegistry;
import io.tenanttwilio.spi.UsageStore;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The scheduled jobs: balance monitor, numbers' health check, reconciliation. Each run holds the
 * job's lease in the usage store, saves its place (a cursor) as it goes, and gives the lease back
 * at its end; a run whose instance died is taken over when the lease expires.
 */
public final class Jobs implements ScheduledJobs {

    private final LeaseRunner leases;
    private final BalanceMonitor balances;
    private final NumberHealthCheck health;
    private final Reconciliation reconciliation;
    private final JobBody registrations;
    private final JobScheduler scheduler;
    private final String owner;

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
            String owner,
            DefaultCarrierRegistration carrier) {
        this.leases = new LeaseRunner(usage, settings, clock, owner);
        this.balances = new BalanceMonitor(credentials, clients, guardrails, alerts, settings, master, clock);
        this.health = new NumberHealthCheck(registry, provisioner, guardrails, alerts, audit, settings, clock);
        this.reconciliation =
                new Reconciliation(credentials, conversations, usage, clients, statusUpdates, settings, clock);
        this.registrations = (run, scheduled) -> {
            int[] counts = carrier.followDue(JobRun.PAGE);
            run.visited.addAndGet(counts[0]);
            run.errors.addAndGet(counts[1]);
        };
        this.scheduler = new JobScheduler(
                leases,
                settings,
                List.of(
                        new JobScheduler.Scheduled(BALANCE, settings.balanceEvery(), balances),
                        new JobScheduler.Scheduled(HEALTH, settings.healthCheckEvery(), health),
                        new JobScheduler.Scheduled(RECONCILIATION, settings.reconciliationEvery(), reconciliation),
                        new JobScheduler.Scheduled(REGISTRATIONS, settings.registrationsEvery(), registrations)));
        this.owner = owner;
    }

    @Override
    public JobReport checkBalances() {
        return leases.run(BALANCE, null, balances);
    }

    @Override
    public JobReport checkNumbers() {
        return leases.run(HEALTH, null, health);
    }

    @Override
    public JobReport reconcile() {
        return leases.run(RECONCILIATION, null, reconciliation);
    }

    @Override
    public JobReport followRegistrations() {
        return leases.run(REGISTRATIONS, null, registrations);
    }

    @Override
    public void start() {
        scheduler.start();
    }

    @Override
    public void stop() {
        scheduler.stop();
    }

    @Override
    public boolean isRunning() {
        return scheduler.isRunning();
    }

    @Override
    public String toString() {
        return "ScheduledJobs[" + (isRunning() ? "running" : "stopped") + " as " + owner + "]";
    }
}
