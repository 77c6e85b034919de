package io.tenanttwilio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenanttwilio.Actor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.audit.AuditEvent;
import io.tenanttwilio.audit.AuditQuery;
import io.tenanttwilio.guardrails.Alert;
import io.tenanttwilio.guardrails.AlertThresholds;
import io.tenanttwilio.guardrails.JobReport;
import io.tenanttwilio.guardrails.JobSettings;
import io.tenanttwilio.guardrails.ScheduledJobs;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.guardrails.UsageReport;
import io.tenanttwilio.inbound.WebhookRequest;
import io.tenanttwilio.inbound.WebhookResponse;
import io.tenanttwilio.messaging.MessageQuery;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.messaging.SmsRequest;
import io.tenanttwilio.micrometer.MicrometerMetrics;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.numbers.PurchaseRequest;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.test.simulator.DeliveryOutcome;
import io.tenanttwilio.test.simulator.Endpoint;
import io.tenanttwilio.test.simulator.SimulatedAccount;
import io.tenanttwilio.test.simulator.SimulatorClock;
import io.tenanttwilio.test.simulator.TwilioSimulator;
import io.tenanttwilio.test.simulator.WebhookRetryPolicy;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Operations against the simulator: the balance monitor, the numbers' health check, reconciliation
 * of statuses and prices, usage reports, webhook trouble alerts and the audit trail of credentials.
 */
class OperationsIT {

    private static final TenantId CLINIC = TenantId.of("clinique-ops");
    private static final String PATIENT = "+15815006712";
    private static final SimulatorClock CLOCK = SimulatorClock.fixedAt(Instant.parse("2026-11-23T15:00:00Z"));

    private static TwilioSimulator simulator;
    private static WebhookServer server;

    private final FlakyConversationStore store = new FlakyConversationStore();
    private SdkFixture sdk;
    private SimulatedAccount account;
    private NumberRecord number;

    @BeforeAll
    static void start() throws Exception {
        simulator = TwilioSimulator.builder().clock(CLOCK).start();
        server = new WebhookServer();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        simulator.close();
    }

    @BeforeEach
    void clinicWithANumber() {
        simulator.reset();
        simulator.dropStatusCallbacks(false);
        simulator.setWebhookRetryPolicy(WebhookRetryPolicy.none());
        CLOCK.set(Instant.parse("2026-11-23T15:00:00Z"));
        sdk = fixture().build();
        account = simulator.createAccount("Clinique Ops");
        number = buy(sdk, CLINIC, account, "first");
    }

    private SdkFixture.Builder fixture() {
        return SdkFixture.on(simulator)
                .clock(CLOCK)
                .publicUrl(server.baseUrl())
                .conversationStore(store)
                .thresholds(AlertThresholds.builder()
                        .window(Duration.ofMinutes(15))
                        .signatureFailures(3)
                        .webhookErrors(2)
                        .deliveryFailures(2)
                        .build());
    }

    private SdkFixture use(SdkFixture fixture) {
        sdk.close();
        sdk = fixture;
        server.use(sdk.twilio.webhooks());
        return fixture;
    }

    @AfterEach
    void close() {
        sdk.close();
    }

    private static NumberRecord buy(SdkFixture on, TenantId tenant, SimulatedAccount account, String key) {
        server.use(on.twilio.webhooks());
        return on.twilio
                .provisioner()
                .purchase(PurchaseRequest.builder(tenant, key)
                        .areaCode("418")
                        .credentials(account.credentials())
                        .build())
                .record();
    }

    private String e164() {
        return number.phoneNumber().orElseThrow().e164();
    }

    private ScheduledJobs jobs() {
        return sdk.twilio.jobs();
    }

    // ---------------------------------------------------------------------------------------------
    // Balance

