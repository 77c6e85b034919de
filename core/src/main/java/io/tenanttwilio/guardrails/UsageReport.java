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
            "failed_for_registration",
            "message_cost",
            "messages_awaiting_price",
            "twilio_messaging_cost",
            "number_cost",
            "currency");

    /** Twilio error codes that mean the carriers blocked traffic for want of registration. */
    private static final List<Integer> REGISTRATION_ERROR_CODES = List.of(30007, 30032, 30033, 30034);

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

    /**
     * Starts a report; the SDK builds them, applications only in tests.
     *
     * @param tenant the tenant
     * @param from the first day of the period
     * @param to the last day of the period (included)
     * @param zone the time zone of the period's days
     * @return a builder with every count and cost at zero, in USD, made now
     */
    public static Builder builder(TenantId tenant, LocalDate from, LocalDate to, ZoneId zone) {
        Builder b = new Builder();
        b.tenant = tenant;
        b.from = from;
        b.to = to;
        b.zone = zone;
        return b;
    }

    /** {@return the tenant the report is about} */
    public TenantId tenant() {
        return tenant;
    }

    /** {@return the first day of the period} */
    public LocalDate from() {
        return from;
    }

    /** {@return the last day of the period (included)} */
    public LocalDate to() {
        return to;
    }

    /** {@return the time zone of the period's days (the tenant's)} */
    public ZoneId zone() {
        return zone;
    }

    /** {@return the inbound messages received in the period} */
    public long received() {
        return received;
    }

    /** {@return the segments of the inbound messages} */
    public long receivedSegments() {
        return receivedSegments;
    }

    /** {@return the outbound messages Twilio accepted in the period} */
    public long sent() {
        return sent;
    }

    /** {@return the segments of the outbound messages} */
    public long sentSegments() {
        return sentSegments;
    }

    /** {@return the outbound messages delivered} */
    public long delivered() {
        return delivered;
    }

    /** {@return the outbound messages that failed, were undelivered, or that Twilio refused} */
    public long failed() {
        return failed;
    }

    /** {@return {@link #failed()} by Twilio error code ({@code 0}: no code given)} */
    public Map<Integer, Long> failuresByErrorCode() {
        return failuresByErrorCode;
    }

    /**
     * The failures the carriers attribute to missing carrier registration: Twilio errors 30034
     * (unregistered 10DLC number), 30033 (campaign suspended), 30032 (toll-free number not
     * verified) and 30007 (carrier filtering). The remedy is the tenant's registration, not a
     * retry.
     *
     * @return those of {@link #failed()}
     */
    public long failedForRegistration() {
        long n = 0;
        for (int code : REGISTRATION_ERROR_CODES) {
            n += failuresByErrorCode.getOrDefault(code, 0L);
        }
        return n;
    }

    /** {@return what Twilio charged for the outbound messages priced so far, a positive amount} */
    public BigDecimal messageCost() {
        return messageCost;
    }

    /** {@return the outbound messages whose price Twilio has not given yet} */
    public long messagesAwaitingPrice() {
        return messagesAwaitingPrice;
    }

    /**
     * {@return the account's SMS and MMS costs as Twilio's Usage Records say (inbound included)}
     */
    public Optional<BigDecimal> twilioMessagingCost() {
        return Optional.ofNullable(twilioMessagingCost);
    }

    /** {@return the account's phone-number costs as Twilio's Usage Records say} */
    public Optional<BigDecimal> numberCost() {
        return Optional.ofNullable(numberCost);
    }

    /** {@return the currency of the costs ({@code USD})} */
    public String currency() {
        return currency;
    }

    /**
     * {@return why Twilio's own costs are missing (Twilio unreachable, credentials refused), if
     * they are}
     */
    public Optional<ErrorCode> twilioCostsError() {
        return Optional.ofNullable(twilioCostsError);
    }

    /** {@return when the report was made} */
    public Instant generatedAt() {
        return generatedAt;
    }

    /** {@return this report as a CSV line (no header), in the order of {@link #CSV_COLUMNS}} */
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
                String.valueOf(failedForRegistration()),
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
     *
     * @param reports the reports, one line each, in order
     * @param out where to write; not closed
     * @throws UncheckedIOException if {@code out} fails
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

    /**
     * Reports as a CSV document.
     *
     * @param reports the reports, one line each, in order
     * @return the document, header line included
     */
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

        /**
         * Sets the message counts.
         *
         * @param received inbound messages
         * @param receivedSegments their segments
         * @param sent outbound messages Twilio accepted
         * @param sentSegments their segments
         * @return this builder
         */
        public Builder messages(long received, long receivedSegments, long sent, long sentSegments) {
            this.received = received;
            this.receivedSegments = receivedSegments;
            this.sent = sent;
            this.sentSegments = sentSegments;
            return this;
        }

        /**
         * Sets how the outbound messages ended.
         *
         * @param delivered messages delivered
         * @param failed messages failed, undelivered or refused
         * @param failuresByErrorCode {@code failed} by Twilio error code
         * @return this builder
         */
        public Builder outcomes(long delivered, long failed, Map<Integer, Long> failuresByErrorCode) {
            this.delivered = delivered;
            this.failed = failed;
            this.failuresByErrorCode = failuresByErrorCode;
            return this;
        }

        /**
         * Sets what Twilio charged per message.
         *
         * @param cost the total of the prices given so far, a positive amount
         * @param awaitingPrice messages not priced yet
         * @return this builder
         */
        public Builder messageCost(BigDecimal cost, long awaitingPrice) {
            this.messageCost = cost;
            this.messagesAwaitingPrice = awaitingPrice;
            return this;
        }

        /**
         * Sets the account's costs from Twilio's Usage Records.
         *
         * @param messaging the SMS and MMS costs, or {@code null} when unknown
         * @param numbers the phone-number costs, or {@code null} when unknown
         * @return this builder
         */
        public Builder twilioCosts(@Nullable BigDecimal messaging, @Nullable BigDecimal numbers) {
            this.twilioMessagingCost = messaging;
            this.numberCost = numbers;
            return this;
        }

        /**
         * Sets why Twilio's costs are missing.
         *
         * @param error the error, or {@code null} when they are not
         * @return this builder
         */
        public Builder twilioCostsError(@Nullable ErrorCode error) {
            this.twilioCostsError = error;
            return this;
        }

        /**
         * Sets the currency of the costs.
         *
         * @param currency an ISO 4217 code, such as {@code USD}
         * @return this builder
         */
        public Builder currency(String currency) {
            this.currency = Objects.requireNonNull(currency, "currency");
            return this;
        }

        /**
         * Sets when the report was made.
         *
         * @param at the instant
         * @return this builder
         */
        public Builder generatedAt(Instant at) {
            this.generatedAt = at;
            return this;
        }

        /**
         * Builds the report.
         *
         * @return the report, immutable
         */
        public UsageReport build() {
            return new UsageReport(this);
        }
    }
}
