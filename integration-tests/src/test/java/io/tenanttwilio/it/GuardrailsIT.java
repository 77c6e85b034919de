package io.tenanttwilio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tenanttwilio.Actor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioClient;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.audit.AuditEvent;
import io.tenanttwilio.audit.AuditQuery;
import io.tenanttwilio.guardrails.Alert;
import io.tenanttwilio.guardrails.QuotaExceededException;
import io.tenanttwilio.guardrails.QuotaPeriod;
import io.tenanttwilio.guardrails.QuotaStatus;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.messaging.MessageStatus;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.messaging.SmsRequest;
import io.tenanttwilio.numbers.PurchaseRequest;
import io.tenanttwilio.numbers.PurchaseResult;
import io.tenanttwilio.test.simulator.Endpoint;
import io.tenanttwilio.test.simulator.SimulatedAccount;
import io.tenanttwilio.test.simulator.SimulatorClock;
import io.tenanttwilio.test.simulator.TwilioSimulator;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SMS quotas and purchase limits, end to end against the simulator, with a controlled clock. */
class GuardrailsIT {

    private static final TenantId CLINIC = TenantId.of("clinique-quota");
    private static final ZoneId TORONTO = ZoneId.of("America/Toronto");
    private static final String PATIENT = "+15815006712";

    private static TwilioSimulator simulator;

    private final SimulatorClock clock = SimulatorClock.fixedAt(Instant.parse("2026-11-23T15:00:00Z"));
    private SdkFixture sdk;
    private SimulatedAccount account;

