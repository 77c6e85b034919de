package io.tenanttwilio.internal.numbers;

import static io.tenanttwilio.internal.numbers.ProvisioningSupport.storage;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.internal.guardrails.Guardrails;
import io.tenanttwilio.internal.shared.Auditor;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.internal.twilio.TwilioCalls;
import io.tenanttwilio.internal.twilio.TwilioErrors.Operation;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.numbers.PurchaseRequest;
import io.tenanttwilio.numbers.PurchaseStep;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.NumberRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The buying step of a purchase: admitted by the guardrails, and never repeated blindly when an
 * earlier attempt under the same idempotency key may have bought the number already.
 */
final class NumberBuyer {

    private final NumberRegistry registry;
    private final ProvisioningSupport support;
    private final Accounts accounts;
    private final Guardrails guardrails;
    private final Auditor audit;
    private final Clock clock;

    NumberBuyer(
            NumberRegistry registry,
            ProvisioningSupport support,
            Accounts accounts,
            Guardrails guardrails,
            Auditor audit,
            Clock clock) {
        this.registry = registry;
        this.support = support;
        this.accounts = accounts;
        this.guardrails = guardrails;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Buys the number of a record in {@link NumberState#PURCHASING}. A record this call did not
     * create (or take over from a failed attempt) may have been bought by an earlier attempt whose
     * answer was lost: Twilio is asked first, and a recent one is never bought again blindly.
     */
    NumberRecord buy(
            NumberRecord start,
            TwilioRestClient client,
            @Nullable String actor,
            List<PurchaseStep> steps,
            @Nullable PurchaseRequest request,
            boolean claimed) {
        NumberRecord record = start;
        TenantId tenant = record.tenantId();
        Optional<IncomingPhoneNumber> earlier = claimed ? Optional.empty() : lookUpPurchase(record, client);
        IncomingPhoneNumber bought;
        if (earlier.isPresent()) {
            bought = earlier.get();
            steps.add(PurchaseStep.of(PurchaseStep.Step.BUY, PurchaseStep.Outcome.ALREADY_DONE));
        } else {
            boolean recent = record.updatedAt().isAfter(clock.instant().minus(Purchases.RESUME_GRACE));
            if (!claimed && (request == null || recent)) {
                // An answer Twilio has not shown yet (an attempt still under way was stopped before).
                throw Problems.builder(ErrorCode.OUTCOME_UNKNOWN).tenant(tenant).build();
            }
            if (!claimed) {
                record = support.transition(record, record.toBuilder().problem(null));
            }
            NumberRecord buying = record;
            String admitted;
            try {
                admitted = guardrails.admitPurchase(tenant, support.numbersBesides(tenant, buying.id()), actor);
            } catch (TenantTwilioException e) {
                support.transition(
                        buying, buying.toBuilder().state(NumberState.FAILED).problem(e.errorCode()));
                throw e;
            }
            try {
                bought = TwilioCalls.call(
                        tenant,
                        Operation.PURCHASE,
                        () -> creator(buying, request).create(client));
                steps.add(PurchaseStep.builder(PurchaseStep.Step.BUY, PurchaseStep.Outcome.SUCCEEDED)
                        .twilioRequestId(TwilioCalls.lastRequestId())
                        .build());
            } catch (TenantTwilioException e) {
                TenantTwilioException error = e.errorCode() == ErrorCode.OUTCOME_UNKNOWN
                        ? e
                        : accounts.refined(e, tenant, client, buying.accountSid());
                if (error.errorCode() == ErrorCode.OUTCOME_UNKNOWN) {
                    Optional<IncomingPhoneNumber> found = lookUpPurchaseQuietly(buying, client);
                    if (found.isEmpty()) {
                        support.transition(buying, buying.toBuilder().problem(ErrorCode.OUTCOME_UNKNOWN));
                        audit.failure(
                                AuditAction.NUMBER_PURCHASE_FAILED,
                                tenant,
                                actor,
                                error,
                                event -> event.detail("record", buying.id()).detail("pending", true));
                        throw error;
                    }
                    bought = found.get();
                    steps.add(PurchaseStep.of(PurchaseStep.Step.BUY, PurchaseStep.Outcome.SUCCEEDED));
                } else {
                    guardrails.forgetPurchase(tenant, admitted);
                    support.transition(
                            buying, buying.toBuilder().state(NumberState.FAILED).problem(error.errorCode()));
                    audit.failure(
                            AuditAction.NUMBER_PURCHASE_FAILED,
                            tenant,
                            actor,
                            error,
                            event -> event.detail("requested", buying.requested()));
                    throw error;
                }
            }
        }
        PhoneNumber number = PhoneNumber.ofE164(bought.getPhoneNumber().getEndpoint());
        retireStaleRecords(number, record.id());
        IncomingPhoneNumber done = bought;
        NumberRecord current = record;
        NumberRecord purchased = support.transition(
                current,
                current.toBuilder()
                        .state(NumberState.PURCHASED)
                        .phoneNumber(number)
                        .twilioSid(done.getSid())
                        .problem(null));
        audit.success(
                AuditAction.NUMBER_PURCHASED,
                tenant,
                actor,
                event -> event.phoneNumber(number)
                        .detail("sid", done.getSid())
                        .detail("accountSid", purchased.accountSid())
                        .twilioRequestId(TwilioCalls.lastRequestId()));
        return purchased;
    }

    private static com.twilio.rest.api.v2010.account.IncomingPhoneNumberCreator creator(
            NumberRecord record, PurchaseRequest request) {
        var creator = request.number().isPresent()
                ? IncomingPhoneNumber.creator(
                        record.accountSid(),
                        new com.twilio.type.PhoneNumber(request.number().get().e164()))
                : IncomingPhoneNumber.creator(
                        record.accountSid(), request.areaCode().orElseThrow());
        return creator.setFriendlyName(record.friendlyName());
    }

    /** Finds a number an earlier attempt of this purchase bought, by the friendly name it was given. */
    private Optional<IncomingPhoneNumber> lookUpPurchase(NumberRecord record, TwilioRestClient client) {
        return TwilioCalls.call(record.tenantId(), Operation.READ, () -> {
            var reader = IncomingPhoneNumber.reader(record.accountSid()).setFriendlyName(record.friendlyName());
            for (IncomingPhoneNumber number : reader.firstPage(client).getRecords()) {
                return Optional.of(number);
            }
            return Optional.<IncomingPhoneNumber>empty();
        });
    }

    private Optional<IncomingPhoneNumber> lookUpPurchaseQuietly(NumberRecord record, TwilioRestClient client) {
        try {
            return lookUpPurchase(record, client);
        } catch (TenantTwilioException e) {
            return Optional.empty();
        }
    }

    /** Another record that still claims a number this tenant just bought is out of date. */
    private void retireStaleRecords(PhoneNumber number, String keep) {
        for (int i = 0; i < 3; i++) {
            Optional<NumberRecord> stale =
                    storage(() -> registry.findOwned(number)).filter(r -> !r.id().equals(keep));
            if (stale.isEmpty()) {
                return;
            }
            NumberRecord old = stale.get();
            storage(() -> registry.update(
                    old,
                    old.toBuilder()
                            .state(NumberState.RELEASED)
                            .updatedAt(clock.instant())
                            .build()));
        }
    }
}
