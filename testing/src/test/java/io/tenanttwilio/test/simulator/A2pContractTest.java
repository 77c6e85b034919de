package io.tenanttwilio.test.simulator;

import static io.tenanttwilio.test.simulator.TrustHubContractTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.messaging.v1.BrandRegistration;
import com.twilio.rest.messaging.v1.Service;
import com.twilio.rest.messaging.v1.Usecase;
import com.twilio.rest.messaging.v1.service.UsAppToPerson;
import com.twilio.rest.messaging.v1.service.UsAppToPersonUsecase;
import io.tenanttwilio.test.junit.TwilioSimulatorExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A2P 10DLC brands and campaigns, their reviews and fees, through twilio-java. */
class A2pContractTest {

    @RegisterExtension
    static final OpenApiConformance openApi = new OpenApiConformance();

    @RegisterExtension
    static final TwilioSimulatorExtension twilio = TwilioSimulatorExtension.create(openApi.simulator());

    private SimulatedAccount clinic;
    private TwilioRestClient client;
    private Registrar registrar;

    @BeforeEach
    void clinic() {
        clinic = twilio.simulator().createAccount("Clinique A");
        client = twilio.simulator().restClient(clinic);
        registrar = new Registrar(twilio.simulator(), client);
    }

    private RegistrationDesk desk() {
        return twilio.simulator().registrations();
    }

    private static <T> List<T> all(Iterable<T> items) {
        return StreamSupport.stream(items.spliterator(), false).toList();
    }

