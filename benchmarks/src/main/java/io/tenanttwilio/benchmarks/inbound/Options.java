package io.tenanttwilio.benchmarks.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The command line of {@link InboundLoad}. */
final class Options {

    static final String USAGE = String.join(
            "\n",
            "Usage: InboundLoad [options]",
            "  --store h2|postgres|both   databases to measure (both; --smoke: h2)",
            "  --rates 500,1000,...       offered loads of the open-loop steps, messages/s",
            "  --seconds N                length of each open-loop step (15)",
            "  --warmup N                 seconds of unreported load before the steps (10)",
            "  --closed-seconds N         length of each closed-loop step (10)",
            "  --concurrency N            requests in flight in the closed-loop steps (32)",
            "  --contacts 1000,100000,... contacts of the tenant in the baseline comparison",
            "  --baseline-rate N          offered load of the baseline comparison, messages/s (100)",
            "  --baseline-seconds N       length of each baseline open-loop step (10)",
            "  --tenants N                tenants, each with its number and token (10)",
            "  --senders N                distinct senders of the load steps (20000)",
            "  --pool N                   database connections of the application (16)",
            "  --threads N                Jetty's maximum threads (200)",
            "  --connections N            keep-alive connections of the load generator (64)",
            "  --profile N                messages sent one at a time with SQL counted (300)",
            "  --series load,baseline     which series to run (both)",
            "  --h2-query-cache N         H2's QUERY_CACHE_SIZE (parsed statements per connection; H2's default 8)",
            "  --pg-synchronous-commit X  synchronous_commit of the PostgreSQL database (the server's setting)",
            "  --smoke                    a few seconds in all, small sizes; fails on any error",
            "Targets (on 2 cores): H2 >= 2000/s and PostgreSQL >= 1000/s with p99 < 50 ms, 0 lost, 0 duplicated.");

    List<BenchDatabase.Kind> stores = List.of(BenchDatabase.Kind.H2, BenchDatabase.Kind.POSTGRES);
    List<Integer> rates = List.of(500, 1000, 2000, 3000, 4000);
    double seconds = 15;
    double warmup = 10;
    double closedSeconds = 10;
    int concurrency = 32;
    List<Integer> contacts = List.of(1_000, 100_000, 1_000_000);
    int baselineRate = 100;
    double baselineSeconds = 10;
    int tenants = 10;
    int senders = 20_000;
    int pool = 16;
    int threads = 200;
    int connections = 64;
    int profile = 300;
    boolean load = true;
    boolean baseline = true;
    boolean smoke;

    @Nullable
    String h2QueryCache;

    @Nullable
    String pgSynchronousCommit;

    static Options parse(String[] args) {
        Options options = new Options();
        boolean storeGiven = false;
        for (String arg : args) {
            if (arg.equals("--smoke")) {
                options.smoke = true;
            }
        }
        if (options.smoke) {
            options.rates = List.of(100, 200);
            options.seconds = 2;
            options.warmup = 1;
            options.closedSeconds = 1;
            options.concurrency = 8;
            options.contacts = List.of(1_000, 10_000);
            options.baselineRate = 50;
            options.baselineSeconds = 1;
            options.tenants = 3;
            options.senders = 500;
            options.pool = 8;
            options.profile = 20;
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--smoke")) {
                continue;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println(USAGE);
                System.exit(0);
            }
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else if (arg.startsWith("--") && i + 1 < args.length) {
                name = arg.substring(2);
                value = args[++i];
            } else {
                throw new IllegalArgumentException("Unexpected argument " + arg + "\n" + USAGE);
            }
            switch (name) {
                case "store" -> {
                    storeGiven = true;
                    options.stores = switch (value.toLowerCase(Locale.ROOT)) {
                        case "h2" -> List.of(BenchDatabase.Kind.H2);
                        case "postgres", "postgresql", "pg" -> List.of(BenchDatabase.Kind.POSTGRES);
                        case "both" -> List.of(BenchDatabase.Kind.H2, BenchDatabase.Kind.POSTGRES);
                        default -> throw new IllegalArgumentException("--store h2|postgres|both, not " + value);
                    };
                }
                case "rates" -> options.rates = ints(value);
                case "seconds" -> options.seconds = Double.parseDouble(value);
                case "warmup" -> options.warmup = Double.parseDouble(value);
                case "closed-seconds" -> options.closedSeconds = Double.parseDouble(value);
                case "concurrency" -> options.concurrency = Integer.parseInt(value);
                case "contacts" -> options.contacts = ints(value);
                case "baseline-rate" -> options.baselineRate = Integer.parseInt(value);
                case "baseline-seconds" -> options.baselineSeconds = Double.parseDouble(value);
                case "tenants" -> options.tenants = Integer.parseInt(value);
                case "senders" -> options.senders = Integer.parseInt(value);
                case "pool" -> options.pool = Integer.parseInt(value);
                case "threads" -> options.threads = Integer.parseInt(value);
                case "connections" -> options.connections = Integer.parseInt(value);
                case "profile" -> options.profile = Integer.parseInt(value);
                case "h2-query-cache" -> options.h2QueryCache = String.valueOf(Integer.parseInt(value));
                case "pg-synchronous-commit" -> {
                    if (!List.of("on", "off", "local", "remote_write", "remote_apply")
                            .contains(value)) {
                        throw new IllegalArgumentException("--pg-synchronous-commit on|off|local|..., not " + value);
                    }
                    options.pgSynchronousCommit = value;
                }
                case "series" -> {
                    List<String> series = List.of(value.toLowerCase(Locale.ROOT).split(","));
                    options.load = series.contains("load");
                    options.baseline = series.contains("baseline");
                }
                default -> throw new IllegalArgumentException("Unknown option --" + name + "\n" + USAGE);
            }
        }
        if (options.smoke && !storeGiven) {
            options.stores = List.of(BenchDatabase.Kind.H2);
        }
        if (options.concurrency < 1 || options.concurrency > options.connections) {
            throw new IllegalArgumentException("--concurrency must be between 1 and --connections");
        }
        if (options.tenants < 1 || options.tenants > 9_000) {
            throw new IllegalArgumentException("--tenants must be between 1 and 9000");
        }
        for (int size : options.contacts) {
            if (size < 1 || size > Traffic.LOAD_SENDERS_FROM) {
                throw new IllegalArgumentException(
                        "--contacts sizes must be between 1 and " + Traffic.LOAD_SENDERS_FROM);
            }
        }
        if (options.senders < 1 || options.senders > 3_000_000) {
            throw new IllegalArgumentException("--senders must be between 1 and 3000000");
        }
        return options;
    }

    private static List<Integer> ints(String value) {
        List<Integer> values = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                values.add(Integer.parseInt(part.trim().replace("_", "")));
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("Expected a comma-separated list of numbers, not " + value);
        }
        values.sort(null);
        return List.copyOf(values);
    }
}
