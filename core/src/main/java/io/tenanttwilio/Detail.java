package io.tenanttwilio;

import java.util.Locale;

/**
 * A more specific explanation of an error, between what happened and what to do ("The tenant owns
 * 5 numbers, its limit."), in the language of whoever reads it.
 *
 * <p>Implementations must be immutable and thread-safe, and must never render a secret or a
 * message body.
 */
public interface Detail {

    /**
     * The explanation for people, in {@code locale}.
     *
     * @param locale the reader's language; English when there is no translation
     * @return the text
     */
    String text(Locale locale);

    /**
     * The explanation for developers and logs: English, phone numbers masked.
     *
     * @return the text
     */
    default String logText() {
        return text(Locale.ROOT);
    }
}
