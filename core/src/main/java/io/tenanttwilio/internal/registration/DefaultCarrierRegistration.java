package io.tenanttwilio.internal.registration;

import com.twilio.http.TwilioRestClient;
import io.tenanttwilio.Detail;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.guardrails.Alert;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.guardrails.UnregisteredTraffic;
import io.tenanttwilio.inbound.WebhookRequest;
import io.tenanttwilio.inbound.WebhookResponse;
import io.tenanttwilio.inbound.WebhookVerifier;
import io.tenanttwilio.internal.guardrails.Alerts;
import io.tenanttwilio.internal.guardrails.Guardrails;
import io.tenanttwilio.internal.shared.Auditor;
import io.tenanttwilio.internal.shared.CarrierRules;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.internal.twilio.TwilioClients;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.VerificationReport;
import io.tenanttwilio.numbers.VerificationReport.Check;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.registration.CarrierRegistration;
import io.tenanttwilio.registration.Registration;
import io.tenanttwilio.registration.RegistrationRequest;
import io.tenanttwilio.registration.SendCheck;
import io.tenanttwilio.registration.TollFreeRequest;
import io.tenanttwilio.registration.TollFreeVerification;
import io.tenanttwilio.spi.NumberRegistry;
import io.tenanttwilio.spi.RegistrationStore;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link CarrierRegistration} of the SDK, and the carrier rules the other capabilities ask. */
public final class DefaultCarrierRegistration implements CarrierRegistration, CarrierRules {

    private static final Logger LOG = LoggerFactory.getLogger(CarrierRegistration.class);
    /** Twilio's errors of messages blocked for want of registration. */
    static final Set<Integer> REGISTRATION_ERRORS = Set.of(30034, 30032, 30007);

    private final RegistrationStore store;
    private final TwilioClients clients;
    private final Guardrails guardrails;
    private final Alerts alerts;
    private final Auditor audit;
    private final Clock clock;
    private final @Nullable URI publicBaseUrl;
    private final SendChecks checks;
    private final RegistrationSaga saga;
    private final TollFreeVerifications tollFree;
    private final WebhookVerifier verifier = WebhookVerifier.create();

    public DefaultCarrierRegistration(
            RegistrationStore store,
            NumberRegistry registry,
            TwilioClients clients,
            Guardrails guardrails,
            Alerts alerts,
            Auditor audit,
            Clock clock,
            @Nullable URI publicBaseUrl) {
        this.store = store;
        this.clients = clients;
        this.guardrails = guardrails;
        this.alerts = alerts;
        this.audit = audit;
        this.clock = clock;
        this.publicBaseUrl = publicBaseUrl;
        this.checks = new SendChecks(store, registry, System::nanoTime);
        Steps steps = new Steps(audit);
        Transitions transitions = new Transitions(audit, alerts, checks, clock);
        A2pSteps a2p = new A2pSteps(steps, new Pacer(), registry, publicBaseUrl);
        this.saga = new RegistrationSaga(store, clients, new ProfileSteps(steps), a2p, audit, transitions, clock);
        this.tollFree = new TollFreeVerifications(store, registry, clients, a2p, audit, transitions, clock);
    }

    @Override
    public Registration register(RegistrationRequest request) {
        return saga.register(Objects.requireNonNull(request, "request"));
    }

    @Override
    public Optional<Registration> registration(TenantId tenant) {
        return Stores.call(tenant, () -> store.find(Objects.requireNonNull(tenant, "tenant")));
    }

    @Override
    public Optional<Registration> refresh(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        for (TollFreeVerification verification : Stores.call(tenant, () -> store.tollFree(tenant))) {
            if (verification.status().isPending()) {
                tollFree.refresh(verification);
            }
        }
        return saga.refresh(tenant);
    }

    @Override
    public TollFreeVerification verifyTollFree(TollFreeRequest request) {
        return tollFree.submit(Objects.requireNonNull(request, "request"));
    }

    @Override
    public Optional<TollFreeVerification> tollFreeVerification(TenantId tenant, PhoneNumber number) {
        return Stores.call(tenant, () -> store.findTollFree(tenant, number));
    }

    @Override
    public List<TollFreeVerification> tollFreeVerifications(TenantId tenant) {
        return Stores.call(tenant, () -> store.tollFree(tenant));
    }

