package io.tenanttwilio.test.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Balance;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.type.PhoneNumber;
import io.tenanttwilio.test.junit.TwilioSimulatorExtension;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Faults injected per endpoint, as twilio-java sees them. */
class FaultInjectionTest {

    @RegisterExtension
    static final OpenApiConformance openApi = new OpenApiConformance();

    @RegisterExtension
    static final TwilioSimulatorExtension twilio = TwilioSimulatorExtension.create(openApi.simulator());

    private SimulatedAccount clinic;
    private TwilioRestClient client;

    @BeforeEach
    void clinic() {
        clinic = twilio.simulator().createAccount("Clinique A");
        client = twilio.simulator().restClient(clinic);
    }

    private String anyNumber() {
        return twilio.simulator()
                .availableNumbers("CA", NumberType.LOCAL)
                .get(0)
                .phoneNumber();
    }

    @Test
    void aServerErrorBeforeProcessingChangesNothing() {
        InjectedFault fault =
                twilio.simulator().fault(Endpoint.NUMBER_PURCHASE).times(3).respondWithStatus(500);
        String number = anyNumber();

        assertThatThrownBy(() ->
                        IncomingPhoneNumber.creator(new PhoneNumber(number)).create(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20500));

        assertThat(fault.triggered()).isEqualTo(3); // twilio-java tried three times
        assertThat(twilio.simulator().number(number)).isEmpty();
    }

    @Test
    void aFaultOnWritesOnlyLetsReadsAndTheFirstChangesThrough() {
        InjectedFault fault = twilio.simulator()
                .fault(Endpoint.MESSAGING_SERVICES)
                .writesOnly()
                .skipping(1)
                .respondWithStatus(400);

        com.twilio.rest.messaging.v1.Service.creator("Clinique A").create(client);
        assertThat(com.twilio.rest.messaging.v1.Service.reader().read(client)).hasSize(1);
        assertThatThrownBy(() -> com.twilio.rest.messaging.v1.Service.creator("Clinique A bis")
                        .create(client))
                .isInstanceOf(ApiException.class);
        com.twilio.rest.messaging.v1.Service.creator("Clinique A ter").create(client);

        assertThat(fault.triggered()).isEqualTo(1);
        assertThat(com.twilio.rest.messaging.v1.Service.reader().read(client)).hasSize(2);
    }

    @Test
    void twilioJavaResendsAPurchaseWhoseAnswerWasLostInA500() {
        twilio.simulator().fault(Endpoint.NUMBER_PURCHASE).afterProcessing().respondWithStatus(500);
        String number = anyNumber();

        // The first attempt bought the number; twilio-java's own retry then finds it taken.
        assertThatThrownBy(() ->
                        IncomingPhoneNumber.creator(new PhoneNumber(number)).create(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21422));

        assertThat(twilio.simulator().requests(Endpoint.NUMBER_PURCHASE)).hasSize(2);
        assertThat(twilio.simulator().number(number))
                .hasValueSatisfying(n -> assertThat(n.accountSid()).isEqualTo(clinic.sid()));
    }

    @Test
    void aServiceUnavailableIsRetriedByTwilioJavaSixTimes() {
        twilio.simulator().fault(Endpoint.BALANCE).always().respondWithStatus(503);

        assertThatThrownBy(() -> Balance.fetcher(clinic.sid()).fetch(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20503));
        assertThat(twilio.simulator().requests(Endpoint.BALANCE)).hasSize(6);
    }

