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
        TEST_MESSAGE;

        /** {@return whether {@code repair} can fix this by writing the configuration again} */
        public boolean isRepairable() {
            return this == SMS_URL || this == SMS_METHOD || this == NO_APPLICATION_OVERRIDE || this == STATUS_CALLBACK;
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

        /**
         * A line; the SDK creates them, applications only in tests.
         *
         * @param check what was checked
         * @param status how it ended
         * @param expected what was expected, or {@code null} when it does not apply
         * @param actual what Twilio has, or {@code null} when it does not apply
         */
        public Line(Check check, Status status, @Nullable String expected, @Nullable String actual) {
            this.check = Objects.requireNonNull(check, "check");
            this.status = Objects.requireNonNull(status, "status");
            this.expected = expected;
            this.actual = actual;
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

        @Override
        public String toString() {
            return check + "=" + status;
        }
    }

    private final TenantId tenant;
    private final PhoneNumber phoneNumber;
    private final Instant checkedAt;
    private final List<Line> lines;

    /**
     * A report; the SDK creates them, applications only in tests.
     *
     * @param tenant the tenant that owns the number
     * @param phoneNumber the number checked
     * @param checkedAt when it was checked
     * @param lines the checks, in the order they ran; copied
     */
    public VerificationReport(TenantId tenant, PhoneNumber phoneNumber, Instant checkedAt, List<Line> lines) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.phoneNumber = Objects.requireNonNull(phoneNumber, "phoneNumber");
        this.checkedAt = Objects.requireNonNull(checkedAt, "checkedAt");
        this.lines = List.copyOf(lines);
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

    @Override
    public String toString() {
        return "VerificationReport[" + phoneNumber.masked() + " " + (passed() ? "passed" : "problems") + " " + lines
                + "]";
    }
}
