package io.tenanttwilio.test.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Balance;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local;
import com.twilio.type.PhoneNumber;
import io.tenanttwilio.test.junit.TwilioSimulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Test credentials and Twilio's magic numbers. */
class TestCredentialsTest {

    @RegisterExtension
    static final OpenApiConformance openApi = new OpenApiConformance();

    @RegisterExtension
    static final TwilioSimulatorExtension twilio = TwilioSimulatorExtension.create(openApi.simulator());

    private TwilioRestClient test;
    private SimulatedAccount clinic;

    @BeforeEach
    void testClient() {
        clinic = twilio.simulator().createAccount("Clinique A");
        TestCredentials credentials = clinic.testCredentials();
        test = new TwilioRestClient.Builder(credentials.accountSid(), credentials.authToken())
                .httpClient(twilio.simulator().twilioHttpClient())
                .build();
    }

    @ParameterizedTest(name = "PhoneNumber {0} -> {1}")
    @CsvSource({"+15005550000, 21422", "+15005550001, 21421"})
    void purchaseMagicNumbersFailAsDocumented(String number, int code) {
        assertThatThrownBy(() ->
                        IncomingPhoneNumber.creator(new PhoneNumber(number)).create(test))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(code));
    }

    @Test
    void theMagicNumberAndAreaCode500AreBoughtWithoutChangingAnything() {
        IncomingPhoneNumber bought =
                IncomingPhoneNumber.creator(new PhoneNumber("+15005550006")).create(test);
        IncomingPhoneNumber byArea = IncomingPhoneNumber.creator("500").create(test);

        assertThat(bought.getPhoneNumber().getEndpoint()).isEqualTo("+15005550006");
        assertThat(bought.getFriendlyName()).isEqualTo("(500) 555-0006");
        assertThat(byArea.getPhoneNumber().getEndpoint()).isEqualTo("+15005550006");
        assertThat(twilio.simulator().numbers()).isEmpty();
        assertThatThrownBy(() -> IncomingPhoneNumber.creator("533").create(test))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21452));
    }

    @ParameterizedTest(name = "From {0} To {1} -> {2}")
    @CsvSource({
        "+15005550001, +15815550142, 21212",
        "+15005550007, +15815550142, 21606",
        "+15005550008, +15815550142, 21611",
        "+15815550000, +15815550142, 21606",
        "+15005550006, +15005550001, 21211",
        "+15005550006, +15005550002, 21612",
        "+15005550006, +15005550003, 21408",
        "+15005550006, +15005550004, 21610",
        "+15005550006, +15005550009, 21614"
    })
    void messageMagicNumbersFailAsDocumented(String from, String to, int code) {
        assertThatThrownBy(() -> Message.creator(new PhoneNumber(to), new PhoneNumber(from), "x")
                        .create(test))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(code));
    }

    @Test
    void aValidTestMessageIsQueuedWithoutCallbacks() {
        Message message = Message.creator(new PhoneNumber("+15815550142"), new PhoneNumber("+15005550006"), "x")
                .setStatusCallback("http://127.0.0.1:1/status")
                .create(test);

        assertThat(message.getStatus()).isEqualTo(Message.Status.QUEUED);
        assertThat(twilio.simulator().deliveries()).isEmpty();
        assertThat(twilio.simulator().messages()).isEmpty();
    }

    @Test
    void everyOtherResourceIsForbiddenWith20008() {
        assertThatThrownBy(() ->
                        Balance.fetcher(clinic.testCredentials().accountSid()).fetch(test))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(20008);
                    assertThat(e.getStatusCode()).isEqualTo(403);
                });
        assertThatThrownBy(() -> Local.reader("US").read(test).iterator().next())
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20008));
    }
}
