package io.tenanttwilio.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.phone.InvalidPhoneNumberException.Reason;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNormalizerTest {

    @ParameterizedTest(name = "[{0}] \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # North America, as clinic staff and patients type it
            CA | (581) 500-6712          | +15815006712
            CA | 581.500.6712            | +15815006712
            CA | 581 500 6712            | +15815006712
            CA | 581-500-6712            | +15815006712
            CA | 5815006712              | +15815006712
            CA | 15815006712             | +15815006712
            CA | 1-581-500-6712          | +15815006712
            CA | 1 (581) 500-6712        | +15815006712
            CA | +1 581 500 6712         | +15815006712
            CA | +15815006712            | +15815006712
            CA | +1 (581) 500-6712       | +15815006712
            CA | '  581 500 6712  '      | +15815006712
            CA | 581/500/6712            | +15815006712
            CA | (418) 692-1234          | +14186921234
            CA | 418 692 1234            | +14186921234
            CA | 514-872-0311            | +15148720311
            CA | 438 555 0199            | +14385550199
            CA | 819.555.2233            | +18195552233
            CA | 450 555 7788            | +14505557788
            CA | 1 800 363 4688          | +18003634688
            CA | 1-800-FLOWERS           | +18003569377
            CA | １ ５８１ ５００ ６７１２      | +15815006712
            CA | ５８１－５００－６７１２         | +15815006712
            CA | 011 33 1 42 68 53 00    | +33142685300
            CA | 011 44 20 7946 0018     | +442079460018
            CA | +33 1 42 68 53 00       | +33142685300
            US | (212) 555-0143          | +12125550143
            US | 212-736-5000            | +12127365000
            US | 1 415 555 2671          | +14155552671
            US | 4155552671              | +14155552671
            US | +1 (415) 555-2671       | +14155552671
            US | 011 52 55 5080 2000     | +525550802000
            US | 1-800-GOT-JUNK          | +18004685865
            # France
            FR | 01 42 68 53 00          | +33142685300
            FR | 01.42.68.53.00          | +33142685300
            FR | 0142685300              | +33142685300
            FR | +33 1 42 68 53 00       | +33142685300
            FR | +33 (0)1 42 68 53 00    | +33142685300
            FR | 0033 1 42 68 53 00      | +33142685300
            FR | 06 12 34 56 78          | +33612345678
            FR | 07 81 23 45 67          | +33781234567
            # United Kingdom
            GB | 020 7946 0018           | +442079460018
            GB | (020) 7946 0018         | +442079460018
            GB | +44 20 7946 0018        | +442079460018
            GB | 07400 123456            | +447400123456
            GB | 0161 496 0000           | +441614960000
            GB | 00 44 7400 123456       | +447400123456
            # Germany
            DE | 030 901820              | +4930901820
            DE | (030) 90 18 20          | +4930901820
            DE | +49 30 901820           | +4930901820
            DE | 0151 23456789           | +4915123456789
            DE | 089 1234567             | +49891234567
            # Mexico
            MX | 55 5080 2000            | +525550802000
            MX | +52 55 5080 2000        | +525550802000
            MX | 33 1234 5678            | +523312345678
            MX | 81 8123 4567            | +528181234567
            # Australia
            AU | 02 9374 4000            | +61293744000
            AU | (02) 9374 4000          | +61293744000
            AU | +61 2 9374 4000         | +61293744000
            AU | 0412 345 678            | +61412345678
            AU | 0011 1 581 500 6712     | +15815006712
            """)
    void normalizesWhatPeopleType(String region, String raw, String expected) {
        assertThat(PhoneNormalizer.forRegion(region).normalize(raw).e164()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}] \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            CA | ''                      | EMPTY
            CA | '   '                   | EMPTY
            CA | hello                   | NOT_A_NUMBER
            CA | n/a                     | NOT_A_NUMBER
            CA | ---                     | NOT_A_NUMBER
            CA | 12                      | TOO_SHORT
            CA | 6712                    | TOO_SHORT
            CA | 500-6712                | INVALID_NUMBER
            CA | 581 500 67              | TOO_SHORT
            CA | 581 500 67123 4         | TOO_LONG
            CA | 123 456 7890            | INVALID_NUMBER
            CA | 555 555 5555            | INVALID_NUMBER
            CA | (111) 500-6712          | INVALID_NUMBER
            CA | +999 1234 5678          | INVALID_COUNTRY_CODE
            CA | 011 999 1234 5678       | INVALID_COUNTRY_CODE
            CA | +1 581 500 67           | TOO_SHORT
            FR | 01 42 68 53             | TOO_SHORT
            FR | 09 99 99 99 99 99       | TOO_LONG
            GB | 020 7946                | INVALID_NUMBER
            DE | 030                     | INVALID_NUMBER
            """)
    void rejectsWhatIsNotAValidNumberWithTheReason(String region, String raw, Reason expected) {
        assertThatThrownBy(() -> PhoneNormalizer.forRegion(region).normalize(raw))
                .isInstanceOfSatisfying(InvalidPhoneNumberException.class, e -> {
                    assertThat(e.reason()).isEqualTo(expected);
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PHONE_NUMBER);
                });
    }

    @Test
    void rejectsNullAsEmpty() {
        assertThat(PhoneNormalizer.forRegion("CA").tryNormalize(null).rejection())
                .contains(Reason.EMPTY);
    }

    @Test
    void neverPrefixesDigitsToMakeGarbagePlausible() {
        // Seven or nine stray digits must not become "+1" + whatever remains.
        PhoneNormalizer normalizer = PhoneNormalizer.forRegion("CA");
        assertThat(normalizer.tryNormalize("5006712").isValid()).isFalse();
        assertThat(normalizer.tryNormalize("815006712").isValid()).isFalse();
        assertThat(normalizer.tryNormalize("25815006712").isValid()).isFalse();
    }

    @Test
    void keepsAnExtensionApartFromTheNumber() {
        PhoneNumber number = PhoneNormalizer.forRegion("CA").normalize("581-500-6712 ext. 214");

        assertThat(number.e164()).isEqualTo("+15815006712");
        assertThat(number.extension()).contains("214");
        assertThat(number.nationalFormat()).isEqualTo("(581) 500-6712");
        assertThat(number).isEqualTo(PhoneNumber.ofE164("+15815006712"));
    }

    @Test
    void exposesRegionAndDisplayForms() {
        PhoneNumber number = PhoneNormalizer.forRegion("CA").normalize("(581) 500-6712");

        assertThat(number.regionCode()).isEqualTo("CA");
        assertThat(number.countryCode()).isEqualTo(1);
        assertThat(number.nationalFormat()).isEqualTo("(581) 500-6712");
        assertThat(number.internationalFormat()).isEqualTo("+1 581-500-6712");
        assertThat(PhoneNormalizer.forRegion("CA")
                        .normalize("011 33 1 42 68 53 00")
                        .regionCode())
                .isEqualTo("FR");
    }

    @Test
    void masksTheNumberInToString() {
        PhoneNumber number = PhoneNumber.ofE164("+15815006712");

        assertThat(number.toString()).isEqualTo("+1581*****12").doesNotContain("5006712");
    }

    @Test
    void readsRegionCodesInAnyCase() {
        assertThat(PhoneNormalizer.forRegion("ca").regionCode()).isEqualTo("CA");
    }

    @Test
    void refusesAnUnknownRegion() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PhoneNormalizer.forRegion("XX"))
                .withMessageContaining("'XX'");
    }

    @Test
    void ofE164RefusesAnythingButStrictE164() {
        assertThat(PhoneNumber.ofE164("+15815006712").e164()).isEqualTo("+15815006712");
        assertThatThrownBy(() -> PhoneNumber.ofE164("15815006712"))
                .isInstanceOfSatisfying(
                        InvalidPhoneNumberException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_E164));
        assertThatThrownBy(() -> PhoneNumber.ofE164("+1 581 500 6712"))
                .isInstanceOfSatisfying(
                        InvalidPhoneNumberException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_E164));
        assertThatThrownBy(() -> PhoneNumber.ofE164("+11115006712"))
                .isInstanceOfSatisfying(
                        InvalidPhoneNumberException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_NUMBER));
    }

    @Test
    void normalizesABatchWithoutStoppingAtTheFirstError() {
        List<String> column = java.util.Arrays.asList(
                "(581) 500-6712", "n/a", null, "15815006712", "581 500 67", "+33 1 42 68 53 00");

        List<NormalizationResult> results =
                PhoneNormalizer.forRegion("CA").normalizeAll(column.stream()).collect(Collectors.toList());

        assertThat(results).hasSize(6);
        assertThat(results)
                .extracting(r -> r.phoneNumber().map(PhoneNumber::e164).orElse(null))
                .containsExactly("+15815006712", null, null, "+15815006712", null, "+33142685300");
        assertThat(results)
                .extracting(r -> r.rejection().orElse(null))
                .containsExactly(null, Reason.NOT_A_NUMBER, Reason.EMPTY, null, Reason.TOO_SHORT, null);
        assertThat(results.get(1).input()).isEqualTo("n/a");
    }

    @Test
    void batchResultsMaskTheInputInToString() {
        NormalizationResult result = PhoneNormalizer.forRegion("CA")
                .normalizeAll(Stream.of("581 500 6712"))
                .findFirst()
                .orElseThrow();

        assertThat(result.toString()).doesNotContain("500 6712").doesNotContain("5006712");
    }

    @Test
    void explainsTheRejectionInFrenchAndEnglish() {
        InvalidPhoneNumberException e = (InvalidPhoneNumberException) org.assertj.core.api.Assertions.catchThrowable(
                () -> PhoneNormalizer.forRegion("CA").normalize("581 500 67"));

        assertThat(e.userMessage(Locale.ENGLISH))
                .startsWith("This is not a valid phone number. It has too few digits.");
        assertThat(e.userMessage(Locale.CANADA_FRENCH))
                .startsWith("Ce numéro de téléphone n’est pas valide. Il compte trop peu de chiffres.");
    }
}
