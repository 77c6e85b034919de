package io.tenanttwilio.test.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.Actor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.registration.BusinessProfile;
import io.tenanttwilio.registration.CampaignDetails;
import io.tenanttwilio.registration.Registration;
import io.tenanttwilio.registration.Registration.Mark;
import io.tenanttwilio.registration.Registration.Resource;
import io.tenanttwilio.registration.RejectionReason;
import io.tenanttwilio.registration.TollFreeRequest;
import io.tenanttwilio.registration.TollFreeVerification;
import io.tenanttwilio.spi.RegistrationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link RegistrationStore}: extend it with your store.
 *
 * <p>The due listings are read across tenants, so they may list other tests' records too: their
 * checks keep to the tests' own tenants, and to times long past that no other test uses.
 *
 * <p>Not thread-safe: JUnit runs its tests one at a time, each on an instance of its own; some of
 * them race the implementation under test from several threads, which must therefore be
 * thread-safe.
 */
public abstract class RegistrationStoreContract {

    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final PhoneNumber TOLL_FREE = PhoneNumber.ofE164("+18005550100");
    private static final PhoneNumber OTHER_TOLL_FREE = PhoneNumber.ofE164("+18885550101");
    /** Texts an encoding must not trip over: quotes, separators, newlines, Unicode. */
    private static final String AWKWARD = "« L'Érable » \"quoted\"; a=3:b;\nsecond line 😀";
    /** Long before any test's "now": only the due listings' tests use times around it. */
    private static final Instant LONG_AGO = Instant.parse("2001-02-03T04:05:06.789Z");

    /** {@return the store under test; it may be shared by every test of the class} */
    protected abstract RegistrationStore store();

    /**
     * {@return the same store seen by a second application instance (another connection pool on the
     * same database); the store itself by default}
     */
    protected RegistrationStore otherInstance() {
        return store();
    }

    // ---------------------------------------------------------------------------------------------
    // Registrations

    @Test
    void aTenantWithoutARegistrationHasNone() {
        TenantId tenant = Contracts.freshTenant("none");

        assertThat(store().find(tenant)).isEmpty();
        assertThat(store().findTollFree(tenant, TOLL_FREE)).isEmpty();
        assertThat(store().tollFree(tenant)).isEmpty();
    }

    @Test
    void aStoredRegistrationComesBackWithEveryValue() {
        Registration full = withEverything(registration(Contracts.freshTenant("full")));

        assertSame(store().insertIfAbsent(full), full);

        assertSame(store().find(full.tenantId()).orElseThrow(), full);
    }

    @Test
    void aRegistrationWithNothingOptionalKeepsItsEmptyValues() {
        Registration bare = registration(Contracts.freshTenant("bare"));

        store().insertIfAbsent(bare);

        Registration found = store().find(bare.tenantId()).orElseThrow();
        assertSame(found, bare);
        assertThat(found.sids()).isEmpty();
        assertThat(found.marks()).isEmpty();
        assertThat(found.reasons()).isEmpty();
        assertThat(found.nextCheckAt()).isEmpty();
        assertThat(found.leaseUntil()).isEmpty();
        assertThat(found.problem()).isEmpty();
    }

    @Test
    void aSecondRegistrationOfTheSameTenantGetsTheFirstBack() {
        TenantId tenant = Contracts.freshTenant("twice");
        Registration first = registration(tenant);
        Registration second = withEverything(registration(tenant));

        store().insertIfAbsent(first);
        Registration returned = store().insertIfAbsent(second);

        assertThat(returned.id()).isEqualTo(first.id());
        assertSame(returned, first);
        assertSame(store().find(tenant).orElseThrow(), first);
    }

