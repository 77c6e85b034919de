package io.tenanttwilio.test.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Mobile;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.TollFree;
import com.twilio.type.PhoneNumber;
import io.tenanttwilio.test.junit.TwilioSimulatorExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** AvailablePhoneNumbers and IncomingPhoneNumbers, driven through twilio-java. */
class NumbersContractTest {

    @RegisterExtension
    static final OpenApiConformance openApi = new OpenApiConformance();

    @RegisterExtension
    static final TwilioSimulatorExtension twilio = TwilioSimulatorExtension.create(openApi.simulator());

    private SimulatedAccount clinic;
    private TwilioRestClient client;

    @BeforeEach
    void newClinic() {
        clinic = twilio.simulator().createAccount("Clinique A");
        client = twilio.simulator().restClient(clinic);
    }

    private static <T> List<T> all(Iterable<T> items) {
        return StreamSupport.stream(items.spliterator(), false).toList();
    }

    @Test
    void searchesLocalNumbersByAreaCode() {
        List<Local> found = all(Local.reader("CA").setAreaCode(418).read(client));

        assertThat(found).isNotEmpty().allSatisfy(number -> {
            assertThat(number.getPhoneNumber().getEndpoint()).startsWith("+1418");
            assertThat(number.getIsoCountry()).isEqualTo("CA");
            assertThat(number.getRegion()).isEqualTo("QC");
        });
        assertThat(found).extracting(Local::getLocality).contains("Québec", "Lévis");
    }

    @Test
    void searchesEveryQuebecAreaCodeAndTheUsOnes() {
        for (int areaCode : new int[] {418, 514, 581, 438, 450, 819}) {
            assertThat(all(Local.reader("CA").setAreaCode(areaCode).read(client)))
                    .as("CA %s", areaCode)
                    .isNotEmpty();
        }
        for (int areaCode : new int[] {212, 415}) {
            assertThat(all(Local.reader("US").setAreaCode(areaCode).read(client)))
                    .as("US %s", areaCode)
                    .isNotEmpty();
        }
    }

    @Test
    void searchesByDigitsWithWildcardsAndLetters() {
        InventoryNumber target =
                twilio.simulator().availableNumbers("CA", NumberType.LOCAL).get(3);
        String lastFour = target.phoneNumber().substring(target.phoneNumber().length() - 4);

        List<Local> containing = all(Local.reader("CA").setContains(lastFour).read(client));
        List<Local> wildcard = all(Local.reader("CA")
                .setContains(lastFour.charAt(0) + "*" + lastFour.substring(2))
                .read(client));
        List<Local> anchored = all(Local.reader("CA").setContains("+1581*").read(client));

        assertThat(containing)
                .extracting(n -> n.getPhoneNumber().getEndpoint())
                .contains(target.phoneNumber())
                .allSatisfy(n -> assertThat(n).contains(lastFour));
        assertThat(wildcard).isNotEmpty();
        assertThat(wildcard.size()).isGreaterThanOrEqualTo(containing.size());
        assertThat(anchored)
                .isNotEmpty()
                .allSatisfy(n -> assertThat(n.getPhoneNumber().getEndpoint()).startsWith("+1581"));
    }

    @Test
    void searchesByLocalityRegionAndPostalCode() {
        assertThat(all(Local.reader("CA").setInLocality("Sherbrooke").read(client)))
                .isNotEmpty()
                .allSatisfy(n -> assertThat(n.getLocality()).isEqualTo("Sherbrooke"));
        assertThat(all(Local.reader("CA").setInRegion("ON").read(client)))
                .isNotEmpty()
                .allSatisfy(n -> assertThat(n.getRegion()).isEqualTo("ON"));
        assertThat(all(Local.reader("CA").setInPostalCode("G1R 4P5").read(client)))
                .isNotEmpty()
                .allSatisfy(n -> assertThat(n.getPostalCode()).isEqualTo("G1R 4P5"));
    }

