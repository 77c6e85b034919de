package io.tenanttwilio.internal.registration;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.messaging.v1.TollfreeVerification.BusinessRegistrationAuthority;
import com.twilio.rest.messaging.v1.TollfreeVerification.OptInType;
import com.twilio.rest.messaging.v1.TollfreeVerification.UseCaseCategories;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.internal.shared.Auditor;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.internal.twilio.TwilioCalls;
import io.tenanttwilio.internal.twilio.TwilioClients;
import io.tenanttwilio.internal.twilio.TwilioErrors.Operation;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.registration.BusinessProfile;
import io.tenanttwilio.registration.TollFreeRequest;
import io.tenanttwilio.registration.TollFreeVerification;
import io.tenanttwilio.registration.TollFreeVerification.Status;
import io.tenanttwilio.spi.NumberRegistry;
import io.tenanttwilio.spi.RegistrationStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Toll-free verifications: submitted once per number (found again at Twilio by the number), corrected while Twilio allows, followed to the end. */
final class TollFreeVerifications {

    private static final Duration LONGEST_WAIT = Duration.ofHours(6);

    private final RegistrationStore store;
    private final NumberRegistry registry;
    private final TwilioClients clients;
    private final A2pSteps a2p;
    private final Auditor audit;
    private final Transitions transitions;
    private final Clock clock;

    TollFreeVerifications(
            RegistrationStore store,
            NumberRegistry registry,
            TwilioClients clients,
            A2pSteps a2p,
            Auditor audit,
            Transitions transitions,
            Clock clock) {
        this.store = store;
        this.registry = registry;
        this.clients = clients;
        this.a2p = a2p;
        this.audit = audit;
        this.transitions = transitions;
        this.clock = clock;
    }

    TollFreeVerification submit(TollFreeRequest request) {
        TenantId tenant = request.tenant();
        String actor = request.actor().map(a -> a.name()).orElse(null);
        NumberRecord record = Stores.call(tenant, () -> registry.findOwned(request.number()))
                .filter(r -> r.tenantId().equals(tenant) && r.twilioSid().isPresent())
                .orElseThrow(() -> Problems.builder(ErrorCode.NUMBER_NOT_OWNED)
                        .tenant(tenant)
                        .build());
        String accountSid = clients.credentials(tenant).accountSid();
        TwilioRestClient client = clients.forTenant(tenant);
        Instant now = clock.instant();
        TollFreeVerification fresh = TollFreeVerification.builder()
                .id(UUID.randomUUID().toString())
                .tenantId(tenant)
                .phoneNumber(request.number())
                .accountSid(accountSid)
                .numberSid(record.twilioSid().get())
                .status(Status.SUBMITTING)
                .request(request)
                .createdAt(now)
                .updatedAt(now)
                .build();
        TollFreeVerification current = Stores.call(tenant, () -> store.findTollFree(tenant, request.number()))
                .orElseGet(() -> Stores.call(tenant, () -> store.insertIfAbsent(fresh)));
        a2p.subscribeEvents(tenant, client);
        Status before = current.status();
        if (current.status() == Status.TWILIO_APPROVED
                || current.status() == Status.PENDING_REVIEW
                || current.status() == Status.IN_REVIEW) {
            return refresh(current, client, actor);
        }
        String numberSid = record.twilioSid().get();
        TollFreeVerification held = current;
        try {
            com.twilio.rest.messaging.v1.TollfreeVerification answer;
            Optional<String> sid = current.verificationSid().or(() -> find(tenant, client, numberSid));
            if (sid.isPresent() && current.status() == Status.TWILIO_REJECTED && current.editAllowed()) {
                answer = TwilioCalls.call(
                        tenant,
                        Operation.CONFIGURE,
                        () -> edit(sid.get(), request.business(), request).update(client));
            } else if (sid.isPresent() && current.status() == Status.SUBMITTING) {
                answer = TwilioCalls.call(
                        tenant,
                        Operation.READ,
                        () -> com.twilio.rest.messaging.v1.TollfreeVerification.fetcher(sid.get())
                                .fetch(client));
            } else {
                if (sid.isPresent()) {
                    // Rejected and no longer editable: Twilio takes a new submission.
                    TwilioCalls.call(
                            tenant,
                            Operation.RELEASE,
                            () -> com.twilio.rest.messaging.v1.TollfreeVerification.deleter(sid.get())
                                    .delete(client));
                }
                answer = create(tenant, client, numberSid, request);
            }
            String requestId = TwilioCalls.lastRequestId();
            com.twilio.rest.messaging.v1.TollfreeVerification submitted = answer;
            TollFreeVerification saved = save(held, b -> apply(b.request(request), submitted));
            audit.success(
                    AuditAction.TOLL_FREE_SUBMITTED,
                    tenant,
                    actor,
                    event -> event.phoneNumber(request.number())
                            .detail("sid", submitted.getSid())
                            .twilioRequestId(requestId));
            if (saved.status() != before) {
                transitions.tollFreeChanged(saved, before, actor);
            }
            return saved;
        } catch (TenantTwilioException e) {
            audit.failure(
                    AuditAction.TOLL_FREE_SUBMITTED, tenant, actor, e, event -> event.phoneNumber(request.number()));
            save(
                    held,
                    b -> b.request(request)
                            .problem(e.errorCode())
                            .nextCheckAt(
                                    e.errorCode().isRetryable() || e.errorCode() == ErrorCode.OUTCOME_UNKNOWN
                                            ? clock.instant()
                                                    .plus(RegistrationSaga.backoff(held.checks(), Duration.ofHours(1)))
                                            : null));
            throw e;
        }
    }

