package io.tenanttwilio.numbers;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.internal.text.Messages;
import io.tenanttwilio.phone.PhoneNumber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The result of checking a number's whole setup at Twilio, one line per check: the account owns
 * it, its SMS URL and method are exactly the SDK's, nothing overrides them, the status callback is
 * set, the account is active, the number can do SMS (and, on request, a test message arrived). A
 * failing line says why and how to fix it, in the user's language.
 *
 * <p>Immutable and thread-safe.
 */
public final class VerificationReport {

    /** What is checked. Immutable and thread-safe. */
    public enum Check {
        /** The account owns the number. */
        NUMBER_OWNED,
        /** The SMS URL is exactly the one the SDK wrote. */
        SMS_URL,
        /** The SMS method is POST. */
        SMS_METHOD,
        /** No application (TwiML app) overrides the SMS URL. */
        NO_APPLICATION_OVERRIDE,
        /** No Messaging Service sends the number's inbound messages elsewhere. */
        NO_MESSAGING_SERVICE_OVERRIDE,
        /** The status callback is the SDK's. */
        STATUS_CALLBACK,
        /** The Twilio account is active. */
        ACCOUNT_ACTIVE,
        /** The number can send and receive SMS. */
        SMS_CAPABLE,
        /** A test message reached the given phone. */
        TEST_MESSAGE,
        /**
         * The carriers let the number text US (and, for toll-free, Canadian) recipients: its
         * tenant's A2P campaign is approved and the number is in the campaign's Messaging Service,
         * or its toll-free verification is approved. Skipped (with the reason) while not
         * registered: it does not make the number's setup fail.
         */
        REGISTRATION;

        /** {@return whether {@code repair} can fix this by writing the configuration again} */
        public boolean isRepairable() {
            return this == SMS_URL
                    || this == SMS_METHOD
                    || this == NO_APPLICATION_OVERRIDE
                    || this == STATUS_CALLBACK
                    || this == REGISTRATION;
        }
    }

    /** How a check ended. Immutable and thread-safe. */
    public enum Status {
        /** The setup is as expected. */
        PASSED,
        /** The setup is not as expected; {@link Line#fix(Locale)} says what to do. */
        FAILED,
        /** Not run (not asked for, or pointless after an earlier failure). */
        SKIPPED,
        /** Could not be checked (Twilio could not be reached). */
        UNKNOWN
    }

    /** One check and its outcome. Immutable and thread-safe. */
    public static final class Line {
        private final Check check;
        private final Status status;
        private final @Nullable String expected;
        private final @Nullable String actual;

        private Line(Builder b) {
            this.check = b.check;
            this.status = b.status;
            this.expected = b.expected;
            this.actual = b.actual;
        }

        /**
         * A line without an expected or an actual value (a check that passed or was skipped, say);
         * the SDK makes them, applications only in tests.
         *
         * @param check what was checked
         * @param status how it ended
         * @return the line
         */
        public static Line of(Check check, Status status) {
            return builder(check, status).build();
        }

        /**
         * Starts a line, to add what was expected and what Twilio has; the SDK makes them,
         * applications only in tests.
         *
         * <pre>{@code
         * Line line = Line.builder(Check.SMS_URL, Status.FAILED)
         *         .expected("https://clinic.example/twilio/sms/k3y")
         *         .actual("https://demo.twilio.com/welcome/sms/reply")
         *         .build();
         * }</pre>
         *
         * @param check what was checked
         * @param status how it ended
         * @return a builder with neither an expected nor an actual value
         */
        public static Builder builder(Check check, Status status) {
            return new Builder(check, status);
        }

        /** {@return what was checked} */
        public Check check() {
            return check;
        }

        /** {@return how the check ended} */
        public Status status() {
            return status;
        }

        /** {@return what was expected (a URL, a method), when it applies} */
        public Optional<String> expected() {
            return Optional.ofNullable(expected);
        }

        /** {@return what Twilio has, when it applies} */
        public Optional<String> actual() {
            return Optional.ofNullable(actual);
        }

        /**
         * What the check found, in {@code locale}.
         *
         * @param locale the language of the text; English when it has no translation
         * @return the text, to show as it is
         */
        public String description(Locale locale) {
            return Messages.text(
                    locale,
                    "verify." + check.name() + "." + status.name(),
                    expected == null ? "" : expected,
                    actual == null ? "" : actual);
        }

        /**
         * How to fix a failed check, in {@code locale}; empty when it passed.
         *
         * @param locale the language of the text; English when it has no translation
         * @return the text, to show as it is, or empty
         */
        public String fix(Locale locale) {
            return status == Status.FAILED || status == Status.UNKNOWN
                    ? Messages.text(locale, "verify." + check.name() + ".fix", expected == null ? "" : expected)
                    : "";
        }

        /** The check and its status only; the values may be URLs that hold a webhook key. */
        @Override
        public String toString() {
            return check + "=" + status;
        }

