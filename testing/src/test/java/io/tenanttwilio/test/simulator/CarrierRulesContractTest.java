package io.tenanttwilio.test.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.tenanttwilio.test.junit.TwilioSimulatorExtension;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What carriers do to unregistered US-bound 10DLC traffic and to unverified toll-free traffic. */
class CarrierRulesContractTest {

    private static final String US_PATIENT = "+12125550142";
    private static final String QUEBEC_PATIENT = "+15815550142";

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
        clinic = twilio.simulator().createAccount("Clinique A");
        client = twilio.simulator().restClient(clinic);
        registrar = new Registrar(twilio.simulator(), client);
        twilio.simulator().setCallbackMode(CallbackMode.AUTOMATIC);
    }

    @AfterEach
    void stopApp() {
        app.close();
    }

    private SimulatedNumber buy(String country, NumberType type) {
        return clinic.buyNumber(
                twilio.simulator().availableNumbers(country, type).get(0).phoneNumber());
    }

    private Message send(SimulatedNumber from, String to) {
        return Message.creator(new PhoneNumber(to), new PhoneNumber(from.phoneNumber()), "Rappel: rendez-vous demain")
                .setStatusCallback(URI.create(app.url("/status")))
                .create(client);
    }

    /** The message once its callbacks are posted, and the error code its last callback carried. */
    private Message settled(Message message) {
        assertThat(twilio.simulator().awaitCallbacks(Duration.ofSeconds(10))).isTrue();
        return Message.fetcher(message.getSid()).fetch(client);
    }

    private List<String> callbackErrors() {
        return app.received("/status").stream()
                .map(received -> received.form().get("ErrorCode"))
                .toList();
    }

    @Test
    void aUsLongCodeWithoutCampaignReachesNoUsRecipient() {
        Message accepted = send(buy("US", NumberType.LOCAL), US_PATIENT);

        assertThat(accepted.getStatus()).isEqualTo(Message.Status.QUEUED);
        Message settled = settled(accepted);
        assertThat(settled.getStatus()).isEqualTo(Message.Status.UNDELIVERED);
        assertThat(settled.getErrorCode()).isEqualTo(30034);
        assertThat(app.received("/status"))
                .extracting(received -> received.form().get("MessageStatus"))
                .containsExactly("undelivered");
        assertThat(callbackErrors()).containsExactly("30034");
    }

    @Test
    void aCanadianLongCodeIsUnregisteredTrafficTowardsTheUsButNotTowardsCanada() {
        SimulatedNumber quebec = buy("CA", NumberType.LOCAL);

        Message toUs = settled(send(quebec, US_PATIENT));
        Message toCanada = settled(send(quebec, QUEBEC_PATIENT));

        assertThat(toUs.getStatus()).isEqualTo(Message.Status.UNDELIVERED);
        assertThat(toUs.getErrorCode()).isEqualTo(30034);
        assertThat(toCanada.getStatus()).isEqualTo(Message.Status.DELIVERED);
        assertThat(toCanada.getErrorCode()).isNull();
    }

    @Test
    void aNumberOfAServiceWithAVerifiedCampaignReachesTheUs() {
        SimulatedNumber number = buy("US", NumberType.LOCAL);
        String brand = registrar.approvedBrand();
        twilio.simulator().registrations().reviewDelay(Duration.ofDays(3));
        String service = registrar.service(number.sid());
        String campaign = registrar.campaign(service, brand).getSid();

        Message whileInProgress = settled(send(number, US_PATIENT));
        twilio.simulator().clock().advance(Duration.ofDays(3));
        Message fromTheNumber = settled(send(number, US_PATIENT));
        Message throughTheService = settled(
                Message.creator(new PhoneNumber(US_PATIENT), service, "Rappel").create(client));

        assertThat(whileInProgress.getErrorCode()).isEqualTo(30034);
        assertThat(fromTheNumber.getStatus()).isEqualTo(Message.Status.DELIVERED);
        assertThat(throughTheService.getStatus()).isEqualTo(Message.Status.DELIVERED);
        assertThat(throughTheService.getFrom().getEndpoint()).isEqualTo(number.phoneNumber());

        twilio.simulator().registrations().suspend(campaign);
        Message suspended = settled(send(number, US_PATIENT));

        assertThat(suspended.getStatus()).isEqualTo(Message.Status.UNDELIVERED);
        assertThat(suspended.getErrorCode()).isEqualTo(30033);
    }

    @Test
    void aTollFreeNumberNeedsAnApprovedVerificationForTheUsAndCanada() {
        SimulatedNumber tollFree = buy("CA", NumberType.TOLL_FREE);
        twilio.simulator().registrations().reviewDelay(Duration.ofDays(2));
        registrar.tollFree(tollFree.sid());

        Message toCanada = settled(send(tollFree, QUEBEC_PATIENT));
        Message toUs = settled(send(tollFree, US_PATIENT));

        assertThat(toCanada.getStatus()).isEqualTo(Message.Status.UNDELIVERED);
        assertThat(toCanada.getErrorCode()).isEqualTo(30032);
        assertThat(toUs.getErrorCode()).isEqualTo(30032);
        assertThat(callbackErrors()).containsExactly("30032", "30032");

        twilio.simulator().clock().advance(Duration.ofDays(2));
        Message verified = settled(send(tollFree, QUEBEC_PATIENT));

        assertThat(verified.getStatus()).isEqualTo(Message.Status.DELIVERED);
    }

    @Test
    void theRulesCanBeTurnedOff() {
        twilio.simulator().enforceCarrierRules(false);

        Message message = settled(send(buy("US", NumberType.LOCAL), US_PATIENT));

        assertThat(message.getStatus()).isEqualTo(Message.Status.DELIVERED);

        twilio.simulator().reset();
        clinic = twilio.simulator().createAccount("Clinique A");
        client = twilio.simulator().restClient(clinic);
        Message afterReset = settled(send(buy("US", NumberType.LOCAL), US_PATIENT));

        assertThat(afterReset.getErrorCode()).isEqualTo(30034);
    }
}
