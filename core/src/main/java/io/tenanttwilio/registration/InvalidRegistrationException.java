package io.tenanttwilio.registration;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.internal.text.Problems;
import java.util.List;

/**
 * A registration form with fields Twilio would refuse ({@link ErrorCode#INVALID_REQUEST}): every
 * such field is in {@link #problems()}, so a form can show them all at once. Nothing was sent to
 * Twilio. The rejected values are not part of the message.
 *
 * <p>Immutable and thread-safe.
 */
public final class InvalidRegistrationException extends TenantTwilioException {

    private static final long serialVersionUID = 1L;

    /** The problems; immutable. */
    private final transient List<FieldProblem> problems;

    /**
     * Creates the exception.
     *
     * @param problems the fields and why each is refused, at least one
     */
    public InvalidRegistrationException(List<FieldProblem> problems) {
        super(Problems.builder(ErrorCode.INVALID_REQUEST)
                .detail("registration.fields", problems.size(), fields(problems))
                .toBuilder());
        this.problems = List.copyOf(problems);
    }

    private static String fields(List<FieldProblem> problems) {
        StringBuilder names = new StringBuilder();
        for (FieldProblem problem : problems) {
            if (names.length() > 0) {
                names.append(", ");
            }
            names.append(problem.field());
        }
        return names.toString();
    }

    /** {@return every field that is refused, with its reason, in the form's order} */
    public List<FieldProblem> problems() {
        return problems == null ? List.of() : problems;
    }
}
