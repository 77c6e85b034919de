package io.tenanttwilio.test.simulator;

import static io.tenanttwilio.test.simulator.TrustHubContractTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.events.v1.Sink;
import com.twilio.rest.events.v1.Subscription;
import com.twilio.security.RequestValidator;
import io.tenanttwilio.test.junit.TwilioSimulatorExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Event Streams sinks and subscriptions, and the signed CloudEvents posted for registrations. */
class EventStreamsContractTest {

    private static final String BRAND_REGISTERED =
            "com.twilio.messaging.compliance.brand-registration.brand-registered";
    private static final String BRAND_FAILURE = "com.twilio.messaging.compliance.brand-registration.brand-failure";
    private static final String CAMPAIGN_APPROVED =
            "com.twilio.messaging.compliance.campaign-registration.campaign-approved";
    private static final String CAMPAIGN_FAILURE =
            "com.twilio.messaging.compliance.campaign-registration.campaign-failure";
    private static final String TOLL_FREE_APPROVED =
            "com.twilio.messaging.compliance.toll-free-verification.request-approved";
    private static final String TOLL_FREE_REJECTED =
            "com.twilio.messaging.compliance.toll-free-verification.request-rejected";

    @RegisterExtension
    static final OpenApiConformance openApi = new OpenApiConformance();

    @RegisterExtension
    static final TwilioSimulatorExtension twilio = TwilioSimulatorExtension.create(openApi.simulator());

    private WebhookReceiver app;
    private SimulatedAccount clinic;
    private TwilioRestClient client;
    private Registrar registrar;

    @BeforeEach
    void clinic() throws Exception {
        app = new WebhookReceiver();
        app.answerByDefault(new WebhookReceiver.Answer(200, "text/plain", ""));
        clinic = twilio.simulator().createAccount("Clinique A");
        client = twilio.simulator().restClient(clinic);
        registrar = new Registrar(twilio.simulator(), client);
        twilio.simulator().setCallbackMode(CallbackMode.AUTOMATIC);
    }

    @AfterEach
    void stopApp() {
        app.close();
    }

    private static <T> List<T> all(Iterable<T> items) {
        return StreamSupport.stream(items.spliterator(), false).toList();
    }

    private String sink(TwilioRestClient client, String path, boolean batch) {
        return Sink.creator(
                        "Registrations",
                        Map.of("destination", app.url(path), "method", "POST", "batch_events", batch),
                        Sink.SinkType.WEBHOOK)
                .create(client)
                .getSid();
    }

    private void subscribe(TwilioRestClient client, String sink, String... types) {
        List<Object> list = new ArrayList<>();
        for (String type : types) {
            list.add(Map.of("type", type, "schema_version", 1));
        }
        Subscription.creator("A2P and toll-free", sink, list).create(client);
    }

    /** The events received on {@code path}, each delivery checked for Twilio's JSON signature first. */
    private List<JsonNode> events(String path, String authToken) throws Exception {
        assertThat(twilio.simulator().awaitCallbacks(Duration.ofSeconds(10))).isTrue();
        List<JsonNode> events = new ArrayList<>();
        RequestValidator validator = new RequestValidator(authToken);
        for (WebhookReceiver.Received received : app.received(path)) {
            assertThat(received.method()).isEqualTo("POST");
            assertThat(received.header("Content-Type")).startsWith("application/json");
            assertThat(received.query()).startsWith("bodySHA256=");
            assertThat(validator.validate(
                            app.url(path) + "?" + received.query(),
                            received.body(),
                            received.header("X-Twilio-Signature")))
                    .isTrue();
            JsonNode array = Json.MAPPER.readTree(received.body());
            assertThat(array.isArray()).isTrue();
            array.forEach(events::add);
        }
        return events;
    }

    @Test
    void createsFetchesListsAndDeletesSinksAndSubscriptions() {
        Sink sink = Sink.creator(
                        "Registrations",
                        Map.of("destination", app.url("/events"), "method", "POST", "batch_events", false),
                        Sink.SinkType.WEBHOOK)
                .create(client);
        Subscription subscription = Subscription.creator(
                        "Brands", sink.getSid(), List.of(Map.of("type", BRAND_REGISTERED, "schema_version", 2)))
                .create(client);

        assertThat(sink.getSid()).matches("DG[0-9a-f]{32}");
        assertThat(sink.getSinkType()).isEqualTo(Sink.SinkType.WEBHOOK);
        assertThat(sink.getStatus()).isEqualTo(Sink.Status.ACTIVE);
        assertThat(map(sink.getSinkConfiguration())).containsEntry("destination", app.url("/events"));
        assertThat(Sink.fetcher(sink.getSid()).fetch(client).getDescription()).isEqualTo("Registrations");
        assertThat(all(Sink.reader().read(client))).extracting(Sink::getSid).containsExactly(sink.getSid());
        assertThat(subscription.getSid()).matches("DF[0-9a-f]{32}");
        assertThat(subscription.getSinkSid()).isEqualTo(sink.getSid());
        assertThat(subscription.getAccountSid()).isEqualTo(clinic.sid());
        assertThat(all(Subscription.reader().read(client)))
                .extracting(Subscription::getSid)
                .containsExactly(subscription.getSid());

        Subscription.deleter(subscription.getSid()).delete(client);
        Sink.deleter(sink.getSid()).delete(client);

        assertThat(all(Subscription.reader().read(client))).isEmpty();
        assertThatThrownBy(() -> Sink.fetcher(sink.getSid()).fetch(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20404));
    }

