package io.tenanttwilio.benchmarks.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber;
import io.tenanttwilio.phone.NormalizationResult;
import io.tenanttwilio.phone.PhoneNormalizer;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Normalizing what clinic staff and patients type: {@link PhoneNormalizer} against plain
 * libphonenumber (parse, check validity, format as E.164), on typical North American input.
 *
 * <p>Each call takes the next of 2<sup>20</sup> distinct inputs (real Canadian and US area codes,
 * random exchanges and lines, in the ways people write them), so no cache of repeated inputs can
 * help. The setup checks that both give the same E.164 number or both reject, for every input.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PhoneBenchmark {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** Area codes in service in Canada and the United States. */
    private static final int[] AREA_CODES = {
        418, 581, 367, 514, 438, 263, 450, 579, 354, 819, 873, 468, 613, 343, 416, 647, 437, 905, 289, 365,
        604, 778, 236, 403, 587, 780, 825, 306, 639, 204, 431, 506, 902, 782, 709, 212, 646, 917, 718, 347,
        415, 628, 310, 213, 323, 312, 773, 617, 857, 305, 786, 202, 206, 303, 404, 512, 602, 702, 801, 971
    };

    /** How a North American number is written; {@code %s} are area code, exchange and line. */
    private static final String[] STYLES = {
        "(%s) %s-%s",
        "%s-%s-%s",
        "%s.%s.%s",
        "%s %s %s",
        "%s%s%s",
        "1-%s-%s-%s",
        "+1 %s %s %s",
        "+1%s%s%s",
        "1 (%s) %s-%s",
        "+1 (%s) %s-%s"
    };

    /** How many distinct inputs (a power of two); the smoke run takes fewer. */
    @Param({"1048576"})
    public int inputCount = 1 << 20;

    private final PhoneNormalizer normalizer = PhoneNormalizer.forRegion("CA");
    private String[] inputs = new String[0];
    private int next;

    @Setup
    public void setUp() {
        if (Integer.bitCount(inputCount) != 1) {
            throw new IllegalArgumentException("inputCount must be a power of two");
        }
        inputs = inputs(inputCount, 20261123L);
        for (String raw : inputs) {
            NormalizationResult ours = normalizer.tryNormalize(raw);
            String theirs = libphonenumber(raw);
            String oursE164 = ours.phoneNumber().map(n -> n.e164()).orElse(null);
            if (theirs == null ? oursE164 != null : !theirs.equals(oursE164)) {
                throw new IllegalStateException("different results for an input of the benchmark");
            }
        }
    }

    @Benchmark
    public NormalizationResult ours() {
        return normalizer.tryNormalize(nextInput());
    }

    @Benchmark
    public @Nullable String libphonenumber() {
        return libphonenumber(nextInput());
    }

    private String nextInput() {
        String raw = inputs[next];
        next = (next + 1) & (inputCount - 1);
        return raw;
    }

    /** What an application does with libphonenumber alone: the E.164 form, or null when invalid. */
    static @Nullable String libphonenumber(String raw) {
        try {
            Phonenumber.PhoneNumber number = UTIL.parse(raw, "CA");
            return UTIL.isValidNumber(number) ? UTIL.format(number, PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** {@code count} distinct typical inputs, the same for a seed. */
    static String[] inputs(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Set<String> seen = new HashSet<>(count * 2);
        String[] inputs = new String[count];
        String[][] styles = new String[STYLES.length][];
        for (int s = 0; s < STYLES.length; s++) {
            styles[s] = STYLES[s].split("%s", -1);
        }
        int filled = 0;
        while (filled < count) {
            String area = Integer.toString(AREA_CODES[random.nextInt(AREA_CODES.length)]);
            String exchange = Integer.toString(200 + random.nextInt(800));
            String line = String.valueOf(10_000 + random.nextInt(10_000)).substring(1);
            String digits = area + exchange + line;
            if (!seen.add(digits)) {
                continue;
            }
            String[] style = styles[filled % styles.length];
            inputs[filled++] = style[0] + area + style[1] + exchange + style[2] + line + style[3];
        }
        return inputs;
    }
}
