package io.tenanttwilio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.messaging.SmsRequest;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.PurchaseRequest;
import io.tenanttwilio.outbox.Consent;
import io.tenanttwilio.outbox.ConsentKind;
import io.tenanttwilio.outbox.ConsentRule;
import io.tenanttwilio.outbox.DispatchReport;
import io.tenanttwilio.outbox.Outbox;
import io.tenanttwilio.outbox.OutboxSettings;
import io.tenanttwilio.outbox.OutboxState;
import io.tenanttwilio.outbox.QuietHoursAction;
import io.tenanttwilio.outbox.ScheduleBatch;
import io.tenanttwilio.outbox.ScheduleRequest;
import io.tenanttwilio.outbox.ScheduledMessage;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.OutboxClaim;
import io.tenanttwilio.store.memory.InMemoryStores;
import io.tenanttwilio.test.simulator.Endpoint;
import io.tenanttwilio.test.simulator.SimulatedAccount;
import io.tenanttwilio.test.simulator.SimulatedMessage;
import io.tenanttwilio.test.simulator.SimulatorClock;
import io.tenanttwilio.test.simulator.TwilioSimulator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox end to end on in-memory stores against the simulator, on a clock the test moves:
 * scheduled messages leave at their time, once, at their sender's pace, outside the recipient's
 * quiet hours, never expired or without the consent the policy asks for; an instance that died
 * mid-send is resolved without a second send; 429 holds the tenant back and nothing is lost.
 */
class OutboxIT {

    private static final TenantId CLINIC_A = TenantId.of("clinique-a");
    private static final TenantId CLINIC_B = TenantId.of("clinique-b");
    private static final String PATIENT = "+15815006712";
    private static final ZoneId QUEBEC = ZoneId.of("America/Toronto");
    /** Monday 7 December 2026, 10:00 in Québec. */
    private static final Instant MORNING = Instant.parse("2026-12-07T15:00:00Z");

    private static final SimulatorClock CLOCK = SimulatorClock.fixedAt(MORNING);
    private static TwilioSimulator simulator;
    private static WebhookServer server;

    private InMemoryStores stores;
    private FlakyOutboxFamily family;
    private SdkFixture sdk;
    private NumberRecord numberA;

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
    void clinic() {
        simulator.reset();
        simulator.clearFaults();
        CLOCK.set(MORNING);
        stores = InMemoryStores.create(CLOCK);
        family = new FlakyOutboxFamily(stores);
        sdk = fixture(fast()).build();
        server.use(sdk.twilio.webhooks());
        SimulatedAccount account = simulator.createAccount("Clinique A");
        numberA = buy(CLINIC_A, account, "418");
    }

    @AfterEach
    void close() {
        sdk.close();
    }

    private SdkFixture.Builder fixture(OutboxSettings settings) {
        return SdkFixture.on(simulator)
                .publicUrl(server.baseUrl())
                .clock(CLOCK)
                .stores(stores)
                .family(family)
                .outbox(settings)
                .defaultPolicy(TenantPolicy.builder().timeZone(QUEBEC).build());
    }

    /** Senders fast enough that pacing is not what a test looks at. */
    private static OutboxSettings fast() {
        return OutboxSettings.builder()
                .claimHorizon(Duration.ofMillis(300))
                .leaseTtl(Duration.ofSeconds(2))
                .longCodeRate(100)
                .throttleBackoff(Duration.ofSeconds(2))
                .build();
    }

    private NumberRecord buy(TenantId tenant, SimulatedAccount account, String areaCode) {
        return sdk.twilio
                .provisioner()
                .purchase(PurchaseRequest.builder(tenant, "k-" + tenant)
                        .areaCode(areaCode)
                        .credentials(account.credentials())
                        .build())
                .record();
    }

    private Outbox outbox() {
        return sdk.twilio.outbox();
    }

    private static ScheduleRequest reminder(String key, String to, String body, Instant at) {
        return ScheduleRequest.builder(key, SmsRequest.to(to).body(body).build())
                .sendAt(at)
                .build();
    }