    private com.twilio.rest.messaging.v1.TollfreeVerification create(
            TenantId tenant, TwilioRestClient client, String numberSid, TollFreeRequest request) {
        try {
            return TwilioCalls.call(
                    tenant,
                    Operation.REGISTER,
                    () -> creator(numberSid, request).create(client));
        } catch (TenantTwilioException e) {
            if (e.errorCode() != ErrorCode.OUTCOME_UNKNOWN) {
                throw e;
            }
            Optional<String> found = find(tenant, client, numberSid);
            if (found.isEmpty()) {
                throw e;
            }
            return TwilioCalls.call(
                    tenant,
                    Operation.READ,
                    () -> com.twilio.rest.messaging.v1.TollfreeVerification.fetcher(found.get())
                            .fetch(client));
        }
    }

    private static Optional<String> find(TenantId tenant, TwilioRestClient client, String numberSid) {
        return TwilioCalls.call(tenant, Operation.READ, () -> {
            for (var found : com.twilio.rest.messaging.v1.TollfreeVerification.reader()
                    .setTollfreePhoneNumberSid(numberSid)
                    .read(client)) {
                return Optional.of(found.getSid());
            }
            return Optional.<String>empty();
        });
    }

    private static com.twilio.rest.messaging.v1.TollfreeVerificationCreator creator(
            String numberSid, TollFreeRequest request) {
        BusinessProfile business = request.business();
        List<UseCaseCategories> categories = new ArrayList<>();
        request.useCaseCategories().forEach(c -> categories.add(UseCaseCategories.forValue(c.name())));
        List<String> images = new ArrayList<>();
        for (URI uri : request.optInImageUrls()) {
            images.add(uri.toString());
        }
        var creator = com.twilio.rest.messaging.v1.TollfreeVerification.creator(
                        business.legalName(),
                        business.website().toString(),
                        business.contactEmail(),
                        categories,
                        request.useCaseSummary(),
                        request.productionMessageSample(),
                        images,
                        OptInType.forValue(request.optInType().name()),
                        request.messageVolume(),
                        numberSid)
                .setBusinessStreetAddress(business.street())
                .setBusinessCity(business.city())
                .setBusinessStateProvinceRegion(business.region())
                .setBusinessPostalCode(business.postalCode())
                .setBusinessCountry(business.country())
                .setBusinessContactFirstName(business.contactFirstName())
                .setBusinessContactLastName(business.contactLastName())
                .setBusinessContactEmail(business.contactEmail())
                .setBusinessContactPhone(business.contactPhone().e164())
                .setBusinessRegistrationNumber(business.registrationNumber())
                .setBusinessRegistrationAuthority(authority(business))
                .setBusinessRegistrationCountry(business.country());
        request.additionalInformation().ifPresent(creator::setAdditionalInformation);
        return creator;
    }

    private static com.twilio.rest.messaging.v1.TollfreeVerificationUpdater edit(
            String sid, BusinessProfile business, TollFreeRequest request) {
        List<UseCaseCategories> categories = new ArrayList<>();
        request.useCaseCategories().forEach(c -> categories.add(UseCaseCategories.forValue(c.name())));
        List<String> images = new ArrayList<>();
        for (URI uri : request.optInImageUrls()) {
            images.add(uri.toString());
        }
        var updater = com.twilio.rest.messaging.v1.TollfreeVerification.updater(sid)
                .setBusinessName(business.legalName())
                .setBusinessWebsite(business.website().toString())
                .setNotificationEmail(business.contactEmail())
                .setUseCaseCategories(categories)
                .setUseCaseSummary(request.useCaseSummary())
                .setProductionMessageSample(request.productionMessageSample())
                .setOptInImageUrls(images)
                .setOptInType(OptInType.forValue(request.optInType().name()))
                .setMessageVolume(request.messageVolume())
                .setBusinessStreetAddress(business.street())
                .setBusinessCity(business.city())
                .setBusinessStateProvinceRegion(business.region())
                .setBusinessPostalCode(business.postalCode())
                .setBusinessCountry(business.country())
                .setBusinessContactFirstName(business.contactFirstName())
                .setBusinessContactLastName(business.contactLastName())
                .setBusinessContactEmail(business.contactEmail())
                .setBusinessContactPhone(business.contactPhone().e164())
                .setBusinessRegistrationNumber(business.registrationNumber())
                .setBusinessRegistrationAuthority(authority(business))
                .setBusinessRegistrationCountry(business.country())
                .setEditReason("Corrected after review");
        request.additionalInformation().ifPresent(updater::setAdditionalInformation);
        return updater;
    }

