package io.tenanttwilio.autoconfigure;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.spi.CredentialStore;
import io.tenanttwilio.spi.NumberRegistry;
import io.tenanttwilio.store.jdbc.JdbcStores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * tenant-twilio's health: DOWN when its store does not answer; otherwise UP, with the numbers that
 * need attention and whether Twilio answers for a sample of tenants (asked at most once a minute,
 * so that probes do not call Twilio at every hit). Twilio being unreachable does not make the
 * application DOWN: restarting it would not help.
 *
 * <p>Thread-safe: probes may run concurrently; the last Twilio probe is shared between them.
 */
public class TenantTwilioHealthIndicator extends AbstractHealthIndicator {

    static final int SAMPLE = 3;
    static final Duration TWILIO_PROBE_EVERY = Duration.ofMinutes(1);

    private record Probe(Instant at, Map<String, Object> details) {}

    private final TenantTwilio twilio;
    private final CredentialStore credentials;
    private final NumberRegistry numbers;
    private final @Nullable JdbcStores jdbc;
    private final Clock clock;
    private volatile @Nullable Probe lastProbe;

    /**
     * An indicator over the SDK and its stores.
     *
     * @param twilio the SDK whose accounts are asked for a sample of tenants
     * @param credentials the credential store the sample of tenants is taken from
     * @param numbers the number registry that counts the numbers needing attention
     * @param jdbc the JDBC stores, whose database is pinged, or {@code null} for in-memory stores
     */
    public TenantTwilioHealthIndicator(
            TenantTwilio twilio, CredentialStore credentials, NumberRegistry numbers, @Nullable JdbcStores jdbc) {
        this(twilio, credentials, numbers, jdbc, Clock.systemUTC());
    }

    TenantTwilioHealthIndicator(
            TenantTwilio twilio,
            CredentialStore credentials,
            NumberRegistry numbers,
            @Nullable JdbcStores jdbc,
            Clock clock) {
        super("tenant-twilio health check failed");
        this.twilio = twilio;
        this.credentials = credentials;
        this.numbers = numbers;
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
        builder.up();
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
