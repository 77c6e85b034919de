package io.tenanttwilio.test.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.messaging.v1.Service;
import com.twilio.type.PhoneNumber;
import io.tenanttwilio.test.junit.TwilioSimulatorExtension;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Carrier pacing, driven through twilio-java on a clock that only the test moves: each sender's
 * queue empties at its rate, a message of N segments takes N slots, the queue time and the
 * ValidityPeriod fail messages (30001, 30036), and a full queue refuses a From send (21611) but not
 * a Messaging Service's.
 */
class PacingContractTest {

    private static final String PATIENT = "+15815550142";
    private static final SimulatorClock CLOCK = SimulatorClock.fixedAt(Instant.parse("2026-06-01T14:00:00Z"));

    @RegisterExtension
    static final OpenApiConformance openApi = new OpenApiConformance();

    @RegisterExtension
    static final TwilioSimulatorExtension twilio =
            TwilioSimulatorExtension.create(openApi.simulator().clock(CLOCK).carrierPacing(true));

    private WebhookReceiver app;
    private SimulatedAccount clinic;
    private TwilioRestClient client;
    private String clinicNumber;
    private Instant start;

    @BeforeEach
    void clinicWithALongCode() throws Exception {
        app = new WebhookReceiver();
        clinic = twilio.simulator().createAccount("Clinique A");
        client = twilio.simulator().restClient(clinic);
        clinicNumber = twilio.simulator()
                .availableNumbers("CA", NumberType.LOCAL)
                .get(0)
                .phoneNumber();
        IncomingPhoneNumber.creator(new PhoneNumber(clinicNumber)).create(client);
        start = CLOCK.instant();
    }

    @AfterEach
    void stopApp() {
        app.close();
    }

    private Message send(String body) {
        return sendFrom(clinicNumber, body);
    }

    private Message sendFrom(String from, String body) {
        return Message.creator(new PhoneNumber(PATIENT), new PhoneNumber(from), body)
                .setStatusCallback(URI.create(app.url("/status")))
                .create(client);
    }

    private Message fetch(Message message) {
        return Message.fetcher(message.getSid()).fetch(client);
    }

    private List<Instant> releaseTimes(String sender) {
        return twilio.simulator().queueReleases().stream()
                .filter(release -> release.sender().equals(sender))
                .map(QueueRelease::sentAt)
                .toList();
    }

    private List<String> callbacksOf(Message message) {
        return app.received("/status").stream()
                .filter(r -> message.getSid().equals(r.form().get("MessageSid")))
                .map(r -> r.form().get("MessageStatus")
                        + (r.form().get("ErrorCode") == null
                                ? ""
                                : "/" + r.form().get("ErrorCode")))
                .toList();
    }

    @Test
    void aLongCodeSendsOneSegmentASecondOnTheSimulatorClock() {
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(send("Rappel " + i));
        }

        assertThat(sent).allSatisfy(m -> assertThat(m.getStatus()).isEqualTo(Message.Status.QUEUED));
        CLOCK.advance(Duration.ofMillis(3500));
        assertThat(twilio.simulator().awaitCallbacks(Duration.ofSeconds(10))).isTrue();
        assertThat(fetch(sent.get(3)).getStatus()).isEqualTo(Message.Status.DELIVERED);
        assertThat(fetch(sent.get(4)).getStatus()).isEqualTo(Message.Status.QUEUED);
        assertThat(twilio.simulator().queuedMessages()).isEqualTo(1);

        CLOCK.advance(Duration.ofMillis(500));
        assertThat(twilio.simulator().awaitCallbacks(Duration.ofSeconds(10))).isTrue();

