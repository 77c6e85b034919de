package io.tenanttwilio.test.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import io.tenanttwilio.test.junit.TwilioSimulatorExtension;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The signed webhooks the simulator posts for inbound messages. */
class InboundWebhookTest {

    private static final String PATIENT = "+15815550142";

    @RegisterExtension
    static final OpenApiConformance openApi = new OpenApiConformance();

    @RegisterExtension
    static final TwilioSimulatorExtension twilio = TwilioSimulatorExtension.create(openApi.simulator());

    private WebhookReceiver app;
    private SimulatedAccount clinic;
    private String clinicNumber;

    @BeforeEach
    void clinicWithANumber() throws Exception {
        app = new WebhookReceiver();
        clinic = twilio.simulator().createAccount("Clinique A");
        clinicNumber = clinic.buyNumber(twilio.simulator()
                        .availableNumbers("CA", NumberType.LOCAL)
                        .get(0)
                        .phoneNumber())
                .phoneNumber();
        twilio.simulator().editNumber(clinicNumber, n -> n.smsUrl(app.url("/sms/k3y?tenant=a")));
    }

    @AfterEach
    void stopApp() {
        app.close();
    }

    private static Map<String, String> single(Form form) {
        Map<String, String> params = new HashMap<>();
        form.asMap().forEach((name, values) -> params.put(name, values.get(0)));
        return params;
    }

