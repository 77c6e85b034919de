package io.tenanttwilio.internal.numbers;

import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.messaging.v1.Service;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.TenantTwilioSettings;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.internal.shared.Auditor;
import io.tenanttwilio.internal.shared.CarrierRules;
import io.tenanttwilio.internal.text.Messages;
import io.tenanttwilio.internal.twilio.TwilioCalls;
import io.tenanttwilio.internal.twilio.TwilioClients;
import io.tenanttwilio.internal.twilio.TwilioErrors.Operation;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.numbers.VerificationReport;
import io.tenanttwilio.numbers.VerificationReport.Check;
import io.tenanttwilio.numbers.VerificationReport.Line;
import io.tenanttwilio.numbers.VerificationReport.Status;
import io.tenanttwilio.phone.PhoneNumber;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The verification of a number's setup at Twilio, check by check, and its repair: the webhook
 * configuration written again.
 */
final class Verifications {

    private static final Duration TEST_MESSAGE_WAIT = Duration.ofSeconds(10);

    private final TwilioClients clients;
    private final ProvisioningSupport support;
    private final Auditor audit;
    private final Clock clock;
    private final TenantTwilioSettings settings;
    private final CarrierRules carrier;

    Verifications(
            TwilioClients clients,
            ProvisioningSupport support,
            Auditor audit,
            Clock clock,
            TenantTwilioSettings settings,
            CarrierRules carrier) {
        this.carrier = carrier;
        this.clients = clients;
        this.support = support;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
    }

    VerificationReport verify(TenantId tenant, PhoneNumber number) {
        return verify(tenant, number, null);
    }

    VerificationReport verify(TenantId tenant, PhoneNumber number, @Nullable PhoneNumber testRecipient) {
        NumberRecord record = support.ownedRecord(tenant, number);
        VerificationReport report = verifyRecord(record, clients.forTenant(tenant), testRecipient);
        settle(record, report);
        audit.success(
                AuditAction.NUMBER_VERIFIED,
                tenant,
                null,
                event -> event.phoneNumber(number)
                        .detail("passed", report.passed())
                        .detail("problems", report.problems()));
        return report;
    }

    VerificationReport repair(TenantId tenant, PhoneNumber number) {
        NumberRecord record = support.ownedRecord(tenant, number);
        TwilioRestClient client = clients.forTenant(tenant);
        VerificationReport before = verifyRecord(record, client, null);
        boolean repairable =
                before.problems().stream().anyMatch(line -> line.check().isRepairable());
        if (repairable) {
            try {
                if (before.line(Check.REGISTRATION)
                        .filter(line -> line.status() == Status.FAILED)
                        .isPresent()) {
                    carrier.attach(record, client); // back into its campaign's service
                }
                writeConfiguration(record, client);
            } catch (TenantTwilioException e) {
                audit.failure(AuditAction.NUMBER_REPAIRED, tenant, null, e, event -> event.phoneNumber(number));
                throw e;
            }
        }
        VerificationReport after = repairable ? verifyRecord(record, client, null) : before;
        settle(record, after);
        audit.success(
                AuditAction.NUMBER_REPAIRED,
                tenant,
                null,
                event -> event.phoneNumber(number)
                        .detail("rewritten", repairable)
                        .detail("passed", after.passed()));
        return after;
    }

    /** Moves the record to ACTIVE or NEEDS_ATTENTION after a verification. */
    private void settle(NumberRecord record, VerificationReport report) {
        if (report.problems().stream().allMatch(line -> line.status() == Status.UNKNOWN) && !report.passed()) {
            return; // Twilio could not be reached: nothing learned about the number
        }
        NumberState wanted = report.passed() ? NumberState.ACTIVE : NumberState.NEEDS_ATTENTION;
        if (record.state() != wanted
                && (record.state() == NumberState.ACTIVE
                        || record.state() == NumberState.NEEDS_ATTENTION
                        || record.state() == NumberState.CONFIGURED)) {
            support.transition(
                    record,
                    record.toBuilder()
                            .state(wanted)
                            .problem(report.passed() ? null : ProvisioningSupport.problemOf(report)));
        }
    }