        assertThat(releaseTimes(clinicNumber))
                .containsExactly(
                        start, start.plusSeconds(1), start.plusSeconds(2), start.plusSeconds(3), start.plusSeconds(4));
        assertThat(twilio.simulator().maxObservedRate(clinicNumber)).isEqualTo(1.0, within(1e-6));
        assertThat(twilio.simulator().senderRate(clinicNumber)).isEqualTo(1.0);
        for (int i = 0; i < 5; i++) {
            Message fetched = fetch(sent.get(i));
            assertThat(fetched.getStatus()).isEqualTo(Message.Status.DELIVERED);
            assertThat(fetched.getDateSent().toInstant()).isEqualTo(start.plusSeconds(i));
            assertThat(twilio.simulator()
                            .message(sent.get(i).getSid())
                            .orElseThrow()
                            .sentAt())
                    .isEqualTo(start.plusSeconds(i));
            assertThat(callbacksOf(sent.get(i))).containsExactly("sent", "delivered");
        }
        assertThat(twilio.simulator().queuedMessages()).isZero();
    }

    @Test
    void aMessageOfThreeSegmentsTakesThreeSlots() {
        Message long3 = send("a".repeat(307));
        Message next = send("Bonjour");
        assertThat(long3.getNumSegments()).isEqualTo("3");

        CLOCK.advance(Duration.ofMillis(2900));
        assertThat(fetch(next).getStatus()).isEqualTo(Message.Status.QUEUED);
        CLOCK.advance(Duration.ofMillis(100));
        twilio.simulator().awaitCallbacks(Duration.ofSeconds(10));

        assertThat(fetch(next).getStatus()).isEqualTo(Message.Status.DELIVERED);
        assertThat(twilio.simulator().queueReleases())
                .containsExactly(
                        new QueueRelease(clinicNumber, long3.getSid(), start, 3),
                        new QueueRelease(clinicNumber, next.getSid(), start.plusSeconds(3), 1));
        assertThat(twilio.simulator().maxObservedRate(clinicNumber)).isLessThanOrEqualTo(1.0);
    }

    @Test
    void aTollFreeNumberSendsThreeSegmentsASecondAndARateCanBeSetPerNumber() {
        twilio.simulator().enforceCarrierRules(false);
        String tollFree = twilio.simulator()
                .availableNumbers("US", NumberType.TOLL_FREE)
                .get(0)
                .phoneNumber();
        IncomingPhoneNumber.creator(new PhoneNumber(tollFree)).create(client);
        twilio.simulator().setSenderRate(clinicNumber, 100);
        for (int i = 0; i < 6; i++) {
            sendFrom(tollFree, "sans frais " + i);
            sendFrom(clinicNumber, "code court " + i);
        }

        CLOCK.advance(Duration.ofSeconds(2));
        twilio.simulator().awaitCallbacks(Duration.ofSeconds(10));

        assertThat(twilio.simulator().senderRate(tollFree)).isEqualTo(3.0);
        assertThat(releaseTimes(tollFree)).hasSize(6);
        assertThat(releaseTimes(tollFree).get(3)).isBetween(start.plusMillis(999), start.plusMillis(1001));
        assertThat(twilio.simulator().maxObservedRate(tollFree))
                .isLessThanOrEqualTo(3.0)
                .isGreaterThan(2.99);
        assertThat(releaseTimes(clinicNumber)).hasSize(6).last().isEqualTo(start.plusMillis(50));
        assertThat(twilio.simulator().maxObservedRate(clinicNumber))
                .isLessThanOrEqualTo(100.0)
                .isGreaterThan(99.9);
    }

    @Test
    void aFullQueueRefusesAFromSendWith21611ButAMessagingServiceSendFailsLaterWith30001() {
        twilio.simulator().setQueueTime(Duration.ofSeconds(10));
        List<Message> accepted = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            accepted.add(send("file " + i));
        }

        assertThatThrownBy(() -> send("de trop")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(400);
            assertThat(e.getCode()).isEqualTo(21611);
            assertThat(e.getMessage())
                    .isEqualTo("This 'From' number has exceeded the maximum number of queued messages");
        });
        Service service = Service.creator("Clinique A")
                .setStatusCallback(URI.create(app.url("/status")))
                .create(client);
        com.twilio.rest.messaging.v1.service.PhoneNumber.creator(
                        service.getSid(),
                        twilio.simulator().number(clinicNumber).orElseThrow().sid())
                .create(client);
        Message viaService = Message.creator(new PhoneNumber(PATIENT), service.getSid(), "par le service")
                .create(client);
        assertThat(viaService.getStatus()).isEqualTo(Message.Status.ACCEPTED);

        CLOCK.advance(Duration.ofSeconds(10));
        twilio.simulator().awaitCallbacks(Duration.ofSeconds(10));

        assertThat(accepted).allSatisfy(m -> assertThat(fetch(m).getStatus()).isEqualTo(Message.Status.DELIVERED));
        Message failed = fetch(viaService);
        assertThat(failed.getStatus()).isEqualTo(Message.Status.FAILED);
        assertThat(failed.getErrorCode()).isEqualTo(30001);
        assertThat(failed.getErrorMessage()).isEqualTo("Queue overflow");
        assertThat(failed.getDateSent()).isNull();
        assertThat(callbacksOf(viaService)).containsExactly("queued", "failed/30001");
        assertThat(releaseTimes(clinicNumber)).hasSize(11).last().isEqualTo(start.plusSeconds(10));
        assertThat(twilio.simulator().queuedMessages()).isZero();
    }

    @Test
    void aMessageStillQueuedWhenItsValidityPeriodRunsOutFailsWith30036WithoutTakingASlot() {
        send("premier");
        send("deuxième");
        Message shortLived = Message.creator(new PhoneNumber(PATIENT), new PhoneNumber(clinicNumber), "urgent")
                .setStatusCallback(URI.create(app.url("/status")))
                .setValidityPeriod(1)
                .create(client);
        Message patient = Message.creator(new PhoneNumber(PATIENT), new PhoneNumber(clinicNumber), "patient")
                .setStatusCallback(URI.create(app.url("/status")))
                .setValidityPeriod(5)
                .create(client);

        CLOCK.advance(Duration.ofMillis(999));
        assertThat(fetch(shortLived).getStatus()).isEqualTo(Message.Status.QUEUED);
        CLOCK.advance(Duration.ofMillis(1));
        CLOCK.advance(Duration.ofSeconds(2));
        twilio.simulator().awaitCallbacks(Duration.ofSeconds(10));

        Message expired = fetch(shortLived);
        assertThat(expired.getStatus()).isEqualTo(Message.Status.FAILED);
        assertThat(expired.getErrorCode()).isEqualTo(30036);
        assertThat(expired.getErrorMessage()).isEqualTo("Validity Period Expired");
        assertThat(callbacksOf(shortLived)).containsExactly("failed/30036");
        assertThat(fetch(patient).getStatus()).isEqualTo(Message.Status.DELIVERED);
        assertThat(twilio.simulator().message(patient.getSid()).orElseThrow().sentAt())
                .isEqualTo(start.plusSeconds(2));
    }

    @ParameterizedTest(name = "ValidityPeriod={0}")
    @ValueSource(ints = {0, -5, 36001})
    void aValidityPeriodOutOfRangeIsRefused(int seconds) {
        assertThatThrownBy(() -> Message.creator(new PhoneNumber(PATIENT), new PhoneNumber(clinicNumber), "x")
                        .setValidityPeriod(seconds)
                        .create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getCode()).isEqualTo(21624);
                });
        assertThat(twilio.simulator().messages()).isEmpty();
    }

    @Test
    void theLongestValidityPeriodIsAccepted() {
        Message message = Message.creator(new PhoneNumber(PATIENT), new PhoneNumber(clinicNumber), "x")
                .setValidityPeriod(36000)
                .create(client);

        assertThat(message.getStatus()).isEqualTo(Message.Status.QUEUED);
    }

    @Test
    void withPacingOffMessagesAreSentAtOnceAsBefore() {
        twilio.simulator().carrierPacing(false);
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(send("instantané " + i));
        }
        twilio.simulator().awaitCallbacks(Duration.ofSeconds(10));

        assertThat(twilio.simulator().carrierPacing()).isFalse();
        assertThat(sent).allSatisfy(m -> assertThat(fetch(m).getStatus()).isEqualTo(Message.Status.DELIVERED));
        assertThat(twilio.simulator().queueReleases()).isEmpty();
    }

    @Test
    void aResetTurnsPacingBackToTheBuildersSetting() {
        twilio.simulator().carrierPacing(false);
        twilio.simulator().setQueueTime(Duration.ofSeconds(3));
        twilio.simulator().setSenderRate(clinicNumber, 7);

        twilio.simulator().reset();

        assertThat(twilio.simulator().carrierPacing()).isTrue();
        assertThat(twilio.simulator().queueTime()).isEqualTo(Duration.ofHours(10));
        assertThat(twilio.simulator().senderRate(clinicNumber)).isEqualTo(1.0);
    }

    @Test
    void fiveHundredQueuedMessagesSettleInOneMoveOfTheClock() {
        twilio.simulator().setSenderRate(clinicNumber, 100);
        clinic.balance(new java.math.BigDecimal("100"));
        for (int i = 0; i < 500; i++) {
            Message.creator(new PhoneNumber(PATIENT), new PhoneNumber(clinicNumber), "lot " + i)
                    .create(client);
        }

        long began = System.nanoTime();
        CLOCK.advance(Duration.ofSeconds(5));
        long tookMillis = (System.nanoTime() - began) / 1_000_000;

        assertThat(twilio.simulator().queuedMessages()).isZero();
        assertThat(releaseTimes(clinicNumber)).hasSize(500).last().isEqualTo(start.plusMillis(4990));
        assertThat(twilio.simulator().maxObservedRate(clinicNumber)).isLessThanOrEqualTo(100.0);
        assertThat(tookMillis).isLessThan(2000);
    }
}
