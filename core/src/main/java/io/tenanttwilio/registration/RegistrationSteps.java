package io.tenanttwilio.registration;

import io.tenanttwilio.registration.Registration.Mark;
import io.tenanttwilio.registration.Registration.Resource;
import io.tenanttwilio.registration.Registration.Step;
import io.tenanttwilio.registration.Registration.StepStatus;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** How each step of a registration stands, from its resources and Twilio's statuses. */
final class RegistrationSteps {

    private RegistrationSteps() {}

    static StepStatus status(Registration r, Step step) {
        switch (step) {
            case BUSINESS_PROFILE:
                return bundle(r, Resource.CUSTOMER_PROFILE, r.profileStatus().orElse(null), Mark.PROFILE_SUBMITTED);
            case A2P_PROFILE:
                return bundle(
                        r, Resource.TRUST_PRODUCT, r.trustProductStatus().orElse(null), Mark.TRUST_PRODUCT_SUBMITTED);
            case BRAND:
                return a2p(r, Resource.BRAND, r.brandStatus().orElse(null), "APPROVED");
            case MESSAGING_SERVICE:
                return r.sid(Resource.MESSAGING_SERVICE).isPresent() ? StepStatus.APPROVED : StepStatus.NOT_STARTED;
            case CAMPAIGN:
                return a2p(r, Resource.CAMPAIGN, r.campaignStatus().orElse(null), "VERIFIED");
            default:
                return r.has(Mark.NUMBERS_ATTACHED)
                        ? StepStatus.APPROVED
                        : r.sid(Resource.MESSAGING_SERVICE).isPresent()
                                ? StepStatus.IN_PROGRESS
                                : StepStatus.NOT_STARTED;
        }
    }

    private static StepStatus bundle(Registration r, Resource resource, @Nullable String status, Mark submitted) {
        if (r.sid(resource).isEmpty()) {
            return StepStatus.NOT_STARTED;
        }
        String value = status == null ? "" : status.toLowerCase(Locale.ROOT);
        switch (value) {
            case "twilio-approved":
                return StepStatus.APPROVED;
            case "twilio-rejected":
                return r.has(Mark.RESUBMIT) && r.state().isPending() ? StepStatus.IN_PROGRESS : StepStatus.REJECTED;
            case "pending-review":
            case "in-review":
                return StepStatus.IN_REVIEW;
            default:
                return r.has(submitted) ? StepStatus.IN_REVIEW : StepStatus.IN_PROGRESS;
        }
    }

    private static StepStatus a2p(Registration r, Resource resource, @Nullable String status, String approved) {
        if (r.sid(resource).isEmpty()) {
            return StepStatus.NOT_STARTED;
        }
        String value = status == null ? "" : status.toUpperCase(Locale.ROOT);
        if (value.equals(approved)) {
            return StepStatus.APPROVED;
        }
        switch (value) {
            case "FAILED":
            case "DELETION_FAILED":
                return r.has(Mark.RESUBMIT) && r.state().isPending() ? StepStatus.IN_PROGRESS : StepStatus.REJECTED;
            case "SUSPENDED":
                return StepStatus.SUSPENDED;
            default:
                return StepStatus.IN_REVIEW;
        }
    }
}