    VerificationReport verifyRecord(NumberRecord record, TwilioRestClient client, @Nullable PhoneNumber testRecipient) {
        TenantId tenant = record.tenantId();
        PhoneNumber number = record.phoneNumber().orElseThrow();
        List<Line> lines = new ArrayList<>();
        IncomingPhoneNumber at;
        try {
            at = TwilioCalls.call(
                    tenant,
                    Operation.READ,
                    () -> IncomingPhoneNumber.fetcher(
                                    record.accountSid(), record.twilioSid().orElseThrow())
                            .fetch(client));
        } catch (TenantTwilioException e) {
            Status status = e.errorCode() == ErrorCode.NUMBER_NOT_OWNED ? Status.FAILED : Status.UNKNOWN;
            lines.add(Line.builder(Check.NUMBER_OWNED, status)
                    .expected(record.accountSid())
                    .build());
            for (Check check : List.of(
                    Check.SMS_CAPABLE,
                    Check.SMS_URL,
                    Check.SMS_METHOD,
                    Check.NO_APPLICATION_OVERRIDE,
                    Check.NO_MESSAGING_SERVICE_OVERRIDE,
                    Check.STATUS_CALLBACK)) {
                lines.add(Line.of(check, Status.SKIPPED));
            }
            lines.add(accountLine(record, client));
            lines.add(Line.of(Check.TEST_MESSAGE, Status.SKIPPED));
            return VerificationReport.builder()
                    .tenant(tenant)
                    .phoneNumber(number)
                    .checkedAt(clock.instant())
                    .lines(lines)
                    .build();
        }
        boolean owned = record.accountSid().equals(at.getAccountSid())
                && number.e164()
                        .equals(
                                at.getPhoneNumber() == null
                                        ? null
                                        : at.getPhoneNumber().getEndpoint());
        lines.add(Line.builder(Check.NUMBER_OWNED, owned ? Status.PASSED : Status.FAILED)
                .expected(record.accountSid())
                .actual(at.getAccountSid())
                .build());
        boolean sms = at.getCapabilities() != null
                && Boolean.TRUE.equals(at.getCapabilities().getSms());
        lines.add(Line.of(Check.SMS_CAPABLE, sms ? Status.PASSED : Status.FAILED));
        String smsUrl = text(at.getSmsUrl());
        lines.add(Line.builder(Check.SMS_URL, record.smsUrl().equals(smsUrl) ? Status.PASSED : Status.FAILED)
                .expected(record.smsUrl())
                .actual(smsUrl)
                .build());
        String method = at.getSmsMethod() == null ? "POST" : at.getSmsMethod().toString();
        lines.add(Line.builder(Check.SMS_METHOD, "POST".equalsIgnoreCase(method) ? Status.PASSED : Status.FAILED)
                .expected("POST")
                .actual(method)
                .build());
        String application = at.getSmsApplicationSid() == null ? "" : at.getSmsApplicationSid();
        lines.add(Line.builder(Check.NO_APPLICATION_OVERRIDE, application.isEmpty() ? Status.PASSED : Status.FAILED)
                .expected("")
                .actual(application)
                .build());
        lines.add(serviceLine(record, client));
        String statusCallback = text(at.getStatusCallback());
        lines.add(Line.builder(
                        Check.STATUS_CALLBACK,
                        record.statusCallbackUrl().equals(statusCallback) ? Status.PASSED : Status.FAILED)
                .expected(record.statusCallbackUrl())
                .actual(statusCallback)
                .build());
        lines.add(accountLine(record, client));
        lines.add(carrier.registrationLine(record, client));
        lines.add(
                testRecipient == null
                        ? Line.of(Check.TEST_MESSAGE, Status.SKIPPED)
                        : testMessageLine(record, client, number, testRecipient));
        return VerificationReport.builder()
                .tenant(tenant)
                .phoneNumber(number)
                .checkedAt(clock.instant())
                .lines(lines)
                .build();
    }

    private static String text(@Nullable URI uri) {
        return uri == null ? "" : uri.toString();
    }

    private Line accountLine(NumberRecord record, TwilioRestClient client) {
        try {
            Account account = TwilioCalls.call(
                    record.tenantId(),
                    Operation.READ,
                    () -> Account.fetcher(record.accountSid()).fetch(client));
            boolean active = account.getStatus() == Account.Status.ACTIVE;
            return Line.builder(Check.ACCOUNT_ACTIVE, active ? Status.PASSED : Status.FAILED)
                    .expected("active")
                    .actual(String.valueOf(account.getStatus()))
                    .build();
        } catch (TenantTwilioException e) {
            return Line.builder(
                            Check.ACCOUNT_ACTIVE,
                            e.errorCode() == ErrorCode.INVALID_CREDENTIALS ? Status.FAILED : Status.UNKNOWN)
                    .expected("active")
                    .build();
        }
    }

