package io.tenanttwilio.internal.numbers;

import static io.tenanttwilio.internal.numbers.ProvisioningSupport.storage;

import com.twilio.http.TwilioRestClient;
import io.tenanttwilio.Actor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.TenantTwilioSettings;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.internal.shared.Auditor;
import io.tenanttwilio.internal.shared.CarrierRules;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.internal.twilio.TwilioCalls;
import io.tenanttwilio.internal.twilio.TwilioClients;
import io.tenanttwilio.numbers.FailurePolicy;
import io.tenanttwilio.numbers.ManualInstructions;
import io.tenanttwilio.numbers.NumberProvisioner;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.numbers.PurchaseRequest;
import io.tenanttwilio.numbers.PurchaseResult;
import io.tenanttwilio.numbers.PurchaseStep;
import io.tenanttwilio.numbers.VerificationReport;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.NumberRegistry;
import io.tenanttwilio.spi.SdkMetrics;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The purchase saga: a record claimed under the request's idempotency key, then the number bought,
 * the credentials saved, the webhooks configured and verified, each step recorded in the record's
 * state so that a purchase cut short is carried on later ({@link #resumePending()}).
 */
final class Purchases {

    private static final Logger LOG = LoggerFactory.getLogger(NumberProvisioner.class);
    private static final int CONFIGURE_ATTEMPTS = 3;
    private static final Duration CONFIGURE_PAUSE = Duration.ofMillis(200);
    static final Duration RESUME_GRACE = Duration.ofMinutes(2);

    private final TwilioClients clients;
    private final NumberRegistry registry;
    private final ProvisioningSupport support;
    private final Accounts accounts;
    private final NumberBuyer buyer;
    private final Verifications verifications;
    private final Auditor audit;
    private final Clock clock;
    private final TenantTwilioSettings settings;
    private final SdkMetrics metrics;
    private final CarrierRules carrier;

    Purchases(
            TwilioClients clients,
            NumberRegistry registry,
            ProvisioningSupport support,
            Accounts accounts,
            NumberBuyer buyer,
            Verifications verifications,
            Auditor audit,
            Clock clock,
            TenantTwilioSettings settings,
            SdkMetrics metrics,
            CarrierRules carrier) {
        this.carrier = carrier;
        this.clients = clients;
        this.registry = registry;
        this.support = support;
        this.accounts = accounts;
        this.buyer = buyer;
        this.verifications = verifications;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        this.metrics = metrics;
    }

    PurchaseResult purchase(PurchaseRequest request) {
        Objects.requireNonNull(request, "request");
        try {
            PurchaseResult result = purchaseOnce(request);
            metrics.purchase(request.tenant(), result.record().state().name().toLowerCase(Locale.ROOT));
            return result;
        } catch (TenantTwilioException e) {
            metrics.purchase(request.tenant(), e.errorCode().name());
            throw e;
        }
    }

    private PurchaseResult purchaseOnce(PurchaseRequest request) {
        TenantId tenant = request.tenant();
        URI base = settings.publicBaseUrl()
                .orElseThrow(() -> Problems.builder(ErrorCode.CONFIGURATION_ERROR)
                        .tenant(tenant)
                        .detail("config.no-public-base-url")
                        .build());
        String actor = request.actor().map(Actor::name).orElse(null);
        Optional<TwilioCredentials> stored = support.storedCredentials(tenant);
        TwilioCredentials credentials = request.credentials()
                .or(() -> stored)
                .orElseThrow(() -> Problems.builder(ErrorCode.UNKNOWN_TENANT)
                        .tenant(tenant)
                        .build());
        boolean saveCredentials =
                stored.map(current -> !current.equals(credentials)).orElse(true);
        TwilioRestClient client =
                request.credentials().isPresent() ? clients.forCredentials(credentials) : clients.forTenant(tenant);
        List<PurchaseStep> steps = new ArrayList<>();

        NumberRecord record = storage(() -> registry.findByPurchaseKey(tenant, request.idempotencyKey()))
                .orElse(null);
        if (record != null && !record.requested().equals(request.requested())) {
            throw Problems.builder(ErrorCode.IDEMPOTENCY_CONFLICT)
                    .tenant(tenant)
                    .build();
        }
        if (record != null && !record.state().isPending() && record.state() != NumberState.FAILED) {
            steps.add(PurchaseStep.of(PurchaseStep.Step.BUY, PurchaseStep.Outcome.ALREADY_DONE));
            return PurchaseResult.builder()
                    .record(record)
                    .steps(steps)
                    .manualInstructions(instructionsFor(record))
                    .build();
        }
        if (record != null) {
            requireNotUnderWay(record);
        }
        if (record == null || record.state() == NumberState.FAILED) {
            // Nothing bought yet under this key: check the credentials first, so that nothing
            // is recorded or saved with credentials that do not work.
            try {
                Accounts.requireUsable(tenant, accounts.accountInfo(tenant, client, credentials.accountSid()));
                steps.add(PurchaseStep.builder(PurchaseStep.Step.CHECK_CREDENTIALS, PurchaseStep.Outcome.SUCCEEDED)
                        .twilioRequestId(TwilioCalls.lastRequestId())
                        .build());
            } catch (TenantTwilioException e) {
                audit.failure(
                        AuditAction.NUMBER_PURCHASE_FAILED,
                        tenant,
                        actor,
                        e,
                        event -> event.detail("requested", request.requested()));
                throw e;
            }
        }
        boolean claimed = false;
        if (record == null) {
            String key = Webhooks.newKey();
            Instant now = clock.instant();
            NumberRecord fresh = NumberRecord.builder()
                    .id(UUID.randomUUID().toString())
                    .tenantId(tenant)
                    .purchaseKey(request.idempotencyKey())
                    .requested(request.requested())
                    .accountSid(credentials.accountSid())
                    .webhookKey(key)
                    .smsUrl(Webhooks.smsUrl(base, key))
                    .statusCallbackUrl(Webhooks.statusUrl(base, key))
                    .friendlyName(Webhooks.purchaseTag(tenant, request.idempotencyKey()))
                    .state(NumberState.PURCHASING)
                    .createdAt(now)
                    .updatedAt(now)
                    .build();
            record = storage(() -> registry.insertIfAbsent(fresh));
            if (!record.id().equals(fresh.id())) {
                // Another attempt with the same key got there first.
                if (!record.requested().equals(request.requested())) {
                    throw Problems.builder(ErrorCode.IDEMPOTENCY_CONFLICT)
                            .tenant(tenant)
                            .build();
                }
                if (!record.state().isPending()) {
                    return PurchaseResult.builder()
                            .record(record)
                            .steps(steps)
                            .manualInstructions(instructionsFor(record))
                            .build();
                }
                requireNotUnderWay(record);
            } else {
                claimed = true;
                audit.success(
                        AuditAction.NUMBER_PURCHASE_STARTED,
                        tenant,
                        actor,
                        event -> event.detail("requested", request.requested()).detail("record", fresh.id()));
            }
        } else if (record.state() == NumberState.FAILED) {
            record = support.transition(
                    record, record.toBuilder().state(NumberState.PURCHASING).problem(null));
            claimed = true;
        }
        FailurePolicy policy = request.failurePolicy().orElse(settings.failurePolicy());
        return carryOn(record, credentials, client, saveCredentials, policy, actor, steps, request, claimed);
    }

    /**
     * Refuses to take over a pending purchase that another call is carrying out: updated within the
     * resume grace and with no problem recorded (an attempt that failed records its problem). Two
     * calls carrying on one record would race each other's state changes.
     */
    private void requireNotUnderWay(NumberRecord record) {
        if (record.state().isPending()
                && record.problem().isEmpty()
                && record.updatedAt().isAfter(clock.instant().minus(RESUME_GRACE))) {
            throw Problems.builder(ErrorCode.PURCHASE_IN_PROGRESS)
                    .tenant(record.tenantId())
                    .build();
        }
    }

    /** Takes a purchase from wherever its record stands to its end. */
    private PurchaseResult carryOn(
            NumberRecord start,
            TwilioCredentials credentials,
            TwilioRestClient client,
            boolean saveCredentials,
            FailurePolicy policy,
            @Nullable String actor,
            List<PurchaseStep> steps,
            @Nullable PurchaseRequest request,
            boolean claimed) {
        NumberRecord record = start;
        TenantId tenant = record.tenantId();
        if (record.state() == NumberState.PURCHASING) {
            record = buyer.buy(record, client, actor, steps, request, claimed);
        } else {
            steps.add(PurchaseStep.of(PurchaseStep.Step.BUY, PurchaseStep.Outcome.ALREADY_DONE));
        }
        if (saveCredentials) {
            support.saveCredentials(tenant, credentials);
            steps.add(PurchaseStep.of(PurchaseStep.Step.SAVE_CREDENTIALS, PurchaseStep.Outcome.SUCCEEDED));
            audit.success(
                    AuditAction.CREDENTIALS_SAVED,
                    tenant,
                    actor,
                    event ->
                            event.detail("accountSid", credentials.accountSid()).detail("kind", credentials.kind()));
        }
        if (record.state() == NumberState.PURCHASED) {
            try {
                record = configure(record, client, actor);
                steps.add(PurchaseStep.builder(PurchaseStep.Step.CONFIGURE, PurchaseStep.Outcome.SUCCEEDED)
                        .twilioRequestId(TwilioCalls.lastRequestId())
                        .build());
            } catch (TenantTwilioException e) {
                steps.add(PurchaseStep.builder(PurchaseStep.Step.CONFIGURE, PurchaseStep.Outcome.FAILED)
                        .error(e.errorCode())
                        .twilioRequestId(e.twilioRequestId().orElse(null))
                        .build());
                return unfinished(record, client, policy, actor, steps, null, ErrorCode.WEBHOOK_NOT_CONFIGURED);
            }
        }
        carrier.attach(record, client); // into the tenant's campaign service, when it has one
        VerificationReport report = verifications.verifyRecord(record, client, null);
        steps.add(PurchaseStep.builder(
                        PurchaseStep.Step.VERIFY,
                        report.passed() ? PurchaseStep.Outcome.SUCCEEDED : PurchaseStep.Outcome.FAILED)
                .error(report.passed() ? null : ErrorCode.WEBHOOK_NOT_CONFIGURED)
                .build());
        if (!report.passed()) {
            return unfinished(record, client, policy, actor, steps, report, ProvisioningSupport.problemOf(report));
        }
        NumberRecord active = support.transition(
                record, record.toBuilder().state(NumberState.ACTIVE).problem(null));
        audit.success(
                AuditAction.NUMBER_VERIFIED,
                tenant,
                actor,
                event -> event.phoneNumber(active.phoneNumber().orElse(null))
                        .detail("sid", active.twilioSid().orElse(null)));
        PurchaseResult.Builder result =
                PurchaseResult.builder().record(active).steps(steps).verification(report);
        active.phoneNumber()
                .flatMap(number -> carrier.purchaseNotice(tenant, number))
                .ifPresent(result::notice);
        return result.build();
    }

    private NumberRecord configure(NumberRecord record, TwilioRestClient client, @Nullable String actor) {
        TenantTwilioException last = null;
        for (int attempt = 1; attempt <= CONFIGURE_ATTEMPTS; attempt++) {
            try {
                Verifications.writeConfiguration(record, client);
                NumberRecord configured =
                        support.transition(record, record.toBuilder().state(NumberState.CONFIGURED));
                audit.success(
                        AuditAction.NUMBER_CONFIGURED,
                        record.tenantId(),
                        actor,
                        event -> event.phoneNumber(configured.phoneNumber().orElse(null))
                                .detail("sid", configured.twilioSid().orElse(null))
                                .twilioRequestId(TwilioCalls.lastRequestId()));
                return configured;
            } catch (TenantTwilioException e) {
                last = e;
                if (e.errorCode() == ErrorCode.CONFIGURATION_ERROR || e.errorCode() == ErrorCode.INVALID_CREDENTIALS) {
                    break;
                }
                ProvisioningSupport.pause(CONFIGURE_PAUSE.multipliedBy(attempt));
            }
        }
        TenantTwilioException failure = Objects.requireNonNull(last);
        audit.failure(
                AuditAction.NUMBER_CONFIGURED,
                record.tenantId(),
                actor,
                failure,
                event -> event.phoneNumber(record.phoneNumber().orElse(null)));
        throw failure;
    }

    /** A bought number that could not be set up: keep it for a person, or release it. */
    private PurchaseResult unfinished(
            NumberRecord record,
            TwilioRestClient client,
            FailurePolicy policy,
            @Nullable String actor,
            List<PurchaseStep> steps,
            @Nullable VerificationReport report,
            ErrorCode problem) {
        TenantId tenant = record.tenantId();
        if (policy == FailurePolicy.RELEASE) {
            try {
                boolean atTwilio = Releases.deleteAtTwilio(record, client);
                NumberRecord released = support.transition(
                        record, record.toBuilder().state(NumberState.RELEASED).problem(problem));
                steps.add(PurchaseStep.builder(PurchaseStep.Step.RELEASE, PurchaseStep.Outcome.SUCCEEDED)
                        .twilioRequestId(TwilioCalls.lastRequestId())
                        .build());
                audit.success(
                        AuditAction.NUMBER_RELEASED,
                        tenant,
                        actor,
                        event -> event.phoneNumber(released.phoneNumber().orElse(null))
                                .detail("reason", problem)
                                .detail("releasedAtTwilio", atTwilio));
                return PurchaseResult.builder()
                        .record(released)
                        .steps(steps)
                        .verification(report)
                        .build();
            } catch (TenantTwilioException e) {
                steps.add(PurchaseStep.builder(PurchaseStep.Step.RELEASE, PurchaseStep.Outcome.FAILED)
                        .error(e.errorCode())
                        .twilioRequestId(e.twilioRequestId().orElse(null))
                        .build());
                LOG.error(
                        "Number {} of tenant {} could not be set up nor released; it needs attention",
                        record.phoneNumber().map(PhoneNumber::masked).orElse("?"),
                        tenant);
            }
        }
        NumberRecord attention = support.transition(
                record, record.toBuilder().state(NumberState.NEEDS_ATTENTION).problem(problem));
        audit.success(
                AuditAction.NUMBER_NEEDS_ATTENTION,
                tenant,
                actor,
                event -> event.phoneNumber(attention.phoneNumber().orElse(null)).detail("problem", problem));
        return PurchaseResult.builder()
                .record(attention)
                .steps(steps)
                .verification(report)
                .manualInstructions(instructionsFor(attention))
                .build();
    }

    private static @Nullable ManualInstructions instructionsFor(NumberRecord record) {
        if (record.state() != NumberState.NEEDS_ATTENTION
                || record.phoneNumber().isEmpty()) {
            return null;
        }
        return ManualInstructions.builder()
                .phoneNumber(record.phoneNumber().get())
                .smsUrl(record.smsUrl())
                .statusCallbackUrl(record.statusCallbackUrl())
                .build();
    }

    List<PurchaseResult> resumePending() {
        Instant cutoff = clock.instant().minus(RESUME_GRACE);
        List<PurchaseResult> results = new ArrayList<>();
        List<NumberRecord> pending = storage(() -> registry.findByStates(
                EnumSet.of(NumberState.PURCHASING, NumberState.PURCHASED, NumberState.CONFIGURED), 100));
        for (NumberRecord record : pending) {
            if (record.updatedAt().isAfter(cutoff)) {
                continue; // perhaps still in progress elsewhere
            }
            TenantId tenant = record.tenantId();
            try {
                TwilioRestClient client = clients.forTenant(tenant);
                results.add(carryOn(
                        record,
                        clients.credentials(tenant),
                        client,
                        false,
                        settings.failurePolicy(),
                        null,
                        new ArrayList<>(),
                        null,
                        false));
            } catch (TenantTwilioException e) {
                if (record.state() == NumberState.PURCHASING && e.errorCode() == ErrorCode.OUTCOME_UNKNOWN) {
                    NumberRecord failed =
                            storage(() -> registry.findById(record.id())).orElse(record);
                    NumberRecord closed = support.transition(
                            failed, failed.toBuilder().state(NumberState.FAILED).problem(ErrorCode.OUTCOME_UNKNOWN));
                    results.add(PurchaseResult.builder().record(closed).build());
                } else {
                    LOG.warn("Could not resume purchase {} of tenant {}: {}", record.id(), tenant, e.errorCode());
                }
            }
        }
        return results;
    }
}