    private static List<SimulatedMessage> sentWith(String body) {
        return simulator.messages().stream().filter(m -> body.equals(m.body())).toList();
    }

    @Test
    void aReminderLeavesAtItsTimeOnceEvenWhenScheduledTwice() {
        ScheduledMessage first = outbox().schedule(
                        CLINIC_A,
                        reminder("appt-1", "(581) 500-6712", "Rappel : demain 9 h", MORNING.plusSeconds(3600)));
        ScheduledMessage again = outbox().schedule(
                        CLINIC_A,
                        reminder("appt-1", "(581) 500-6712", "Rappel : demain 9 h", MORNING.plusSeconds(3600)));
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(first.to().e164()).isEqualTo(PATIENT);
        assertThat(first.from()).isEqualTo(numberA.phoneNumber());
        assertThat(first.isHeldForQuietHours()).isFalse();

        assertThat(outbox().dispatcher().dispatchDue().claimed()).isZero();
        CLOCK.advance(Duration.ofMinutes(59));
        assertThat(outbox().dispatcher().dispatchDue().claimed()).isZero();
        CLOCK.advance(Duration.ofMinutes(1));
        DispatchReport report = outbox().dispatcher().dispatchDue();
        assertThat(report.sent()).isEqualTo(1);
        assertThat(outbox().dispatcher().dispatchDue().claimed()).isZero();

        ScheduledMessage sent = outbox().find(CLINIC_A, "appt-1").orElseThrow();
        assertThat(sent.state()).isEqualTo(OutboxState.SENT);
        List<SimulatedMessage> atTwilio = sentWith("Rappel : demain 9 h");
        assertThat(atTwilio).hasSize(1);
        assertThat(sent.twilioSid()).contains(atTwilio.get(0).sid());
        // The message is in the conversation like any other send.
        SmsMessage inConversation =
                sdk.twilio.client(CLINIC_A).message(atTwilio.get(0).sid()).orElseThrow();
        assertThat(inConversation.id()).isEqualTo(sent.messageId().orElseThrow());
    }