    /** A Messaging Service that holds the number and sends its inbound messages to its own URL overrides ours. */
    private Line serviceLine(NumberRecord record, TwilioRestClient client) {
        String sid = record.twilioSid().orElseThrow();
        try {
            return TwilioCalls.call(record.tenantId(), Operation.READ, () -> {
                for (Service service : Service.reader().read(client)) {
                    for (var member : com.twilio.rest.messaging.v1.service.PhoneNumber.reader(service.getSid())
                            .read(client)) {
                        if (sid.equals(member.getSid())) {
                            boolean overrides = !Boolean.TRUE.equals(service.getUseInboundWebhookOnNumber())
                                    && service.getInboundRequestUrl() != null
                                    && !service.getInboundRequestUrl()
                                            .toString()
                                            .isEmpty();
                            return Line.builder(
                                            Check.NO_MESSAGING_SERVICE_OVERRIDE,
                                            overrides ? Status.FAILED : Status.PASSED)
                                    .expected("")
                                    .actual(overrides ? service.getSid() : "")
                                    .build();
                        }
                    }
                }
                return Line.builder(Check.NO_MESSAGING_SERVICE_OVERRIDE, Status.PASSED)
                        .expected("")
                        .actual("")
                        .build();
            });
        } catch (TenantTwilioException e) {
            return Line.builder(Check.NO_MESSAGING_SERVICE_OVERRIDE, Status.UNKNOWN)
                    .expected("")
                    .build();
        }
    }

    private Line testMessageLine(NumberRecord record, TwilioRestClient client, PhoneNumber from, PhoneNumber to) {
        String body = Messages.text(settings.defaultLocale(), "verify.test-message-body");
        try {
            Message sent = TwilioCalls.call(
                    record.tenantId(),
                    Operation.SEND,
                    () -> Message.creator(
                                    record.accountSid(),
                                    new com.twilio.type.PhoneNumber(to.e164()),
                                    new com.twilio.type.PhoneNumber(from.e164()),
                                    body)
                            .create(client));
            Instant deadline = clock.instant().plus(TEST_MESSAGE_WAIT);
            Message.Status status = sent.getStatus();
            while (!isFinal(status) && clock.instant().isBefore(deadline)) {
                ProvisioningSupport.pause(Duration.ofMillis(250));
                status = TwilioCalls.call(
                                record.tenantId(),
                                Operation.READ,
                                () -> Message.fetcher(record.accountSid(), sent.getSid())
                                        .fetch(client))
                        .getStatus();
            }
            Status outcome = status == Message.Status.DELIVERED
                    ? Status.PASSED
                    : isFinal(status) ? Status.FAILED : Status.UNKNOWN;
            return Line.builder(Check.TEST_MESSAGE, outcome)
                    .expected("delivered")
                    .actual(String.valueOf(status))
                    .build();
        } catch (TenantTwilioException e) {
            return Line.builder(Check.TEST_MESSAGE, Status.FAILED)
                    .expected("delivered")
                    .actual(e.errorCode().name())
                    .build();
        }
    }

    private static boolean isFinal(Message.@Nullable Status status) {
        return status == Message.Status.DELIVERED
                || status == Message.Status.UNDELIVERED
                || status == Message.Status.FAILED;
    }

    /** Points the number's webhooks at us: inbound messages and status callbacks, by POST, no application. */
    static void writeConfiguration(NumberRecord record, TwilioRestClient client) {
        String sid = record.twilioSid().orElseThrow();
        TwilioCalls.call(
                record.tenantId(),
                Operation.CONFIGURE,
                () -> IncomingPhoneNumber.updater(record.accountSid(), sid)
                        .setSmsUrl(URI.create(record.smsUrl()))
                        .setSmsMethod(HttpMethod.POST)
                        .setStatusCallback(URI.create(record.statusCallbackUrl()))
                        .setStatusCallbackMethod(HttpMethod.POST)
                        .setSmsApplicationSid("")
                        .update(client));
    }
}
