package io.tenanttwilio.internal.guardrails;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.usage.Record;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.guardrails.UsageReport;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.internal.twilio.TwilioCalls;
import io.tenanttwilio.internal.twilio.TwilioClients;
import io.tenanttwilio.internal.twilio.TwilioErrors.Operation;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.MessageUsage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

/** Builds usage reports: the store's counts of messages, and Twilio's own Usage Records for costs. */
public final class UsageReporter {

    private final ConversationStore conversations;
    private final TwilioClients clients;
    private final Guardrails guardrails;
    private final Clock clock;

    public UsageReporter(ConversationStore conversations, TwilioClients clients, Guardrails guardrails, Clock clock) {
        this.conversations = conversations;
        this.clients = clients;
        this.guardrails = guardrails;
        this.clock = clock;
    }

    public UsageReport report(TenantId tenant, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw Problems.builder(ErrorCode.INVALID_REQUEST)
                    .tenant(tenant)
                    .detail("usage.period", from, to)
                    .build();
        }
        ZoneId zone = guardrails.policy(tenant).timeZone();
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        MessageUsage usage;
        try {
            usage = Stores.call(tenant, () -> conversations.usage(tenant, start, end));
        } catch (UnsupportedOperationException e) {
            throw Problems.builder(ErrorCode.CONFIGURATION_ERROR)
                    .tenant(tenant)
                    .detail("usage.unsupported-store")
                    .build();
        }
        UsageReport.Builder report = UsageReport.builder(tenant, from, to, zone)
                .messages(usage.received(), usage.receivedSegments(), usage.sent(), usage.sentSegments())
                .outcomes(usage.delivered(), usage.failed(), usage.failuresByErrorCode())
                .messageCost(usage.cost(), usage.awaitingPrice())
                .generatedAt(clock.instant());
        try {
            TwilioRestClient client = clients.forTenant(tenant);
            String accountSid = clients.credentials(tenant).accountSid();
            BigDecimal sms = cost(tenant, client, accountSid, "sms", from, to, report);
            BigDecimal mms = cost(tenant, client, accountSid, "mms", from, to, report);
            BigDecimal numbers = cost(tenant, client, accountSid, "phonenumbers", from, to, report);
            report.twilioCosts(sms.add(mms), numbers);
        } catch (TenantTwilioException e) {
            report.twilioCostsError(e.errorCode());
        }
        return report.build();
    }

    private static BigDecimal cost(
            TenantId tenant,
            TwilioRestClient client,
            String accountSid,
            String category,
            LocalDate from,
            LocalDate to,
            UsageReport.Builder report) {
        return TwilioCalls.call(tenant, Operation.READ, () -> {
            BigDecimal total = BigDecimal.ZERO;
            for (Record record : Record.reader(accountSid)
                    .setCategory(category)
                    .setStartDate(from)
                    .setEndDate(to)
                    .setIncludeSubaccounts(false)
                    .read(client)) {
                if (record.getPrice() != null) {
                    total = total.add(record.getPrice().abs());
                }
                if (record.getPriceUnit() != null) {
                    report.currency(record.getPriceUnit().getCurrencyCode().toUpperCase(Locale.ROOT));
                }
            }
            return total;
        });
    }
}
