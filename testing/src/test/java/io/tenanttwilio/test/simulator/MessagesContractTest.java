package io.tenanttwilio.test.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.messaging.v1.Service;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import io.tenanttwilio.test.junit.TwilioSimulatorExtension;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Messages, their statuses and callbacks, and Messaging Services, driven through twilio-java. */
class MessagesContractTest {

    private static final String PATIENT = "+15815550142";

    @RegisterExtension
    static final OpenApiConformance openApi = new OpenApiConformance();

    @RegisterExtension
    static final TwilioSimulatorExtension twilio = TwilioSimulatorExtension.create(openApi.simulator());

    private WebhookReceiver app;
    private SimulatedAccount clinic;
    private TwilioRestClient client;
    private String clinicNumber;

    @BeforeEach
    void clinicWithANumber() throws Exception {
        app = new WebhookReceiver();
        clinic = twilio.simulator().createAccount("Clinique A");
        client = twilio.simulator().restClient(clinic);
        clinicNumber = twilio.simulator()
                .availableNumbers("CA", NumberType.LOCAL)
                .get(0)
                .phoneNumber();
        IncomingPhoneNumber.creator(new PhoneNumber(clinicNumber))
                .setSmsUrl(app.url("/sms"))
                .create(client);
    }

    @AfterEach
    void stopApp() {
        app.close();
    }

    private Message send(String to, String body) {
        return Message.creator(new PhoneNumber(to), new PhoneNumber(clinicNumber), body)
                .setStatusCallback(URI.create(app.url("/status")))
                .create(client);
    }

    private static Map<String, String> single(Form form) {
        Map<String, String> params = new HashMap<>();
        form.asMap().forEach((name, values) -> params.put(name, values.get(0)));
        return params;
    }

    @Test
    void sendsAMessageThatStartsQueued() {
        Message message = send(PATIENT, "Votre rendez-vous est confirmé.");

        assertThat(message.getSid()).matches("SM[0-9a-f]{32}");
        assertThat(message.getStatus()).isEqualTo(Message.Status.QUEUED);
        assertThat(message.getDirection()).isEqualTo(Message.Direction.OUTBOUND_API);
        assertThat(message.getFrom().getEndpoint()).isEqualTo(clinicNumber);
        assertThat(message.getTo()).isEqualTo(PATIENT);
        assertThat(message.getNumSegments()).isEqualTo("1");
        assertThat(message.getPrice()).isNull();
        assertThat(message.getPriceUnit().getCurrencyCode()).isEqualTo("USD");
    }

    @ParameterizedTest(name = "{0} characters of {1} -> {2} segments")
    @CsvSource({
        "160, a, 1",
        "161, a, 2",
        "306, a, 2",
        "307, a, 3",
        "70, é, 1",
        "70, ê, 1",
        "71, ê, 2",
        "134, ê, 2",
        "135, ê, 3"
    })
    void countsSegmentsAsGsm7OrUcs2(int length, String character, String segments) {
        Message message = send(PATIENT, character.repeat(length));

        assertThat(message.getNumSegments()).isEqualTo(segments);
    }

    @Test
    void postsSignedStatusCallbacksInOrderAndPricesTheMessage() {
        Message message = send(PATIENT, "Bonjour");
        assertThat(twilio.simulator().awaitCallbacks(Duration.ofSeconds(10))).isTrue();

        List<WebhookReceiver.Received> callbacks = app.received("/status");
        assertThat(callbacks).extracting(r -> r.form().get("MessageStatus")).containsExactly("sent", "delivered");
        RequestValidator validator = new RequestValidator(clinic.authToken());
        assertThat(callbacks).allSatisfy(callback -> {
            assertThat(validator.validate(
                            app.url("/status"), single(callback.form()), callback.header("X-Twilio-Signature")))
                    .isTrue();
            assertThat(callback.form().get("MessageSid")).isEqualTo(message.getSid());
            assertThat(callback.form().get("AccountSid")).isEqualTo(clinic.sid());
        });
        assertThat(callbacks.get(1).form().get("RawDlrDoneDate")).matches("\\d{10}");
        Message fetched = Message.fetcher(message.getSid()).fetch(client);
        assertThat(fetched.getStatus()).isEqualTo(Message.Status.DELIVERED);
        assertThat(fetched.getPrice()).isEqualTo("-0.00790");
        assertThat(fetched.getDateSent()).isNotNull();
    }

