package io.tenanttwilio.internal.registration;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.messaging.v1.BrandRegistration;
import com.twilio.rest.messaging.v1.service.UsAppToPerson;
import com.twilio.rest.trusthub.v1.CustomerProfiles;
import com.twilio.rest.trusthub.v1.TrustProducts;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.internal.shared.Auditor;
import io.tenanttwilio.internal.shared.Stores;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.internal.twilio.TwilioClients;
import io.tenanttwilio.internal.twilio.TwilioErrors.Operation;
import io.tenanttwilio.registration.Registration;
import io.tenanttwilio.registration.Registration.Mark;
import io.tenanttwilio.registration.Registration.Resource;
import io.tenanttwilio.registration.Registration.State;
import io.tenanttwilio.registration.RegistrationRequest;
import io.tenanttwilio.registration.RejectionReason;
import io.tenanttwilio.spi.RegistrationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The A2P 10DLC saga: claimed under a lease, each resource stored as soon as Twilio created it, the
 * statuses read again at each pass, and carried on from wherever it stands by the next call, a
 * poll or a status event.
 */
final class RegistrationSaga {

    private static final Duration FIRST_CHECK = Duration.ofMinutes(1);
    private static final Duration LONGEST_WAIT = Duration.ofHours(6);
    private static final Duration APPROVED_CHECK = Duration.ofDays(1);

    private final RegistrationStore store;
    private final TwilioClients clients;
    private final ProfileSteps profiles;
    private final A2pSteps a2p;
    private final Auditor audit;
    private final Transitions transitions;
    private final Clock clock;

    RegistrationSaga(
            RegistrationStore store,
            TwilioClients clients,
            ProfileSteps profiles,
            A2pSteps a2p,
            Auditor audit,
            Transitions transitions,
            Clock clock) {
        this.store = store;
        this.clients = clients;
        this.profiles = profiles;
        this.a2p = a2p;
        this.audit = audit;
        this.transitions = transitions;
        this.clock = clock;
    }

    Registration register(RegistrationRequest request) {
        TenantId tenant = request.tenant();
        String actor = request.actor().map(a -> a.name()).orElse(null);
        TwilioCredentials credentials = clients.credentials(tenant);
        Instant now = clock.instant();
        Registration fresh = Registration.builder()
                .id(UUID.randomUUID().toString())
                .tenantId(tenant)
                .accountSid(credentials.accountSid())
                .state(State.SUBMITTING)
                .profile(request.profile())
                .campaign(request.campaign())
                .createdAt(now)
                .updatedAt(now)
                .build();
        Registration stored = Stores.call(tenant, () -> store.find(tenant)).orElse(null);
        if (stored == null) {
            stored = Stores.call(tenant, () -> store.insertIfAbsent(fresh));
            if (stored.id().equals(fresh.id())) {
                audit.success(
                        AuditAction.REGISTRATION_STARTED,
                        tenant,
                        actor,
                        event -> event.detail("registration", fresh.id()).detail("accountSid", fresh.accountSid()));
            }
        }
        Registration current = stored;
        if (current.state() == State.APPROVED || current.state() == State.SUSPENDED) {
            return current; // nothing to submit; refresh() follows it
        }
        requireNotUnderWay(current);
        boolean restart = !current.accountSid().equals(credentials.accountSid());
        boolean resubmit = current.state() == State.REJECTED;
        State before = current.state();
        Registration claimed = claim(current, b -> {
            b.profile(request.profile())
                    .campaign(request.campaign())
                    .state(State.SUBMITTING)
                    .problem(null);
            if (resubmit) {
                b.mark(Mark.RESUBMIT, true).reasons(List.of());
            }
            if (restart) {
                // Another Twilio account: what was created in the old one is of no use here.
                b.accountSid(credentials.accountSid());
                for (Resource resource : Resource.values()) {
                    b.sid(resource, null);
                }
                for (Mark mark : Mark.values()) {
                    b.mark(mark, false);
                }
                b.profileStatus(null).trustProductStatus(null).brandStatus(null).campaignStatus(null);
            }
        });
        return carryOn(new Run(store, clock, clients.forTenant(tenant), actor, claimed), before, true);
    }

    /** A pass of the poll or a status event: the statuses read again and the saga carried on. */
    Optional<Registration> refresh(TenantId tenant) {
        Optional<Registration> found = Stores.call(tenant, () -> store.find(tenant));
        if (found.isEmpty()) {
            return found;
        }
        Registration current = found.get();
        if (current.leaseUntil().filter(until -> until.isAfter(clock.instant())).isPresent()) {
            return found; // being carried on right now
        }
        if (current.state() == State.REJECTED) {
            return found; // waits for corrected details
        }
        State before = current.state();
        Registration claimed;
        try {
            claimed = claim(current, b -> {});
        } catch (TenantTwilioException e) {
            if (e.errorCode() != ErrorCode.REGISTRATION_IN_PROGRESS) {
                throw e;
            }
            // Another pass (a status event, the job) took it first: it carries it on.
            return Stores.call(tenant, () -> store.find(tenant));
        }
        TwilioRestClient client;
        try {
            client = clients.forTenant(tenant);
        } catch (TenantTwilioException e) {
            release(claimed, e);
            throw e;
        }
        return Optional.of(carryOn(new Run(store, clock, client, null, claimed), before, false));
    }