    @Test
    void filtersByCapability() {
        List<Local> sms =
                all(Local.reader("CA").setAreaCode(418).setSmsEnabled(true).read(client));
        List<Local> noMms =
                all(Local.reader("CA").setAreaCode(418).setMmsEnabled(false).read(client));

        assertThat(sms)
                .isNotEmpty()
                .allSatisfy(n -> assertThat(n.getCapabilities().getSms()).isTrue());
        assertThat(noMms)
                .isNotEmpty()
                .allSatisfy(n -> assertThat(n.getCapabilities().getMms()).isFalse());
        assertThat(all(Local.reader("GB").setSmsEnabled(true).read(client))).isEmpty();
    }

    @Test
    void searchesTollFreeAndMobileNumbers() {
        assertThat(all(TollFree.reader("CA").read(client)))
                .isNotEmpty()
                .allSatisfy(
                        n -> assertThat(n.getPhoneNumber().getEndpoint()).matches("\\+18(00|33|44|55|66|77|88)\\d{7}"));
        assertThat(all(Mobile.reader("GB").read(client)))
                .isNotEmpty()
                .allSatisfy(n -> assertThat(n.getPhoneNumber().getEndpoint()).startsWith("+447"));
    }

    @Test
    void sellsTollFreeNumbersOfEveryNorthAmericanCodeInBothCountries() {
        for (String country : List.of("US", "CA")) {
            assertThat(all(TollFree.reader(country).setPageSize(1000L).read(client)))
                    .extracting(n -> n.getPhoneNumber().getEndpoint().substring(2, 5))
                    .containsOnly("800", "833", "844", "855", "866", "877", "888")
                    .contains("800", "833", "844", "855", "866", "877", "888");
        }
        String tollFree = all(TollFree.reader("US").setContains("+1833").read(client))
                .get(0)
                .getPhoneNumber()
                .getEndpoint();

        IncomingPhoneNumber bought =
                IncomingPhoneNumber.creator(new PhoneNumber(tollFree)).create(client);

        assertThat(bought.getPhoneNumber().getEndpoint()).isEqualTo(tollFree);
        assertThat(twilio.simulator().number(tollFree).orElseThrow().type()).isEqualTo(NumberType.TOLL_FREE);
    }

    @Test
    void pagesThroughResults() {
        List<Local> paged =
                all(Local.reader("CA").setAreaCode(418).setPageSize(7L).read(client));
        List<Local> whole = all(Local.reader("CA").setAreaCode(418).read(client));

        assertThat(whole.size()).isGreaterThan(7);
        assertThat(paged)
                .extracting(n -> n.getPhoneNumber().getEndpoint())
                .containsExactlyElementsOf(whole.stream()
                        .map(n -> n.getPhoneNumber().getEndpoint())
                        .toList());
        assertThat(twilio.simulator().requests(Endpoint.AVAILABLE_NUMBERS).size())
                .isGreaterThan(3);
    }

    @Test
    void aSearchWithoutMatchIsAnEmptyList() {
        assertThat(all(Local.reader("CA")
                        .setAreaCode(418)
                        .setContains("99999999")
                        .read(client)))
                .isEmpty();
    }

    @Test
    void anUnknownCountryIsNotFound() {
        assertThatThrownBy(() -> all(Local.reader("ZW").read(client)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20404));
    }

    @Test
    void buysANumberThatThenLeavesTheInventory() {
        InventoryNumber chosen =
                twilio.simulator().availableNumbers("CA", NumberType.LOCAL).get(0);

        IncomingPhoneNumber bought = IncomingPhoneNumber.creator(new PhoneNumber(chosen.phoneNumber()))
                .setFriendlyName("Clinique A — tenant clinique-a")
                .create(client);

        assertThat(bought.getSid()).matches("PN[0-9a-f]{32}");
        assertThat(bought.getAccountSid()).isEqualTo(clinic.sid());
        assertThat(bought.getPhoneNumber().getEndpoint()).isEqualTo(chosen.phoneNumber());
        assertThat(bought.getFriendlyName()).isEqualTo("Clinique A — tenant clinique-a");
        assertThat(bought.getSmsUrl().toString()).isEmpty();
        assertThat(bought.getCapabilities().getSms()).isTrue();
        assertThat(twilio.simulator().availableNumbers("CA", NumberType.LOCAL))
                .extracting(InventoryNumber::phoneNumber)
                .doesNotContain(chosen.phoneNumber());
        assertThatThrownBy(() -> IncomingPhoneNumber.creator(new PhoneNumber(chosen.phoneNumber()))
                        .create(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21422));
    }

