package io.tenanttwilio.registration;

import io.tenanttwilio.Detail;
import java.util.Locale;
import java.util.Objects;

/**
 * One field of a registration form that cannot be sent to Twilio, and why, in the reader's
 * language. The rejected value is not part of it.
 *
 * <p>Immutable and thread-safe.
 */
public final class FieldProblem {

    private final String field;
    private final Detail detail;

    private FieldProblem(String field, Detail detail) {
        this.field = field;
        this.detail = detail;
    }

    /**
     * A problem with one field.
     *
     * @param field the field's name, as the builder's method is named ({@code "website"})
     * @param detail why the value is refused
     * @return the problem
     */
    public static FieldProblem of(String field, Detail detail) {
        return new FieldProblem(Objects.requireNonNull(field, "field"), Objects.requireNonNull(detail, "detail"));
    }

    /** {@return the field's name, as the builder's method is named} */
    public String field() {
        return field;
    }

    /** {@return why the value is refused} */
    public Detail detail() {
        return detail;
    }

    /**
     * Why the value is refused, for people.
     *
     * @param locale the reader's language
     * @return the text
     */
    public String message(Locale locale) {
        return detail.text(locale);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldProblem that
                && field.equals(that.field)
                && detail.logText().equals(that.detail.logText());
    }

    @Override
    public int hashCode() {
        return Objects.hash(field, detail.logText());
    }

    @Override
    public String toString() {
        return field + ": " + detail.logText();
    }
}