    @Test
    void postsAnInboundSmsThatTwilioJavasValidatorAccepts() {
        WebhookDelivery delivery =
                twilio.simulator().sendInboundSms(PATIENT, clinicNumber, "Bonjour, j'ai 10 min de retard");

        assertThat(delivery.succeeded()).isTrue();
        WebhookReceiver.Received received = app.received("/sms/k3y").get(0);
        Form form = received.form();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.query()).isEqualTo("tenant=a");
        assertThat(form.get("MessageSid")).matches("SM[0-9a-f]{32}").isEqualTo(form.get("SmsSid"));
        assertThat(form.get("AccountSid")).isEqualTo(clinic.sid());
        assertThat(form.get("From")).isEqualTo(PATIENT);
        assertThat(form.get("To")).isEqualTo(clinicNumber);
        assertThat(form.get("Body")).isEqualTo("Bonjour, j'ai 10 min de retard");
        assertThat(form.get("NumMedia")).isEqualTo("0");
        assertThat(form.get("NumSegments")).isEqualTo("1");
        assertThat(form.get("SmsStatus")).isEqualTo("received");
        assertThat(form.get("ApiVersion")).isEqualTo("2010-04-01");
        assertThat(form.get("FromCountry")).isEqualTo("CA");
        assertThat(new RequestValidator(clinic.authToken())
                        .validate(app.url("/sms/k3y?tenant=a"), single(form), received.header("X-Twilio-Signature")))
                .isTrue();
        assertThat(new RequestValidator("0".repeat(32))
                        .validate(app.url("/sms/k3y?tenant=a"), single(form), received.header("X-Twilio-Signature")))
                .isFalse();
        assertThat(twilio.simulator()
                        .message(form.get("MessageSid"))
                        .orElseThrow()
                        .direction())
                .isEqualTo("inbound");
    }

    @Test
    void sendsMediaOfAnMms() {
        twilio.simulator()
                .inboundSms()
                .from(PATIENT)
                .to(clinicNumber)
                .body("")
                .media("https://api.twilio.com/media/ME1", "image/jpeg")
                .media("https://api.twilio.com/media/ME2", "image/png")
                .send();

        Form form = app.received("/sms/k3y").get(0).form();
        assertThat(form.get("MessageSid")).startsWith("MM");
        assertThat(form.get("NumMedia")).isEqualTo("2");
        assertThat(form.get("MediaUrl0")).isEqualTo("https://api.twilio.com/media/ME1");
        assertThat(form.get("MediaContentType1")).isEqualTo("image/png");
    }

    @Test
    void recordsTheAnswerAndRetriesAServerError() {
        app.script(new WebhookReceiver.Answer(503, "text/plain", "down"));

        WebhookDelivery delivery = twilio.simulator().sendInboundSms(PATIENT, clinicNumber, "x");

        assertThat(delivery.attempts())
                .extracting(WebhookDelivery.Attempt::statusCode)
                .containsExactly(503, 200);
        assertThat(app.received("/sms/k3y")).hasSize(2);
        assertThat(app.received("/sms/k3y").get(0).form().get("MessageSid"))
                .isEqualTo(app.received("/sms/k3y").get(1).form().get("MessageSid"));
        assertThat(app.received("/sms/k3y").get(0).header("I-Twilio-Idempotency-Token"))
                .isEqualTo(app.received("/sms/k3y").get(1).header("I-Twilio-Idempotency-Token"));
    }

    @Test
    void retriesAsConfigured() {
        twilio.simulator().setWebhookRetryPolicy(WebhookRetryPolicy.none());
        try {
            app.script(new WebhookReceiver.Answer(500, "text/plain", "boom"));

            WebhookDelivery delivery = twilio.simulator().sendInboundSms(PATIENT, clinicNumber, "x");

            assertThat(delivery.statusCode()).isEqualTo(500);
            assertThat(delivery.succeeded()).isFalse();
            assertThat(app.received("/sms/k3y")).hasSize(1);
        } finally {
            twilio.simulator().setWebhookRetryPolicy(WebhookRetryPolicy.defaults());
        }
    }

    @Test
    void recordsAConnectionFailure() {
        twilio.simulator().editNumber(clinicNumber, n -> n.smsUrl("http://127.0.0.1:1/sms"));

        WebhookDelivery delivery = twilio.simulator().sendInboundSms(PATIENT, clinicNumber, "x");

        assertThat(delivery.statusCode()).isEqualTo(-1);
        assertThat(delivery.attempts())
                .hasSize(2)
                .allSatisfy(a -> assertThat(a.error()).isNotBlank());
    }

    @Test
    void deliversTheSameMessageTwiceOnRequestEvenConcurrently() throws Exception {
        WebhookDelivery first = twilio.simulator().sendInboundSms(PATIENT, clinicNumber, "x");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Callable<WebhookDelivery> again = () -> twilio.simulator().redeliver(first);
            List<Future<WebhookDelivery>> futures = pool.invokeAll(List.of(again, again, again));
            for (Future<WebhookDelivery> future : futures) {
                assertThat(future.get().succeeded()).isTrue();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(app.received("/sms/k3y"))
                .hasSize(4)
                .extracting(r -> r.form().get("MessageSid"))
                .containsOnly(first.parameter("MessageSid"));
        assertThat(app.received("/sms/k3y"))
                .extracting(r -> r.header("X-Twilio-Signature"))
                .containsOnly(first.signature());
    }

    @Test
    void sendsTheRepliesATwimlAnswerAsksFor() {
        app.script(
                new WebhookReceiver.Answer(
                        200,
                        "text/xml",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>Merci &amp; à bientôt</Message></Response>"));

        twilio.simulator().sendInboundSms(PATIENT, clinicNumber, "Bonjour");

        assertThat(twilio.simulator().messages())
                .filteredOn(m -> m.direction().equals("outbound-reply"))
                .singleElement()
                .satisfies(reply -> {
                    assertThat(reply.body()).isEqualTo("Merci & à bientôt");
                    assertThat(reply.from()).isEqualTo(clinicNumber);
                    assertThat(reply.to()).isEqualTo(PATIENT);
                });
    }

    @Test
    void anApplicationOverridesTheNumbersSmsUrl() {
        String application = clinic.createApplication("app", app.url("/app-sms"));
        twilio.simulator().editNumber(clinicNumber, n -> n.smsApplicationSid(application));

        twilio.simulator().sendInboundSms(PATIENT, clinicNumber, "x");

        assertThat(app.received("/sms/k3y")).isEmpty();
        assertThat(app.received("/app-sms")).hasSize(1);
    }

    @Test
    void aMessagingServiceSendsInboundToItsOwnUrlUnlessToldOtherwise() {
        String service = clinic.createMessagingService("Clinique A", app.url("/service-sms"));
        twilio.simulator()
                .addToMessagingService(
                        service,
                        twilio.simulator().number(clinicNumber).orElseThrow().sid());

        twilio.simulator().sendInboundSms(PATIENT, clinicNumber, "one");
        twilio.simulator().useInboundWebhookOnNumber(service, true);
        twilio.simulator().sendInboundSms(PATIENT, clinicNumber, "two");

        assertThat(app.received("/service-sms"))
                .singleElement()
                .satisfies(r -> assertThat(r.form().get("MessagingServiceSid")).isEqualTo(service));
        assertThat(app.received("/sms/k3y"))
                .singleElement()
                .satisfies(r -> assertThat(r.form().get("MessagingServiceSid")).isEqualTo(service));
    }

    @Test
    void aMessagingServiceWithoutUrlNeitherLogsNorDeliversUnlessItDefersToTheNumber() {
        String service = clinic.createMessagingService("Clinique A", null);
        twilio.simulator()
                .addToMessagingService(
                        service,
                        twilio.simulator().number(clinicNumber).orElseThrow().sid());

        WebhookDelivery lost = twilio.simulator().sendInboundSms(PATIENT, clinicNumber, "one");

        assertThat(lost.succeeded()).isFalse();
        assertThat(twilio.simulator().message(lost.messageSid())).isEmpty();
        assertThat(app.received("/sms/k3y")).isEmpty();

        twilio.simulator().useInboundWebhookOnNumber(service, true);
        WebhookDelivery delivered = twilio.simulator().sendInboundSms(PATIENT, clinicNumber, "two");

        assertThat(delivered.succeeded()).isTrue();
        assertThat(twilio.simulator().message(delivered.messageSid())).isPresent();
        assertThat(app.received("/sms/k3y")).singleElement();
    }

    @Test
    void aServiceCreatedThroughTheApiCanDeferToTheNumbersUrl() {
        com.twilio.rest.messaging.v1.Service service = com.twilio.rest.messaging.v1.Service.creator("Clinique A")
                .setInboundRequestUrl(URI.create(app.url("/service-sms")))
                .setUseInboundWebhookOnNumber(true)
                .create(twilio.simulator().restClient(clinic));
        twilio.simulator()
                .addToMessagingService(
                        service.getSid(),
                        twilio.simulator().number(clinicNumber).orElseThrow().sid());

        twilio.simulator().sendInboundSms(PATIENT, clinicNumber, "one");

        assertThat(service.getUseInboundWebhookOnNumber()).isTrue();
        assertThat(app.received("/service-sms")).isEmpty();
        assertThat(app.received("/sms/k3y")).singleElement();
    }

    @Test
    void advancedOptOutAddsTheOptOutType() {
        String service = clinic.createMessagingService("Clinique A", app.url("/service-sms"));
        twilio.simulator()
                .addToMessagingService(
                        service,
                        twilio.simulator().number(clinicNumber).orElseThrow().sid());
        twilio.simulator().enableAdvancedOptOut(service);

        twilio.simulator().sendInboundSms(PATIENT, clinicNumber, "stop");

        assertThat(app.received("/service-sms").get(0).form().get("OptOutType")).isEqualTo("STOP");
        assertThat(twilio.simulator().isOptedOut(service, PATIENT)).isTrue();
    }

    @Test
    void postsWithGetWhenTheNumberSaysSo() {
        twilio.simulator()
                .editNumber(clinicNumber, n -> n.smsUrl(app.url("/sms-get")).smsMethod("GET"));

        WebhookDelivery delivery = twilio.simulator().sendInboundSms(PATIENT, clinicNumber, "é & co");

        WebhookReceiver.Received received = app.received("/sms-get").get(0);
        assertThat(received.method()).isEqualTo("GET");
        assertThat(received.form().get("Body")).isEqualTo("é & co");
        assertThat(new RequestValidator(clinic.authToken())
                        .validate(
                                app.url("/sms-get") + "?" + received.query(),
                                Map.of(),
                                received.header("X-Twilio-Signature")))
                .isTrue();
        assertThat(delivery.succeeded()).isTrue();
    }

    @Test
    void timesOutASlowApplication() throws Exception {
        try (TwilioSimulator impatient = TwilioSimulator.builder()
                        .webhookTimeout(Duration.ofMillis(300))
                        .webhookRetryPolicy(WebhookRetryPolicy.none())
                        .start();
                SlowServer slow = new SlowServer(Duration.ofSeconds(2))) {
            SimulatedAccount account = impatient.createAccount("A");
            String number = account.buyNumber(impatient
                            .availableNumbers("CA", NumberType.LOCAL)
                            .get(0)
                            .phoneNumber())
                    .phoneNumber();
            impatient.editNumber(number, n -> n.smsUrl(slow.url()));

            WebhookDelivery delivery = impatient.sendInboundSms(PATIENT, number, "x");

            assertThat(delivery.statusCode()).isEqualTo(-1);
            assertThat(delivery.attempts().get(0).error()).contains("Timeout");
        }
    }

    /** An endpoint that takes its time. */
    private static final class SlowServer implements AutoCloseable {
        private final com.sun.net.httpserver.HttpServer server;

        SlowServer(Duration delay) throws Exception {
            server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/slow";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