    private void release(Registration claimed, TenantTwilioException e) {
        Stores.call(
                claimed.tenantId(),
                () -> store.update(
                        claimed,
                        claimed.toBuilder()
                                .leaseUntil(null)
                                .problem(e.errorCode())
                                .nextCheckAt(clock.instant().plus(backoff(claimed.checks(), Duration.ofHours(1))))
                                .checks(claimed.checks() + 1)
                                .build()));
    }

    private Registration claim(Registration current, Consumer<Registration.Builder> change) {
        Registration.Builder next =
                current.toBuilder().leaseUntil(clock.instant().plus(Run.LEASE)).updatedAt(clock.instant());
        change.accept(next);
        Registration built = next.build();
        return Stores.call(current.tenantId(), () -> store.update(current, built))
                .orElseThrow(() -> Problems.builder(ErrorCode.REGISTRATION_IN_PROGRESS)
                        .tenant(current.tenantId())
                        .build());
    }

    private void requireNotUnderWay(Registration current) {
        if (current.leaseUntil().filter(until -> until.isAfter(clock.instant())).isPresent()) {
            throw Problems.builder(ErrorCode.REGISTRATION_IN_PROGRESS)
                    .tenant(current.tenantId())
                    .build();
        }
    }

    private Registration carryOn(Run run, State before, boolean asked) {
        Registration start = run.current();
        try {
            if (!run.current().has(Mark.EVENTS_SUBSCRIBED) && a2p.subscribeEvents(run.tenant(), run.client)) {
                run.save(b -> b.mark(Mark.EVENTS_SUBSCRIBED, true));
            }
            readStatuses(run);
            Optional<List<RejectionReason>> incomplete = profiles.run(run);
            if (incomplete.isPresent()) {
                return finish(run, before, start, State.REJECTED, incomplete.get());
            }
            String profile = run.current().profileStatus().orElse("");
            String product = run.current().trustProductStatus().orElse("");
            if (profile.equals("twilio-rejected") && !run.current().has(Mark.RESUBMIT)) {
                CustomerProfiles read = ProfileSteps.customerProfile(run);
                return finish(run, before, start, State.REJECTED, Reasons.from(read.getErrors(), null, null));
            }
            if (product.equals("twilio-rejected") && !run.current().has(Mark.RESUBMIT)) {
                TrustProducts read = ProfileSteps.trustProduct(run);
                return finish(run, before, start, State.REJECTED, Reasons.from(read.getErrors(), null, null));
            }
            if (!profile.equals("twilio-approved") || !product.equals("twilio-approved")) {
                return finish(run, before, start, State.IN_REVIEW, List.of());
            }
            String brandStatus = run.current().brandStatus().orElse("");
            if (run.current().sid(Resource.BRAND).isEmpty()
                    || (A2pSteps.isFailed(brandStatus) && run.current().has(Mark.RESUBMIT))) {
                a2p.brand(run);
                brandStatus = run.current().brandStatus().orElse("");
            }
            if (A2pSteps.isFailed(brandStatus)) {
                BrandRegistration brand = brand(run);
                return finish(
                        run,
                        before,
                        start,
                        State.REJECTED,
                        Reasons.from(brand.getErrors(), brand.getFailureReason(), null));
            }
            if (A2pSteps.isSuspended(brandStatus)) {
                return finish(run, before, start, State.SUSPENDED, List.of());
            }
            if (!brandStatus.equalsIgnoreCase("APPROVED")) {
                return finish(run, before, start, State.IN_REVIEW, List.of());
            }
            String service = a2p.service(run);
            a2p.numbers(run, service);
            String campaignStatus = run.current().campaignStatus().orElse("");
            if (run.current().sid(Resource.CAMPAIGN).isEmpty()
                    || (A2pSteps.isFailed(campaignStatus) && run.current().has(Mark.RESUBMIT))) {
                a2p.campaign(run, service);
                campaignStatus = run.current().campaignStatus().orElse("");
            }
            String upper = campaignStatus.toUpperCase(Locale.ROOT);
            if (A2pSteps.isFailed(upper)) {
                UsAppToPerson campaign = campaign(run, service);
                return finish(run, before, start, State.REJECTED, Reasons.from(campaign.getErrors(), null, null));
            }
            if (A2pSteps.isSuspended(upper)) {
                return finish(run, before, start, State.SUSPENDED, List.of());
            }
            return finish(run, before, start, upper.equals("VERIFIED") ? State.APPROVED : State.IN_REVIEW, List.of());
        } catch (TenantTwilioException e) {
            if (e.errorCode() == ErrorCode.REGISTRATION_IN_PROGRESS) {
                throw e;
            }
            boolean later = e.errorCode().isRetryable() || e.errorCode() == ErrorCode.OUTCOME_UNKNOWN;
            int checks = run.current().checks();
            try {
                if (later) {
                    run.save(b -> b.state(State.SUBMITTING)
                            .problem(e.errorCode())
                            .leaseUntil(null)
                            .checks(checks + 1)
                            .nextCheckAt(clock.instant().plus(backoff(checks, Duration.ofHours(1)))));
                } else {
                    List<RejectionReason> reasons = List.of(RejectionReason.of(
                            e.twilioErrorCode().isPresent()
                                    ? e.twilioErrorCode().getAsInt()
                                    : null,
                            e.getMessage()));
                    finish(run, before, start, State.REJECTED, reasons, e.errorCode());
                }
            } catch (TenantTwilioException ignored) {
                // the error that stopped the pass is the one to report
            }
            throw e;
        }
    }

