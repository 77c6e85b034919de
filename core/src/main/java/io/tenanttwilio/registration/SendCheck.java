package io.tenanttwilio.registration;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.internal.text.Messages;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether a number may text a recipient as the carriers stand today, and if not, why and what to
 * do. Every send asks first; an application may ask too, to explain before a person types.
 *
 * <p>Immutable and thread-safe.
 */
public final class SendCheck {

    /** The answers. Immutable and thread-safe. */
    public enum Verdict {
        /** Nothing stands in the way. */
        ALLOWED(null),
        /** US-bound text from a long code whose tenant has no approved A2P campaign. */
        REGISTRATION_REQUIRED(ErrorCode.REGISTRATION_REQUIRED),
        /** The number is registered, but not (yet) in the campaign's Messaging Service. */
        NUMBER_NOT_IN_CAMPAIGN(ErrorCode.REGISTRATION_REQUIRED),
        /** Text to the US or Canada from a toll-free number that is not verified. */
        TOLL_FREE_VERIFICATION_REQUIRED(ErrorCode.TOLL_FREE_VERIFICATION_REQUIRED);

        private final @Nullable ErrorCode errorCode;

        Verdict(@Nullable ErrorCode errorCode) {
            this.errorCode = errorCode;
        }

        /** {@return the error a refused send raises; empty when allowed} */
        public Optional<ErrorCode> errorCode() {
            return Optional.ofNullable(errorCode);
        }
    }

    private static final SendCheck ALLOWED = new SendCheck(Verdict.ALLOWED, false);

    private final Verdict verdict;
    private final boolean pending;

    private SendCheck(Verdict verdict, boolean pending) {
        this.verdict = verdict;
        this.pending = pending;
    }

    /** {@return the answer that nothing stands in the way} */
    public static SendCheck allowed() {
        return ALLOWED;
    }

    /**
     * An answer that something stands in the way.
     *
     * @param verdict what
     * @param pending whether a registration or verification is under review already
     * @return the answer
     */
    public static SendCheck refused(Verdict verdict, boolean pending) {
        Objects.requireNonNull(verdict, "verdict");
        return verdict == Verdict.ALLOWED ? ALLOWED : new SendCheck(verdict, pending);
    }

    /** {@return whether the text may go} */
    public boolean isAllowed() {
        return verdict == Verdict.ALLOWED;
    }

    /** {@return the answer} */
    public Verdict verdict() {
        return verdict;
    }

    /** {@return whether a registration or verification is under review already} */
    public boolean isPending() {
        return pending;
    }

    /**
     * The answer for people: why not, and what to do.
     *
     * @param locale the reader's language
     * @return the text; empty text when allowed
     */
    public String message(Locale locale) {
        if (isAllowed()) {
            return "";
        }
        return Messages.text(locale, "registration.check." + verdict.name() + (pending ? ".pending" : ""));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SendCheck that && verdict == that.verdict && pending == that.pending;
    }

    @Override
    public int hashCode() {
        return Objects.hash(verdict, pending);
    }

    @Override
    public String toString() {
        return "SendCheck[" + verdict + (pending ? ", pending" : "") + "]";
    }
}