    private static BusinessRegistrationAuthority authority(BusinessProfile business) {
        return switch (business.registrationAuthority()) {
            case EIN -> BusinessRegistrationAuthority.EIN;
            case CBN -> BusinessRegistrationAuthority.CBN;
            case NEQ -> BusinessRegistrationAuthority.NEQ;
            case PROVINCIAL_NUMBER -> BusinessRegistrationAuthority.PROVINCIAL_NUMBER;
            default -> BusinessRegistrationAuthority.OTHER;
        };
    }

    /** Reads the verification at Twilio; a change of status is stored, audited and alerted. */
    TollFreeVerification refresh(TollFreeVerification current, TwilioRestClient client, @Nullable String actor) {
        Optional<String> sid = current.verificationSid();
        if (sid.isEmpty()) {
            return current;
        }
        var read = TwilioCalls.call(
                current.tenantId(),
                Operation.READ,
                () -> com.twilio.rest.messaging.v1.TollfreeVerification.fetcher(sid.get())
                        .fetch(client));
        Status before = current.status();
        TollFreeVerification saved;
        try {
            saved = save(current, b -> apply(b, read));
        } catch (TenantTwilioException e) {
            if (e.errorCode() != ErrorCode.REGISTRATION_IN_PROGRESS) {
                throw e;
            }
            // Another refresh (a status event, the job) stored it first: its answer stands.
            return Stores.call(current.tenantId(), () -> store.findTollFree(current.tenantId(), current.phoneNumber()))
                    .orElse(current);
        }
        if (saved.status() != before) {
            transitions.tollFreeChanged(saved, before, actor);
        }
        return saved;
    }

    TollFreeVerification refresh(TollFreeVerification current) {
        return refresh(current, clients.forTenant(current.tenantId()), null);
    }

    private void apply(TollFreeVerification.Builder b, com.twilio.rest.messaging.v1.TollfreeVerification answer) {
        Status status = status(answer.getStatus());
        b.verificationSid(answer.getSid())
                .status(status)
                .editAllowed(Boolean.TRUE.equals(answer.getEditAllowed()))
                .editExpiration(
                        answer.getEditExpiration() == null
                                ? null
                                : answer.getEditExpiration().toInstant())
                .reasons(
                        status == Status.TWILIO_REJECTED
                                ? Reasons.from(
                                        answer.getRejectionReasons(),
                                        answer.getRejectionReason(),
                                        answer.getErrorCode())
                                : List.of())
                .problem(null);
    }

    private TollFreeVerification save(TollFreeVerification current, Consumer<TollFreeVerification.Builder> change) {
        TollFreeVerification.Builder next = current.toBuilder().updatedAt(clock.instant());
        change.accept(next);
        TollFreeVerification draft = next.build();
        boolean changed = draft.status() != current.status();
        int checks = changed ? 0 : current.checks() + 1;
        Instant nextCheck = draft.status().isPending()
                ? clock.instant().plus(RegistrationSaga.backoff(checks, LONGEST_WAIT))
                : draft.status() == Status.TWILIO_APPROVED ? clock.instant().plus(Duration.ofDays(1)) : null;
        if (draft.problem().isPresent()) {
            nextCheck = draft.nextCheckAt().orElse(null);
        }
        TollFreeVerification built =
                draft.toBuilder().checks(checks).nextCheckAt(nextCheck).build();
        return Stores.call(current.tenantId(), () -> store.update(current, built))
                .orElseThrow(() -> Problems.builder(ErrorCode.REGISTRATION_IN_PROGRESS)
                        .tenant(current.tenantId())
                        .build());
    }

    private static Status status(com.twilio.rest.messaging.v1.TollfreeVerification.@Nullable Status status) {
        if (status == null) {
            return Status.PENDING_REVIEW;
        }
        return switch (status.toString().toUpperCase(java.util.Locale.ROOT)) {
            case "TWILIO_APPROVED" -> Status.TWILIO_APPROVED;
            case "TWILIO_REJECTED" -> Status.TWILIO_REJECTED;
            case "IN_REVIEW" -> Status.IN_REVIEW;
            default -> Status.PENDING_REVIEW;
        };
    }
}
