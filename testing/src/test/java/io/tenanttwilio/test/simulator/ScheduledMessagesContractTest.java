package io.tenanttwilio.test.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.messaging.v1.Service;
import com.twilio.type.PhoneNumber;
import io.tenanttwilio.test.junit.TwilioSimulatorExtension;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scheduled messages through twilio-java, on a clock that only the test moves: {@code
 * ScheduleType=fixed} with {@code SendAt} through a Messaging Service is {@code scheduled} until its
 * time, then sent like any other (queued behind its sender's messages when pacing is on); it can be
 * canceled until then; Twilio's errors for a missing service, a missing or out-of-range SendAt, and
 * a cancel of a message that is not scheduled.
 */
class ScheduledMessagesContractTest {

    private static final String PATIENT = "+15815550142";
    private static final SimulatorClock CLOCK = SimulatorClock.fixedAt(Instant.parse("2026-06-01T14:00:00Z"));

    @RegisterExtension
    static final OpenApiConformance openApi = new OpenApiConformance();

    @RegisterExtension
    static final TwilioSimulatorExtension twilio =
            TwilioSimulatorExtension.create(openApi.simulator().clock(CLOCK));

    private WebhookReceiver app;
    private SimulatedAccount clinic;
    private TwilioRestClient client;
    private String clinicNumber;
    private String serviceSid;

    @BeforeEach
    void clinicWithAMessagingService() throws Exception {
        app = new WebhookReceiver();
        clinic = twilio.simulator().createAccount("Clinique A");
        client = twilio.simulator().restClient(clinic);
        clinicNumber = twilio.simulator()
                .availableNumbers("CA", NumberType.LOCAL)
                .get(0)
                .phoneNumber();
        IncomingPhoneNumber number =
                IncomingPhoneNumber.creator(new PhoneNumber(clinicNumber)).create(client);
        serviceSid = Service.creator("Clinique A")
                .setStatusCallback(URI.create(app.url("/status")))
                .create(client)
                .getSid();
        com.twilio.rest.messaging.v1.service.PhoneNumber.creator(serviceSid, number.getSid())
                .create(client);
    }

    @AfterEach
    void stopApp() {
        app.close();
    }

    private static ZonedDateTime in(Duration lead) {
        return CLOCK.instant().plus(lead).atZone(ZoneOffset.UTC);
    }

    private Message schedule(String body, ZonedDateTime sendAt) {
        return Message.creator(new PhoneNumber(PATIENT), serviceSid, body)
                .setScheduleType(Message.ScheduleType.FIXED)
                .setSendAt(sendAt)
                .create(client);
    }

    private Message fetch(Message message) {
        return Message.fetcher(message.getSid()).fetch(client);
    }

    private List<String> callbacksOf(Message message) {
        return app.received("/status").stream()
                .filter(r -> message.getSid().equals(r.form().get("MessageSid")))
                .map(r -> r.form().get("MessageStatus"))
                .toList();
    }

    @Test
    void aScheduledMessageWaitsForItsSendAtThenIsSent() {
        ZonedDateTime sendAt = in(Duration.ofHours(1));
        Message message = schedule("Rappel : rendez-vous demain", sendAt);

        assertThat(message.getStatus()).isEqualTo(Message.Status.SCHEDULED);
        assertThat(message.getDateSent()).isNull();
        assertThat(twilio.simulator().scheduledMessages()).isEqualTo(1);
        CLOCK.advance(Duration.ofMinutes(59));
        assertThat(twilio.simulator().awaitCallbacks(Duration.ofSeconds(10))).isTrue();
        assertThat(fetch(message).getStatus()).isEqualTo(Message.Status.SCHEDULED);
        assertThat(callbacksOf(message)).isEmpty();

        CLOCK.advance(Duration.ofMinutes(1));
        assertThat(twilio.simulator().awaitCallbacks(Duration.ofSeconds(10))).isTrue();

        Message sent = fetch(message);
        assertThat(sent.getStatus()).isEqualTo(Message.Status.DELIVERED);
        assertThat(sent.getDateSent().toInstant()).isEqualTo(sendAt.toInstant());
        assertThat(callbacksOf(message)).containsExactly("queued", "sent", "delivered");
        assertThat(twilio.simulator().scheduledMessages()).isZero();
        assertThat(twilio.simulator().queueReleases())
                .containsExactly(new QueueRelease(clinicNumber, message.getSid(), sendAt.toInstant(), 1));
    }

    @Test
    void withPacingOnAScheduledMessageJoinsItsSendersQueueAtItsSendAt() {
        twilio.simulator().carrierPacing(true);
        ZonedDateTime sendAt = in(Duration.ofMinutes(10));
        Message scheduled = schedule("programmé", sendAt);
        CLOCK.advance(Duration.ofMinutes(10).minusSeconds(1));
        for (int i = 0; i < 3; i++) {
            Message.creator(new PhoneNumber(PATIENT), new PhoneNumber(clinicNumber), "avant " + i)
                    .create(client);
        }

        CLOCK.advance(Duration.ofSeconds(3));
        assertThat(twilio.simulator().awaitCallbacks(Duration.ofSeconds(10))).isTrue();

        // The three messages entered the queue a second before the SendAt, one a second: the
        // scheduled message, which enters at its SendAt, leaves after them.
        Instant due = sendAt.toInstant();
        assertThat(twilio.simulator().queueReleases())
                .extracting(QueueRelease::sentAt)
                .containsExactly(due.minusSeconds(1), due, due.plusSeconds(1), due.plusSeconds(2));
        assertThat(twilio.simulator().message(scheduled.getSid()).orElseThrow().sentAt())
                .isEqualTo(due.plusSeconds(2));
        assertThat(callbacksOf(scheduled)).containsExactly("queued", "sent", "delivered");
    }

    @Test
    void aScheduledMessageCanBeCanceledBeforeItsSendAtAndIsNotCharged() {
        BigDecimal before = clinic.balance();
        Message message = schedule("annulé", in(Duration.ofDays(2)));
        assertThat(clinic.balance()).isLessThan(before);

        Message canceled = Message.updater(message.getSid())
                .setStatus(Message.UpdateStatus.CANCELED)
                .update(client);
        CLOCK.advance(Duration.ofDays(3));
        assertThat(twilio.simulator().awaitCallbacks(Duration.ofSeconds(10))).isTrue();

        assertThat(canceled.getStatus()).isEqualTo(Message.Status.CANCELED);
        assertThat(fetch(message).getStatus()).isEqualTo(Message.Status.CANCELED);
        assertThat(fetch(message).getDateSent()).isNull();
        assertThat(callbacksOf(message)).containsExactly("canceled");
        assertThat(clinic.balance()).isEqualByComparingTo(before);
        assertThat(twilio.simulator().scheduledMessages()).isZero();
        assertThat(twilio.simulator().queueReleases()).isEmpty();
    }

    @Test
    void cancelingAMessageThatIsNotScheduledAnswers30409() {
        Message now = Message.creator(new PhoneNumber(PATIENT), serviceSid, "tout de suite")
                .create(client);
        Message scheduled = schedule("bientôt", in(Duration.ofMinutes(30)));
        CLOCK.advance(Duration.ofMinutes(30));

        for (Message message : List.of(now, scheduled)) {
            assertThatThrownBy(() -> Message.updater(message.getSid())
                            .setStatus(Message.UpdateStatus.CANCELED)
                            .update(client))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(400);
                        assertThat(e.getCode()).isEqualTo(30409);
                        assertThat(e.getMessage()).isEqualTo("This message cannot be canceled");
                    });
        }
    }

    @Test
    void schedulingNeedsAMessagingService() {
        assertThatThrownBy(() -> Message.creator(new PhoneNumber(PATIENT), new PhoneNumber(clinicNumber), "x")
                        .setScheduleType(Message.ScheduleType.FIXED)
                        .setSendAt(in(Duration.ofHours(1)))
                        .create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getCode()).isEqualTo(35118);
                });
        assertThat(twilio.simulator().messages()).isEmpty();
    }

    @Test
    void schedulingNeedsASendAt() {
        assertThatThrownBy(() -> Message.creator(new PhoneNumber(PATIENT), serviceSid, "x")
                        .setScheduleType(Message.ScheduleType.FIXED)
                        .create(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(35111));
    }

    @Test
    void twilioJavaSendsSendAtWithoutItsZoneSoOnlyAUtcTimeMeansWhatItSays() {
        // An hour from now is four hours earlier on Montréal's wall clock in June: twilio-java 13
        // sends that wall-clock time without its offset, which reads as UTC, three hours ago.
        ZonedDateTime inMontreal = in(Duration.ofHours(1)).withZoneSameInstant(ZoneId.of("America/Toronto"));

        assertThatThrownBy(() -> schedule("heure locale", inMontreal))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(35114));
        assertThat(twilio.simulator()
                        .requests(Endpoint.MESSAGE_CREATE)
                        .get(0)
                        .parameters()
                        .get("SendAt"))
                .containsExactly(inMontreal.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")));
        assertThat(schedule("UTC", in(Duration.ofHours(1))).getStatus()).isEqualTo(Message.Status.SCHEDULED);
    }

    @ParameterizedTest(name = "SendAt in {0} s")
    @ValueSource(longs = {-60, 0, 240, 300, 35 * 86_400 + 1})
    void aSendAtNotMoreThanFiveMinutesOrMoreThan35DaysAheadIsRefused(long seconds) {
        assertThatThrownBy(() -> schedule("x", in(Duration.ofSeconds(seconds))))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getCode()).isEqualTo(35114);
                });
        assertThat(twilio.simulator().scheduledMessages()).isZero();
    }

    @ParameterizedTest(name = "SendAt in {0} s")
    @ValueSource(longs = {301, 35 * 86_400})
    void aSendAtJustInsideTheWindowIsScheduled(long seconds) {
        assertThat(schedule("x", in(Duration.ofSeconds(seconds))).getStatus()).isEqualTo(Message.Status.SCHEDULED);
    }
}
