package io.tenanttwilio.internal.jobs;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.guardrails.Alert;
import io.tenanttwilio.guardrails.JobSettings;
import io.tenanttwilio.guardrails.ScheduledJobs;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.internal.guardrails.Alerts;
import io.tenanttwilio.internal.guardrails.Guardrails;
import io.tenanttwilio.internal.numbers.DefaultNumberProvisioner;
import io.tenanttwilio.internal.shared.Auditor;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.numbers.VerificationReport;
import io.tenanttwilio.numbers.VerificationReport.Check;
import io.tenanttwilio.numbers.VerificationReport.Status;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.NumberRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The numbers' health check: each active number verified at Twilio, paced over the period; drift
 * and numbers released elsewhere are audited and alerted, and repaired when the policy says so.
 */
final class NumberHealthCheck implements JobBody {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledJobs.class);
    private static final Set<NumberState> CHECKED = EnumSet.of(NumberState.ACTIVE, NumberState.NEEDS_ATTENTION);
    static final String SUSPENDED = "account-suspended";

    private final NumberRegistry registry;
    private final DefaultNumberProvisioner provisioner;
    private final Guardrails guardrails;
    private final Alerts alerts;
    private final Auditor audit;
    private final JobSettings settings;
    private final Clock clock;
    private volatile int lastHealthCount;

    NumberHealthCheck(
            NumberRegistry registry,
            DefaultNumberProvisioner provisioner,
            Guardrails guardrails,
            Alerts alerts,
            Auditor audit,
            JobSettings settings,
            Clock clock) {
        this.registry = registry;
        this.provisioner = provisioner;
        this.guardrails = guardrails;
        this.alerts = alerts;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void run(JobRun run, boolean scheduled) {
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
            List<NumberRecord> page = Stores.call(null, () -> registry.findByStates(CHECKED, from, JobRun.PAGE));
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

    private void check(JobRun run, NumberRecord record) {
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
                    () -> numberAlert(Alert.Type.ACCOUNT_SUSPENDED, tenant, number)
                            .build());
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
                    () -> numberAlert(Alert.Type.NUMBER_RELEASED_ELSEWHERE, tenant, number)
                            .build());
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
                () -> numberAlert(Alert.Type.NUMBER_DRIFT, tenant, number)
                        .details(Map.of("detail", String.join(", ", drifted)))
                        .build());
        TenantPolicy policy = guardrails.policy(tenant);
        boolean repairable =
                report.problems().stream().anyMatch(line -> line.check().isRepairable());
        if (policy.autoRepair() && repairable) {
            try {
                VerificationReport after = provisioner.repair(tenant, number);
                if (after.passed()) {
                    alerts.clear(tenant, "drift:" + record.id());
                    alerts.emit(numberAlert(Alert.Type.NUMBER_REPAIRED, tenant, number)
                            .build());
                }
            } catch (TenantTwilioException e) {
                run.errors.incrementAndGet();
            }
        }
    }

    private Alert.Builder numberAlert(Alert.Type type, TenantId tenant, PhoneNumber number) {
        return Alert.builder().type(type).tenant(tenant).at(clock.instant()).phoneNumber(number);
    }

    private static boolean failed(VerificationReport report, Check check) {
        return report.line(check).map(line -> line.status() == Status.FAILED).orElse(false);
    }
}
