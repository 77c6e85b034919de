package io.tenanttwilio.guardrails;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's usage and cost over a period of days in its time zone: messages in and out, their
 * segments, how the outbound ones ended (failures by Twilio error code), what Twilio charged per
 * message, and — from Twilio's own Usage Records — the account's messaging and phone-number costs.
 *
 * <pre>{@code
 * UsageReport november = twilio.client(tenant).usage(YearMonth.of(2026, 11));
 * november.sent();                 // 1 204
 * november.messageCost();          // 9.51 (USD)
 * november.numberCost();           // Optional[1.15]
 * UsageReport.writeCsv(List.of(november), writer);
 * }</pre>
 *
 * <p>Message prices arrive with status callbacks or the reconciliation job; {@link
 * #messagesAwaitingPrice()} says how many are not priced yet. Twilio's Usage Records count GMT days,
 * so their costs may differ from the period by a few hours at its edges. Immutable and
 * thread-safe.
 */
public final class UsageReport {

    /** The CSV columns, in order. */
    public static final List<String> CSV_COLUMNS = List.of(
            "tenant",
            "from",
            "to",
            "time_zone",
            "messages_received",
            "segments_received",
            "messages_sent",
            "segments_sent",
            "delivered",
            "failed",
            "failures_by_error_code",
            "message_cost",
            "messages_awaiting_price",
            "twilio_messaging_cost",
            "number_cost",
            "currency");

    private final TenantId tenant;
    private final LocalDate from;
    private final LocalDate to;
    private final ZoneId zone;
    private final long received;
    private final long receivedSegments;
    private final long sent;
    private final long sentSegments;
    private final long delivered;
    private final long failed;
    private final Map<Integer, Long> failuresByErrorCode;
    private final BigDecimal messageCost;
    private final long messagesAwaitingPrice;
    private final @Nullable BigDecimal twilioMessagingCost;
    private final @Nullable BigDecimal numberCost;
    private final String currency;
    private final @Nullable ErrorCode twilioCostsError;
    private final Instant generatedAt;

    private UsageReport(Builder b) {
        this.tenant = Objects.requireNonNull(b.tenant, "tenant");
        this.from = Objects.requireNonNull(b.from, "from");
        this.to = Objects.requireNonNull(b.to, "to");
        this.zone = Objects.requireNonNull(b.zone, "zone");
        this.received = b.received;
        this.receivedSegments = b.receivedSegments;
        this.sent = b.sent;
        this.sentSegments = b.sentSegments;
        this.delivered = b.delivered;
        this.failed = b.failed;
        this.failuresByErrorCode = Map.copyOf(b.failuresByErrorCode);
        this.messageCost = Objects.requireNonNull(b.messageCost, "messageCost");
        this.messagesAwaitingPrice = b.messagesAwaitingPrice;
        this.twilioMessagingCost = b.twilioMessagingCost;
        this.numberCost = b.numberCost;
        this.currency = b.currency;
        this.twilioCostsError = b.twilioCostsError;
        this.generatedAt = Objects.requireNonNull(b.generatedAt, "generatedAt");
    }

    public static Builder builder(TenantId tenant, LocalDate from, LocalDate to, ZoneId zone) {
        Builder b = new Builder();
        b.tenant = tenant;
        b.from = from;
        b.to = to;
        b.zone = zone;
        return b;
    }

    public TenantId tenant() {
        return tenant;
    }

    /** The first day of the period. */
    public LocalDate from() {
        return from;
    }

    /** The last day of the period (included). */
    public LocalDate to() {
        return to;
    }

    /** The time zone of the period's days (the tenant's). */
    public ZoneId zone() {
        return zone;
    }

    /** Inbound messages. */
    public long received() {
        return received;
    }

    public long receivedSegments() {
        return receivedSegments;
    }

    /** Outbound messages Twilio accepted. */
    public long sent() {
        return sent;
    }

    public long sentSegments() {
        return sentSegments;
    }

    /** Outbound messages delivered. */
    public long delivered() {
        return delivered;
    }

    /** Outbound messages that failed, were undelivered, or that Twilio refused. */
    public long failed() {
        return failed;
    }

    /** {@link #failed()} by Twilio error code ({@code 0}: no code given). */
    public Map<Integer, Long> failuresByErrorCode() {
        return failuresByErrorCode;
    }

    /** What Twilio charged for the outbound messages priced so far, a positive amount. */
    public BigDecimal messageCost() {
        return messageCost;
    }

    /** Outbound messages whose price Twilio has not given yet. */
    public long messagesAwaitingPrice() {
        return messagesAwaitingPrice;
    }

    /** The account's SMS and MMS costs as Twilio's Usage Records say (inbound included). */
    public Optional<BigDecimal> twilioMessagingCost() {
        return Optional.ofNullable(twilioMessagingCost);
    }

    /** The account's phone-number costs as Twilio's Usage Records say. */
    public Optional<BigDecimal> numberCost() {
        return Optional.ofNullable(numberCost);
    }

    /** The currency of the costs ({@code USD}). */
    public String currency() {
        return currency;
    }

    /** Why Twilio's own costs are missing (Twilio unreachable, credentials refused), if they are. */
    public Optional<ErrorCode> twilioCostsError() {
        return Optional.ofNullable(twilioCostsError);
    }

    public Instant generatedAt() {
        return generatedAt;
    }

    /** This report as a CSV line (no header), in the order of {@link #CSV_COLUMNS}. */
    public String toCsvLine() {
        String failures = failuresByErrorCode.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(" "));
        return String.join(
                ",",
                csv(tenant.value()),
                from.toString(),
                to.toString(),
                csv(zone.getId()),
                String.valueOf(received),
                String.valueOf(receivedSegments),
                String.valueOf(sent),
                String.valueOf(sentSegments),
                String.valueOf(delivered),
                String.valueOf(failed),
                csv(failures),
                money(messageCost),
                String.valueOf(messagesAwaitingPrice),
                twilioMessagingCost == null ? "" : money(twilioMessagingCost),
                numberCost == null ? "" : money(numberCost),
                csv(currency));
    }

    /**
     * Writes reports as CSV (RFC 4180: a header line, comma-separated, CRLF line ends). A text that
     * a spreadsheet would run as a formula (it starts with {@code = + - @}) is prefixed with an
     * apostrophe.
     */
    public static void writeCsv(List<UsageReport> reports, Writer out) {
        try {
            out.write(String.join(",", CSV_COLUMNS));
            out.write("\r\n");
            for (UsageReport report : reports) {
                out.write(report.toCsvLine());
                out.write("\r\n");
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reports as a CSV document. */
    public static String toCsv(List<UsageReport> reports) {
        java.io.StringWriter out = new java.io.StringWriter();
        writeCsv(reports, out);
        return out.toString();
    }

    /** An amount as people write it: no trailing zeros past the cents ({@code 0.0316}, {@code 1.15}, {@code 0.00}). */
    private static String money(BigDecimal amount) {
        BigDecimal plain = amount.stripTrailingZeros();
        return (plain.scale() < 2 ? plain.setScale(2) : plain).toPlainString();
    }

    private static String csv(String text) {
        String safe = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }

    @Override
    public String toString() {
        return "UsageReport[" + tenant + " " + from + ".." + to + " in=" + received + " out=" + sent + " failed="
                + failed + " cost=" + messageCost + " " + currency + "]";
    }

    /** Builds a {@link UsageReport}. Not thread-safe. */
    public static final class Builder {
        private @Nullable TenantId tenant;
        private @Nullable LocalDate from;
        private @Nullable LocalDate to;
        private @Nullable ZoneId zone;
        private long received;
        private long receivedSegments;
        private long sent;
        private long sentSegments;
        private long delivered;
        private long failed;
        private Map<Integer, Long> failuresByErrorCode = Map.of();
        private BigDecimal messageCost = BigDecimal.ZERO;
        private long messagesAwaitingPrice;
        private @Nullable BigDecimal twilioMessagingCost;
        private @Nullable BigDecimal numberCost;
        private String currency = "USD";
        private @Nullable ErrorCode twilioCostsError;
        private Instant generatedAt = Instant.now();

        private Builder() {}

        public Builder messages(long received, long receivedSegments, long sent, long sentSegments) {
            this.received = received;
            this.receivedSegments = receivedSegments;
            this.sent = sent;
            this.sentSegments = sentSegments;
            return this;
        }

        public Builder outcomes(long delivered, long failed, Map<Integer, Long> failuresByErrorCode) {
            this.delivered = delivered;
            this.failed = failed;
            this.failuresByErrorCode = failuresByErrorCode;
            return this;
        }

        public Builder messageCost(BigDecimal cost, long awaitingPrice) {
            this.messageCost = cost;
            this.messagesAwaitingPrice = awaitingPrice;
            return this;
        }

        public Builder twilioCosts(@Nullable BigDecimal messaging, @Nullable BigDecimal numbers) {
            this.twilioMessagingCost = messaging;
            this.numberCost = numbers;
            return this;
        }

        public Builder twilioCostsError(@Nullable ErrorCode error) {
            this.twilioCostsError = error;
            return this;
        }

        public Builder currency(String currency) {
            this.currency = Objects.requireNonNull(currency, "currency");
            return this;
        }

        public Builder generatedAt(Instant at) {
            this.generatedAt = at;
            return this;
        }

        public UsageReport build() {
            return new UsageReport(this);
        }
    }
}