    @Test
    void theBalanceAlertFiresOnceBelowTheThresholdAndAgainOnlyAfterARecovery() {
        sdk.twilio.updatePolicy(
                CLINIC,
                TenantPolicy.builder().lowBalanceThreshold(new BigDecimal("10")).build());
        account.balance(new BigDecimal("8.40"));

        JobReport first = jobs().checkBalances();
        jobs().checkBalances();
        account.balance(new BigDecimal("10.50")); // above the threshold, not clearly recovered
        jobs().checkBalances();

        assertThat(first.outcome()).isEqualTo(JobReport.Outcome.COMPLETED);
        assertThat(first.problems()).isEqualTo(1);
        assertThat(sdk.alerts.alerts(Alert.Type.LOW_BALANCE)).singleElement().satisfies(alert -> {
            assertThat(alert.tenant()).isEqualTo(CLINIC);
            assertThat(alert.message(Locale.ENGLISH))
                    .isEqualTo("The Twilio balance is 8.40 USD, under the threshold of 10.00 USD. Add funds to the"
                            + " Twilio account so that messages keep going out.");
            assertThat(alert.message(Locale.CANADA_FRENCH)).startsWith("Le solde Twilio est de 8.40 USD");
        });
        assertThat(sdk.alerts.alerts(Alert.Type.BALANCE_RECOVERED)).isEmpty();

        account.balance(new BigDecimal("50"));
        jobs().checkBalances();
        jobs().checkBalances();
        account.balance(new BigDecimal("3"));
        jobs().checkBalances();

        assertThat(sdk.alerts.alerts(Alert.Type.BALANCE_RECOVERED)).hasSize(1);
        assertThat(sdk.alerts.alerts(Alert.Type.LOW_BALANCE)).hasSize(2);
    }

    @Test
    void aSubaccountHasNoBalanceOfItsOwnSoTheMasterAccountIsWatched() {
        SimulatedAccount platform = simulator.createAccount("Platform");
        use(fixture()
                .master(platform.credentials())
                .jobs(JobSettings.builder()
                        .jitter(0)
                        .masterLowBalanceThreshold(new BigDecimal("100"))
                        .build())
                .build());
        TenantId managed = TenantId.of("clinique-geree");
        sdk.twilio.provisioner().createSubaccount(managed);
        platform.balance(new BigDecimal("40"));

        JobReport report = jobs().checkBalances();
        jobs().checkBalances();

        assertThat(report.errors())
                .as("a subaccount's missing balance is not an error")
                .isZero();
        assertThat(sdk.alerts.alerts(Alert.Type.LOW_BALANCE)).singleElement().satisfies(alert -> {
            assertThat(alert.tenant()).as("the platform").isNull();
            assertThat(alert.details()).containsEntry("value", "40.00").containsEntry("limit", "100.00");
        });
    }

    @Test
    void aTenantWhoseCredentialsFailIsCountedAndTheOthersStillChecked() {
        SimulatedAccount other = simulator.createAccount("Clinique 2");
        buy(sdk, TenantId.of("clinique-2"), other, "k2");
        other.balance(new BigDecimal("1"));
        account.close();

        JobReport report = jobs().checkBalances();

        assertThat(report.visited()).isEqualTo(2);
        assertThat(report.errors()).isEqualTo(1);
        assertThat(sdk.alerts.alerts(Alert.Type.LOW_BALANCE))
                .extracting(Alert::tenant)
                .containsExactly(TenantId.of("clinique-2"));
    }

    // ---------------------------------------------------------------------------------------------
    // Health

    @Test
    void driftIsDetectedWhenTheWebhookIsChangedAtTwilioThenRepaired() {
        simulator.editNumber(e164(), edit -> edit.smsUrl("https://elsewhere.example/sms"));

        JobReport report = jobs().checkNumbers();

        assertThat(report.visited()).isEqualTo(1);
        assertThat(report.problems()).isEqualTo(1);
        assertThat(sdk.alerts.alerts(Alert.Type.NUMBER_DRIFT)).singleElement().satisfies(alert -> {
            assertThat(alert.phoneNumber()).isEqualTo(PhoneNumber.ofE164(e164()));
            assertThat(alert.details().get("detail")).isEqualTo("SMS_URL");
            assertThat(alert.toString()).doesNotContain(e164());
        });
        assertThat(sdk.alerts.alerts(Alert.Type.NUMBER_REPAIRED)).hasSize(1);
        assertThat(simulator.number(e164()).orElseThrow().smsUrl()).isEqualTo(number.smsUrl());
        assertThat(sdk.audit.events(CLINIC)).extracting(AuditEvent::action).contains(AuditAction.NUMBER_DRIFT_DETECTED);

        JobReport again = jobs().checkNumbers();

        assertThat(again.problems()).isZero();
        assertThat(sdk.alerts.alerts(Alert.Type.NUMBER_DRIFT)).hasSize(1);
    }