    @Test
    void anUpdateRaisesTheVersionAndAStaleOneIsRefused() {
        Registration stored = store().insertIfAbsent(registration(Contracts.freshTenant("cas")));
        Registration next = withEverything(stored);

        Registration updated = store().update(stored, next).orElseThrow();

        assertThat(updated.version()).isEqualTo(stored.version() + 1);
        assertSame(store().find(stored.tenantId()).orElseThrow(), updated);
        assertThat(store().find(stored.tenantId()).orElseThrow().brandStatus()).hasValue("FAILED");

        Registration stale =
                stored.toBuilder().state(Registration.State.APPROVED).build();
        assertThat(store().update(stored, stale))
                .as("an update of a version since replaced")
                .isEmpty();
        assertThat(store().find(stored.tenantId()).orElseThrow().version()).isEqualTo(updated.version());
        assertThat(store().find(stored.tenantId()).orElseThrow().state()).isEqualTo(Registration.State.REJECTED);

        Registration again =
                store().update(updated, updated.toBuilder().checks(9).build()).orElseThrow();
        assertThat(again.version()).isEqualTo(stored.version() + 2);
        assertThat(store().find(stored.tenantId()).orElseThrow().checks()).isEqualTo(9);
    }

    @Test
    void anUpdateThatChangesTheIdOrTheTenantOrOfNothingStoredIsRefused() {
        Registration stored = store().insertIfAbsent(registration(Contracts.freshTenant("keys")));
        Registration other = registration(Contracts.freshTenant("other"));

        assertThat(store().update(
                                stored,
                                stored.toBuilder()
                                        .id(UUID.randomUUID().toString())
                                        .build()))
                .isEmpty();
        assertThat(store().update(
                                stored,
                                stored.toBuilder().tenantId(other.tenantId()).build()))
                .isEmpty();
        assertThat(store().update(other, other.toBuilder().checks(1).build()))
                .as("an update of a registration that was never stored")
                .isEmpty();
        assertThat(store().find(other.tenantId())).isEmpty();
        assertThat(store().find(stored.tenantId()).orElseThrow().version()).isEqualTo(stored.version());
    }

    @Test
    void ofConcurrentUpdatesOfOneVersionFromTwoInstancesExactlyOneWins() throws Exception {
        Registration stored = store().insertIfAbsent(registration(Contracts.freshTenant("race")));
        AtomicInteger turn = new AtomicInteger();

        List<Optional<Registration>> results = Contracts.race(8, () -> {
            int mine = turn.incrementAndGet();
            RegistrationStore instance = mine % 2 == 0 ? store() : otherInstance();
            return instance.update(stored, stored.toBuilder().checks(mine).build());
        });

        List<Registration> winners = results.stream().flatMap(Optional::stream).toList();
        assertThat(winners).hasSize(1);
        Registration found = store().find(stored.tenantId()).orElseThrow();
        assertThat(found.version()).isEqualTo(stored.version() + 1);
        assertThat(found.checks()).isEqualTo(winners.get(0).checks());
    }

    @Test
    void concurrentFirstRegistrationsOfOneTenantAllGetTheSameOne() throws Exception {
        TenantId tenant = Contracts.freshTenant("first");
        AtomicInteger turn = new AtomicInteger();

        List<Registration> results = Contracts.race(8, () -> {
            RegistrationStore instance = turn.incrementAndGet() % 2 == 0 ? store() : otherInstance();
            return instance.insertIfAbsent(registration(tenant));
        });

        assertThat(results.stream().map(Registration::id).distinct()).hasSize(1);
        assertThat(store().find(tenant).orElseThrow().id())
                .isEqualTo(results.get(0).id());
    }