    private BrandRegistration brand(Run run) {
        String sid = run.current().sid(Resource.BRAND).orElseThrow();
        return io.tenanttwilio.internal.twilio.TwilioCalls.call(
                run.tenant(),
                Operation.READ,
                () -> BrandRegistration.fetcher(sid).fetch(run.client));
    }

    private UsAppToPerson campaign(Run run, String service) {
        String sid = run.current().sid(Resource.CAMPAIGN).orElseThrow();
        return io.tenanttwilio.internal.twilio.TwilioCalls.call(
                run.tenant(),
                Operation.READ,
                () -> UsAppToPerson.fetcher(service, sid).fetch(run.client));
    }

    /** Twilio's statuses of every resource created so far. */
    private void readStatuses(Run run) {
        Registration r = run.current();
        String profile = r.sid(Resource.CUSTOMER_PROFILE).isPresent() && r.has(Mark.PROFILE_SUBMITTED)
                ? ProfileSteps.profileStatus(run)
                : r.profileStatus().orElse(null);
        String product = r.sid(Resource.TRUST_PRODUCT).isPresent() && r.has(Mark.TRUST_PRODUCT_SUBMITTED)
                ? ProfileSteps.text(ProfileSteps.trustProduct(run).getStatus())
                : r.trustProductStatus().orElse(null);
        String brand = r.sid(Resource.BRAND).isPresent()
                ? String.valueOf(brand(run).getStatus())
                : r.brandStatus().orElse(null);
        String campaign = r.sid(Resource.CAMPAIGN).isPresent()
                        && r.sid(Resource.MESSAGING_SERVICE).isPresent()
                ? campaign(run, r.sid(Resource.MESSAGING_SERVICE).get()).getCampaignStatus()
                : r.campaignStatus().orElse(null);
        if (!java.util.Objects.equals(profile, r.profileStatus().orElse(null))
                || !java.util.Objects.equals(product, r.trustProductStatus().orElse(null))
                || !java.util.Objects.equals(brand, r.brandStatus().orElse(null))
                || !java.util.Objects.equals(campaign, r.campaignStatus().orElse(null))) {
            transitions.statusesRead(run, profile, product, brand, campaign);
        }
    }

    private Registration finish(Run run, State before, Registration start, State state, List<RejectionReason> reasons) {
        return finish(run, before, start, state, reasons, null);
    }

    private Registration finish(
            Run run,
            State before,
            Registration start,
            State state,
            List<RejectionReason> reasons,
            @Nullable ErrorCode problem) {
        Registration current = run.current();
        boolean changed = state != before
                || !java.util.Objects.equals(current.profileStatus(), start.profileStatus())
                || !java.util.Objects.equals(current.trustProductStatus(), start.trustProductStatus())
                || !java.util.Objects.equals(current.brandStatus(), start.brandStatus())
                || !java.util.Objects.equals(current.campaignStatus(), start.campaignStatus());
        int checks = changed ? 0 : current.checks() + 1;
        Instant next = switch (state) {
            case APPROVED, SUSPENDED -> clock.instant().plus(APPROVED_CHECK);
            case REJECTED -> null;
            default -> clock.instant().plus(backoff(checks, LONGEST_WAIT));
        };
        boolean keepResubmit = state.isPending() && current.has(Mark.RESUBMIT);
        Registration done = run.save(b -> b.state(state)
                .reasons(state == State.REJECTED || state == State.SUSPENDED ? reasons : List.of())
                .problem(problem)
                .mark(Mark.RESUBMIT, keepResubmit && state != State.APPROVED && !reasonsCleared(current))
                .checks(checks)
                .nextCheckAt(next)
                .leaseUntil(null));
        if (state != before) {
            transitions.stateChanged(done, before, run.actor);
        }
        return done;
    }

    /** Once the rejected step was submitted again, the correction is done. */
    private static boolean reasonsCleared(Registration current) {
        String profile = current.profileStatus().orElse("");
        String product = current.trustProductStatus().orElse("");
        return !profile.equals("twilio-rejected")
                && !product.equals("twilio-rejected")
                && !A2pSteps.isFailed(current.brandStatus().orElse(""))
                && !A2pSteps.isFailed(current.campaignStatus().orElse(""));
    }

    static Duration backoff(int checks, Duration longest) {
        Duration wait = FIRST_CHECK.multipliedBy(1L << Math.min(checks, 16));
        return wait.compareTo(longest) > 0 ? longest : wait;
    }
}