    @Test
    void withoutAutomaticRepairDriftIsReportedOnceAndLeftForAPerson() {
        sdk.twilio.updatePolicy(CLINIC, TenantPolicy.builder().autoRepair(false).build());
        simulator.editNumber(e164(), edit -> edit.smsApplicationSid("AP0123456789abcdef0123456789abcdef"));

        jobs().checkNumbers();
        jobs().checkNumbers();

        assertThat(sdk.alerts.alerts(Alert.Type.NUMBER_DRIFT)).hasSize(1);
        assertThat(sdk.alerts.alerts(Alert.Type.NUMBER_REPAIRED)).isEmpty();
        assertThat(sdk.twilio.client(CLINIC).numbers())
                .singleElement()
                .satisfies(record -> assertThat(record.state()).isEqualTo(NumberState.NEEDS_ATTENTION));
    }

    @Test
    void aNumberReleasedInTheConsoleIsReported() {
        simulator.releaseNumber(e164());

        jobs().checkNumbers();
        jobs().checkNumbers();

        assertThat(sdk.alerts.alerts(Alert.Type.NUMBER_RELEASED_ELSEWHERE)).hasSize(1);
        assertThat(sdk.audit.events(CLINIC))
                .filteredOn(e -> e.action() == AuditAction.NUMBER_RELEASED_ELSEWHERE)
                .isNotEmpty();
    }

    @Test
    void aSuspendedAccountIsReportedOnceForAllItsNumbers() {
        buy(sdk, CLINIC, account, "second");
        account.suspend();

        jobs().checkNumbers();
        jobs().checkNumbers();

        assertThat(sdk.alerts.alerts(Alert.Type.ACCOUNT_SUSPENDED)).hasSize(1);
    }

    @Test
    void anotherInstanceDoesNotRunAJobWhoseLeaseIsHeldAndTakesOverWhereADeadOneStopped() {
        NumberRecord second = buy(sdk, CLINIC, account, "second");
        NumberRecord third = buy(sdk, CLINIC, account, "third");
        List<NumberRecord> inOrder = sdk.twilio.client(CLINIC).numbers().stream()
                .sorted(java.util.Comparator.comparing(NumberRecord::id))
                .toList();
        // An instance took the job, checked the first number, and died.
        sdk.usage.tryAcquireLease(ScheduledJobs.HEALTH, "dead-instance", CLOCK.instant(), Duration.ofMinutes(2));
        sdk.usage.renewLease(
                ScheduledJobs.HEALTH,
                "dead-instance",
                CLOCK.instant(),
                Duration.ofMinutes(2),
                inOrder.get(0).id());

        JobReport whileHeld = jobs().checkNumbers();
        CLOCK.advance(Duration.ofMinutes(3));
        JobReport takenOver = jobs().checkNumbers();

        assertThat(whileHeld.outcome()).isEqualTo(JobReport.Outcome.SKIPPED);
        assertThat(takenOver.outcome()).isEqualTo(JobReport.Outcome.COMPLETED);
        assertThat(takenOver.visited())
                .as("only the numbers after the dead one's place")
                .isEqualTo(2);
        assertThat(sdk.audit.events(CLINIC))
                .filteredOn(e ->
                        e.action() == AuditAction.NUMBER_VERIFIED && e.actor().isEmpty())
                .extracting(e -> e.phoneNumber().orElseThrow())
                .contains(
                        inOrder.get(1).phoneNumber().orElseThrow(),
                        inOrder.get(2).phoneNumber().orElseThrow());
        assertThat(List.of(second.id(), third.id(), number.id()))
                .containsExactlyInAnyOrderElementsOf(
                        inOrder.stream().map(NumberRecord::id).toList());
        assertThat(jobs().checkNumbers().visited())
                .as("a new run starts from the beginning")
                .isEqualTo(3);
    }

