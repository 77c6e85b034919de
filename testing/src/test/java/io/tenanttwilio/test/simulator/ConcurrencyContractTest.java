package io.tenanttwilio.test.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Balance;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.tenanttwilio.test.junit.TwilioSimulatorExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Twilio's REST concurrency per account, as twilio-java sees it: requests beyond the account's
 * limit, and scripted storms, answer 429 with error 20429, {@code Retry-After} and Twilio's error
 * body; every answer tells the account's requests in flight.
 */
class ConcurrencyContractTest {

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

    private static String header(Response response, String name) {
        for (Header header : response.getHeaders()) {
            if (header.getName().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    @Test
    void throttledRequestsAnswer429WithRetryAfterAndTwilioErrorBodyUntilUsedUp() {
        twilio.simulator().throttleNextRequests(clinic.sid(), 2, Duration.ofSeconds(1));

        // twilio-java resends a 429 once, after Retry-After: both attempts are refused.
        assertThatThrownBy(() -> Account.fetcher(clinic.sid()).fetch(client))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    // twilio-java reads Twilio's error body into the exception.
                    assertThat(e.getStatusCode()).isEqualTo(429);
                    assertThat(e.getCode()).isEqualTo(20429);
                    assertThat(e.getMessage()).isEqualTo("Too Many Requests");
                    assertThat(e.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/20429");
                });
        Response refused = client.getHttpClient().getLastResponse();
        assertThat(refused.getStatusCode()).isEqualTo(429);
        assertThat(header(refused, "Retry-After")).isEqualTo("1");
        assertThat(header(refused, "Twilio-Concurrent-Requests")).isEqualTo("1");
        assertThat(twilio.simulator().requests(Endpoint.ACCOUNT_FETCH))
                .extracting(RecordedRequest::status)
                .containsExactly(429, 429);
        assertThat(twilio.simulator().tooManyRequestsAnswered(clinic.sid())).isEqualTo(2);

        assertThat(Account.fetcher(clinic.sid()).fetch(client).getSid()).isEqualTo(clinic.sid());
        Response served = client.getHttpClient().getLastResponse();
        assertThat(header(served, "Twilio-Concurrent-Requests")).isEqualTo("1");
        assertThat(twilio.simulator().tooManyRequestsAnswered(clinic.sid())).isEqualTo(2);
    }

    @Test
    void aSendRefusedOnceIsResentByTwilioJavaAndCarriedOutOnce() {
        String number = twilio.simulator()
                .availableNumbers("CA", NumberType.LOCAL)
                .get(0)
                .phoneNumber();
        IncomingPhoneNumber.creator(new PhoneNumber(number)).create(client);
        twilio.simulator().throttleNextRequests(clinic.sid(), 1, Duration.ZERO);

        Message message = Message.creator(new PhoneNumber("+15815550142"), new PhoneNumber(number), "Bonjour")
                .create(client);

        assertThat(twilio.simulator().requests(Endpoint.MESSAGE_CREATE))
                .extracting(RecordedRequest::status)
                .containsExactly(429, 201);
        assertThat(twilio.simulator().messages())
                .extracting(SimulatedMessage::sid)
                .containsExactly(message.getSid());
        assertThat(twilio.simulator().tooManyRequestsAnswered(clinic.sid())).isEqualTo(1);
    }

    @Test
    void requestsBeyondTheAccountsConcurrencyLimitAnswer429AndOtherAccountsAreNotHeldBack() throws Exception {
        SimulatedAccount other = twilio.simulator().createAccount("Clinique B");
        twilio.simulator().setConcurrencyLimit(clinic.sid(), 2);
        twilio.simulator().setRetryAfter(Duration.ofSeconds(1));
        twilio.simulator()
                .fault(Endpoint.BALANCE)
                .forAccount(clinic.sid())
                .times(2)
                .slowResponse(Duration.ofSeconds(4));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Balance>> slow = List.of(
                    pool.submit(() -> Balance.fetcher().fetch(twilio.simulator().restClient(clinic))),
                    pool.submit(() -> Balance.fetcher().fetch(twilio.simulator().restClient(clinic))));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (twilio.simulator().concurrentRequests(clinic.sid()) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(twilio.simulator().concurrentRequests(clinic.sid())).isEqualTo(2);

            TwilioRestClient third = twilio.simulator().restClient(clinic);
            assertThatThrownBy(() -> Account.fetcher(clinic.sid()).fetch(third))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20429));
            Response refused = third.getHttpClient().getLastResponse();
            assertThat(header(refused, "Retry-After")).isEqualTo("1");
            assertThat(header(refused, "Twilio-Concurrent-Requests")).isEqualTo("3");
            TwilioRestClient otherClient = twilio.simulator().restClient(other);
            assertThat(Account.fetcher(other.sid()).fetch(otherClient).getSid()).isEqualTo(other.sid());

            for (Future<Balance> balance : slow) {
                assertThat(balance.get(10, TimeUnit.SECONDS).getCurrency()).isEqualTo("USD");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(twilio.simulator().tooManyRequestsAnswered(clinic.sid())).isEqualTo(2);
        assertThat(twilio.simulator().tooManyRequestsAnswered(other.sid())).isZero();
        assertThat(twilio.simulator().concurrentRequests(clinic.sid())).isZero();
        assertThat(Account.fetcher(clinic.sid()).fetch(client).getSid()).isEqualTo(clinic.sid());
    }

    @Test
    void aFaultForOneAccountLeavesTheOthersAlone() {
        SimulatedAccount other = twilio.simulator().createAccount("Clinique B");
        InjectedFault fault = twilio.simulator()
                .fault(Endpoint.ACCOUNT_FETCH)
                .forAccount(other.sid())
                .times(2)
                .tooManyRequests(Duration.ZERO);

        assertThat(Account.fetcher(clinic.sid()).fetch(client).getSid()).isEqualTo(clinic.sid());
        assertThatThrownBy(() ->
                        Account.fetcher(other.sid()).fetch(twilio.simulator().restClient(other)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20429));

        assertThat(fault.accountSid()).isEqualTo(other.sid());
        assertThat(fault.triggered()).isEqualTo(2);
        assertThat(twilio.simulator().tooManyRequestsAnswered(other.sid())).isEqualTo(2);
        assertThat(twilio.simulator().tooManyRequestsAnswered(clinic.sid())).isZero();
    }

    @Test
    void withoutALimitNothingIsRefusedAndAResetForgetsLimitsAndCounts() {
        twilio.simulator().setConcurrencyLimit(1);
        twilio.simulator().throttleNextRequests(clinic.sid(), 5, Duration.ZERO);

        twilio.simulator().reset();
        SimulatedAccount again = twilio.simulator().createAccount("Clinique A");

        assertThat(Account.fetcher(again.sid())
                        .fetch(twilio.simulator().restClient(again))
                        .getSid())
                .isEqualTo(again.sid());
        assertThat(twilio.simulator().tooManyRequestsAnswered(again.sid())).isZero();
    }
}
