package io.tenanttwilio.test.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Balance;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Key;
import com.twilio.rest.api.v2010.account.NewKey;
import com.twilio.type.PhoneNumber;
import io.tenanttwilio.test.junit.TwilioSimulatorExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Accounts, subaccounts, API keys and balances, driven through twilio-java. */
class AccountsContractTest {

    @RegisterExtension
    static final OpenApiConformance openApi = new OpenApiConformance();

    @RegisterExtension
    static final TwilioSimulatorExtension twilio = TwilioSimulatorExtension.create(openApi.simulator());

    private TwilioSimulator simulator() {
        return twilio.simulator();
    }

    private TwilioRestClient client(String username, String password, String accountSid) {
        return new TwilioRestClient.Builder(username, password)
                .accountSid(accountSid)
                .httpClient(simulator().twilioHttpClient())
                .build();
    }

    @Test
    void fetchesTheAccountWithItsStatusAndType() {
        SimulatedAccount clinic = simulator().createAccount("Clinique A");

        Account account = Account.fetcher(clinic.sid()).fetch(simulator().restClient(clinic));

        assertThat(account.getSid()).isEqualTo(clinic.sid()).matches("AC[0-9a-f]{32}");
        assertThat(account.getFriendlyName()).isEqualTo("Clinique A");
        assertThat(account.getStatus()).isEqualTo(Account.Status.ACTIVE);
        assertThat(account.getType()).isEqualTo(Account.Type.FULL);
        assertThat(account.getDateCreated()).isNotNull();
    }

    @Test
    void reportsATrialAccount() {
        SimulatedAccount clinic = simulator().createAccount("Essai").trial();

        assertThat(Account.fetcher(clinic.sid())
                        .fetch(simulator().restClient(clinic))
                        .getType())
                .isEqualTo(Account.Type.TRIAL);
    }

