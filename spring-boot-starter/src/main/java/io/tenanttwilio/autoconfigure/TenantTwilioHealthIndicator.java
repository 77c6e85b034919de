package io.tenanttwilio.autoconfigure;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.outbox.Outbox;
import io.tenanttwilio.outbox.OutboxBacklog;
import io.tenanttwilio.spi.CredentialStore;
import io.tenanttwilio.spi.NumberRegistry;
import io.tenanttwilio.spi.OutboxStore;
import io.tenanttwilio.store.jdbc.JdbcStores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * tenant-twilio's health: DOWN when its store does not answer; otherwise UP, with the numbers that
 * need attention, whether Twilio answers for a sample of tenants (asked at most once a minute, so
 * that probes do not call Twilio at every hit), and the outbox: whether this instance's dispatcher
 * runs, and the backlog of the {@value #OUTBOX_TENANTS} tenants waiting longest (read at most every
 * 30 seconds), with those whose messages will expire before they leave. Neither Twilio being
 * unreachable nor a backlog makes the application DOWN: restarting it would not help.
 *
 * <p>Thread-safe: probes may run concurrently; the last Twilio probe and the last backlog read are
 * shared between them.
 */
public class TenantTwilioHealthIndicator extends AbstractHealthIndicator {

    static final int SAMPLE = 3;
    static final Duration TWILIO_PROBE_EVERY = Duration.ofMinutes(1);

    /** The most tenants whose outbox backlog is read and shown, the longest waiting first. */
    static final int OUTBOX_TENANTS = 20;

    static final Duration OUTBOX_READ_EVERY = Duration.ofSeconds(30);

    private record Probe(Instant at, Map<String, Object> details) {}

    private final TenantTwilio twilio;
    private final CredentialStore credentials;
    private final NumberRegistry numbers;
    private final @Nullable OutboxStore outbox;
    private final @Nullable JdbcStores jdbc;
    private final Clock clock;
    private volatile @Nullable Probe lastProbe;
    private volatile @Nullable Probe lastBacklog;

    /**
     * An indicator over the SDK and its stores, without the tenants' outbox backlog (the outbox
     * detail says only whether the dispatcher runs).
     *
     * @param twilio the SDK whose accounts are asked for a sample of tenants
     * @param credentials the credential store the sample of tenants is taken from
     * @param numbers the number registry that counts the numbers needing attention
     * @param jdbc the JDBC stores, whose database is pinged, or {@code null} for in-memory stores
     */
    public TenantTwilioHealthIndicator(
            TenantTwilio twilio, CredentialStore credentials, NumberRegistry numbers, @Nullable JdbcStores jdbc) {
        this(twilio, credentials, numbers, null, jdbc, Clock.systemUTC());
    }

    /**
     * An indicator over the SDK and its stores, with the backlog of the tenants waiting longest in
     * the outbox.
     *
     * @param twilio the SDK whose accounts are asked for a sample of tenants, and whose outbox
     *     tells the tenants' backlog
     * @param credentials the credential store the sample of tenants is taken from
     * @param numbers the number registry that counts the numbers needing attention
     * @param outbox the outbox store of the SDK's stores, which finds the tenants with messages due,
     *     or {@code null} when they keep no outbox
     * @param jdbc the JDBC stores, whose database is pinged, or {@code null} for in-memory stores
     */
    public TenantTwilioHealthIndicator(
            TenantTwilio twilio,
            CredentialStore credentials,
            NumberRegistry numbers,
            @Nullable OutboxStore outbox,
            @Nullable JdbcStores jdbc) {
        this(twilio, credentials, numbers, outbox, jdbc, Clock.systemUTC());
    }

    TenantTwilioHealthIndicator(
            TenantTwilio twilio,
            CredentialStore credentials,
            NumberRegistry numbers,
            @Nullable OutboxStore outbox,
            @Nullable JdbcStores jdbc,
            Clock clock) {
        super("tenant-twilio health check failed");
        this.twilio = twilio;
        this.credentials = credentials;
        this.numbers = numbers;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (jdbc != null && !jdbc.isReachable()) {
            builder.down().withDetail("store", "unreachable");
            return;
        }
        builder.withDetail("store", jdbc != null ? (jdbc.isPostgreSql() ? "postgresql" : "h2") : "in-memory");
        int attention = numbers.findByStates(EnumSet.of(NumberState.NEEDS_ATTENTION), 1_000)
                .size();
        builder.withDetail("numbersNeedingAttention", attention);
        builder.withDetail("twilio", twilio());
        builder.withDetail("outbox", outbox());
        builder.up();
    }