    @Test
    void buysByAreaCode() {
        IncomingPhoneNumber bought = IncomingPhoneNumber.creator("581").create(client);

        assertThat(bought.getPhoneNumber().getEndpoint()).startsWith("+1581");
    }

    @Test
    void refusesAnAreaCodeWithoutNumbersAndAnInvalidNumber() {
        assertThatThrownBy(() -> IncomingPhoneNumber.creator("907").create(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21452));
        assertThatThrownBy(() ->
                        IncomingPhoneNumber.creator(new PhoneNumber("+1234")).create(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21421));
    }

    @Test
    void aTrialAccountMayOwnOneNumberOnly() {
        clinic.trial();
        List<InventoryNumber> numbers = twilio.simulator().availableNumbers("CA", NumberType.LOCAL);
        IncomingPhoneNumber.creator(new PhoneNumber(numbers.get(0).phoneNumber()))
                .create(client);

        assertThatThrownBy(() -> IncomingPhoneNumber.creator(
                                new PhoneNumber(numbers.get(1).phoneNumber()))
                        .create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(21404);
                    assertThat(e.getMessage()).contains("Trial accounts are allowed only one Twilio number");
                });
    }

    @Test
    void anAccountWithoutFundsCannotBuy() {
        clinic.balance(new java.math.BigDecimal("0.50"));
        String number = twilio.simulator()
                .availableNumbers("CA", NumberType.LOCAL)
                .get(0)
                .phoneNumber();

        assertThatThrownBy(() ->
                        IncomingPhoneNumber.creator(new PhoneNumber(number)).create(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20005));
        assertThat(twilio.simulator().number(number)).isEmpty();
    }

    @Test
    void aNumberThatNeedsAnAddressIsRefusedWithoutOne() {
        String london = twilio.simulator()
                .availableNumbers("GB", NumberType.LOCAL)
                .get(0)
                .phoneNumber();

        assertThatThrownBy(() ->
                        IncomingPhoneNumber.creator(new PhoneNumber(london)).create(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21631));
    }

    @Test
    void updatesTheWebhookConfiguration() {
        String number = twilio.simulator()
                .availableNumbers("CA", NumberType.LOCAL)
                .get(0)
                .phoneNumber();
        IncomingPhoneNumber bought =
                IncomingPhoneNumber.creator(new PhoneNumber(number)).create(client);
        String app = clinic.createApplication("app", "https://app.example/sms");

        IncomingPhoneNumber after = IncomingPhoneNumber.updater(bought.getSid())
                .setSmsUrl(URI.create("https://clinic.example/twilio/sms/k3y"))
                .setSmsMethod(HttpMethod.POST)
                .setStatusCallback(URI.create("https://clinic.example/twilio/status/k3y"))
                .setFriendlyName("Clinique A")
                .setSmsApplicationSid(app)
                .update(client);

        assertThat(after.getSmsUrl()).hasToString("https://clinic.example/twilio/sms/k3y");
        assertThat(after.getSmsMethod()).isEqualTo(HttpMethod.POST);
        assertThat(after.getStatusCallback()).hasToString("https://clinic.example/twilio/status/k3y");
        assertThat(after.getSmsApplicationSid()).isEqualTo(app);
        assertThat(twilio.simulator().number(number).orElseThrow().smsUrl())
                .isEqualTo("https://clinic.example/twilio/sms/k3y");
    }

    @Test
    void refusesAnInvalidWebhookUrl() {
        String number = twilio.simulator()
                .availableNumbers("CA", NumberType.LOCAL)
                .get(0)
                .phoneNumber();
        IncomingPhoneNumber bought =
                IncomingPhoneNumber.creator(new PhoneNumber(number)).create(client);

        assertThatThrownBy(() -> IncomingPhoneNumber.updater(bought.getSid())
                        .setSmsUrl("ftp://clinic.example")
                        .update(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21502));
    }

    @Test
    void listsNumbersFilteredByPhoneNumber() {
        List<InventoryNumber> numbers = twilio.simulator().availableNumbers("CA", NumberType.LOCAL);
        IncomingPhoneNumber.creator(new PhoneNumber(numbers.get(0).phoneNumber()))
                .create(client);
        IncomingPhoneNumber.creator(new PhoneNumber(numbers.get(1).phoneNumber()))
                .create(client);

        List<IncomingPhoneNumber> one = all(IncomingPhoneNumber.reader()
                .setPhoneNumber(new PhoneNumber(numbers.get(1).phoneNumber()))
                .read(client));
        List<IncomingPhoneNumber> both = all(IncomingPhoneNumber.reader().read(client));

        assertThat(one)
                .extracting(n -> n.getPhoneNumber().getEndpoint())
                .containsExactly(numbers.get(1).phoneNumber());
        assertThat(both).hasSize(2);
    }

    @Test
    void releasingANumberPutsItBackForSale() {
        String number = twilio.simulator()
                .availableNumbers("CA", NumberType.LOCAL)
                .get(0)
                .phoneNumber();
        IncomingPhoneNumber bought =
                IncomingPhoneNumber.creator(new PhoneNumber(number)).create(client);

        boolean released = IncomingPhoneNumber.deleter(bought.getSid()).delete(client);

        assertThat(released).isTrue();
        assertThatThrownBy(() -> IncomingPhoneNumber.fetcher(bought.getSid()).fetch(client))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20404));
        assertThat(twilio.simulator().availableNumbers("CA", NumberType.LOCAL))
                .extracting(InventoryNumber::phoneNumber)
                .contains(number);
    }

    @Test
    void casesCapabilitiesAsTheRealApiDoes() throws Exception {
        String number = twilio.simulator()
                .availableNumbers("CA", NumberType.LOCAL)
                .get(0)
                .phoneNumber();
        IncomingPhoneNumber.creator(new PhoneNumber(number)).create(client);

        JsonNode available = getJson("/2010-04-01/Accounts/" + clinic.sid() + "/AvailablePhoneNumbers/CA/Local.json");
        JsonNode incoming = getJson("/2010-04-01/Accounts/" + clinic.sid() + "/IncomingPhoneNumbers.json");

        assertThat(available.at("/available_phone_numbers/0/capabilities").fieldNames())
                .toIterable()
                .contains("SMS", "MMS", "voice");
        assertThat(incoming.at("/incoming_phone_numbers/0/capabilities").fieldNames())
                .toIterable()
                .contains("sms", "mms", "voice", "fax");
    }

    private JsonNode getJson(String path) throws Exception {
        String auth = Base64.getEncoder()
                .encodeToString((clinic.sid() + ":" + clinic.authToken()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(twilio.simulator().baseUrl() + path))
                                .header("Authorization", "Basic " + auth)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    @Test
    void numbersOfOneAccountAreInvisibleToAnother() {
        String number = twilio.simulator()
                .availableNumbers("CA", NumberType.LOCAL)
                .get(0)
                .phoneNumber();
        IncomingPhoneNumber bought =
                IncomingPhoneNumber.creator(new PhoneNumber(number)).create(client);
        SimulatedAccount other = twilio.simulator().createAccount("Clinique B");
        TwilioRestClient otherClient = twilio.simulator().restClient(other);

        assertThat(all(IncomingPhoneNumber.reader().read(otherClient))).isEmpty();
        assertThatThrownBy(() -> IncomingPhoneNumber.fetcher(bought.getSid()).fetch(otherClient))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20404));
        List<String> sids = new ArrayList<>();
        all(IncomingPhoneNumber.reader().read(client)).forEach(n -> sids.add(n.getSid()));
        assertThat(sids).containsExactly(bought.getSid());
    }
}