    private static void assertCode(Runnable call, int code) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(code));
    }

    @Test
    void registersABrandThatIsApprovedWhenReviewed() {
        BrandRegistration created = registrar.brand();

        assertThat(created.getSid()).matches("BN[0-9a-f]{32}");
        assertThat(created.getStatus()).isEqualTo(BrandRegistration.Status.PENDING);
        assertThat(created.getIdentityStatus()).isEqualTo(BrandRegistration.IdentityStatus.UNVERIFIED);
        assertThat(created.getBrandType()).isEqualTo("STANDARD");
        assertThat(created.getBrandScore()).isNull();
        assertThat(created.getTcrId()).isNull();
        assertThat(created.getErrors()).isEmpty();

        BrandRegistration approved = BrandRegistration.fetcher(created.getSid()).fetch(client);

        assertThat(approved.getStatus()).isEqualTo(BrandRegistration.Status.APPROVED);
        assertThat(approved.getIdentityStatus()).isEqualTo(BrandRegistration.IdentityStatus.VERIFIED);
        assertThat(approved.getBrandScore()).isEqualTo(80);
        assertThat(approved.getTcrId()).matches("B[0-9A-F]{6}");
        assertThat(approved.getFailureReason()).isNull();
        assertThat(approved.getDateUpdated().toInstant())
                .isEqualTo(twilio.simulator().clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(all(BrandRegistration.reader().read(client)))
                .extracting(BrandRegistration::getSid)
                .containsExactly(created.getSid());
        assertThat(desk().fees(clinic.sid())).singleElement().satisfies(fee -> {
            assertThat(fee.kind()).isEqualTo(RegistrationKind.BRAND);
            assertThat(fee.sid()).isEqualTo(created.getSid());
            assertThat(fee.amount()).isEqualByComparingTo("4.00");
        });
        assertThat(desk().brands(clinic.sid())).containsExactly(created.getSid());
    }

    @Test
    void aBrandNeedsApprovedBundlesOfItsOwnAccount() {
        String draftProfile = registrar.completeProfile();
        String[] approved = registrar.approvedBundles();
        SimulatedAccount other = twilio.simulator().createAccount("Clinique B");
        String[] theirs = new Registrar(twilio.simulator(), twilio.simulator().restClient(other)).approvedBundles();

        assertCode(() -> BrandRegistration.creator(draftProfile, approved[1]).create(client), 20422);
        assertCode(() -> BrandRegistration.creator(theirs[0], theirs[1]).create(client), 20422);
        assertCode(() -> BrandRegistration.creator(approved[1], approved[0]).create(client), 20422);
        assertCode(() -> BrandRegistration.creator(approved[0], "").create(client), 20001);
        assertThat(desk().brands(clinic.sid())).isEmpty();
        assertThat(desk().fees(clinic.sid())).isEmpty();
    }

    @Test
    void aFailedBrandShowsItsErrorsAndIsPaidForAgainWhenResubmitted() {
        desk().rejectNext(
                        RegistrationKind.BRAND,
                        Rejection.of(30794, "Brand Registration Failure: Tax ID does not match the legal name"),
                        Rejection.of(30795, "Brand Registration Failure: website not reachable"));
        String brand = registrar.brand().getSid();
        desk().settle();

        BrandRegistration failed = BrandRegistration.fetcher(brand).fetch(client);

        assertThat(failed.getStatus()).isEqualTo(BrandRegistration.Status.FAILED);
        assertThat(failed.getIdentityStatus()).isEqualTo(BrandRegistration.IdentityStatus.UNVERIFIED);
        assertThat(failed.getErrors())
                .extracting(error -> map(error).get("code"))
                .containsExactly(30794, 30795);
        assertThat(failed.getFailureReason()).contains("Tax ID does not match");

        BrandRegistration resubmitted = BrandRegistration.updater(brand).update(client);

        assertThat(resubmitted.getStatus()).isEqualTo(BrandRegistration.Status.PENDING);
        assertThat(BrandRegistration.fetcher(brand).fetch(client).getStatus())
                .isEqualTo(BrandRegistration.Status.APPROVED);
        assertCode(() -> BrandRegistration.updater(brand).update(client), 21725);
        assertThat(desk().fees(clinic.sid()))
                .extracting(Fee::sid, Fee::amount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(brand, new BigDecimal("4.00")),
                        org.assertj.core.groups.Tuple.tuple(brand, new BigDecimal("4.00")));
        assertThat(desk().brands(clinic.sid())).containsExactly(brand);
    }

    @Test
    void aBrandStaysInReviewUntilTheDelayHasPassed() {
        desk().reviewDelay(Duration.ofDays(5));
        String[] bundles = registrar.approvedBundles();
        twilio.simulator().clock().advance(Duration.ofDays(5));
        String brand =
                BrandRegistration.creator(bundles[0], bundles[1]).create(client).getSid();

        assertThat(BrandRegistration.fetcher(brand).fetch(client).getStatus())
                .isEqualTo(BrandRegistration.Status.IN_REVIEW);
        twilio.simulator().clock().advance(Duration.ofDays(4));
        assertThat(BrandRegistration.fetcher(brand).fetch(client).getStatus())
                .isEqualTo(BrandRegistration.Status.IN_REVIEW);

        twilio.simulator().clock().advance(Duration.ofDays(1));

        assertThat(all(BrandRegistration.reader().read(client)))
                .singleElement()
                .satisfies(b -> assertThat(b.getStatus()).isEqualTo(BrandRegistration.Status.APPROVED));
    }

    @Test
    void registersACampaignOnAServiceOfAnApprovedBrandAndVerifiesIt() {
        String brand = registrar.approvedBrand();
        String service = registrar.service(null);
        assertThat(Service.fetcher(service).fetch(client).getUsAppToPersonRegistered())
                .isFalse();

        UsAppToPerson created = registrar.campaign(service, brand);

        assertThat(created.getSid()).matches("QE[0-9a-f]{32}");
        assertThat(created.getCampaignStatus()).isEqualTo("IN_PROGRESS");
        assertThat(created.getBrandRegistrationSid()).isEqualTo(brand);
        assertThat(created.getMessagingServiceSid()).isEqualTo(service);
        assertThat(created.getMessageSamples()).isEqualTo(Registrar.SAMPLES);
        assertThat(created.getUsAppToPersonUsecase()).isEqualTo("ACCOUNT_NOTIFICATION");
        assertThat(map(created.getRateLimits())).isEmpty();

        UsAppToPerson verified =
                UsAppToPerson.fetcher(service, created.getSid()).fetch(client);

        assertThat(verified.getCampaignStatus()).isEqualTo("VERIFIED");
        assertThat(verified.getCampaignId()).matches("C[0-9A-F]{6}");
        assertThat(map(verified.getRateLimits())).containsKeys("att", "tmobile");
        assertThat(Service.fetcher(service).fetch(client).getUsAppToPersonRegistered())
                .isTrue();
        assertThat(all(UsAppToPerson.reader(service).read(client)))
                .extracting(UsAppToPerson::getSid)
                .containsExactly(created.getSid());
        assertThat(desk().fees(clinic.sid()))
                .filteredOn(fee -> fee.kind() == RegistrationKind.CAMPAIGN)
                .singleElement()
                .satisfies(fee -> assertThat(fee.amount()).isEqualByComparingTo("15.00"));
        assertThat(desk().campaigns(clinic.sid())).containsExactly(created.getSid());
    }

    @Test
    void refusesACampaignOfABrandNotApprovedOrASecondOneOnTheService() {
        String[] bundles = registrar.approvedBundles();
        desk().reviewDelay(Duration.ofDays(1));
        String pendingBrand =
                BrandRegistration.creator(bundles[0], bundles[1]).create(client).getSid();
        String service = registrar.service(null);

        assertCode(() -> registrar.campaign(service, pendingBrand), 21717);

        twilio.simulator().clock().advance(Duration.ofDays(1));
        registrar.campaign(service, pendingBrand);

        assertCode(() -> registrar.campaign(service, pendingBrand), 20409);
        assertThat(desk().campaigns(clinic.sid())).hasSize(1);
        assertThat(desk().fees(clinic.sid()))
                .filteredOn(fee -> fee.kind() == RegistrationKind.CAMPAIGN)
                .hasSize(1);
    }

    @Test
    void checksTheCampaignsUseCaseTextsAndSamples() {
        String brand = registrar.approvedBrand();
        String service = registrar.service(null);

        assertCode(
                () -> UsAppToPerson.creator(
                                service,
                                brand,
                                Registrar.DESCRIPTION,
                                Registrar.FLOW,
                                Registrar.SAMPLES,
                                "RAFFLES",
                                false,
                                false)
                        .create(client),
                21720);
        assertCode(
                () -> UsAppToPerson.creator(
                                service, brand, "Reminders", Registrar.FLOW, Registrar.SAMPLES, "MIXED", false, false)
                        .create(client),
                21728);
        assertCode(
                () -> UsAppToPerson.creator(
                                service,
                                brand,
                                Registrar.DESCRIPTION,
                                Registrar.FLOW,
                                List.of(Registrar.SAMPLES.get(0)),
                                "MIXED",
                                false,
                                false)
                        .create(client),
                21728);
        assertCode(
                () -> UsAppToPerson.creator(
                                service, brand, Registrar.DESCRIPTION, "", Registrar.SAMPLES, "MIXED", false, false)
                        .create(client),
                21727);
        assertThat(desk().campaigns(clinic.sid())).isEmpty();
    }

    @Test
    void aFailedCampaignIsFixedAndResubmittedWithoutANewVettingFee() {
        String brand = registrar.approvedBrand();
        String service = registrar.service(null);
        desk().rejectNext(
                        RegistrationKind.CAMPAIGN,
                        Rejection.of(30886, "Campaign vetting rejection - Invalid Campaign Description"));
        String campaign = registrar.campaign(service, brand).getSid();
        desk().settle();

        UsAppToPerson failed = UsAppToPerson.fetcher(service, campaign).fetch(client);

        assertThat(failed.getCampaignStatus()).isEqualTo("FAILED");
        assertThat(failed.getErrors())
                .singleElement()
                .satisfies(error -> assertThat(map(error))
                        .containsEntry("code", 30886)
                        .containsEntry("description", "Campaign vetting rejection - Invalid Campaign Description"));

        UsAppToPerson resubmitted = UsAppToPerson.updater(
                        service,
                        campaign,
                        false,
                        false,
                        Registrar.SAMPLES,
                        Registrar.FLOW,
                        Registrar.DESCRIPTION + " Sent only to patients with a booked visit.",
                        false,
                        false)
                .update(client);

        assertThat(resubmitted.getCampaignStatus()).isEqualTo("IN_PROGRESS");
        assertThat(resubmitted.getDescription()).endsWith("booked visit.");
        assertThat(UsAppToPerson.fetcher(service, campaign).fetch(client).getCampaignStatus())
                .isEqualTo("VERIFIED");
        assertThat(desk().campaigns(clinic.sid())).containsExactly(campaign);
        assertThat(desk().fees(clinic.sid()))
                .filteredOn(fee -> fee.kind() == RegistrationKind.CAMPAIGN)
                .hasSize(1);
    }

    @Test
    void suspendsAnApprovedBrandAndAVerifiedCampaign() {
        String brand = registrar.approvedBrand();
        String service = registrar.service(null);
        String campaign = registrar.campaign(service, brand).getSid();
        desk().settle();

        desk().suspend(campaign);
        desk().suspend(brand);

        assertThat(UsAppToPerson.fetcher(service, campaign).fetch(client).getCampaignStatus())
                .isEqualTo("SUSPENDED");
        assertThat(BrandRegistration.fetcher(brand).fetch(client).getStatus())
                .isEqualTo(BrandRegistration.Status.SUSPENDED);
        assertCode(
                () -> UsAppToPerson.updater(
                                service,
                                campaign,
                                false,
                                false,
                                Registrar.SAMPLES,
                                Registrar.FLOW,
                                Registrar.DESCRIPTION,
                                false,
                                false)
                        .update(client),
                21729);
        assertThatThrownBy(() -> desk().suspend(campaign)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> desk().suspend("QE0123456789abcdef0123456789abcdef"))
                .isInstanceOf(IllegalArgumentException.class);

        UsAppToPerson.deleter(service, campaign).delete(client);

        assertThat(all(UsAppToPerson.reader(service).read(client))).isEmpty();
        assertThat(desk().status(campaign)).isEmpty();
        assertThat(desk().campaigns(clinic.sid())).containsExactly(campaign);
    }

    @Test
    void deletingTheServiceDeletesItsCampaign() {
        String brand = registrar.approvedBrand();
        String service = registrar.service(null);
        String campaign = registrar.campaign(service, brand).getSid();

        Service.deleter(service).delete(client);

        assertThat(desk().status(campaign)).isEmpty();
        assertThat(desk().campaigns(clinic.sid())).containsExactly(campaign);
    }

    @Test
    void listsTheUseCases() {
        String brand = registrar.approvedBrand();
        String service = registrar.service(null);

        UsAppToPersonUsecase forBrand = UsAppToPersonUsecase.fetcher(service)
                .setBrandRegistrationSid(brand)
                .fetch(client);
        Usecase all = Usecase.fetcher().fetch(client);

        assertThat(forBrand.getUsAppToPersonUsecases())
                .extracting(usecase -> map(usecase).get("code"))
                .contains("ACCOUNT_NOTIFICATION", "MIXED", "LOW_VOLUME");
        assertThat(all.getUsecases())
                .extracting(usecase -> map(usecase).get("code"))
                .contains("MARKETING");
    }

    @Test
    void anAccountSeesAndUsesOnlyItsOwnBrandsAndCampaigns() {
        String brand = registrar.approvedBrand();
        String service = registrar.service(null);
        String campaign = registrar.campaign(service, brand).getSid();
        SimulatedAccount other = twilio.simulator().createAccount("Clinique B");
        TwilioRestClient otherClient = twilio.simulator().restClient(other);
        String otherService = new Registrar(twilio.simulator(), otherClient).service(null);

        assertCode(() -> BrandRegistration.fetcher(brand).fetch(otherClient), 20404);
        assertCode(() -> UsAppToPerson.fetcher(service, campaign).fetch(otherClient), 20404);
        assertCode(() -> new Registrar(twilio.simulator(), otherClient).campaign(otherService, brand), 21717);
        assertThat(all(BrandRegistration.reader().read(otherClient))).isEmpty();
        assertThat(desk().brands(other.sid())).isEmpty();
        assertThat(desk().fees(other.sid())).isEmpty();
    }

    @Test
    void aBundleUsedByABrandCannotBeDeleted() {
        BrandRegistration brand = registrar.brand();

        assertCode(
                () -> com.twilio.rest.trusthub.v1.CustomerProfiles.deleter(brand.getCustomerProfileBundleSid())
                        .delete(client),
                21647);
        assertCode(
                () -> com.twilio.rest.trusthub.v1.TrustProducts.deleter(brand.getA2pProfileBundleSid())
                        .delete(client),
                21647);
    }
}
