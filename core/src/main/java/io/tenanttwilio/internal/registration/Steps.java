package io.tenanttwilio.internal.registration;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.internal.shared.Auditor;
import io.tenanttwilio.internal.twilio.TwilioCalls;
import io.tenanttwilio.internal.twilio.TwilioErrors.Operation;
import io.tenanttwilio.registration.Registration.Resource;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The saga's building blocks: a resource created once (looked up first, so that an answer lost
 * after Twilio created it never creates a second one), a repeatable change, and their audit with
 * Twilio's request id.
 */
final class Steps {

    private final Auditor audit;

    Steps(Auditor audit) {
        this.audit = audit;
    }

    /** The friendly name that finds a resource of this registration again. */
    static String tag(Run run, Resource resource) {
        return "tt:" + run.current().id() + ":"
                + resource.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The resource's SID: the stored one, else one found at Twilio by {@code lookup}, else a new one
     * from {@code create}; stored before the next step.
     */
    String ensure(Run run, Resource resource, Supplier<Optional<String>> lookup, Supplier<String> create) {
        Optional<String> stored = run.current().sid(resource);
        if (stored.isPresent()) {
            return stored.get();
        }
        String step = step(resource);
        Optional<String> found = call(run, step, Operation.READ, lookup);
        if (found.isPresent()) {
            String sid = found.get();
            run.save(b -> b.sid(resource, sid));
            return sid;
        }
        String sid;
        try {
            sid = call(run, step, Operation.REGISTER, create);
        } catch (TenantTwilioException e) {
            if (e.errorCode() != ErrorCode.OUTCOME_UNKNOWN) {
                throw e;
            }
            Optional<String> after;
            try {
                after = TwilioCalls.call(run.tenant(), Operation.READ, lookup);
            } catch (TenantTwilioException again) {
                throw e;
            }
            if (after.isEmpty()) {
                throw e;
            }
            sid = after.get();
        }
        String created = sid;
        run.save(b -> b.sid(resource, created));
        audited(run, step, created);
        return created;
    }

    /** A repeatable call (an assignment, an evaluation, a submission), its failure audited. */
    <T> T configure(Run run, String step, Supplier<T> call) {
        return call(run, step, Operation.CONFIGURE, call);
    }

    <T> T call(Run run, String step, Operation operation, Supplier<T> call) {
        try {
            return TwilioCalls.call(run.tenant(), operation, call);
        } catch (TenantTwilioException e) {
            audit.failure(
                    AuditAction.REGISTRATION_STEP_FAILED,
                    run.tenant(),
                    run.actor,
                    e,
                    event -> event.detail("step", step)
                            .detail("registration", run.current().id()));
            throw e;
        }
    }

    void audited(Run run, String step, String sid) {
        String requestId = TwilioCalls.lastRequestId();
        audit.success(
                AuditAction.REGISTRATION_STEP,
                run.tenant(),
                run.actor,
                event -> event.detail("step", step)
                        .detail("sid", sid)
                        .detail("registration", run.current().id())
                        .twilioRequestId(requestId));
    }

    static String step(Resource resource) {
        return "create-" + resource.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