        /** Builds a {@link Line}. Not thread-safe. */
        public static final class Builder {
            private final Check check;
            private final Status status;
            private @Nullable String expected;
            private @Nullable String actual;

            private Builder(Check check, Status status) {
                this.check = Objects.requireNonNull(check, "check");
                this.status = Objects.requireNonNull(status, "status");
            }

            /**
             * Sets {@link Line#expected()}; none by default.
             *
             * @param expected what was expected (a URL, a method), or {@code null} when it does not
             *     apply
             * @return this builder
             */
            public Builder expected(@Nullable String expected) {
                this.expected = expected;
                return this;
            }

            /**
             * Sets {@link Line#actual()}; none by default.
             *
             * @param actual what Twilio has, or {@code null} when it does not apply
             * @return this builder
             */
            public Builder actual(@Nullable String actual) {
                this.actual = actual;
                return this;
            }

            /**
             * Builds the line.
             *
             * @return the line, immutable
             */
            public Line build() {
                return new Line(this);
            }
        }
    }

    private final TenantId tenant;
    private final PhoneNumber phoneNumber;
    private final Instant checkedAt;
    private final List<Line> lines;

    private VerificationReport(Builder b) {
        this.tenant = Objects.requireNonNull(b.tenant, "tenant");
        this.phoneNumber = Objects.requireNonNull(b.phoneNumber, "phoneNumber");
        this.checkedAt = Objects.requireNonNull(b.checkedAt, "checkedAt");
        this.lines = List.copyOf(b.lines);
    }

    /**
     * Starts a report; the SDK makes them, applications only in tests. The tenant, the number and
     * the time must be set; there are no lines unless set.
     *
     * <pre>{@code
     * VerificationReport report = VerificationReport.builder()
     *         .tenant(tenant)
     *         .phoneNumber(number)
     *         .checkedAt(clock.instant())
     *         .lines(List.of(Line.of(Check.NUMBER_OWNED, Status.PASSED)))
     *         .build();
     * }</pre>
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the tenant that owns the number} */
    public TenantId tenant() {
        return tenant;
    }

    /** {@return the number checked} */
    public PhoneNumber phoneNumber() {
        return phoneNumber;
    }

    /** {@return when the number was checked} */
    public Instant checkedAt() {
        return checkedAt;
    }

    /** {@return every check, in the order they ran} */
    public List<Line> lines() {
        return lines;
    }

    /**
     * The line of {@code check}, if it ran.
     *
     * @param check the check
     * @return its line, or empty when it did not run
     */
    public Optional<Line> line(Check check) {
        return lines.stream().filter(line -> line.check == check).findFirst();
    }

    /** {@return whether every check passed or was skipped} */
    public boolean passed() {
        return lines.stream().allMatch(line -> line.status == Status.PASSED || line.status == Status.SKIPPED);
    }

    /** {@return the lines that failed or could not be checked} */
    public List<Line> problems() {
        List<Line> problems = new ArrayList<>();
        for (Line line : lines) {
            if (line.status == Status.FAILED || line.status == Status.UNKNOWN) {
                problems.add(line);
            }
        }
        return problems;
    }

    /** The masked number, whether it passed, and each check's status. */
    @Override
    public String toString() {
        return "VerificationReport[" + phoneNumber.masked() + " " + (passed() ? "passed" : "problems") + " " + lines
                + "]";
    }

    /** Builds a {@link VerificationReport}. Not thread-safe. */
    public static final class Builder {
        private @Nullable TenantId tenant;
        private @Nullable PhoneNumber phoneNumber;
        private @Nullable Instant checkedAt;
        private List<Line> lines = List.of();

        private Builder() {}

        /**
         * Sets {@link VerificationReport#tenant()}.
         *
         * @param tenant the tenant that owns the number
         * @return this builder
         */
        public Builder tenant(TenantId tenant) {
            this.tenant = Objects.requireNonNull(tenant, "tenant");
            return this;
        }

        /**
         * Sets {@link VerificationReport#phoneNumber()}.
         *
         * @param phoneNumber the number checked
         * @return this builder
         */
        public Builder phoneNumber(PhoneNumber phoneNumber) {
            this.phoneNumber = Objects.requireNonNull(phoneNumber, "phoneNumber");
            return this;
        }

        /**
         * Sets {@link VerificationReport#checkedAt()}.
         *
         * @param checkedAt when the number was checked
         * @return this builder
         */
        public Builder checkedAt(Instant checkedAt) {
            this.checkedAt = Objects.requireNonNull(checkedAt, "checkedAt");
            return this;
        }

        /**
         * Sets {@link VerificationReport#lines()}; none by default.
         *
         * @param lines the checks, in the order they ran; copied
         * @return this builder
         */
        public Builder lines(List<Line> lines) {
            this.lines = List.copyOf(lines);
            return this;
        }

        /**
         * Builds the report.
         *
         * @return the report, immutable
         * @throws NullPointerException if the tenant, the number or the time is missing
         */
        public VerificationReport build() {
            return new VerificationReport(this);
        }
    }
}
