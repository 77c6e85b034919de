package io.tenanttwilio.benchmarks;

import io.tenanttwilio.benchmarks.phone.PhoneBenchmark;
import io.tenanttwilio.benchmarks.signature.SignatureBenchmark;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks of signature verification and phone normalization, ours and the
 * baselines in the same run, and prints the ratios against the targets as a Markdown table.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.tenanttwilio.benchmarks.Ratios           # full
 * java -cp benchmarks/target/benchmarks.jar io.tenanttwilio.benchmarks.Ratios --smoke   # seconds
 * </pre>
 *
 * <p>The full run uses 2 forks, 4 warm-up and 5 measured iterations of 1 s. The smoke run (one
 * short iteration, for CI) only proves the benchmarks still run and their verdict checks pass;
 * its ratios mean little.
 */
public final class Ratios {

    private Ratios() {}

    public static void main(String[] args) throws RunnerException {
        boolean smoke = List.of(args).contains("--smoke");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(SignatureBenchmark.class.getName())
                .include(PhoneBenchmark.class.getName())
                .shouldFailOnError(true);
        if (smoke) {
            options.forks(1)
                    .param("inputCount", "65536")
                    .warmupIterations(1)
                    .warmupTime(TimeValue.milliseconds(300))
                    .measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(300));
        } else {
            options.forks(2)
                    .warmupIterations(4)
                    .warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5)
                    .measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            String request = result.getParams().getParam("request");
            String key = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1)
                    + (request == null ? "" : "/" + request);
            scores.put(key, result.getPrimaryResult().getScore());
        }
        System.out.println();
        System.out.println("| comparison | ours (ops/ms) | other (ops/ms) | ratio | target | met |");
        System.out.println("|---|---:|---:|---:|---|---|");
        for (String request : List.of("typical", "longBody")) {
            double ours = scores.getOrDefault("SignatureBenchmark.ours/" + request, Double.NaN);
            double validator = scores.getOrDefault("SignatureBenchmark.requestValidator/" + request, Double.NaN);
            double floor = scores.getOrDefault("SignatureBenchmark.hmacFloor/" + request, Double.NaN);
            row("signature (" + request + ") vs RequestValidator", ours, validator, ours / validator, ">= 5x", 5, true);
            row("signature (" + request + ") vs raw HMAC-SHA1", ours, floor, floor / ours, "within 4x", 4, false);
        }
        double ours = scores.getOrDefault("PhoneBenchmark.ours", Double.NaN);
        double plain = scores.getOrDefault("PhoneBenchmark.libphonenumber", Double.NaN);
        row("phone normalization vs libphonenumber", ours, plain, ours / plain, ">= 5x", 5, true);
        if (smoke) {
            System.out.println("(smoke run: one short iteration; the ratios are not measurements)");
        }
    }

    private static void row(
            String comparison, double ours, double other, double ratio, String target, double bound, boolean atLeast) {
        boolean met = atLeast ? ratio >= bound : ratio <= bound;
        System.out.printf(
                Locale.ROOT,
                "| %s | %.0f | %.0f | %.2fx | %s | %s |%n",
                comparison,
                ours,
                other,
                ratio,
                target,
                met ? "yes" : "no");
    }
}