    @Test
    void aMessageDueAtNightWaitsForTheRecipientsMorning() {
        CLOCK.set(Instant.parse("2026-12-08T03:30:00Z")); // 22:30 in Québec
        ScheduledMessage held = outbox().schedule(CLINIC_A, reminder("late", PATIENT, "Bonne nuit", CLOCK.instant()));
        assertThat(held.isHeldForQuietHours()).isTrue();
        assertThat(held.dueAt()).isEqualTo(Instant.parse("2026-12-08T13:00:00Z")); // 8:00 EST

        CLOCK.set(Instant.parse("2026-12-08T12:59:00Z"));
        assertThat(outbox().dispatcher().dispatchDue().claimed()).isZero();
        CLOCK.set(Instant.parse("2026-12-08T13:00:00Z"));
        assertThat(outbox().dispatcher().dispatchDue().sent()).isEqualTo(1);
        assertThat(sentWith("Bonne nuit")).hasSize(1);

        // A policy that refuses says so at once, and stores nothing.
        sdk.twilio.updatePolicy(
                CLINIC_A,
                TenantPolicy.builder()
                        .timeZone(QUEBEC)
                        .quietHoursAction(QuietHoursAction.REFUSE)
                        .build());
        CLOCK.set(Instant.parse("2026-12-09T03:30:00Z"));
        assertThatThrownBy(() -> outbox().schedule(CLINIC_A, reminder("late-2", PATIENT, "Non", CLOCK.instant())))
                .isInstanceOfSatisfying(
                        TenantTwilioException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.QUIET_HOURS));
        assertThat(outbox().find(CLINIC_A, "late-2")).isEmpty();
    }

    @Test
    void oneSenderSendsOneSegmentPerSecond() {
        sdk.close();
        sdk = fixture(OutboxSettings.builder()
                        .claimHorizon(Duration.ofMillis(2500))
                        .leaseTtl(Duration.ofSeconds(10))
                        .build())
                .build();
        for (int i = 0; i < 5; i++) {
            outbox().schedule(CLINIC_A, reminder("p" + i, PATIENT, "Rappel " + i, MORNING));
        }
        DispatchReport first = outbox().dispatcher().dispatchDue();
        assertThat(first.claimed()).isEqualTo(3); // slots at 0, 1 and 2 s: the horizon holds three
        CLOCK.advance(Duration.ofSeconds(3));
        DispatchReport second = outbox().dispatcher().dispatchDue();
        assertThat(first.sent() + second.sent()).isEqualTo(5);
        List<Instant> slots = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            slots.add(outbox().find(CLINIC_A, "p" + i).orElseThrow().slotAt().orElseThrow());
        }
        slots.sort(null);
        for (int i = 1; i < slots.size(); i++) {
            assertThat(Duration.between(slots.get(i - 1), slots.get(i))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
        assertThat(simulator.messages()).hasSize(5);
    }

    @Test
    void aTenantsSingleReminderIsNotHeldBehindAnothersBatch() {
        SimulatedAccount accountB = simulator.createAccount("Clinique B");
        buy(CLINIC_B, accountB, "514");
        sdk.close();
        sdk = fixture(OutboxSettings.builder()
                        .claimHorizon(Duration.ofMillis(500))
                        .leaseTtl(Duration.ofSeconds(10))
                        .build())
                .build();
        List<ScheduleRequest> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            batch.add(reminder("a" + i, "+1581500" + String.format("%04d", i), "Lot " + i, MORNING));
        }
        assertThat(outbox().scheduleAll(CLINIC_A, batch).scheduled()).isEqualTo(200);
        CLOCK.advance(Duration.ofSeconds(1));
        outbox().schedule(CLINIC_B, reminder("b", PATIENT, "Seul rappel", CLOCK.instant()));
        // The very next pass serves B, although A's batch is older and far from drained.
        outbox().dispatcher().dispatchDue();
        assertThat(outbox().find(CLINIC_B, "b").orElseThrow().state()).isEqualTo(OutboxState.SENT);
        assertThat(outbox().backlog(CLINIC_A).due()).isGreaterThan(190);
    }

    @Test
    void cancelAndRescheduleOnlyBeforeTheMessageLeaves() {
        outbox().schedule(CLINIC_A, reminder("c1", PATIENT, "Annulé", MORNING.plusSeconds(600)));
        outbox().schedule(CLINIC_A, reminder("c2", PATIENT, "Déplacé", MORNING.plusSeconds(600)));
        assertThat(outbox().cancel(CLINIC_A, "c1").state()).isEqualTo(OutboxState.CANCELED);
        assertThat(outbox().cancel(CLINIC_A, "c1").state()).isEqualTo(OutboxState.CANCELED);
        ScheduledMessage moved = outbox().reschedule(CLINIC_A, "c2", MORNING.plusSeconds(1200));
        assertThat(moved.dueAt()).isEqualTo(MORNING.plusSeconds(1200));
        CLOCK.advance(Duration.ofSeconds(900));
        outbox().dispatcher().dispatchDue();
        assertThat(sentWith("Annulé")).isEmpty();
        assertThat(sentWith("Déplacé")).isEmpty();
        CLOCK.advance(Duration.ofSeconds(300));
        outbox().dispatcher().dispatchDue();
        assertThat(sentWith("Déplacé")).hasSize(1);
        assertThatThrownBy(() -> outbox().cancel(CLINIC_A, "c2"))
                .isInstanceOfSatisfying(TenantTwilioException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.ALREADY_DISPATCHED);
                    assertThat(e.getMessage()).doesNotContain("Déplacé");
                });
        assertThatThrownBy(() -> outbox().cancel(CLINIC_A, "nope"))
                .isInstanceOfSatisfying(
                        TenantTwilioException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
        // Another tenant cannot see or cancel it.
        assertThat(outbox().find(CLINIC_B, "c2")).isEmpty();
        assertThatThrownBy(() -> outbox().cancel(CLINIC_B, "c2")).isInstanceOf(TenantTwilioException.class);
    }

    @Test
    void aCrashBetweenTwiliosAnswerAndTheOutboxsWriteDoesNotSendTwice() {
        outbox().schedule(CLINIC_A, reminder("crash", PATIENT, "Une seule fois", MORNING));
        family.failFinishing(true); // the instance "dies" after Twilio accepted the message
        outbox().dispatcher().dispatchDue();
        assertThat(sentWith("Une seule fois")).hasSize(1);
        ScheduledMessage inDoubt = outbox().find(CLINIC_A, "crash").orElseThrow();
        assertThat(inDoubt.state()).isEqualTo(OutboxState.CLAIMED);

        family.failFinishing(false);
        outbox().dispatcher().dispatchDue(); // the lease still holds: nothing happens
        assertThat(outbox().find(CLINIC_A, "crash").orElseThrow().state()).isEqualTo(OutboxState.CLAIMED);
        CLOCK.advance(Duration.ofSeconds(3));
        DispatchReport report = outbox().dispatcher().dispatchDue();
        assertThat(report.recovered()).isEqualTo(1);
        ScheduledMessage resolved = outbox().find(CLINIC_A, "crash").orElseThrow();
        assertThat(resolved.state()).isEqualTo(OutboxState.SENT);
        assertThat(resolved.twilioSid())
                .contains(sentWith("Une seule fois").get(0).sid());
        CLOCK.advance(Duration.ofMinutes(5));
        outbox().dispatcher().dispatchDue();
        assertThat(sentWith("Une seule fois")).hasSize(1);
    }

    @Test
    void aMessageTwilioHasButNoStoreRecordedIsFoundAtTwilio() {
        sdk.close();
        NoReplaceConversations conversations = new NoReplaceConversations(stores.conversations());
        sdk = fixture(fast()).conversationStore(conversations).build();
        server.use(sdk.twilio.webhooks());
        outbox().schedule(CLINIC_A, reminder("lost", PATIENT, "Trouvé chez Twilio", MORNING));
        conversations.failReplacing(true);
        family.failFinishing(true);
        outbox().dispatcher().dispatchDue();
        assertThat(sentWith("Trouvé chez Twilio")).hasSize(1);
        conversations.failReplacing(false);
        family.failFinishing(false);
        CLOCK.advance(Duration.ofSeconds(3));
        simulator.clearRequests();
        outbox().dispatcher().dispatchDue();
        assertThat(simulator.requests(Endpoint.MESSAGE_READ)).isNotEmpty(); // asked Twilio
        ScheduledMessage resolved = outbox().find(CLINIC_A, "lost").orElseThrow();
        assertThat(resolved.state()).isEqualTo(OutboxState.SENT);
        assertThat(resolved.twilioSid())
                .contains(sentWith("Trouvé chez Twilio").get(0).sid());
        assertThat(sentWith("Trouvé chez Twilio")).hasSize(1);
    }

    @Test
    void aClaimWhoseInstanceDiedBeforeSendingIsSentOnceByAnother() {
        outbox().schedule(CLINIC_A, reminder("orphan", PATIENT, "Orphelin", MORNING));
        List<ScheduledMessage> taken = stores.outbox()
                .claim(OutboxClaim.of(
                        CLINIC_A,
                        MORNING,
                        "dead-instance",
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(1),
                        10,
                        10,
                        sender -> 1.0));
        assertThat(taken).hasSize(1);
        assertThat(outbox().dispatcher().dispatchDue().sent()).isZero();
        CLOCK.advance(Duration.ofSeconds(3));
        DispatchReport recovery = outbox().dispatcher().dispatchDue();
        assertThat(recovery.recovered()).isEqualTo(1);
        outbox().dispatcher().dispatchDue();
        assertThat(outbox().find(CLINIC_A, "orphan").orElseThrow().state()).isEqualTo(OutboxState.SENT);
        assertThat(sentWith("Orphelin")).hasSize(1);
    }

    @Test
    void tooManyRequestsHoldTheTenantBackForRetryAfterAndLoseNothing() {
        // Longer than the HTTP client waits by itself: the outbox holds the account back instead.
        simulator.fault(Endpoint.MESSAGE_CREATE).always().tooManyRequests(Duration.ofSeconds(30));
        outbox().schedule(CLINIC_A, reminder("t1", PATIENT, "Patience", MORNING));
        DispatchReport throttled = outbox().dispatcher().dispatchDue();
        assertThat(throttled.deferred()).isEqualTo(1);
        ScheduledMessage waiting = outbox().find(CLINIC_A, "t1").orElseThrow();
        assertThat(waiting.state()).isEqualTo(OutboxState.SCHEDULED);
        assertThat(waiting.dueAt()).isEqualTo(MORNING.plusSeconds(30));
        simulator.clearFaults();
        CLOCK.advance(Duration.ofSeconds(29));
        assertThat(outbox().dispatcher().dispatchDue().claimed()).isZero(); // the account still waits
        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(outbox().dispatcher().dispatchDue().sent()).isEqualTo(1);
        assertThat(sentWith("Patience")).hasSize(1);
    }

    @Test
    void aStormOfTooManyRequestsEndsWithEveryMessageSentExactlyOnce() {
        simulator.fault(Endpoint.MESSAGE_CREATE).ratio(0.5).tooManyRequests(Duration.ofSeconds(20));
        for (int i = 0; i < 30; i++) {
            outbox().schedule(
                            CLINIC_A,
                            reminder("s" + i, "+1581501" + String.format("%04d", i), "Tempête " + i, MORNING));
        }
        for (int round = 0; round < 60 && sent() < 30; round++) {
            outbox().dispatcher().dispatchDue();
            CLOCK.advance(Duration.ofSeconds(21));
        }
        simulator.clearFaults();
        Map<String, Long> perBody = simulator.messages().stream()
                .collect(Collectors.groupingBy(SimulatedMessage::body, Collectors.counting()));
        assertThat(perBody)
                .hasSize(30)
                .allSatisfy((body, count) -> assertThat(count).isEqualTo(1));
        assertThat(sent()).isEqualTo(30);
    }

    private long sent() {
        long count = 0;
        for (int i = 0; i < 30; i++) {
            if (outbox().find(CLINIC_A, "s" + i).orElseThrow().state() == OutboxState.SENT) {
                count++;
            }
        }
        return count;
    }

    @Test
    void aReminderThatCannotLeaveBeforeItsAppointmentExpiresInsteadOfArrivingLate() {
        ScheduledMessage soon = outbox().schedule(
                        CLINIC_A,
                        ScheduleRequest.builder(
                                        "exp",
                                        SmsRequest.to(PATIENT).body("Trop tard").build())
                                .sendAt(MORNING)
                                .expiresAt(MORNING.plusSeconds(60))
                                .build());
        assertThat(soon.expiresAt()).contains(MORNING.plusSeconds(60));
        CLOCK.advance(Duration.ofSeconds(90));
        DispatchReport report = outbox().dispatcher().dispatchDue();
        assertThat(report.expired()).isEqualTo(1);
        ScheduledMessage expired = outbox().find(CLINIC_A, "exp").orElseThrow();
        assertThat(expired.state()).isEqualTo(OutboxState.EXPIRED);
        assertThat(expired.problem()).contains(ErrorCode.MESSAGE_EXPIRED);
        assertThat(sentWith("Trop tard")).isEmpty();

        // One that can still leave tells Twilio to drop it when it expires.
        outbox().schedule(
                        CLINIC_A,
                        ScheduleRequest.builder(
                                        "valid",
                                        SmsRequest.to(PATIENT).body("À temps").build())
                                .expiresAt(CLOCK.instant().plusSeconds(1800))
                                .build());
        simulator.clearRequests();
        outbox().dispatcher().dispatchDue();
        assertThat(simulator.requests(Endpoint.MESSAGE_CREATE))
                .singleElement()
                .satisfies(request -> assertThat(Integer.parseInt(request.parameter("ValidityPeriod")))
                        .isBetween(1790, 1800));

        // Held by quiet hours past its appointment: refused when scheduled.
        CLOCK.set(Instant.parse("2026-12-08T03:30:00Z"));
        assertThatThrownBy(() -> outbox().schedule(
                                CLINIC_A,
                                ScheduleRequest.builder(
                                                "night",
                                                SmsRequest.to(PATIENT)
                                                        .body("Nuit")
                                                        .build())
                                        .expiresAt(Instant.parse("2026-12-08T05:00:00Z"))
                                        .build()))
                .isInstanceOfSatisfying(
                        TenantTwilioException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MESSAGE_EXPIRED));
    }

    @Test
    void consentIsCheckedWhenThePolicyAsksForIt() {
        sdk.twilio.updatePolicy(
                CLINIC_A,
                TenantPolicy.builder()
                        .timeZone(QUEBEC)
                        .consentRule(ConsentRule.REQUIRED)
                        .build());
        assertThatThrownBy(() -> outbox().schedule(CLINIC_A, reminder("k1", PATIENT, "Promo", MORNING)))
                .isInstanceOfSatisfying(
                        TenantTwilioException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONSENT_REQUIRED));
        PhoneNumber patient = PhoneNumber.ofE164(PATIENT);
        // An inquiry seven months ago: implied consent lasted six months (CASL).
        outbox().recordConsent(Consent.builder(CLINIC_A, patient)
                .kind(ConsentKind.IMPLIED_INQUIRY)
                .source("phone call")
                .givenAt(MORNING.minus(Duration.ofDays(213)))
                .build());
        assertThatThrownBy(() -> outbox().schedule(CLINIC_A, reminder("k1", PATIENT, "Promo", MORNING)))
                .isInstanceOf(TenantTwilioException.class);
        outbox().recordConsent(Consent.builder(CLINIC_A, patient)
                .kind(ConsentKind.IMPLIED_PURCHASE)
                .source("visit 2026-06-01")
                .givenAt(Instant.parse("2026-06-01T15:00:00Z"))
                .build());
        assertThat(outbox().schedule(CLINIC_A, reminder("k1", PATIENT, "Promo", MORNING))
                        .state())
                .isEqualTo(OutboxState.SCHEDULED);
        // Withdrawn before it leaves: refused when it would have left, with the reason.
        outbox().recordConsent(outbox().consent(CLINIC_A, patient).orElseThrow().toBuilder()
                .withdrawnAt(MORNING)
                .build());
        outbox().dispatcher().dispatchDue();
        ScheduledMessage refused = outbox().find(CLINIC_A, "k1").orElseThrow();
        assertThat(refused.state()).isEqualTo(OutboxState.FAILED);
        assertThat(refused.problem()).contains(ErrorCode.CONSENT_REQUIRED);
        assertThat(sentWith("Promo")).isEmpty();
        assertThat(outbox().consent(CLINIC_B, patient)).isEmpty();
    }

    @Test
    void badInputIsRefusedWithItsReasonAndNothingIsStored() {
        Function<ScheduleRequest, ErrorCode> refusal = request -> {
            try {
                outbox().schedule(CLINIC_A, request);
                return null;
            } catch (TenantTwilioException e) {
                assertThat(outbox().find(CLINIC_A, request.clientKey())).isEmpty();
                return e.errorCode();
            }
        };
        assertThat(refusal.apply(reminder("past", PATIENT, "x", MORNING.minus(Duration.ofHours(1)))))
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(refusal.apply(reminder("far", PATIENT, "x", MORNING.plus(Duration.ofDays(36)))))
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(refusal.apply(reminder("bad", "555-abc", "x", MORNING))).isEqualTo(ErrorCode.INVALID_PHONE_NUMBER);
        assertThat(refusal.apply(reminder("landline", "+33 1 42 68 53 00", "x", MORNING)))
                .isEqualTo(ErrorCode.INVALID_PHONE_NUMBER);
        assertThatThrownBy(() -> outbox().scheduleAll(CLINIC_A, List.of()))
                .isInstanceOfSatisfying(
                        TenantTwilioException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST));
        assertThatThrownBy(() -> outbox().scheduleAll(
                                CLINIC_A,
                                List.of(
                                        reminder("same", PATIENT, "x", MORNING),
                                        reminder("same", PATIENT, "y", MORNING))))
                .isInstanceOf(TenantTwilioException.class);
        assertThat(outbox().find(CLINIC_A, "same")).isEmpty();

        ScheduleBatch batch = outbox().scheduleAll(
                        CLINIC_A,
                        List.of(
                                reminder("l1", PATIENT, "ok", MORNING),
                                reminder("l2", "pas un numéro", "ok", MORNING),
                                reminder("l3", "+15815006713", "ok", MORNING.minus(Duration.ofDays(2)))));
        assertThat(batch.scheduled()).isEqualTo(1);
        assertThat(batch.items().get(1).error().orElseThrow().errorCode()).isEqualTo(ErrorCode.INVALID_PHONE_NUMBER);
        assertThat(batch.items().get(2).error().orElseThrow().errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(batch.items().get(1).error().orElseThrow().getMessage()).doesNotContain("pas un numéro");
        assertThatThrownBy(() -> ScheduleRequest.builder(
                                " ", SmsRequest.to(PATIENT).body("x").build())
                        .build())
                .isInstanceOf(TenantTwilioException.class);
    }

    @Test
    void aBrokerCarriesTheHandOffAndARedeliveredOrLostKeyStillSendsOnce() {
        sdk.close();
        List<String> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        sdk = fixture(fast()).handoff((tenant, key, slot) -> published.add(key)).build();
        server.use(sdk.twilio.webhooks());
        outbox().schedule(CLINIC_A, reminder("h1", PATIENT, "Par le courtier 1", MORNING));
        outbox().schedule(CLINIC_A, reminder("h2", "+15815006713", "Par le courtier 2", MORNING));
        DispatchReport pass = outbox().dispatcher().dispatchDue();
        assertThat(pass.claimed()).isEqualTo(2);
        assertThat(published).containsExactlyInAnyOrder("h1", "h2");
        assertThat(simulator.messages()).isEmpty();
        // The consumer; the broker delivers h1 twice.
        assertThat(outbox().dispatcher().sendClaimed(CLINIC_A, "h1").state()).isEqualTo(OutboxState.SENT);
        assertThat(outbox().dispatcher().sendClaimed(CLINIC_A, "h1").state()).isEqualTo(OutboxState.SENT);
        // h2's delivery is lost: its claim expires, it is put back and handed over again.
        CLOCK.advance(Duration.ofSeconds(3));
        outbox().dispatcher().dispatchDue();
        outbox().dispatcher().dispatchDue();
        assertThat(published).containsExactlyInAnyOrder("h1", "h2", "h2");
        assertThat(outbox().dispatcher().sendClaimed(CLINIC_A, "h2").state()).isEqualTo(OutboxState.SENT);
        assertThat(sentWith("Par le courtier 1")).hasSize(1);
        assertThat(sentWith("Par le courtier 2")).hasSize(1);
    }

    @Test
    void twoInstancesDrainOneOutboxWithoutSendingAnythingTwice() throws Exception {
        sdk.close();
        CLOCK.set(Instant.now());
        OutboxSettings settings = OutboxSettings.builder()
                .claimHorizon(Duration.ofMillis(200))
                .leaseTtl(Duration.ofSeconds(5))
                .pollEvery(Duration.ofMillis(20))
                .longCodeRate(200)
                .build();
        SdkFixture one = fixture(settings).build();
        SdkFixture two = fixture(settings).build();
        try {
            List<ScheduleRequest> batch = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                batch.add(reminder("d" + i, "+1581502" + String.format("%04d", i), "Duo " + i, null));
            }
            one.twilio.outbox().scheduleAll(CLINIC_A, batch);
            one.twilio.outbox().dispatcher().start();
            two.twilio.outbox().dispatcher().start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (simulator.messages().size() < 120 && System.nanoTime() < deadline) {
                CLOCK.set(Instant.now());
                Thread.sleep(20);
            }
            Thread.sleep(300);
            Map<String, Long> perBody = simulator.messages().stream()
                    .collect(Collectors.groupingBy(SimulatedMessage::body, Collectors.counting()));
            assertThat(perBody)
                    .hasSize(120)
                    .allSatisfy((body, count) -> assertThat(count).isEqualTo(1));
        } finally {
            one.close();
            two.close();
        }
        sdk = fixture(fast()).build();
    }
}