    @Test
    void registrationsDueAreListedAcrossTenantsOldestFirstAndLimited() {
        Registration late = dueAt(LONG_AGO.plusSeconds(3));
        Registration first = dueAt(LONG_AGO.plusSeconds(1));
        Registration second = dueAt(LONG_AGO.plusSeconds(2));
        Registration notYet = dueAt(LONG_AGO.plusSeconds(3_600));
        Registration settled = dueAt(null);
        Set<TenantId> ours =
                Set.of(late.tenantId(), first.tenantId(), second.tenantId(), notYet.tenantId(), settled.tenantId());
        Instant now = LONG_AGO.plusSeconds(10);

        List<Registration> due = store().registrationsDue(now, 1_000);

        assertThat(due.stream().filter(r -> ours.contains(r.tenantId())).map(Registration::id))
                .containsExactly(first.id(), second.id(), late.id());
        assertThat(due)
                .allSatisfy(r -> assertThat(r.nextCheckAt())
                        .hasValueSatisfying(at -> assertThat(at).isBeforeOrEqualTo(now)));
        assertThat(due)
                .isSortedAccordingTo((a, b) ->
                        a.nextCheckAt().orElseThrow().compareTo(b.nextCheckAt().orElseThrow()));
        assertSame(
                due.stream()
                        .filter(r -> r.tenantId().equals(first.tenantId()))
                        .findFirst()
                        .orElseThrow(),
                first);

        assertThat(store().registrationsDue(now, 2).stream().map(Registration::id))
                .containsExactlyElementsOf(
                        due.subList(0, 2).stream().map(Registration::id).toList());
        assertThat(store().registrationsDue(now, 0)).isEmpty();
        assertThat(store().registrationsDue(LONG_AGO.plusSeconds(1), 1_000).stream()
                        .filter(r -> ours.contains(r.tenantId()))
                        .map(Registration::id))
                .as("due at the very time of its check, and no earlier one")
                .containsExactly(first.id());
    }

    @Test
    void aRegistrationWhoseCheckIsCancelledIsNoLongerDue() {
        Registration due = dueAt(LONG_AGO.plusMillis(500));

        store().update(due, due.toBuilder().nextCheckAt(null).build()).orElseThrow();

        assertThat(store().registrationsDue(LONG_AGO.plusSeconds(10), 1_000))
                .extracting(Registration::tenantId)
                .doesNotContain(due.tenantId());
    }

    // ---------------------------------------------------------------------------------------------
    // Toll-free verifications

    @Test
    void aStoredVerificationComesBackWithEveryValue() {
        TenantId tenant = Contracts.freshTenant("tf");
        TollFreeVerification full = withEverything(verification(tenant, TOLL_FREE));

        assertSame(store().insertIfAbsent(full), full);

        assertSame(store().findTollFree(tenant, TOLL_FREE).orElseThrow(), full);
        assertThat(store().findTollFree(tenant, OTHER_TOLL_FREE)).isEmpty();
    }

    @Test
    void aVerificationWithNothingOptionalKeepsItsEmptyValues() {
        TenantId tenant = Contracts.freshTenant("tf-bare");
        TollFreeVerification bare = verification(tenant, TOLL_FREE);

        store().insertIfAbsent(bare);

        TollFreeVerification found = store().findTollFree(tenant, TOLL_FREE).orElseThrow();
        assertSame(found, bare);
        assertThat(found.verificationSid()).isEmpty();
        assertThat(found.editExpiration()).isEmpty();
        assertThat(found.reasons()).isEmpty();
        assertThat(found.request().additionalInformation()).isEmpty();
        assertThat(found.request().actor()).isEmpty();
    }

    @Test
    void aTenantsVerificationsAreListedByNumber() {
        TenantId tenant = Contracts.freshTenant("tf-list");
        store().insertIfAbsent(verification(tenant, OTHER_TOLL_FREE));
        store().insertIfAbsent(verification(tenant, TOLL_FREE));
        store().insertIfAbsent(verification(Contracts.freshTenant("tf-else"), PhoneNumber.ofE164("+18775550102")));

        assertThat(store().tollFree(tenant))
                .extracting(TollFreeVerification::phoneNumber)
                .containsExactly(TOLL_FREE, OTHER_TOLL_FREE);
    }

