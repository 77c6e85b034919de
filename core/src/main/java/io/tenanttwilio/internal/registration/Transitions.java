package io.tenanttwilio.internal.registration;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.guardrails.Alert;
import io.tenanttwilio.internal.guardrails.Alerts;
import io.tenanttwilio.internal.shared.Auditor;
import io.tenanttwilio.registration.Registration;
import io.tenanttwilio.registration.Registration.State;
import io.tenanttwilio.registration.RejectionReason;
import io.tenanttwilio.registration.TollFreeVerification;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a change of status does: it is stored, audited, alerted, and the send checks forget what they knew. */
final class Transitions {

    private static final Logger LOG = LoggerFactory.getLogger(Transitions.class);

    private final Auditor audit;
    private final Alerts alerts;
    private final SendChecks checks;
    private final Clock clock;

    Transitions(Auditor audit, Alerts alerts, SendChecks checks, Clock clock) {
        this.audit = audit;
        this.alerts = alerts;
        this.checks = checks;
        this.clock = clock;
    }

    void statusesRead(
            Run run,
            @Nullable String profile,
            @Nullable String product,
            @Nullable String brand,
            @Nullable String campaign) {
        Registration before = run.current();
        run.save(b -> b.profileStatus(profile)
                .trustProductStatus(product)
                .brandStatus(brand)
                .campaignStatus(campaign));
        changed(run, "business-profile", before.profileStatus().orElse(null), profile);
        changed(run, "a2p-profile", before.trustProductStatus().orElse(null), product);
        changed(run, "brand", before.brandStatus().orElse(null), brand);
        changed(run, "campaign", before.campaignStatus().orElse(null), campaign);
        checks.forget(run.tenant());
    }

    private void changed(Run run, String step, @Nullable String from, @Nullable String to) {
        if (!Objects.equals(from, to)) {
            audit.success(
                    AuditAction.REGISTRATION_STATUS_CHANGED,
                    run.tenant(),
                    run.actor,
                    event -> event.detail("step", step).detail("from", from).detail("to", to));
        }
    }

    void stateChanged(Registration registration, State before, @Nullable String actor) {
        TenantId tenant = registration.tenantId();
        checks.forget(tenant);
        audit.success(
                AuditAction.REGISTRATION_STATUS_CHANGED,
                tenant,
                actor,
                event -> event.detail("step", "registration")
                        .detail("from", before)
                        .detail("to", registration.state())
                        .detail("reasons", codes(registration.reasons())));
        Alert.Type type = switch (registration.state()) {
            case APPROVED -> Alert.Type.REGISTRATION_APPROVED;
            case REJECTED -> Alert.Type.REGISTRATION_REJECTED;
            case SUSPENDED -> Alert.Type.REGISTRATION_SUSPENDED;
            default -> null;
        };
        if (type != null) {
            LOG.info("Carrier registration of tenant {} is {}", tenant, registration.state());
            alerts.emit(alert(type, tenant, registration.reasons()));
        }
    }

    void tollFreeChanged(
            TollFreeVerification verification, TollFreeVerification.Status before, @Nullable String actor) {
        TenantId tenant = verification.tenantId();
        checks.forget(tenant);
        audit.success(
                AuditAction.TOLL_FREE_STATUS_CHANGED,
                tenant,
                actor,
                event -> event.phoneNumber(verification.phoneNumber())
                        .detail("from", before)
                        .detail("to", verification.status())
                        .detail("reasons", codes(verification.reasons())));
        Alert.Type type = switch (verification.status()) {
            case TWILIO_APPROVED -> Alert.Type.TOLL_FREE_APPROVED;
            case TWILIO_REJECTED -> Alert.Type.TOLL_FREE_REJECTED;
            default -> null;
        };
        if (type != null) {
            alerts.emit(Alert.builder()
                    .type(type)
                    .tenant(tenant)
                    .at(clock.instant())
                    .phoneNumber(verification.phoneNumber())
                    .details(reasonDetails(verification.reasons()))
                    .build());
        }
    }

    private Alert alert(Alert.Type type, TenantId tenant, List<RejectionReason> reasons) {
        return Alert.builder()
                .type(type)
                .tenant(tenant)
                .at(clock.instant())
                .details(reasonDetails(reasons))
                .build();
    }

    /** The reasons as an alert's details: Twilio's codes and texts, translated when the alert is read. */
    static Map<String, String> reasonDetails(List<RejectionReason> reasons) {
        Map<String, String> details = new LinkedHashMap<>();
        if (!reasons.isEmpty()) {
            StringBuilder encoded = new StringBuilder();
            for (RejectionReason reason : reasons) {
                if (encoded.length() > 0) {
                    encoded.append('\n');
                }
                encoded.append(
                                reason.code().isPresent()
                                        ? Integer.toString(reason.code().getAsInt())
                                        : "")
                        .append('\t')
                        .append(reason.twilioText().replace('\n', ' ').replace('\t', ' '));
            }
            details.put("reasons", encoded.toString());
        }
        return details;
    }

    private static String codes(List<RejectionReason> reasons) {
        StringBuilder codes = new StringBuilder();
        for (RejectionReason reason : reasons) {
            if (reason.code().isPresent()) {
                codes.append(codes.length() > 0 ? "," : "").append(reason.code().getAsInt());
            }
        }
        return codes.toString();
    }
}
