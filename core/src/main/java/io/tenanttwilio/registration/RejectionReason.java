package io.tenanttwilio.registration;

import io.tenanttwilio.internal.text.Messages;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Why Twilio or the carriers rejected or suspended a registration: Twilio's error code when it
 * gave one, and its text. {@link #message(Locale)} explains the codes the SDK knows in French and
 * English, with what to fix; Twilio's own (English) text otherwise.
 *
 * <p>Immutable and thread-safe.
 */
public final class RejectionReason {

    private final @Nullable Integer code;
    private final String twilioText;

    private RejectionReason(@Nullable Integer code, String twilioText) {
        this.code = code;
        this.twilioText = twilioText;
    }

    /**
     * A reason as Twilio gave it.
     *
     * @param code Twilio's error code, or {@code null}
     * @param twilioText Twilio's text (at most 1,000 characters are kept)
     * @return the reason
     */
    public static RejectionReason of(@Nullable Integer code, @Nullable String twilioText) {
        String text = twilioText == null ? "" : twilioText.strip();
        return new RejectionReason(code, text.length() > 1000 ? text.substring(0, 1000) : text);
    }

    /** {@return Twilio's error code, when it gave one} */
    public OptionalInt code() {
        return code == null ? OptionalInt.empty() : OptionalInt.of(code);
    }

    /** {@return Twilio's own text, in English} */
    public String twilioText() {
        return twilioText;
    }

    /**
     * The reason for people: the SDK's translation when it knows the code, else Twilio's text.
     *
     * @param locale the reader's language
     * @return the text
     */
    public String message(Locale locale) {
        if (code != null) {
            String key = "registration.reason." + code;
            if (Messages.has(key)) {
                return Messages.text(locale, key);
            }
        }
        if (twilioText.isEmpty()) {
            return Messages.text(locale, "registration.reason.unknown");
        }
        return Messages.text(locale, "registration.reason.twilio", twilioText);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RejectionReason that
                && Objects.equals(code, that.code)
                && twilioText.equals(that.twilioText);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, twilioText);
    }

    @Override
    public String toString() {
        return code == null ? twilioText : code + " " + twilioText;
    }
}