    @Test
    void aSecondVerificationOfTheSameNumberGetsTheFirstBack() {
        TenantId tenant = Contracts.freshTenant("tf-twice");
        TollFreeVerification first = verification(tenant, TOLL_FREE);

        store().insertIfAbsent(first);
        TollFreeVerification returned = store().insertIfAbsent(withEverything(verification(tenant, TOLL_FREE)));

        assertSame(returned, first);
        assertThat(store().tollFree(tenant)).hasSize(1);
    }

    @Test
    void aVerificationUpdateRaisesTheVersionAndAStaleOneIsRefused() {
        TenantId tenant = Contracts.freshTenant("tf-cas");
        TollFreeVerification stored = store().insertIfAbsent(verification(tenant, TOLL_FREE));

        TollFreeVerification updated =
                store().update(stored, withEverything(stored)).orElseThrow();

        assertThat(updated.version()).isEqualTo(stored.version() + 1);
        assertSame(store().findTollFree(tenant, TOLL_FREE).orElseThrow(), updated);
        assertThat(store().update(stored, stored.toBuilder().checks(5).build())).isEmpty();
        assertThat(store().update(
                                updated,
                                updated.toBuilder().phoneNumber(OTHER_TOLL_FREE).build()))
                .as("an update that moves the verification to another number")
                .isEmpty();
        assertThat(store().findTollFree(tenant, TOLL_FREE).orElseThrow().version())
                .isEqualTo(updated.version());
        assertThat(store().findTollFree(tenant, OTHER_TOLL_FREE)).isEmpty();
    }

    @Test
    void ofConcurrentVerificationUpdatesOfOneVersionExactlyOneWins() throws Exception {
        TenantId tenant = Contracts.freshTenant("tf-race");
        TollFreeVerification stored = store().insertIfAbsent(verification(tenant, TOLL_FREE));
        AtomicInteger turn = new AtomicInteger();

        List<Optional<TollFreeVerification>> results = Contracts.race(8, () -> {
            int mine = turn.incrementAndGet();
            RegistrationStore instance = mine % 2 == 0 ? store() : otherInstance();
            return instance.update(stored, stored.toBuilder().checks(mine).build());
        });

        List<TollFreeVerification> winners =
                results.stream().flatMap(Optional::stream).toList();
        assertThat(winners).hasSize(1);
        TollFreeVerification found = store().findTollFree(tenant, TOLL_FREE).orElseThrow();
        assertThat(found.version()).isEqualTo(stored.version() + 1);
        assertThat(found.checks()).isEqualTo(winners.get(0).checks());
    }

