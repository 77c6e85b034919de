package io.tenanttwilio.test.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.usage.Record;
import com.twilio.type.PhoneNumber;
import io.tenanttwilio.test.junit.TwilioSimulatorExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Usage Records: what an account was charged, by category and dates, through twilio-java. */
class UsageRecordsContractTest {

    private static final SimulatorClock CLOCK = SimulatorClock.fixedAt(Instant.parse("2026-11-10T15:00:00Z"));

    @RegisterExtension
    static final OpenApiConformance openApi = new OpenApiConformance();

    @RegisterExtension
    static final TwilioSimulatorExtension twilio =
            TwilioSimulatorExtension.create(openApi.simulator().clock(CLOCK));

    private TwilioSimulator simulator() {
        return twilio.simulator();
    }

    private static List<Record> list(Iterable<Record> records) {
        List<Record> all = new java.util.ArrayList<>();
        records.forEach(all::add);
        return all;
    }

    private static Record only(Iterable<Record> records) {
        List<Record> all = list(records);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void reportsNumbersAndMessagesOfAPeriodByCategory() {
        CLOCK.set(Instant.parse("2026-11-10T15:00:00Z"));
        SimulatedAccount clinic = simulator().createAccount("Clinique A");
        TwilioRestClient client = simulator().restClient(clinic);
        String ours =
                simulator().availableNumbers("CA", NumberType.LOCAL).get(0).phoneNumber();
        IncomingPhoneNumber.creator(new PhoneNumber(ours)).create(client);
        Message.creator(new PhoneNumber("+15815006712"), new PhoneNumber(ours), "Rappel : demain 9 h")
                .create(client);
        Message.creator(new PhoneNumber("+15815006713"), new PhoneNumber(ours), "x".repeat(200))
                .create(client);
        CLOCK.advance(Duration.ofDays(30));
        Message.creator(new PhoneNumber("+15815006712"), new PhoneNumber(ours), "Le mois suivant")
                .create(client);

        Record numbers = only(Record.reader(clinic.sid())
                .setCategory("phonenumbers")
                .setStartDate(LocalDate.parse("2026-11-01"))
                .setEndDate(LocalDate.parse("2026-11-30"))
                .read(client));
        Record sms = only(Record.reader(clinic.sid())
                .setCategory("sms")
                .setStartDate(LocalDate.parse("2026-11-01"))
                .setEndDate(LocalDate.parse("2026-11-30"))
                .read(client));

        assertThat(numbers.getCount()).isEqualTo("1");
        assertThat(numbers.getPrice()).isEqualByComparingTo("1.15");
        assertThat(sms.getCount()).as("segments: one, then two").isEqualTo("3");
        assertThat(sms.getPrice()).isEqualByComparingTo("0.02370");
        assertThat(sms.getStartDate()).isEqualTo(LocalDate.parse("2026-11-01"));
        assertThat(sms.getPriceUnit().getCurrencyCode()).isEqualTo("USD");
    }

    @Test
    void aParentAccountSeesItsSubaccountsUnlessAskedNotTo() {
        CLOCK.set(Instant.parse("2026-11-10T15:00:00Z"));
        SimulatedAccount platform = simulator().createAccount("Platform");
        SimulatedAccount sub = platform.createSubaccount("Clinique B");
        String ours =
                simulator().availableNumbers("CA", NumberType.LOCAL).get(0).phoneNumber();
        IncomingPhoneNumber.creator(new PhoneNumber(ours)).create(simulator().restClient(sub));
        TwilioRestClient master = simulator().restClient(platform);

        Record withSubaccounts =
                only(Record.reader(platform.sid()).setCategory("phonenumbers").read(master));
        Record alone = only(Record.reader(platform.sid())
                .setCategory("phonenumbers")
                .setIncludeSubaccounts(false)
                .read(master));
        Record theSubaccountsOwn = only(Record.reader(sub.sid())
                .setCategory("phonenumbers-local")
                .read(simulator().restClient(sub)));

        assertThat(withSubaccounts.getPrice()).isEqualByComparingTo("1.15");
        assertThat(alone.getPrice()).isEqualByComparingTo("0");
        assertThat(theSubaccountsOwn.getCount()).isEqualTo("1");
    }

    @Test
    void listsEveryCategoryWithoutAFilterAndRefusesAnUnknownOne() {
        CLOCK.set(Instant.parse("2026-11-10T15:00:00Z"));
        SimulatedAccount clinic = simulator().createAccount("Clinique C");
        TwilioRestClient client = simulator().restClient(clinic);

        List<Record> all = list(Record.reader(clinic.sid()).read(client));

        assertThat(all).extracting(Record::getCategory).contains("totalprice", "sms", "phonenumbers", "mms");
        assertThatThrownBy(() -> Record.reader(clinic.sid())
                        .setCategory("teleportation")
                        .read(client)
                        .iterator()
                        .next())
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20001));
    }
}