    @Test
    void refusesAWrongAuthTokenWith20003() {
        SimulatedAccount clinic = simulator().createAccount("Clinique A");
        TwilioRestClient wrong = client(clinic.sid(), "00000000000000000000000000000000", clinic.sid());

        assertThatThrownBy(() -> Account.fetcher(clinic.sid()).fetch(wrong))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(20003);
                    assertThat(e.getStatusCode()).isEqualTo(401);
                });
    }

    @Test
    void refusesAnUnknownAccountSidWith20003() {
        String unknown = "AC" + "0".repeat(32);
        TwilioRestClient client = client(unknown, "0".repeat(32), unknown);

        assertThatThrownBy(() -> Account.fetcher(unknown).fetch(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20003));
    }

    @Test
    void refusesAnotherAccountsResources() {
        SimulatedAccount a = simulator().createAccount("A");
        SimulatedAccount b = simulator().createAccount("B");

        assertThatThrownBy(() -> IncomingPhoneNumber.reader(b.sid())
                        .read(simulator().restClient(a))
                        .iterator()
                        .next())
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20003));
    }

    @Test
    void aSuspendedAccountCanFetchItselfButNothingElse() {
        SimulatedAccount clinic = simulator().createAccount("Clinique A").suspend();
        TwilioRestClient client = simulator().restClient(clinic);

        assertThat(Account.fetcher(clinic.sid()).fetch(client).getStatus()).isEqualTo(Account.Status.SUSPENDED);
        assertThatThrownBy(() -> Balance.fetcher(clinic.sid()).fetch(client))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(20003);
                    assertThat(e.getMessage()).contains("suspended");
                });
    }

    @Test
    void createsListsSuspendsAndClosesSubaccounts() {
        SimulatedAccount platform = simulator().createAccount("Platform");
        TwilioRestClient master = simulator().restClient(platform);

        Account sub = Account.creator().setFriendlyName("Clinique B").create(master);
        List<String> listed = new ArrayList<>();
        Account.reader().read(master).forEach(account -> listed.add(account.getSid()));
        Account suspended = Account.updater(sub.getSid())
                .setStatus(Account.Status.SUSPENDED)
                .update(master);
        Account closed =
                Account.updater(sub.getSid()).setStatus(Account.Status.CLOSED).update(master);

        assertThat(sub.getOwnerAccountSid()).isEqualTo(platform.sid());
        assertThat(sub.getAuthToken()).matches("[0-9a-f]{32}");
        assertThat(listed).containsExactly(platform.sid(), sub.getSid());
        assertThat(suspended.getStatus()).isEqualTo(Account.Status.SUSPENDED);
        assertThat(closed.getStatus()).isEqualTo(Account.Status.CLOSED);
        assertThat(simulator().account(sub.getSid()).status()).isEqualTo("closed");
    }

    @Test
    void theMasterActsOnItsSubaccountsWithItsOwnCredentials() {
        SimulatedAccount platform = simulator().createAccount("Platform");
        SimulatedAccount sub = platform.createSubaccount("Clinique B");

        Account fetched = Account.fetcher(sub.sid()).fetch(simulator().restClient(platform));

        assertThat(fetched.getOwnerAccountSid()).isEqualTo(platform.sid());
    }

    @Test
    void closingASubaccountReleasesItsNumbers() {
        SimulatedAccount platform = simulator().createAccount("Platform");
        SimulatedAccount sub = platform.createSubaccount("Clinique B");
        String number =
                simulator().availableNumbers("CA", NumberType.LOCAL).get(0).phoneNumber();
        sub.buyNumber(number);

        Account.updater(sub.sid())
                .setStatus(Account.Status.CLOSED)
                .update(simulator().restClient(platform));

        assertThat(simulator().number(number)).isEmpty();
        assertThat(simulator().availableNumbers("CA", NumberType.LOCAL))
                .extracting(InventoryNumber::phoneNumber)
                .contains(number);
    }

    @Test
    void anApiKeyAuthenticatesWithTheAccountSidInThePath() {
        SimulatedAccount clinic = simulator().createAccount("Clinique A");
        NewKey key = NewKey.creator().setFriendlyName("sdk").create(simulator().restClient(clinic));

        TwilioRestClient withKey = client(key.getSid(), key.getSecret(), clinic.sid());
        Account account = Account.fetcher(clinic.sid()).fetch(withKey);

        assertThat(key.getSid()).matches("SK[0-9a-f]{32}");
        assertThat(account.getSid()).isEqualTo(clinic.sid());
        List<String> keys = new ArrayList<>();
        Key.reader().read(withKey).forEach(k -> keys.add(k.getSid()));
        assertThat(keys).containsExactly(key.getSid());
    }

    @Test
    void anApiKeySidInThePathIsNotFound() {
        SimulatedAccount clinic = simulator().createAccount("Clinique A");
        ApiKeyCredentials key = clinic.createApiKey("sdk");
        // twilio-java puts the user name in the path when .accountSid(...) is forgotten.
        TwilioRestClient forgetful = new TwilioRestClient.Builder(key.sid(), key.secret())
                .httpClient(simulator().twilioHttpClient())
                .build();

        assertThatThrownBy(() -> Balance.fetcher().fetch(forgetful)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.getCode()).isEqualTo(20404);
            assertThat(e.getStatusCode()).isEqualTo(404);
        });
    }

    @Test
    void bothTokensAuthenticateDuringARotation() {
        SimulatedAccount clinic = simulator().createAccount("Clinique A");
        String oldToken = clinic.authToken();
        String newToken = clinic.createSecondaryAuthToken();

        assertThat(Account.fetcher(clinic.sid())
                        .fetch(client(clinic.sid(), oldToken, clinic.sid()))
                        .getSid())
                .isEqualTo(clinic.sid());
        assertThat(Account.fetcher(clinic.sid())
                        .fetch(client(clinic.sid(), newToken, clinic.sid()))
                        .getSid())
                .isEqualTo(clinic.sid());

        clinic.promoteSecondaryAuthToken();
        assertThatThrownBy(() -> Account.fetcher(clinic.sid()).fetch(client(clinic.sid(), oldToken, clinic.sid())))
                .isInstanceOf(ApiException.class);
        assertThat(clinic.authToken()).isEqualTo(newToken);
    }

    @Test
    void theBalanceIsDebitedByPurchasesAndMessages() {
        SimulatedAccount clinic = simulator().createAccount("Clinique A");
        TwilioRestClient client = simulator().restClient(clinic);
        InventoryNumber number =
                simulator().availableNumbers("CA", NumberType.LOCAL).get(0);

        Balance before = Balance.fetcher(clinic.sid()).fetch(client);
        IncomingPhoneNumber.creator(new PhoneNumber(number.phoneNumber())).create(client);
        Balance afterPurchase = Balance.fetcher(clinic.sid()).fetch(client);

        assertThat(before.getBalance()).isEqualTo("20.00000");
        assertThat(before.getCurrency()).isEqualTo("USD");
        assertThat(afterPurchase.getBalance()).isEqualTo("18.85000");
        assertThat(clinic.balance()).isEqualByComparingTo("18.85");
    }

    @Test
    void aSubaccountHasNoBalanceOfItsOwnAndItsParentPays() {
        SimulatedAccount platform = simulator().createAccount("Platform");
        SimulatedAccount sub = platform.createSubaccount("Clinique B");
        TwilioRestClient subClient = simulator().restClient(sub);
        InventoryNumber number =
                simulator().availableNumbers("CA", NumberType.LOCAL).get(0);

        IncomingPhoneNumber.creator(new PhoneNumber(number.phoneNumber())).create(subClient);

        assertThatThrownBy(() -> Balance.fetcher(sub.sid()).fetch(subClient))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20404));
        assertThat(Balance.fetcher(platform.sid())
                        .fetch(simulator().restClient(platform))
                        .getBalance())
                .isEqualTo("18.85000");
    }
}