    @Test
    void verificationsDueAreListedAcrossTenantsOldestFirstAndLimited() {
        TollFreeVerification late = tollFreeDueAt(OTHER_TOLL_FREE, LONG_AGO.plusSeconds(3));
        TollFreeVerification first = tollFreeDueAt(TOLL_FREE, LONG_AGO.plusSeconds(1));
        TollFreeVerification second = tollFreeDueAt(TOLL_FREE, LONG_AGO.plusSeconds(2));
        TollFreeVerification notYet = tollFreeDueAt(TOLL_FREE, LONG_AGO.plusSeconds(3_600));
        TollFreeVerification settled = tollFreeDueAt(TOLL_FREE, null);
        Set<TenantId> ours =
                Set.of(late.tenantId(), first.tenantId(), second.tenantId(), notYet.tenantId(), settled.tenantId());
        Instant now = LONG_AGO.plusSeconds(10);

        List<TollFreeVerification> due = store().tollFreeDue(now, 1_000);

        assertThat(due.stream().filter(v -> ours.contains(v.tenantId())).map(TollFreeVerification::id))
                .containsExactly(first.id(), second.id(), late.id());
        assertThat(due)
                .isSortedAccordingTo((a, b) ->
                        a.nextCheckAt().orElseThrow().compareTo(b.nextCheckAt().orElseThrow()));
        assertThat(due)
                .allSatisfy(v -> assertThat(v.nextCheckAt().orElseThrow()).isBeforeOrEqualTo(now));
        assertSame(
                due.stream()
                        .filter(v -> v.tenantId().equals(late.tenantId()))
                        .findFirst()
                        .orElseThrow(),
                late);
        assertThat(store().tollFreeDue(now, 2).stream().map(TollFreeVerification::id))
                .containsExactlyElementsOf(
                        due.subList(0, 2).stream().map(TollFreeVerification::id).toList());
        assertThat(store().tollFreeDue(now, 0)).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------
    // Tenants apart

    @Test
    void aTenantNeverSeesOrChangesAnotherTenantsRecords() {
        TenantId a = Contracts.freshTenant("a");
        TenantId b = Contracts.freshTenant("b");
        Registration ofB = store().insertIfAbsent(withEverything(registration(b)));
        TollFreeVerification tollFreeOfB = store().insertIfAbsent(verification(b, TOLL_FREE));

        assertThat(store().find(a)).isEmpty();
        assertThat(store().findTollFree(a, TOLL_FREE)).isEmpty();
        assertThat(store().tollFree(a)).isEmpty();
        assertThat(store().update(
                                ofB.toBuilder().tenantId(a).build(),
                                ofB.toBuilder().tenantId(a).checks(99).build()))
                .as("B's registration, claimed as A's")
                .isEmpty();
        assertThat(store().update(
                                tollFreeOfB.toBuilder().tenantId(a).build(),
                                tollFreeOfB.toBuilder().tenantId(a).checks(99).build()))
                .isEmpty();

        Registration ofA = registration(a);
        assertThat(store().insertIfAbsent(ofA).id()).isEqualTo(ofA.id());
        TollFreeVerification tollFreeOfA = verification(a, TOLL_FREE);
        assertThat(store().insertIfAbsent(tollFreeOfA).id()).isEqualTo(tollFreeOfA.id());
        assertSame(store().find(b).orElseThrow(), ofB);
        assertSame(store().findTollFree(b, TOLL_FREE).orElseThrow(), tollFreeOfB);
        assertThat(store().tollFree(b)).extracting(TollFreeVerification::id).containsExactly(tollFreeOfB.id());
    }

    // ---------------------------------------------------------------------------------------------

    /** A registration as the SDK first stores it: submitting, version 0, nothing created yet. */
    private static Registration registration(TenantId tenant) {
        Instant now = Contracts.now();
        return Registration.builder()
                .id(UUID.randomUUID().toString())
                .tenantId(tenant)
                .accountSid(ACCOUNT)
                .state(Registration.State.SUBMITTING)
                .profile(profile())
                .campaign(campaign())
                .createdAt(now)
                .updatedAt(now)
                .build();
    }

    /** {@code registration} with every optional value set, its texts awkward to encode. */
    private static Registration withEverything(Registration registration) {
        Registration.Builder b = registration.toBuilder()
                .state(Registration.State.REJECTED)
                .profileStatus("twilio-approved")
                .trustProductStatus("twilio-approved")
                .brandStatus("FAILED")
                .campaignStatus("IN_PROGRESS")
                .reasons(List.of(
                        RejectionReason.of(30794, "Tax id mismatch;\n\"12-3456789\""),
                        RejectionReason.of(null, AWKWARD)))
                .problem(ErrorCode.TWILIO_UNAVAILABLE)
                .checks(4)
                .nextCheckAt(Contracts.now().plusSeconds(3_600))
                .leaseUntil(Contracts.now().plusSeconds(60))
                .updatedAt(Contracts.now().plusMillis(1));
        int i = 0;
        for (Resource resource : Resource.values()) {
            b.sid(resource, String.format(java.util.Locale.ROOT, "XX%032d", ++i));
        }
        for (Mark mark : Mark.values()) {
            b.mark(mark, mark != Mark.RESUBMIT);
        }
        return b.build();
    }

    private Registration dueAt(@Nullable Instant at) {
        Registration registration = registration(Contracts.freshTenant("due")).toBuilder()
                .state(at == null ? Registration.State.APPROVED : Registration.State.IN_REVIEW)
                .nextCheckAt(at)
                .build();
        return store().insertIfAbsent(registration);
    }

    private static TollFreeVerification verification(TenantId tenant, PhoneNumber number) {
        Instant now = Contracts.now();
        return TollFreeVerification.builder()
                .id(UUID.randomUUID().toString())
                .tenantId(tenant)
                .phoneNumber(number)
                .accountSid(ACCOUNT)
                .numberSid("PN0123456789abcdef0123456789abcdef")
                .status(TollFreeVerification.Status.SUBMITTING)
                .request(TollFreeRequest.builder()
                        .tenant(tenant)
                        .number(number)
                        .business(profile())
                        .useCaseCategories(TollFreeRequest.UseCaseCategory.ACCOUNT_NOTIFICATIONS)
                        .useCaseSummary("Appointment reminders and answers to patients' questions.")
                        .productionMessageSample(
                                "Clinique: your appointment is tomorrow at 10:00. Reply STOP to opt out.")
                        .optInType(TollFreeRequest.OptInType.VERBAL)
                        .optInImageUrl("https://clinique.example/consent.png")
                        .messageVolume("1,000")
                        .build())
                .createdAt(now)
                .updatedAt(now)
                .build();
    }

    private static TollFreeVerification withEverything(TollFreeVerification verification) {
        TollFreeRequest request = verification.request().toBuilder()
                .useCaseCategories(
                        TollFreeRequest.UseCaseCategory.CUSTOMER_CARE,
                        TollFreeRequest.UseCaseCategory.TWO_FACTOR_AUTHENTICATION)
                .optInImageUrl("https://clinique.example/formulaire?lang=fr&v=2")
                .additionalInformation(AWKWARD)
                .actor(Actor.of("marie@clinique-a.example"))
                .build();
        return verification.toBuilder()
                .request(request)
                .verificationSid("HH0123456789abcdef0123456789abcdef")
                .status(TollFreeVerification.Status.TWILIO_REJECTED)
                .editAllowed(true)
                .editExpiration(Contracts.now().plusSeconds(7 * 86_400))
                .reasons(List.of(RejectionReason.of(30509, AWKWARD)))
                .problem(ErrorCode.TWILIO_UNAVAILABLE)
                .checks(2)
                .nextCheckAt(Contracts.now().plusSeconds(3_600))
                .updatedAt(Contracts.now().plusMillis(1))
                .build();
    }

    private TollFreeVerification tollFreeDueAt(PhoneNumber number, @Nullable Instant at) {
        TollFreeVerification verification = verification(Contracts.freshTenant("tf-due"), number).toBuilder()
                .status(
                        at == null
                                ? TollFreeVerification.Status.TWILIO_APPROVED
                                : TollFreeVerification.Status.IN_REVIEW)
                .nextCheckAt(at)
                .build();
        return store().insertIfAbsent(verification);
    }

    private static BusinessProfile profile() {
        return BusinessProfile.builder()
                .legalName("Clinique de l'Érable \"Santé\" inc.")
                .businessType(BusinessProfile.BusinessType.CORPORATION)
                .industry(BusinessProfile.Industry.HEALTHCARE)
                .registrationAuthority(BusinessProfile.RegistrationAuthority.NEQ)
                .registrationNumber("1171234567")
                .website("https://clinique-erable.example")
                .street("1 rue Saint-Jean")
                .city("Québec")
                .region("QC")
                .postalCode("G1R 4P5")
                .country("CA")
                .contactFirstName("Zoé")
                .contactLastName("O'Brien")
                .contactEmail("zoe@clinique-erable.example")
                .contactPhone("+14185550100")
                .contactTitle("Directrice")
                .build();
    }

    private static CampaignDetails campaign() {
        return CampaignDetails.builder()
                .useCase(CampaignDetails.UseCase.ACCOUNT_NOTIFICATION)
                .description("Rappels de rendez-vous; réponses aux \"questions\" des patients.\n" + AWKWARD)
                .messageFlow("Patients give their mobile number at the front desk and agree aloud to the texts.")
                .sample("Clinique: votre rendez-vous est demain à 10 h. Répondez ARRÊT pour ne plus recevoir.")
                .sample("Clinic: your appointment is tomorrow at 10:00.\nReply STOP to opt out. 😀")
                .build();
    }

    /** Every value of {@code found} is {@code expected}'s (a registration's equality is its id and version only). */
    private static void assertSame(Registration found, Registration expected) {
        assertThat(found.id()).isEqualTo(expected.id());
        assertThat(found.tenantId()).isEqualTo(expected.tenantId());
        assertThat(found.accountSid()).isEqualTo(expected.accountSid());
        assertThat(found.state()).isEqualTo(expected.state());
        assertThat(found.profile()).isEqualTo(expected.profile());
        assertThat(found.campaign()).isEqualTo(expected.campaign());
        assertThat(found.sids()).isEqualTo(expected.sids());
        assertThat(found.marks()).isEqualTo(expected.marks());
        assertThat(found.profileStatus()).isEqualTo(expected.profileStatus());
        assertThat(found.trustProductStatus()).isEqualTo(expected.trustProductStatus());
        assertThat(found.brandStatus()).isEqualTo(expected.brandStatus());
        assertThat(found.campaignStatus()).isEqualTo(expected.campaignStatus());
        assertThat(found.reasons()).containsExactlyElementsOf(expected.reasons());
        assertThat(found.problem()).isEqualTo(expected.problem());
        assertThat(found.checks()).isEqualTo(expected.checks());
        assertThat(found.nextCheckAt()).isEqualTo(expected.nextCheckAt());
        assertThat(found.leaseUntil()).isEqualTo(expected.leaseUntil());
        assertThat(found.version()).isEqualTo(expected.version());
        assertThat(found.createdAt()).isEqualTo(expected.createdAt());
        assertThat(found.updatedAt()).isEqualTo(expected.updatedAt());
    }

    /** Every value of {@code found} is {@code expected}'s. */
    private static void assertSame(TollFreeVerification found, TollFreeVerification expected) {
        assertThat(found.id()).isEqualTo(expected.id());
        assertThat(found.tenantId()).isEqualTo(expected.tenantId());
        assertThat(found.phoneNumber()).isEqualTo(expected.phoneNumber());
        assertThat(found.accountSid()).isEqualTo(expected.accountSid());
        assertThat(found.numberSid()).isEqualTo(expected.numberSid());
        assertThat(found.verificationSid()).isEqualTo(expected.verificationSid());
        assertThat(found.status()).isEqualTo(expected.status());
        assertThat(found.request()).isEqualTo(expected.request());
        assertThat(found.request().actor()).isEqualTo(expected.request().actor());
        assertThat(new ArrayList<>(found.request().optInImageUrls()))
                .containsExactlyElementsOf(expected.request().optInImageUrls());
        assertThat(found.editAllowed()).isEqualTo(expected.editAllowed());
        assertThat(found.editExpiration()).isEqualTo(expected.editExpiration());
        assertThat(found.reasons()).containsExactlyElementsOf(expected.reasons());
        assertThat(found.problem()).isEqualTo(expected.problem());
        assertThat(found.checks()).isEqualTo(expected.checks());
        assertThat(found.nextCheckAt()).isEqualTo(expected.nextCheckAt());
        assertThat(found.version()).isEqualTo(expected.version());
        assertThat(found.createdAt()).isEqualTo(expected.createdAt());
        assertThat(found.updatedAt()).isEqualTo(expected.updatedAt());
    }
}
