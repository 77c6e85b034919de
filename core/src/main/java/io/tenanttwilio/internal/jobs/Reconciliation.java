package io.tenanttwilio.internal.jobs;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.guardrails.JobSettings;
import io.tenanttwilio.guardrails.ScheduledJobs;
import io.tenanttwilio.internal.messaging.StatusUpdates;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.twilio.TwilioCalls;
import io.tenanttwilio.internal.twilio.TwilioClients;
import io.tenanttwilio.internal.twilio.TwilioErrors.Operation;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.CredentialStore;
import io.tenanttwilio.spi.UsageStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciliation: outbound messages whose final status or price never came by callback, asked
 * of Twilio and applied as the callback would have; old usage counters are purged on the way.
 */
final class Reconciliation implements JobBody {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledJobs.class);

    private final CredentialStore credentials;
    private final ConversationStore conversations;
    private final UsageStore usage;
    private final TwilioClients clients;
    private final StatusUpdates statusUpdates;
    private final JobSettings settings;
    private final Clock clock;

    Reconciliation(
            CredentialStore credentials,
            ConversationStore conversations,
            UsageStore usage,
            TwilioClients clients,
            StatusUpdates statusUpdates,
            JobSettings settings,
            Clock clock) {
        this.credentials = credentials;
        this.conversations = conversations;
        this.usage = usage;
        this.clients = clients;
        this.statusUpdates = statusUpdates;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void run(JobRun run, boolean scheduled) {
        Instant now = clock.instant();
        Instant from = now.minus(settings.reconcileWithin());
        Instant to = now.minus(settings.reconcileAfter());
        TenantId after = run.cursor == null ? null : TenantId.of(run.cursor);
        while (true) {
            TenantId start = after;
            List<TenantId> page = Stores.call(null, () -> credentials.tenants(start, JobRun.PAGE));
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

    private void reconcileTenant(JobRun run, TenantId tenant, Instant from, Instant to) {
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
}
