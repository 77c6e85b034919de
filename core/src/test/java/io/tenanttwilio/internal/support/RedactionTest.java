package io.tenanttwilio.internal.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {

    @ParameterizedTest
    @CsvSource({
        "+15815006712, +1581*****12",
        "+33142685300, +3314*****00",
        "+4930901820, +4930****20",
        "5006712, 50***12",
        "1234, ****"
    })
    void masksAllButTheCountryAreaAndLastTwoDigits(String number, String masked) {
        assertThat(Redaction.maskPhone(number)).isEqualTo(masked);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "The 'To' number +15815006712 is not a valid phone number. | The 'To' number +1581*****12 is not a valid phone number.",
                "call (581) 500-6712 now | call (581) ******12 now",
                "error 21211 at 12:30 | error 21211 at 12:30",
                "no digits here | no digits here"
            })
    void masksPhoneNumbersInFreeText(String text, String masked) {
        assertThat(Redaction.maskPhonesIn(text)).isEqualTo(masked);
    }
}