    @Override
    public SendCheck check(TenantId tenant, PhoneNumber from, PhoneNumber to) {
        return checks.check(
                Objects.requireNonNull(tenant, "tenant"),
                Objects.requireNonNull(from, "from"),
                Objects.requireNonNull(to, "to"),
                guardrails.policy(tenant));
    }

    @Override
    public void admitSend(TenantId tenant, PhoneNumber from, PhoneNumber to, @Nullable String actor) {
        TenantPolicy policy = guardrails.policy(tenant);
        SendCheck check = checks.check(tenant, from, to, policy);
        if (check.isAllowed()) {
            return;
        }
        ErrorCode code = check.verdict().errorCode().orElseThrow();
        if (policy.unregisteredTraffic() == UnregisteredTraffic.WARN) {
            LOG.warn(
                    "Tenant {} sends from {} to {} although {}: its policy allows it",
                    tenant,
                    from.masked(),
                    to.masked(),
                    check.verdict());
            audit.success(
                    AuditAction.UNREGISTERED_SEND,
                    tenant,
                    actor,
                    event -> event.phoneNumber(to).detail("from", from.masked()).detail("verdict", check.verdict()));
            return;
        }
        throw Problems.builder(code)
                .tenant(tenant)
                .detail("registration.check." + check.verdict().name() + (check.isPending() ? ".pending" : ""))
                .build();
    }

    @Override
    public Optional<Detail> purchaseNotice(TenantId tenant, PhoneNumber number) {
        if (number.countryCode() != 1) {
            return Optional.empty();
        }
        if (number.isNorthAmericanTollFree()) {
            boolean verified = Stores.call(tenant, () -> store.findTollFree(tenant, number))
                    .filter(v -> v.status() == TollFreeVerification.Status.TWILIO_APPROVED)
                    .isPresent();
            return verified ? Optional.empty() : Optional.of(Problems.bundleDetail("registration.notice.toll-free"));
        }
        boolean approved = Stores.call(tenant, () -> store.find(tenant))
                .filter(r -> r.state() == Registration.State.APPROVED)
                .isPresent();
        return approved ? Optional.empty() : Optional.of(Problems.bundleDetail("registration.notice.long-code"));
    }

    @Override
    public void attach(NumberRecord record, TwilioRestClient client) {
        TenantId tenant = record.tenantId();
        try {
            Optional<String> service = Stores.call(tenant, () -> store.find(tenant))
                    .flatMap(r -> r.sid(Registration.Resource.MESSAGING_SERVICE));
            if (service.isPresent()) {
                A2pSteps.attach(tenant, record, service.get(), client);
            }
        } catch (TenantTwilioException e) {
            LOG.warn(
                    "Number {} of tenant {} not put in its campaign's service: {}",
                    record.phoneNumber().map(PhoneNumber::masked).orElse("?"),
                    tenant,
                    e.errorCode());
        }
    }

    @Override
    public VerificationReport.Line registrationLine(NumberRecord record, TwilioRestClient client) {
        TenantId tenant = record.tenantId();
        PhoneNumber number = record.phoneNumber().orElse(null);
        if (number == null || number.countryCode() != 1) {
            return VerificationReport.Line.of(Check.REGISTRATION, VerificationReport.Status.SKIPPED);
        }
        try {
            if (number.isNorthAmericanTollFree()) {
                Optional<TollFreeVerification> verification =
                        Stores.call(tenant, () -> store.findTollFree(tenant, number));
                boolean approved = verification
                        .filter(v -> v.status() == TollFreeVerification.Status.TWILIO_APPROVED)
                        .isPresent();
                return VerificationReport.Line.builder(
                                Check.REGISTRATION,
                                approved ? VerificationReport.Status.PASSED : VerificationReport.Status.SKIPPED)
                        .expected("TWILIO_APPROVED")
                        .actual(verification.map(v -> v.status().name()).orElse("none"))
                        .build();
            }
            Optional<Registration> registration = Stores.call(tenant, () -> store.find(tenant));
            Optional<String> service = registration
                    .filter(r -> r.state() == Registration.State.APPROVED)
                    .flatMap(r -> r.sid(Registration.Resource.MESSAGING_SERVICE));
            if (service.isEmpty() || record.twilioSid().isEmpty()) {
                return VerificationReport.Line.builder(Check.REGISTRATION, VerificationReport.Status.SKIPPED)
                        .expected("APPROVED")
                        .actual(registration.map(r -> r.state().name()).orElse("none"))
                        .build();
            }
            String sid = record.twilioSid().get();
            boolean member;
            try {
                io.tenanttwilio.internal.twilio.TwilioCalls.call(
                        tenant,
                        io.tenanttwilio.internal.twilio.TwilioErrors.Operation.READ,
                        () -> com.twilio.rest.messaging.v1.service.PhoneNumber.fetcher(service.get(), sid)
                                .fetch(client));
                member = true;
            } catch (TenantTwilioException e) {
                if (e.twilioErrorCode().orElse(0) != 20404) {
                    throw e;
                }
                member = false;
            }
            return VerificationReport.Line.builder(
                            Check.REGISTRATION,
                            member ? VerificationReport.Status.PASSED : VerificationReport.Status.FAILED)
                    .expected(service.get())
                    .actual(member ? service.get() : "")
                    .build();
        } catch (TenantTwilioException e) {
            return VerificationReport.Line.builder(Check.REGISTRATION, VerificationReport.Status.UNKNOWN)
                    .expected("APPROVED")
                    .build();
        }
    }