    @BeforeAll
    static void start() {
        simulator = TwilioSimulator.start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void clinicWithANumber() {
        simulator.reset();
        sdk = SdkFixture.on(simulator).clock(clock).build();
        account = simulator.createAccount("Clinique Quota");
        sdk.twilio
                .provisioner()
                .purchase(PurchaseRequest.builder(CLINIC, "first")
                        .areaCode("418")
                        .credentials(account.credentials())
                        .build());
        simulator.clearRequests();
    }

    @AfterEach
    void close() {
        sdk.close();
    }

    private TenantTwilioClient clinic() {
        return sdk.twilio.client(CLINIC);
    }

    private void policy(TenantPolicy policy) {
        sdk.twilio.updatePolicy(CLINIC, policy, Actor.of("admin@platform"));
    }

    private SmsMessage send(String body) {
        return clinic().sendSms(SmsRequest.to(PATIENT).body(body).build());
    }

    @Test
    void sendsUpToTheDailyLimitThenRefusesWithTheLimitWhatWasUsedAndWhenItResets() {
        policy(TenantPolicy.builder().timeZone(TORONTO).dailySmsLimit(3).build());
        for (int i = 0; i < 3; i++) {
            send("Rappel " + i);
        }

        QuotaExceededException refused = catchThrowableOfType(QuotaExceededException.class, () -> send("Un de trop"));

        assertThat(refused.errorCode()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(refused.quota().period()).isEqualTo(QuotaPeriod.DAY);
        assertThat(refused.quota().limit()).hasValue(3);
        assertThat(refused.quota().used()).isEqualTo(3);
        assertThat(refused.quota().resetsAt()).isEqualTo(ZonedDateTime.of(2026, 11, 24, 0, 0, 0, 0, TORONTO));
        assertThat(refused.userMessage(Locale.ENGLISH))
                .contains("Today's limit is 3 text messages and 3 were sent")
                .contains("November 24, 2026");
        assertThat(refused.userMessage(Locale.CANADA_FRENCH))
                .contains("La limite du jour est de 3 textos")
                .contains("24 novembre 2026");
        assertThat(refused.getMessage()).contains("2026-11-24T00:00:00-05:00 America/Toronto");
        assertThat(simulator.requests(Endpoint.MESSAGE_CREATE))
                .as("nothing sent past the limit")
                .hasSize(3);
        assertThat(clinic().quota().day().used()).isEqualTo(3);
    }

    @Test
    void aMessageTwilioRefusesGivesItsQuotaBack() {
        policy(TenantPolicy.builder().dailySmsLimit(1).build());
        simulator.markLandline("+15815006799");

        TenantTwilioException refused = catchThrowableOfType(
                TenantTwilioException.class,
                () -> clinic().sendSms(
                                SmsRequest.to("+15815006799").body("Bonjour").build()));

        assertThat(refused.errorCode()).isEqualTo(ErrorCode.RECIPIENT_UNREACHABLE);
        assertThat(clinic().quota().day().used()).isZero();
        assertThat(send("La place est libre").status()).isNotEqualTo(MessageStatus.FAILED);
    }

    @Test
    void aSendWhoseOutcomeIsUnknownKeepsItsQuota() {
        policy(TenantPolicy.builder().dailySmsLimit(5).build());
        simulator.fault(Endpoint.MESSAGE_CREATE).afterProcessing().times(1).resetConnection();

        TenantTwilioException unknown = catchThrowableOfType(TenantTwilioException.class, () -> send("Bonjour"));

        assertThat(unknown.errorCode()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
        assertThat(clinic().quota().day().used()).as("Twilio may have sent it").isEqualTo(1);
    }

    @Test
    void countsSegmentsWhenThePolicySaysSoAsTwilioCountsThem() {
        policy(TenantPolicy.builder().monthlySmsLimit(10).countSegments(true).build());

        send("a".repeat(200)); // GSM-7: 2 segments
        send("é".repeat(71) + "œ"); // UCS-2 (œ is not GSM-7): 72 code units, 2 segments
        send("Court");

        QuotaStatus quota = clinic().quota();
        assertThat(quota.countsSegments()).isTrue();
        assertThat(quota.month().used()).isEqualTo(5);
        assertThat(quota.month().remaining()).hasValue(5);
    }

    @Test
    void theMonthRollsOverAtMidnightInTheTenantsTimeZone() {
        policy(TenantPolicy.builder().timeZone(TORONTO).monthlySmsLimit(2).build());
        clock.set(Instant.parse("2026-12-01T04:30:00Z")); // November 30, 23:30 in Toronto
        send("Un");
        send("Deux");

        QuotaExceededException refused = catchThrowableOfType(QuotaExceededException.class, () -> send("Trois"));
        assertThat(refused.quota().period()).isEqualTo(QuotaPeriod.MONTH);
        assertThat(refused.quota().resetsAt()).isEqualTo(ZonedDateTime.of(2026, 12, 1, 0, 0, 0, 0, TORONTO));

        clock.set(Instant.parse("2026-12-01T05:00:00Z")); // December 1, 00:00 in Toronto
        send("Trois, le mois suivant");

        assertThat(clinic().quota().month().used()).isEqualTo(1);
        assertThat(clinic().quota().month().resetsAt()).isEqualTo(ZonedDateTime.of(2027, 1, 1, 0, 0, 0, 0, TORONTO));
    }

    @Test
    void alertsOnceAtEightyPercentAndOnceAtTheLimit() {
        policy(TenantPolicy.builder().monthlySmsLimit(5).build());

        for (int i = 0; i < 5; i++) {
            send("Rappel " + i);
        }
        catchThrowableOfType(QuotaExceededException.class, () -> send("Refusé"));

        assertThat(sdk.alerts.alerts(Alert.Type.QUOTA_80_PERCENT))
                .singleElement()
                .satisfies(alert -> {
                    assertThat(alert.tenant()).isEqualTo(CLINIC);
                    assertThat(alert.message(Locale.ENGLISH))
                            .isEqualTo("80% of this month's text message quota is used: 4 of 5.");
                    assertThat(alert.message(Locale.FRENCH))
                            .isEqualTo("80 % du quota de textos du mois est utilisé : 4 sur 5.");
                });
        assertThat(sdk.alerts.alerts(Alert.Type.QUOTA_REACHED)).hasSize(1);
    }

    @Test
    void anUrgentMessageGoesPastTheQuotaAuditedAndAlerted() {
        policy(TenantPolicy.builder().dailySmsLimit(1).build());
        send("Rappel");

        SmsMessage urgent = clinic().sendSms(SmsRequest.to(PATIENT)
                .body("Votre rendez-vous de 14 h est annulé")
                .sentBy("marie")
                .urgent(true)
                .build());

        assertThat(urgent.twilioSid()).isPresent();
        assertThat(clinic().quota().day().used()).isEqualTo(2);
        assertThat(sdk.audit.events(CLINIC))
                .filteredOn(e -> e.action() == AuditAction.QUOTA_OVERRIDDEN)
                .singleElement()
                .satisfies(e -> assertThat(e.actor()).contains("marie"));
        assertThat(sdk.alerts.alerts(Alert.Type.QUOTA_EXCEEDED_ON_REQUEST)).hasSize(1);
        assertThat(sdk.audit.events(CLINIC).toString()).doesNotContain("annulé");
    }

    @Test
    void aPolicyChangeIsAuditedAndReadableInTheTrail() {
        policy(TenantPolicy.builder().monthlySmsLimit(500).build());

        assertThat(sdk.twilio.policy(CLINIC).monthlySmsLimit()).hasValue(500L);
        AuditEvent changed = clinic().auditTrail(AuditQuery.newestFirst()).items().stream()
                .filter(e -> e.action() == AuditAction.POLICY_CHANGED)
                .findFirst()
                .orElseThrow();
        assertThat(changed.actor()).contains("admin@platform");
        assertThat(changed.details().get("before")).contains("monthly=none");
        assertThat(changed.details().get("after")).contains("monthly=500");
        assertThat(clinic().auditTrail(AuditQuery.newestFirst()).items().get(0).at())
                .as("newest first")
                .isAfterOrEqualTo(clinic().auditTrail(AuditQuery.newestFirst())
                        .items()
                        .get(1)
                        .at());
    }

    // ---------------------------------------------------------------------------------------------
    // Purchase limits

    private PurchaseResult buy(String key) {
        return sdk.twilio
                .provisioner()
                .purchase(PurchaseRequest.builder(CLINIC, key).areaCode("418").build());
    }

    @Test
    void thePurchaseLimitRefusesTheNextPurchaseWithin24HoursAndAllowsItAfter() {
        policy(TenantPolicy.builder().maxPurchasesPer24Hours(2).build());
        clock.advance(Duration.ofHours(25)); // the set-up purchase is out of the window
        buy("second");
        clock.advance(Duration.ofHours(1));
        buy("third");
        int bought = account.numbers().size();

        clock.advance(Duration.ofHours(1));
        TenantTwilioException refused = catchThrowableOfType(TenantTwilioException.class, () -> buy("fourth"));

        assertThat(refused.errorCode()).isEqualTo(ErrorCode.PURCHASE_LIMIT_REACHED);
        assertThat(refused.userMessage(Locale.ENGLISH)).contains("At most 2 numbers may be bought in 24 hours");
        assertThat(refused.userMessage(Locale.FRENCH)).contains("Au plus 2 numéros peuvent être achetés en 24 heures");
        assertThat(account.numbers()).as("nothing bought").hasSize(bought);
        assertThat(sdk.audit.events(CLINIC))
                .filteredOn(e -> e.action() == AuditAction.NUMBER_PURCHASE_REFUSED)
                .singleElement()
                .satisfies(e -> assertThat(e.errorCode()).contains(ErrorCode.PURCHASE_LIMIT_REACHED));

        clock.advance(Duration.ofHours(23).plusMinutes(1));
        PurchaseResult later = buy("fourth");

        assertThat(later.isActive())
                .as("the same purchase, retried after the window")
                .isTrue();
        assertThat(account.numbers()).hasSize(bought + 1);
    }

    @Test
    void aTenantCannotOwnMoreNumbersThanItsPolicyAllows() {
        policy(TenantPolicy.builder().maxNumbersOwned(1).build());

        TenantTwilioException refused = catchThrowableOfType(TenantTwilioException.class, () -> buy("second"));

        assertThat(refused.errorCode()).isEqualTo(ErrorCode.PURCHASE_LIMIT_REACHED);
        assertThat(refused.userMessage(Locale.FRENCH)).contains("au plus 1 numéros");
        assertThat(account.numbers()).hasSize(1);
    }

    @Test
    void theMonthlySpendCapRefusesANumberThatWouldCostTooMuch() {
        policy(TenantPolicy.builder()
                .monthlyNumberSpendCap(new BigDecimal("2.00"))
                .estimatedNumberMonthlyPrice(new BigDecimal("1.15"))
                .build());

        TenantTwilioException refused = catchThrowableOfType(TenantTwilioException.class, () -> buy("second"));

        assertThat(refused.errorCode()).isEqualTo(ErrorCode.PURCHASE_LIMIT_REACHED);
        assertThat(refused.userMessage(Locale.ENGLISH))
                .contains("at most 2.00 a month")
                .contains("2.30");
        assertThat(simulator.requests(Endpoint.NUMBER_PURCHASE)).isEmpty();
    }

    @Test
    void aPurchaseTwilioRefusesDoesNotCountAgainstTheWindow() {
        policy(TenantPolicy.builder().maxPurchasesPer24Hours(2).build());
        account.balance(BigDecimal.ZERO);

        TenantTwilioException noFunds = catchThrowableOfType(TenantTwilioException.class, () -> buy("second"));
        assertThat(noFunds.errorCode()).isEqualTo(ErrorCode.INSUFFICIENT_FUNDS);
        account.balance(new BigDecimal("20"));

        assertThat(buy("third").isActive())
                .as("the refused purchase gave its place back")
                .isTrue();
    }
}