    @Test
    void reportsUndeliveredAndFailedMessagesWithTheirErrorCode() {
        twilio.simulator().setDeliveryOutcome("+15815550143", DeliveryOutcome.undelivered(30003));
        twilio.simulator().setDeliveryOutcome("+15815550144", DeliveryOutcome.failed(30007));

        Message undelivered = send("+15815550143", "a");
        Message failed = send("+15815550144", "b");
        twilio.simulator().awaitCallbacks(Duration.ofSeconds(10));

        assertThat(Message.fetcher(undelivered.getSid()).fetch(client).getErrorCode())
                .isEqualTo(30003);
        assertThat(Message.fetcher(failed.getSid()).fetch(client).getStatus()).isEqualTo(Message.Status.FAILED);
        assertThat(app.received("/status"))
                .extracting(r -> r.form().get("MessageStatus") + "/" + r.form().get("ErrorCode"))
                .containsExactlyInAnyOrder("sent/null", "undelivered/30003", "failed/30007");
    }

    @Test
    void shufflesAndDuplicatesCallbacksOnRequest() {
        twilio.simulator().setCallbackMode(CallbackMode.MANUAL);
        twilio.simulator().setCallbackOrder(CallbackOrder.SHUFFLED_WITH_DUPLICATES);
        try {
            for (int i = 0; i < 10; i++) {
                send(PATIENT, "m" + i);
            }
            assertThat(twilio.simulator().pendingCallbacks()).isEqualTo(10);

            List<WebhookDelivery> posted = twilio.simulator().deliverPendingCallbacks();

            assertThat(posted.size()).isGreaterThan(20);
            List<String> order =
                    posted.stream().map(d -> d.parameter("MessageStatus")).toList();
            assertThat(order)
                    .isNotEqualTo(order.stream()
                            .sorted((a, b) -> a.equals("sent") ? -1 : 1)
                            .toList());
            assertThat(twilio.simulator().messages())
                    .filteredOn(m -> m.direction().equals("outbound-api"))
                    .allSatisfy(m -> assertThat(m.status()).isEqualTo("delivered"));
        } finally {
            twilio.simulator().setCallbackMode(CallbackMode.AUTOMATIC);
            twilio.simulator().setCallbackOrder(CallbackOrder.IN_ORDER);
        }
    }

    @Test
    void manualModeHoldsTheStatusUntilCallbacksAreDelivered() {
        twilio.simulator().setCallbackMode(CallbackMode.MANUAL);
        try {
            Message message = send(PATIENT, "x");
            assertThat(Message.fetcher(message.getSid()).fetch(client).getStatus())
                    .isEqualTo(Message.Status.QUEUED);

            twilio.simulator().deliverPendingCallbacks();

            assertThat(Message.fetcher(message.getSid()).fetch(client).getStatus())
                    .isEqualTo(Message.Status.DELIVERED);
        } finally {
            twilio.simulator().setCallbackMode(CallbackMode.AUTOMATIC);
        }
    }