    /**
     * The outbox: "unavailable" when the SDK's stores keep none; else whether the dispatcher runs
     * and, when the outbox store is known, the tenants' backlog.
     */
    private Object outbox() {
        Outbox sdkOutbox;
        try {
            sdkOutbox = twilio.outbox();
        } catch (TenantTwilioException | UnsupportedOperationException e) {
            return "unavailable";
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("dispatcher", sdkOutbox.dispatcher().isRunning() ? "running" : "stopped");
        if (outbox != null) {
            details.putAll(backlog(outbox, sdkOutbox));
        }
        return details;
    }

    /**
     * The backlog of the {@value #OUTBOX_TENANTS} tenants waiting longest: one query for the
     * tenants and one backlog each, at most every {@link #OUTBOX_READ_EVERY}. A store that does not
     * answer leaves the health as it is (the database's own ping says whether it is down).
     */
    private Map<String, Object> backlog(OutboxStore store, Outbox sdkOutbox) {
        Probe read = lastBacklog;
        Instant now = clock.instant();
        if (read != null && read.at().plus(OUTBOX_READ_EVERY).isAfter(now)) {
            return read.details();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            List<TenantId> waiting = store.tenantsDue(now, OUTBOX_TENANTS + 1);
            List<OutboxBacklog> backlogs = new ArrayList<>();
            for (TenantId tenant : waiting.subList(0, Math.min(waiting.size(), OUTBOX_TENANTS))) {
                OutboxBacklog backlog = sdkOutbox.backlog(tenant);
                if (backlog.due() > 0) {
                    backlogs.add(backlog);
                }
            }
            backlogs.sort(Comparator.comparing(OutboxBacklog::oldestWait).reversed());
            List<Map<String, Object>> tenants = new ArrayList<>();
            int atRisk = 0;
            for (OutboxBacklog backlog : backlogs) {
                Map<String, Object> tenant = new LinkedHashMap<>();
                tenant.put("tenant", backlog.tenantId().value());
                tenant.put("due", backlog.due());
                tenant.put("oldestWaitSeconds", backlog.oldestWait().toSeconds());
                tenant.put("drainTimeSeconds", backlog.drainTime().toSeconds());
                tenant.put("atRisk", backlog.isAtRisk());
                tenants.add(Collections.unmodifiableMap(tenant));
                if (backlog.isAtRisk()) {
                    atRisk++;
                }
            }
            details.put("tenantsWithBacklog", tenants.size());
            details.put("moreTenantsWithBacklog", waiting.size() > OUTBOX_TENANTS);
            details.put("tenantsAtRisk", atRisk);
            details.put("backlog", List.copyOf(tenants));
        } catch (RuntimeException e) {
            details.put("backlog", "unreadable");
        }
        Map<String, Object> shared = Collections.unmodifiableMap(details);
        lastBacklog = new Probe(now, shared);
        return shared;
    }

    private Map<String, Object> twilio() {
        Probe probe = lastProbe;
        Instant now = clock.instant();
        if (probe != null && probe.at().plus(TWILIO_PROBE_EVERY).isAfter(now)) {
            return probe.details();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        List<TenantId> sample;
        try {
            sample = credentials.tenants(null, SAMPLE);
        } catch (UnsupportedOperationException e) {
            details.put("sampled", 0);
            return details;
        }
        int reachable = 0;
        int refused = 0;
        for (TenantId tenant : sample) {
            try {
                twilio.provisioner().account(tenant);
                reachable++;
            } catch (TenantTwilioException e) {
                if (e.errorCode() != ErrorCode.TWILIO_UNAVAILABLE && e.errorCode() != ErrorCode.RATE_LIMITED) {
                    reachable++; // Twilio answered, for instance refusing the credentials
                    refused++;
                }
            }
        }
        details.put("sampled", sample.size());
        details.put("reachable", reachable);
        details.put("credentialsRefused", refused);
        lastProbe = new Probe(now, Map.copyOf(details));
        return details;
    }
}