    @Override
    public void carrierBlocked(TenantId tenant, int twilioErrorCode) {
        if (!REGISTRATION_ERRORS.contains(twilioErrorCode)) {
            return;
        }
        alerts.once(
                tenant,
                "registration-needed",
                () -> Alert.builder()
                        .type(Alert.Type.REGISTRATION_NEEDED)
                        .tenant(tenant)
                        .at(clock.instant())
                        .details(Map.of("value", Integer.toString(twilioErrorCode)))
                        .build());
    }

    @Override
    public WebhookResponse events(String tenantSegment, WebhookRequest request) {
        if (!request.method().equals("POST")) {
            return WebhookResponse.text(405, "Only POST is accepted");
        }
        TenantId tenant;
        try {
            tenant = TenantId.of(URLDecoder.decode(tenantSegment, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return refused(null, "malformed tenant");
        }
        if (publicBaseUrl == null) {
            return refused(tenant, "no public base URL");
        }
        TwilioCredentials credentials;
        try {
            credentials = clients.credentials(tenant);
        } catch (TenantTwilioException e) {
            if (e.errorCode() == ErrorCode.UNKNOWN_TENANT) {
                return refused(tenant, "tenant has no credentials");
            }
            return WebhookResponse.text(503, "Temporarily unavailable");
        }
        String query = request.query() == null || request.query().isEmpty() ? "" : "?" + request.query();
        String url = A2pSteps.eventsUrl(publicBaseUrl, tenant) + query;
        if (!verifier.verifyBody(
                url, request.body(), request.header("X-Twilio-Signature"), credentials.signingTokens())) {
            return refused(tenant, "signature invalid");
        }
        try {
            // The events say that something changed; what changed is read from Twilio itself.
            refresh(tenant);
        } catch (TenantTwilioException e) {
            if (e.errorCode().isRetryable()) {
                return WebhookResponse.text(503, "Temporarily unavailable");
            }
            LOG.warn("Status event of tenant {} could not be followed: {}", tenant, e.errorCode());
        }
        return WebhookResponse.text(200, "");
    }

    private WebhookResponse refused(@Nullable TenantId tenant, String reason) {
        audit.success(AuditAction.WEBHOOK_REJECTED, tenant, null, event -> event.detail("reason", "events: " + reason));
        return WebhookResponse.text(403, "Forbidden");
    }

    /**
     * One pass of the scheduled job: the registrations and verifications whose check is due.
     *
     * @return how many were checked, and how many failed
     */
    public int[] followDue(int limit) {
        int visited = 0;
        int errors = 0;
        for (Registration registration : Stores.call(null, () -> store.registrationsDue(clock.instant(), limit))) {
            visited++;
            try {
                saga.refresh(registration.tenantId());
            } catch (TenantTwilioException e) {
                errors++;
            }
        }
        for (TollFreeVerification verification : Stores.call(null, () -> store.tollFreeDue(clock.instant(), limit))) {
            visited++;
            try {
                tollFree.refresh(verification);
            } catch (TenantTwilioException e) {
                errors++;
            }
        }
        return new int[] {visited, errors};
    }
}