    @Test
    void tooManyRequestsCarriesRetryAfter() {
        twilio.simulator().fault(Endpoint.ACCOUNT_FETCH).times(5).tooManyRequests(Duration.ofSeconds(0));

        assertThatThrownBy(() -> Account.fetcher(clinic.sid()).fetch(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20429));
        assertThat(twilio.simulator().requests(Endpoint.ACCOUNT_FETCH))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(429));
    }

    @Test
    void aResetConnectionReachesTheClientAsAConnectionError() {
        twilio.simulator().fault(Endpoint.ACCOUNT_FETCH).times(10).resetConnection();

        // twilio-java wraps the socket error in a plain ApiException without a Twilio code.
        assertThatThrownBy(() -> Account.fetcher(clinic.sid()).fetch(client))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isNull();
                    assertThat(e.getMessage()).contains("Connection reset");
                });
    }

    @Test
    void emptyAndHtmlBodiesLeaveTwilioJavaWithoutACode() {
        twilio.simulator().fault(Endpoint.ACCOUNT_FETCH).times(3).emptyBody(502);
        twilio.simulator().fault(Endpoint.BALANCE).htmlBody(400);

        assertThatThrownBy(() -> Account.fetcher(clinic.sid()).fetch(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isNull());
        assertThatThrownBy(() -> Balance.fetcher(clinic.sid()).fetch(client))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isNull();
                    assertThat(e.getMessage()).contains("Unexpected character ('<'");
                });
    }

    @Test
    void aSlowAnswerAfterProcessingStillTookEffect() {
        twilio.simulator().fault(Endpoint.NUMBER_PURCHASE).afterProcessing().slowResponse(Duration.ofMillis(400));
        String number = anyNumber();
        long start = System.nanoTime();

        IncomingPhoneNumber.creator(new PhoneNumber(number)).create(client);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(twilio.simulator().number(number)).isPresent();
    }

    @Test
    void aRatioHitsAboutThatShareOfCallsRepeatably() {
        InjectedFault fault =
                twilio.simulator().fault(Endpoint.ACCOUNT_FETCH).ratio(0.3).respondWithStatus(400);
        int failures = 0;
        for (int i = 0; i < 100; i++) {
            try {
                Account.fetcher(clinic.sid()).fetch(client);
            } catch (ApiException e) {
                failures++;
            }
        }
        fault.cancel();

        assertThat(fault.triggered()).isBetween(15, 50).isEqualTo(failures);
        assertThat(fault.isActive()).isFalse();
    }

    @Test
    void faultsStayOnTheirEndpoint() {
        twilio.simulator().fault(Endpoint.MESSAGE_CREATE).always().respondWithStatus(500);

        assertThat(Account.fetcher(clinic.sid()).fetch(client).getSid()).isEqualTo(clinic.sid());
        twilio.simulator().clearFaults();
    }

    @Test
    void twilioJavaResendsABrandWhoseAnswerWasLostInA500AndTwoBrandsArePaidFor() {
        Registrar registrar = new Registrar(twilio.simulator(), client);
        String[] bundles = registrar.approvedBundles();
        twilio.simulator().fault(Endpoint.BRAND_REGISTRATIONS).afterProcessing().respondWithStatus(500);

        // The first attempt registered a brand; twilio-java's own retry registers a second one.
        String answered = com.twilio.rest.messaging.v1.BrandRegistration.creator(bundles[0], bundles[1])
                .create(client)
                .getSid();

        assertThat(twilio.simulator().requests(Endpoint.BRAND_REGISTRATIONS))
                .extracting(RecordedRequest::status)
                .containsExactly(500, 201);
        assertThat(twilio.simulator().registrations().brands(clinic.sid()))
                .hasSize(2)
                .endsWith(answered);
        assertThat(twilio.simulator().registrations().fees(clinic.sid())).hasSize(2);
    }

    @Test
    void aFaultBeforeProcessingOnTheNewEndpointsChangesNothing() {
        twilio.simulator().fault(Endpoint.TRUSTHUB).always().tooManyRequests(Duration.ofSeconds(0));
        twilio.simulator().fault(Endpoint.TOLLFREE_VERIFICATIONS).always().resetConnection();
        twilio.simulator().fault(Endpoint.EVENT_SINKS).always().respondWithStatus(503);
        twilio.simulator().fault(Endpoint.ADDRESSES).always().respondWithStatus(500);

        assertThatThrownBy(
                        () -> com.twilio.rest.trusthub.v1.EndUser.creator("Dr Tremblay", "authorized_representative_1")
                                .create(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20429));
        assertThatThrownBy(() -> com.twilio.rest.messaging.v1.TollfreeVerification.reader()
                        .read(client)
                        .iterator()
                        .hasNext())
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getMessage()).contains("Connection reset"));
        assertThatThrownBy(() -> com.twilio.rest.events.v1.Sink.creator(
                                "Registrations",
                                java.util.Map.of("destination", "https://clinique-a.example/events", "method", "POST"),
                                com.twilio.rest.events.v1.Sink.SinkType.WEBHOOK)
                        .create(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20503));
        assertThatThrownBy(() -> com.twilio.rest.api.v2010.account.Address.creator(
                                "Clinique A", "1 rue Saint-Jean", "Québec", "QC", "G1R 4P5", "CA")
                        .create(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20500));

        twilio.simulator().clearFaults();
        assertThat(com.twilio.rest.trusthub.v1.EndUser.reader().read(client)).isEmpty();
        assertThat(com.twilio.rest.events.v1.Sink.reader().read(client)).isEmpty();
        assertThat(com.twilio.rest.api.v2010.account.Address.reader().read(client))
                .isEmpty();
        assertThat(twilio.simulator().requests(Endpoint.TRUSTHUB))
                .first()
                .satisfies(r -> assertThat(r.status()).isEqualTo(429));
        assertThat(twilio.simulator().requests(Endpoint.EVENT_SINKS))
                .first()
                .satisfies(r -> assertThat(r.status()).isEqualTo(503));
    }

    @Test
    void aCampaignFaultStaysOnCampaigns() {
        Registrar registrar = new Registrar(twilio.simulator(), client);
        String brand = registrar.approvedBrand();
        String service = registrar.service(null);
        twilio.simulator().fault(Endpoint.CAMPAIGNS).always().respondWithStatus(500);

        assertThatThrownBy(() -> registrar.campaign(service, brand))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20500));
        assertThat(com.twilio.rest.messaging.v1.Service.fetcher(service)
                        .fetch(client)
                        .getSid())
                .isEqualTo(service);
        assertThat(twilio.simulator().registrations().campaigns(clinic.sid())).isEmpty();
        assertThat(twilio.simulator().requests(Endpoint.CAMPAIGNS)).isNotEmpty();
        twilio.simulator().clearFaults();
    }
}