    @Test
    void theScheduleRunsTheJobsOnThisInstanceUntilStopped() throws Exception {
        use(fixture()
                .jobs(JobSettings.builder()
                        .jitter(0)
                        .balanceEvery(Duration.ofSeconds(4))
                        .build())
                .build());
        buy(sdk, CLINIC, account, "scheduled");
        sdk.twilio.updatePolicy(
                CLINIC,
                TenantPolicy.builder().lowBalanceThreshold(new BigDecimal("10")).build());
        account.balance(new BigDecimal("2"));

        jobs().start();
        jobs().start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sdk.alerts.alerts(Alert.Type.LOW_BALANCE).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        boolean running = jobs().isRunning();
        jobs().stop();

        assertThat(running).isTrue();
        assertThat(jobs().isRunning()).isFalse();
        assertThat(sdk.alerts.alerts(Alert.Type.LOW_BALANCE)).hasSize(1);
    }

    // ---------------------------------------------------------------------------------------------
    // Reconciliation and usage

    @Test
    void reconciliationFetchesTheStatusesAndPricesWhoseCallbacksNeverCame() {
        simulator.dropStatusCallbacks(true);
        simulator.setDeliveryOutcome("+15815006799", DeliveryOutcome.undelivered(30003));
        SmsMessage delivered = sdk.twilio
                .client(CLINIC)
                .sendSms(SmsRequest.to(PATIENT).body("Rappel : demain 9 h").build());
        SmsMessage undelivered = sdk.twilio
                .client(CLINIC)
                .sendSms(SmsRequest.to("+15815006799")
                        .body("Rappel : demain 10 h")
                        .build());
        simulator.awaitCallbacks(Duration.ofSeconds(5));
        assertThat(status(delivered)).isEqualTo(MessageStatus.QUEUED);

        JobReport tooSoon = jobs().reconcile();
        CLOCK.advance(Duration.ofMinutes(11));
        JobReport report = jobs().reconcile();

        assertThat(tooSoon.visited()).as("callbacks get ten minutes first").isZero();
        assertThat(report.visited()).isEqualTo(2);
        assertThat(report.problems()).isEqualTo(2);
        SmsMessage settled = stored(delivered);
        assertThat(settled.status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(settled.price()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("-0.0079"));
        assertThat(stored(undelivered).status()).isEqualTo(MessageStatus.UNDELIVERED);
        assertThat(stored(undelivered).errorCode()).hasValue(30003);
        assertThat(jobs().reconcile().visited()).as("nothing left to settle").isZero();
    }

    @Test
    void theUsageReportCountsMessagesAndCostsAndExportsAsCsv() {
        simulator.dropStatusCallbacks(true);
        simulator.setDeliveryOutcome("+15815006799", DeliveryOutcome.undelivered(30003));
        sdk.twilio
                .client(CLINIC)
                .sendSms(SmsRequest.to(PATIENT).body("Rappel : demain 9 h").build());
        sdk.twilio
                .client(CLINIC)
                .sendSms(SmsRequest.to(PATIENT).body("x".repeat(200)).build());
        sdk.twilio
                .client(CLINIC)
                .sendSms(SmsRequest.to("+15815006799")
                        .body("Rappel : demain 10 h")
                        .build());
        simulator.sendInboundSms(PATIENT, e164(), "Merci!");
        simulator.awaitCallbacks(Duration.ofSeconds(5));
        CLOCK.advance(Duration.ofMinutes(11));
        jobs().reconcile();

        UsageReport report = sdk.twilio.client(CLINIC).usage(YearMonth.of(2026, 11));

        assertThat(report.received()).isEqualTo(1);
        assertThat(report.sent()).isEqualTo(3);
        assertThat(report.sentSegments()).isEqualTo(4);
        assertThat(report.delivered()).isEqualTo(2);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.failuresByErrorCode()).containsExactly(Map.entry(30003, 1L));
        assertThat(report.messageCost()).isEqualByComparingTo("0.0316");
        assertThat(report.messagesAwaitingPrice()).isZero();
        assertThat(report.numberCost())
                .hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo("1.15"));
        assertThat(report.twilioMessagingCost())
                .hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo("0.0316"));
        assertThat(sdk.twilio.client(CLINIC).usage(YearMonth.of(2026, 10)).sent())
                .isZero();

        StringWriter csv = new StringWriter();
        UsageReport.writeCsv(sdk.twilio.usageReports(YearMonth.of(2026, 11)), csv);
        assertThat(csv.toString())
                .startsWith("tenant,from,to,time_zone,messages_received")
                .contains("clinique-ops,2026-11-01,2026-11-30,UTC,1,1,3,4,2,1,30003:1,0,0.0316,0,0.0316,1.15,USD\r\n");
    }

    @Test
    void aReportWithoutTwilioStillCountsTheMessagesAndSaysWhy() {
        sdk.twilio.client(CLINIC).sendSms(SmsRequest.to(PATIENT).body("Rappel").build());
        account.close();

        UsageReport report = sdk.twilio.client(CLINIC).usage(YearMonth.of(2026, 11));

        assertThat(report.sent()).isEqualTo(1);
        assertThat(report.numberCost()).isEmpty();
        assertThat(report.twilioCostsError()).isPresent();
    }

    // ---------------------------------------------------------------------------------------------
    // Webhook trouble

    @Test
    void forgedWebhooksRaiseOneAlertPerWindow() {
        for (int i = 0; i < 5; i++) {
            WebhookResponse refused = sdk.twilio.webhooks().handle(forged(i));
            assertThat(refused.status()).isEqualTo(403);
        }

        assertThat(sdk.alerts.alerts(Alert.Type.WEBHOOK_SIGNATURE_FAILURES))
                .singleElement()
                .satisfies(alert -> {
                    assertThat(alert.tenant()).isEqualTo(CLINIC);
                    assertThat(alert.message(Locale.ENGLISH))
                            .startsWith("3 incoming requests with an invalid Twilio signature");
                });

        CLOCK.advance(Duration.ofMinutes(16));
        for (int i = 0; i < 3; i++) {
            sdk.twilio.webhooks().handle(forged(10 + i));
        }
        assertThat(sdk.alerts.alerts(Alert.Type.WEBHOOK_SIGNATURE_FAILURES)).hasSize(2);
    }

    private WebhookRequest forged(int i) {
        String path = number.smsUrl().substring(server.baseUrl().toString().length());
        String body = "MessageSid=SM0000000000000000000000000000000" + i + "&AccountSid=" + account.sid()
                + "&From=%2B15815006712&To=" + e164().replace("+", "%2B") + "&Body=Bonjour";
        return WebhookRequest.of(
                "POST",
                path,
                null,
                Map.of(
                        "Content-Type",
                        "application/x-www-form-urlencoded",
                        "X-Twilio-Signature",
                        "bm90IGEgc2lnbmF0dXJl"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void webhooksThatCannotBeStoredRaiseAnAlert() {
        store.failNextInserts(5);

        simulator.sendInboundSms(PATIENT, e164(), "Bonjour");
        simulator.sendInboundSms(PATIENT, e164(), "Allô?");
        simulator.sendInboundSms(PATIENT, e164(), "Il y a quelqu'un?");

        assertThat(sdk.alerts.alerts(Alert.Type.WEBHOOK_ERRORS))
                .singleElement()
                .satisfies(alert -> assertThat(alert.tenant()).isEqualTo(CLINIC));
    }

    @Test
    void undeliveredMessagesAboveTheThresholdRaiseAnAlert() {
        simulator.setDeliveryOutcome("+15815006799", DeliveryOutcome.undelivered(30005));

        for (int i = 0; i < 3; i++) {
            sdk.twilio
                    .client(CLINIC)
                    .sendSms(SmsRequest.to("+15815006799").body("Rappel " + i).build());
        }
        simulator.awaitCallbacks(Duration.ofSeconds(5));

        assertThat(sdk.alerts.alerts(Alert.Type.DELIVERY_FAILURES)).hasSize(1);
    }

    // ---------------------------------------------------------------------------------------------
    // Metrics

    @Test
    void micrometerSeesSendsInboundMessagesWebhooksPurchasesAndQuotasWithoutPhoneNumbers() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        use(fixture().metrics(MicrometerMetrics.create(registry)).build());
        number = buy(sdk, CLINIC, account, "metered");
        sdk.twilio.updatePolicy(CLINIC, TenantPolicy.builder().dailySmsLimit(2).build());
        simulator.setDeliveryOutcome("+15815006799", DeliveryOutcome.undelivered(30003));

        sdk.twilio.client(CLINIC).sendSms(SmsRequest.to(PATIENT).body("Rappel").build());
        sdk.twilio
                .client(CLINIC)
                .sendSms(SmsRequest.to("+15815006799").body("Rappel").build());
        catchThrowableOfType(
                TenantTwilioException.class,
                () -> sdk.twilio
                        .client(CLINIC)
                        .sendSms(SmsRequest.to(PATIENT).body("Trop").build()));
        simulator.sendInboundSms(PATIENT, e164(), "Merci");
        simulator.awaitCallbacks(Duration.ofSeconds(5));

        assertThat(registry.get(MicrometerMetrics.SENT)
                        .tag("outcome", "sent")
                        .timer()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get(MicrometerMetrics.SENT)
                        .tag("outcome", "QUOTA_EXCEEDED")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(MicrometerMetrics.RECEIVED).counter().count()).isEqualTo(1);
        assertThat(registry.get(MicrometerMetrics.DELIVERY_FAILURES)
                        .tag("code", "30003")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(MicrometerMetrics.PURCHASES)
                        .tag("outcome", "active")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(MicrometerMetrics.WEBHOOKS)
                        .tag("kind", "sms")
                        .tag("status", "200")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(MicrometerMetrics.QUOTA_REFUSED)
                        .tag("period", "day")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.getMeters())
                .allSatisfy(meter -> assertThat(meter.getId().getTags().toString())
                        .doesNotContain("581500")
                        .doesNotContain("clinique-ops"));
    }

    @Test
    void aFailureReportedBeforeTheSendsAnswerIsCountedAndToldAsOne() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        use(fixture().metrics(MicrometerMetrics.create(registry)).build());
        number = buy(sdk, CLINIC, account, "early");
        simulator.setDeliveryOutcome("+15815006799", DeliveryOutcome.undelivered(30003));
        // Twilio carries the send out and its status callback arrives while the answer is still on its way.
        simulator.fault(Endpoint.MESSAGE_CREATE).afterProcessing().slowResponse(Duration.ofMillis(2_500));

        SmsMessage sent = sdk.twilio
                .client(CLINIC)
                .sendSms(SmsRequest.to("+15815006799").body("Rappel").build());
        simulator.awaitCallbacks(Duration.ofSeconds(5));

        // Whichever came first (almost always the callback, here), the failure is counted once.
        assertThat(sdk.twilio
                        .client(CLINIC)
                        .messages(MessageQuery.inConversation(sent.conversationId())
                                .limit(5))
                        .items()
                        .get(0)
                        .status())
                .isEqualTo(MessageStatus.UNDELIVERED);
        assertThat(registry.get(MicrometerMetrics.DELIVERY_FAILURES)
                        .tag("code", "30003")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------------
    // Credentials and the audit trail

    @Test
    void connectingRotatingAndRemovingCredentialsIsAudited() {
        TenantId tenant = TenantId.of("clinique-audit");
        SimulatedAccount own = simulator.createAccount("Clinique Audit");
        String oldToken = own.authToken();

        sdk.twilio.provisioner().saveCredentials(tenant, own.credentials(), Actor.of("marie@clinique"));
        own.createSecondaryAuthToken();
        own.promoteSecondaryAuthToken();
        sdk.twilio.provisioner().saveCredentials(tenant, own.credentials(), Actor.of("marie@clinique"));
        boolean removed = sdk.twilio.provisioner().removeCredentials(tenant, Actor.of("marie@clinique"));

        List<AuditEvent> trail = sdk.audit.events(tenant);
        assertThat(removed).isTrue();
        assertThat(trail)
                .extracting(AuditEvent::action)
                .containsExactly(
                        AuditAction.CREDENTIALS_SAVED,
                        AuditAction.CREDENTIALS_ROTATED,
                        AuditAction.CREDENTIALS_REMOVED);
        assertThat(trail).allSatisfy(event -> {
            assertThat(event.actor()).contains("marie@clinique");
            assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
            assertThat(event.toString() + event.details())
                    .doesNotContain(oldToken)
                    .doesNotContain(own.authToken());
        });
        assertThat(trail.get(0).twilioRequestId()).isPresent();
    }

    @Test
    void credentialsAreNotRemovedWhileTheirNumbersAreOwned() {
        TenantTwilioException refused = catchThrowableOfType(
                TenantTwilioException.class,
                () -> sdk.twilio.provisioner().removeCredentials(CLINIC, Actor.of("marie")));

        assertThat(refused.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(refused.userMessage(Locale.FRENCH)).contains("libérez-les d’abord");
        assertThat(sdk.credentials.find(CLINIC)).isPresent();
        assertThat(sdk.audit.events(CLINIC))
                .filteredOn(e -> e.action() == AuditAction.CREDENTIALS_REMOVED)
                .singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE));
    }

    @Test
    void badCredentialsAreNeitherSavedNorLeakedInTheTrail() {
        TenantId tenant = TenantId.of("clinique-mauvaise");
        TwilioCredentials wrong = TwilioCredentials.ofAuthToken(account.sid(), "0123456789abcdef0123456789abcdef");

        TenantTwilioException refused = catchThrowableOfType(
                TenantTwilioException.class,
                () -> sdk.twilio.provisioner().saveCredentials(tenant, wrong, Actor.of("marie")));

        assertThat(refused.errorCode()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(sdk.credentials.find(tenant)).isEmpty();
        assertThat(sdk.audit.events(tenant).toString()).doesNotContain("0123456789abcdef0123456789abcdef");
    }

    @Test
    void theTrailOfAPurchaseSaysWhoWhatWhenHowAndTwiliosRequestId() {
        List<AuditEvent> trail = sdk.twilio
                .client(CLINIC)
                .auditTrail(AuditQuery.newestFirst().limit(100))
                .items();

        AuditEvent purchased = trail.stream()
                .filter(e -> e.action() == AuditAction.NUMBER_PURCHASED)
                .findFirst()
                .orElseThrow();
        assertThat(purchased.phoneNumber()).contains(PhoneNumber.ofE164(e164()));
        assertThat(purchased.twilioRequestId())
                .hasValueSatisfying(id -> assertThat(id).startsWith("RQ"));
        assertThat(purchased.at()).isEqualTo(CLOCK.instant());
        assertThat(trail)
                .extracting(AuditEvent::action)
                .contains(AuditAction.NUMBER_CONFIGURED, AuditAction.NUMBER_VERIFIED);
        assertThat(sdk.twilio
                        .client(CLINIC)
                        .auditTrail(AuditQuery.newestFirst().limit(1))
                        .items())
                .hasSize(1);
        assertThat(sdk.twilio
                        .client(TenantId.of("someone-else"))
                        .auditTrail(AuditQuery.newestFirst().limit(100))
                        .items())
                .isEmpty();
    }

    private SmsMessage stored(SmsMessage message) {
        return store.findByTwilioSid(CLINIC, message.twilioSid().orElseThrow()).orElseThrow();
    }

    private MessageStatus status(SmsMessage message) {
        return stored(message).status();
    }
}