    @Test
    void callbacksStillQueuedAtAResetAreNotAppliedToTheMessagesThatFollowIt() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        app.holdUntil(released);
        for (int i = 0; i < 3; i++) {
            send(PATIENT, "avant " + i);
        }
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        try {
            later.schedule(released::countDown, 300, TimeUnit.MILLISECONDS);
            twilio.simulator().reset();
            // The reset simulator hands out the same SIDs again: the next messages are namesakes of
            // those whose callbacks were still queued.
            WebhookReceiver next = new WebhookReceiver();
            try {
                SimulatedAccount again = twilio.simulator().createAccount("Clinique A");
                TwilioRestClient againClient = twilio.simulator().restClient(again);
                String number = twilio.simulator()
                        .availableNumbers("CA", NumberType.LOCAL)
                        .get(0)
                        .phoneNumber();
                IncomingPhoneNumber.creator(new PhoneNumber(number)).create(againClient);
                for (int i = 0; i < 3; i++) {
                    Message.creator(new PhoneNumber(PATIENT), new PhoneNumber(number), "après " + i)
                            .setStatusCallback(URI.create(next.url("/status")))
                            .create(againClient);
                }
                assertThat(twilio.simulator().awaitCallbacks(Duration.ofSeconds(10)))
                        .isTrue();

                assertThat(next.received("/status"))
                        .extracting(r -> r.form().get("MessageStatus"))
                        .containsExactly("sent", "delivered", "sent", "delivered", "sent", "delivered");
            } finally {
                next.close();
            }
        } finally {
            later.shutdownNow();
        }
    }

    @Test
    void droppedCallbacksStillMoveTheMessage() {
        twilio.simulator().dropStatusCallbacks(true);
        try {
            Message message = send(PATIENT, "x");
            twilio.simulator().awaitCallbacks(Duration.ofSeconds(10));

            assertThat(app.received("/status")).isEmpty();
            assertThat(Message.fetcher(message.getSid()).fetch(client).getStatus())
                    .isEqualTo(Message.Status.DELIVERED);
        } finally {
            twilio.simulator().dropStatusCallbacks(false);
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            21211 | +1234
            21612 | +15815550150
            21614 | +15815550151
            21408 | +33612345678
            """)
    void refusesRecipientsAsTwilioDoes(int code, String to) {
        twilio.simulator().markUnreachable("+15815550150");
        twilio.simulator().markLandline("+15815550151");
        clinic.blockCountry("FR");

        assertThatThrownBy(() -> send(to, "x")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.getCode()).isEqualTo(code);
            assertThat(e.getStatusCode()).isEqualTo(400);
        });
    }

    @Test
    void refusesASenderTheAccountDoesNotOwn() {
        String other = twilio.simulator()
                .availableNumbers("CA", NumberType.LOCAL)
                .get(0)
                .phoneNumber();

        assertThatThrownBy(() -> Message.creator(new PhoneNumber(PATIENT), new PhoneNumber(other), "x")
                        .create(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21606));
    }

    @Test
    void refusesEmptyAndOverlongBodies() {
        assertThatThrownBy(() -> send(PATIENT, ""))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21602));
        assertThatThrownBy(() -> send(PATIENT, "x".repeat(1601)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21617));
    }

    @Test
    void aTrialAccountTextsOnlyVerifiedNumbersWithAPrefixedBody() {
        clinic.trial();

        assertThatThrownBy(() -> send(PATIENT, "x"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21608));
        clinic.verifyCallerId(PATIENT);
        assertThat(send(PATIENT, "Bonjour").getBody()).isEqualTo("Sent from your Twilio trial account - Bonjour");
    }

    @Test
    void aStopFromThePatientBlocksLaterSendsUntilStart() {
        twilio.simulator().sendInboundSms(PATIENT, clinicNumber, "Stop");

        assertThatThrownBy(() -> send(PATIENT, "x"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21610));
        assertThat(twilio.simulator().isOptedOut(clinicNumber, PATIENT)).isTrue();

        twilio.simulator().sendInboundSms(PATIENT, clinicNumber, "START");
        assertThat(send(PATIENT, "x").getStatus()).isEqualTo(Message.Status.QUEUED);
    }

    @Test
    void anAccountWithoutFundsCannotSend() {
        clinic.balance(java.math.BigDecimal.ZERO);

        assertThatThrownBy(() -> send(PATIENT, "x"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20005));
    }

    @Test
    void fetchesAndListsMessagesNewestFirst() {
        Message first = send(PATIENT, "1");
        Message second = send("+15815550143", "2");

        List<Message> all = StreamSupport.stream(Message.reader().read(client).spliterator(), false)
                .toList();
        List<Message> toPatient = StreamSupport.stream(
                        Message.reader()
                                .setTo(new PhoneNumber(PATIENT))
                                .read(client)
                                .spliterator(),
                        false)
                .toList();

        assertThat(all).extracting(Message::getSid).containsExactly(second.getSid(), first.getSid());
        assertThat(toPatient).extracting(Message::getSid).containsExactly(first.getSid());
        assertThat(Message.fetcher(first.getSid()).fetch(client).getBody()).isEqualTo("1");
    }

    @Test
    void sendsThroughAMessagingServiceStartingAccepted() {
        Service service = Service.creator("Clinique A")
                .setStatusCallback(URI.create(app.url("/service-status")))
                .create(client);
        String numberSid = twilio.simulator().number(clinicNumber).orElseThrow().sid();
        com.twilio.rest.messaging.v1.service.PhoneNumber.creator(service.getSid(), numberSid)
                .create(client);

        Message message = Message.creator(new PhoneNumber(PATIENT), service.getSid(), "Bonjour")
                .create(client);
        twilio.simulator().awaitCallbacks(Duration.ofSeconds(10));

        assertThat(service.getSid()).matches("MG[0-9a-f]{32}");
        assertThat(message.getStatus()).isEqualTo(Message.Status.ACCEPTED);
        assertThat(message.getMessagingServiceSid()).isEqualTo(service.getSid());
        assertThat(message.getFrom().getEndpoint()).isEqualTo(clinicNumber);
        assertThat(app.received("/service-status"))
                .extracting(r -> r.form().get("MessageStatus"))
                .containsExactly("queued", "sent", "delivered");
        assertThat(app.received("/service-status").get(0).form().get("MessagingServiceSid"))
                .isEqualTo(service.getSid());
    }

    @Test
    void anEmptyMessagingServiceCannotSend() {
        Service service = Service.creator("Empty").create(client);

        assertThatThrownBy(() -> Message.creator(new PhoneNumber(PATIENT), service.getSid(), "x")
                        .create(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21704));
    }

    @Test
    void aNumberJoinsOneMessagingServiceOnly() {
        Service first = Service.creator("Clinique A").create(client);
        Service second = Service.creator("Clinique A bis").create(client);
        String numberSid = twilio.simulator().number(clinicNumber).orElseThrow().sid();
        com.twilio.rest.messaging.v1.service.PhoneNumber.creator(first.getSid(), numberSid)
                .create(client);

        assertThatThrownBy(() -> com.twilio.rest.messaging.v1.service.PhoneNumber.creator(first.getSid(), numberSid)
                        .create(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21710));
        assertThatThrownBy(() -> com.twilio.rest.messaging.v1.service.PhoneNumber.creator(second.getSid(), numberSid)
                        .create(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21712));
        assertThat(twilio.simulator().number(clinicNumber).orElseThrow().sid()).isEqualTo(numberSid);
    }

    @Test
    void aMessagingServiceHoldsAtMostFourHundredNumbers() {
        clinic.balance(new java.math.BigDecimal("1000"));
        Service service = Service.creator("Clinique A").create(client);
        List<InventoryNumber> forSale = new java.util.ArrayList<>();
        for (String country : List.of("CA", "US")) {
            forSale.addAll(twilio.simulator().availableNumbers(country, NumberType.LOCAL));
        }
        assertThat(forSale).hasSizeGreaterThan(SimulatorEngine.MAX_SERVICE_NUMBERS);
        for (int i = 0; i < SimulatorEngine.MAX_SERVICE_NUMBERS; i++) {
            twilio.simulator()
                    .addToMessagingService(
                            service.getSid(),
                            clinic.buyNumber(forSale.get(i).phoneNumber()).sid());
        }
        String oneMore = clinic.buyNumber(
                        forSale.get(SimulatorEngine.MAX_SERVICE_NUMBERS).phoneNumber())
                .sid();

        assertThatThrownBy(() -> com.twilio.rest.messaging.v1.service.PhoneNumber.creator(service.getSid(), oneMore)
                        .create(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21714));
    }
}