    @Test
    void postsASignedCloudEventWhenABrandIsRegistered() throws Exception {
        subscribe(client, sink(client, "/events", false), BRAND_REGISTERED, BRAND_FAILURE);

        String brand = registrar.approvedBrand();

        List<JsonNode> events = events("/events", clinic.authToken());
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("type").asText()).isEqualTo(BRAND_REGISTERED);
            assertThat(event.path("id").asText()).isNotEmpty();
            assertThat(event.path("data").path("accountsid").asText()).isEqualTo(clinic.sid());
            assertThat(event.path("data").path("brandsid").asText()).isEqualTo(brand);
            assertThat(event.path("data").path("brandstatus").asText()).isEqualTo("registered");
            assertThat(event.path("data").path("externalbrandid").asText()).matches("B[0-9A-F]{6}");
        });
        assertThat(twilio.simulator().deliveries())
                .filteredOn(delivery -> delivery.kind() == WebhookDelivery.Kind.EVENT_STREAM)
                .singleElement()
                .satisfies(delivery -> {
                    assertThat(delivery.accountSid()).isEqualTo(clinic.sid());
                    assertThat(delivery.succeeded()).isTrue();
                    assertThat(delivery.body()).contains(brand);
                    assertThat(delivery.url()).endsWith("?bodySHA256=" + TwilioSignature.bodySha256(delivery.body()));
                });
    }

    @Test
    void aTamperedBodyDoesNotMatchTheSignature() throws Exception {
        subscribe(client, sink(client, "/events", false), BRAND_REGISTERED);
        registrar.approvedBrand();
        assertThat(twilio.simulator().awaitCallbacks(Duration.ofSeconds(10))).isTrue();

        WebhookReceiver.Received received = app.received("/events").get(0);
        RequestValidator validator = new RequestValidator(clinic.authToken());

        assertThat(validator.validate(
                        app.url("/events") + "?" + received.query(),
                        received.body().replace("registered", "suspended"),
                        received.header("X-Twilio-Signature")))
                .isFalse();
        assertThat(new RequestValidator("not-the-token")
                        .validate(
                                app.url("/events") + "?" + received.query(),
                                received.body(),
                                received.header("X-Twilio-Signature")))
                .isFalse();
    }

    @Test
    void carriesTheReasonsOfAFailureAndTheSuspensions() throws Exception {
        subscribe(client, sink(client, "/events", false), BRAND_FAILURE, CAMPAIGN_APPROVED, CAMPAIGN_FAILURE);
        twilio.simulator()
                .registrations()
                .rejectNext(RegistrationKind.BRAND, Rejection.of(30794, "Tax ID does not match"));
        String brand = registrar.brand().getSid();
        twilio.simulator().registrations().settle();
        com.twilio.rest.messaging.v1.BrandRegistration.updater(brand).update(client);
        twilio.simulator().registrations().settle();
        String service = registrar.service(null);
        String campaign = registrar.campaign(service, brand).getSid();
        twilio.simulator().registrations().settle();
        twilio.simulator().registrations().suspend(campaign);

        List<JsonNode> events = events("/events", clinic.authToken());

        assertThat(events)
                .extracting(event -> event.path("type").asText())
                .containsExactly(BRAND_FAILURE, CAMPAIGN_APPROVED, CAMPAIGN_FAILURE);
        JsonNode failure = events.get(0).path("data");
        assertThat(failure.path("brandstatus").asText()).isEqualTo("registration_failed");
        assertThat(failure.path("brandregistrationerrors")
                        .get(0)
                        .path("registrationerrorcode")
                        .asInt())
                .isEqualTo(30794);
        assertThat(failure.path("brandregistrationerrors")
                        .get(0)
                        .path("registrationerrordescription")
                        .asText())
                .isEqualTo("Tax ID does not match");
        JsonNode approved = events.get(1).path("data");
        assertThat(approved.path("campaignsid").asText()).isEqualTo(campaign);
        assertThat(approved.path("messagingservicesid").asText()).isEqualTo(service);
        assertThat(approved.path("campaignregistrationstatus").asText()).isEqualTo("approved");
        JsonNode suspended = events.get(2).path("data");
        assertThat(suspended.path("campaignregistrationstatus").asText()).isEqualTo("suspended");
        assertThat(suspended.path("errorcode").asInt()).isEqualTo(30033);
    }

    @Test
    void postsTollFreeDecisionsWithTheirRejectionReasons() throws Exception {
        subscribe(client, sink(client, "/events", false), TOLL_FREE_APPROVED, TOLL_FREE_REJECTED);
        SimulatedNumber number = clinic.buyNumber(twilio.simulator()
                .availableNumbers("CA", NumberType.TOLL_FREE)
                .get(0)
                .phoneNumber());
        twilio.simulator()
                .registrations()
                .rejectNext(
                        RegistrationKind.TOLL_FREE,
                        Rejection.of(30446, "Toll Free verification rejection - Opt-In Error"));
        String verification = registrar.tollFree(number.sid()).getSid();
        twilio.simulator().registrations().settle();
        com.twilio.rest.messaging.v1.TollfreeVerification.updater(verification)
                .setOptInImageUrls(List.of("https://clinique-a.example/opt-in-form.png"))
                .update(client);
        twilio.simulator().registrations().settle();

        List<JsonNode> events = events("/events", clinic.authToken());

        assertThat(events)
                .extracting(event -> event.path("type").asText())
                .containsExactly(TOLL_FREE_REJECTED, TOLL_FREE_APPROVED);
        JsonNode rejected = events.get(0).path("data");
        assertThat(rejected.path("tollfreeverificationsid").asText()).isEqualTo(verification);
        assertThat(rejected.path("phonenumbersid").asText()).isEqualTo(number.sid());
        assertThat(rejected.path("verificationstatus").asText()).isEqualTo("twilio_rejected");
        assertThat(rejected.path("rejectionreasons").get(0).path("code").asInt())
                .isEqualTo(30446);
        assertThat(rejected.path("editallowed").asBoolean()).isTrue();
        assertThat(events.get(1).path("data").path("verificationstatus").asText())
                .isEqualTo("twilio_approved");
    }

    @Test
    void postsOnlyTheSubscribedTypesToTheSinksOfTheSameAccount() throws Exception {
        subscribe(client, sink(client, "/mine", false), BRAND_FAILURE);
        SimulatedAccount other = twilio.simulator().createAccount("Clinique B");
        TwilioRestClient otherClient = twilio.simulator().restClient(other);
        subscribe(otherClient, sink(otherClient, "/theirs", false), BRAND_REGISTERED, BRAND_FAILURE);

        registrar.approvedBrand();

        assertThat(events("/mine", clinic.authToken())).isEmpty();
        assertThat(events("/theirs", other.authToken())).isEmpty();
        assertThat(all(Sink.reader().read(otherClient))).hasSize(1);
        assertThatThrownBy(() -> Subscription.creator(
                                "Theirs",
                                all(Sink.reader().read(otherClient)).get(0).getSid(),
                                List.of(Map.of("type", BRAND_REGISTERED)))
                        .create(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20422));
    }

    @Test
    void aBatchingSinkGetsTheEventsOfOnePassInOneDelivery() throws Exception {
        subscribe(client, sink(client, "/batched", true), BRAND_REGISTERED);
        subscribe(client, sink(client, "/single", false), BRAND_REGISTERED);
        String[] bundles = registrar.approvedBundles();
        twilio.simulator().registrations().reviewDelay(Duration.ofMinutes(1));
        com.twilio.rest.messaging.v1.BrandRegistration.creator(bundles[0], bundles[1])
                .create(client);
        com.twilio.rest.messaging.v1.BrandRegistration.creator(bundles[0], bundles[1])
                .create(client);
        twilio.simulator().clock().advance(Duration.ofMinutes(1));

        assertThat(twilio.simulator().registrations().settle()).isEqualTo(2);

        assertThat(events("/batched", clinic.authToken())).hasSize(2);
        assertThat(app.received("/batched")).hasSize(1);
        assertThat(events("/single", clinic.authToken())).hasSize(2);
        assertThat(app.received("/single")).hasSize(2);
    }

    @Test
    void inManualModeEventsWaitForTheTestLikeStatusCallbacks() throws Exception {
        twilio.simulator().setCallbackMode(CallbackMode.MANUAL);
        subscribe(client, sink(client, "/events", false), BRAND_REGISTERED);
        registrar.approvedBrand();

        assertThat(twilio.simulator().pendingCallbacks()).isEqualTo(1);
        assertThat(app.received("/events")).isEmpty();

        List<WebhookDelivery> delivered = twilio.simulator().deliverPendingCallbacks();

        assertThat(delivered)
                .singleElement()
                .satisfies(delivery -> assertThat(delivery.kind()).isEqualTo(WebhookDelivery.Kind.EVENT_STREAM));
        assertThat(events("/events", clinic.authToken())).hasSize(1);
    }
}
