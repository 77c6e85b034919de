package io.tenanttwilio.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The North American fast path of {@link DefaultPhoneNormalizer} against libphonenumber's full
 * parse: the same verdict, number, extension and region for every input.
 */
class PhoneNormalizerFastPathTest {

    /** How staff and patients write a North American number; {@code %s} are area code, exchange, line. */
    private static final String[] STYLES = {
        "(%s) %s-%s",
        "%s.%s.%s",
        "%s%s%s",
        "1-%s-%s-%s",
        "+1 %s %s %s",
        "+1%s%s%s",
        "1 (%s) %s-%s",
        "%s %s %s",
        "  %s-%s-%s  ",
        "+1 (%s) %s-%s",
        "1%s%s%s",
        "%s-%s-%s ext. 12",
        "+%s %s %s",
        "(%s)%s%s",
        "%s/%s/%s",
        "0%s%s%s",
    };

    @Test
    void aMillionNorthAmericanInputsGetTheSameResultAsTheFullParse() {
        SplittableRandom random = new SplittableRandom(20261123L);
        DefaultPhoneNormalizer canada = DefaultPhoneNormalizer.forRegion("CA");
        DefaultPhoneNormalizer states = DefaultPhoneNormalizer.forRegion("US");
        String[][] styles = new String[STYLES.length][];
        for (int s = 0; s < STYLES.length; s++) {
            styles[s] = STYLES[s].split("%s", -1);
        }
        int accepted = 0;
        for (int i = 0; i < 1_000_000; i++) {
            // Any area code and exchange, 0 and 1 included: valid and invalid numbers, each distinct.
            String area = digits(random.nextInt(1000), 3);
            String exchange = digits(random.nextInt(1000), 3);
            String line = digits(random.nextInt(10_000), 4);
            String[] style = styles[i % styles.length];
            String raw = style[0] + area + style[1] + exchange + style[2] + line + style[3];
            DefaultPhoneNormalizer normalizer = (i & 1) == 0 ? canada : states;
            NormalizationResult fast = normalizer.tryNormalize(raw);
            assertSame(raw, fast, normalizer.tryNormalizeFully(raw));
            if (fast.isValid()) {
                accepted++;
            }
        }
        // Both verdicts are well represented (about half of random area codes are in service).
        assertThat(accepted).isBetween(200_000, 800_000);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "(581) 500-6712",
                "+1 581 500 6712",
                "15815006712",
                "1 (581) 500-6712",
                "581.500.6712",
                "(212) 555-0100",
                "1-800-555-0199",
                "+1 242 357 1234",
                "(087) 500-6712",
                "(581) 100-6712",
                "581-500-671",
                "+1 581 500 67120",
                "+5815006712",
                "11 581 500 6712",
                " +1 581 500 6712",
                "581--500--6712",
                "(581)) 500-6712",
                "581-500-6712 x12",
                "５８１５００６７１２",
                "+33 1 42 68 53 00",
            })
    void typicalAndEdgeInputsAgreeInEveryRegion(String raw) {
        for (String region : new String[] {"CA", "US", "PR", "JM", "FR"}) {
            DefaultPhoneNormalizer normalizer = DefaultPhoneNormalizer.forRegion(region);
            assertSame(raw + " in " + region, normalizer.tryNormalize(raw), normalizer.tryNormalizeFully(raw));
        }
    }

    @Test
    void theFastPathAcceptsWhatItShould() {
        PhoneNormalizer canada = PhoneNormalizer.forRegion("CA");
        assertThat(canada.normalize("(581) 500-6712").e164()).isEqualTo("+15815006712");
        assertThat(canada.normalize("1-581-500-6712").regionCode()).isEqualTo("CA");
        // A New York number typed in Canada is still a valid number of the plan.
        assertThat(canada.normalize("212-555-0100").e164()).isEqualTo("+12125550100");
        assertThat(canada.tryNormalize("(581) 100-6712").isValid()).isFalse();
    }

    private static String digits(int value, int width) {
        StringBuilder text = new StringBuilder(width).append(value);
        while (text.length() < width) {
            text.insert(0, '0');
        }
        return text.toString();
    }

    private static void assertSame(String raw, NormalizationResult fast, NormalizationResult full) {
        assertThat(fast.isValid()).as(raw).isEqualTo(full.isValid());
        assertThat(fast.rejection()).as(raw).isEqualTo(full.rejection());
        if (full.isValid()) {
            PhoneNumber a = fast.phoneNumber().orElseThrow();
            PhoneNumber b = full.phoneNumber().orElseThrow();
            assertThat(a.e164()).as(raw).isEqualTo(b.e164());
            assertThat(a.extension()).as(raw).isEqualTo(b.extension());
            assertThat(a.regionCode()).as(raw).isEqualTo(b.regionCode());
            assertThat(a.nationalFormat()).as(raw).isEqualTo(b.nationalFormat());
        }
    }
}
