package io.tenanttwilio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.audit.AuditEvent;
import io.tenanttwilio.guardrails.Alert;
import io.tenanttwilio.guardrails.CanadianLongCodes;
import io.tenanttwilio.guardrails.JobReport;
import io.tenanttwilio.guardrails.TenantPolicy;
import io.tenanttwilio.guardrails.UnregisteredTraffic;
import io.tenanttwilio.messaging.SmsRequest;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.PurchaseRequest;
import io.tenanttwilio.numbers.VerificationReport;
import io.tenanttwilio.numbers.VerificationReport.Check;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.registration.BusinessProfile;
import io.tenanttwilio.registration.CampaignDetails;
import io.tenanttwilio.registration.CarrierRegistration;
import io.tenanttwilio.registration.FieldProblem;
import io.tenanttwilio.registration.InvalidRegistrationException;
import io.tenanttwilio.registration.Registration;
import io.tenanttwilio.registration.RegistrationRequest;
import io.tenanttwilio.registration.SendCheck;
import io.tenanttwilio.registration.TollFreeRequest;
import io.tenanttwilio.registration.TollFreeVerification;
import io.tenanttwilio.test.simulator.Endpoint;
import io.tenanttwilio.test.simulator.NumberType;
import io.tenanttwilio.test.simulator.RegistrationKind;
import io.tenanttwilio.test.simulator.Rejection;
import io.tenanttwilio.test.simulator.SimulatedAccount;
import io.tenanttwilio.test.simulator.SimulatedMessage;
import io.tenanttwilio.test.simulator.SimulatorClock;
import io.tenanttwilio.test.simulator.TwilioSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Carrier registration end to end against the simulator: the A2P 10DLC saga through its reviews
 * (rejected, corrected, approved), the send check before and after, toll-free verification,
 * status events through the webhook servlet, faults on the paid steps, and bad input.
 */
class CarrierRegistrationIT {

    private static final TenantId CLINIC = TenantId.of("clinique-us");
    private static final String US_PATIENT = "+12125550142";
    private static final String CA_PATIENT = "+15815006712";

    private static TwilioSimulator simulator;
    private static WebhookServer server;

    private SdkFixture sdk;
    private SimulatedAccount account;
    private CarrierRegistration registration;

    @BeforeAll
    static void start() throws Exception {
        simulator = TwilioSimulator.start();
        server = new WebhookServer();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        simulator.close();
    }

    @BeforeEach
    void clinic() {
        simulator.reset();
        sdk = SdkFixture.on(simulator).publicUrl(server.baseUrl()).build();
        server.use(sdk.twilio.webhooks());
        account = simulator.createAccount("Clinique US");
        registration = sdk.twilio.registration();
    }

    @AfterEach
    void close() {
        sdk.close();
    }

    private NumberRecord buy(String key, String areaCode) {
        return sdk.twilio
                .provisioner()
                .purchase(PurchaseRequest.builder(CLINIC, key)
                        .areaCode(areaCode)
                        .credentials(account.credentials())
                        .build())
                .record();
    }

    private NumberRecord buyTollFree() {
        String number =
                simulator.availableNumbers("US", NumberType.TOLL_FREE).get(0).phoneNumber();
        return sdk.twilio
                .provisioner()
                .purchase(PurchaseRequest.builder(CLINIC, "toll-free")
                        .number(PhoneNumber.ofE164(number))
                        .credentials(account.credentials())
                        .build())
                .record();
    }

    static BusinessProfile.Builder profile() {
        return BusinessProfile.builder()
                .legalName("Clinique Santé Plus Inc.")
                .businessType(BusinessProfile.BusinessType.CORPORATION)
                .industry(BusinessProfile.Industry.HEALTHCARE)
                .registrationAuthority(BusinessProfile.RegistrationAuthority.EIN)
                .registrationNumber("12-3456789")
                .website("https://www.cliniquesante.example")
                .street("100 Main Street")
                .city("New York")
                .region("NY")
                .postalCode("10001")
                .country("US")
                .contactFirstName("Marie")
                .contactLastName("Tremblay")
                .contactEmail("marie@clinique-a.example")
                .contactPhone("+12125550100")
                .contactTitle("Directrice");
    }

    static CampaignDetails campaign() {
        return CampaignDetails.builder()
                .useCase(CampaignDetails.UseCase.ACCOUNT_NOTIFICATION)
                .description("Appointment reminders and answers to patients' questions about their appointments.")
                .messageFlow("Patients give their mobile number at the front desk and agree to receive texts about"
                        + " their appointments.")
                .sample("Clinique Santé Plus: your appointment is tomorrow at 10:00. Reply STOP to opt out.")
                .sample("Clinique Santé Plus: we received your message and will call you back today.")
                .build();
    }

    private RegistrationRequest request(BusinessProfile profile) {
        return RegistrationRequest.builder(CLINIC)
                .profile(profile)
                .campaign(campaign())
                .build();
    }

    /** Reviews settle at the simulator, then the SDK reads them (as the job or an event would). */
    private Registration settleAndRefresh() {
        simulator.registrations().settle();
        simulator.awaitCallbacks(Duration.ofSeconds(10)); // the status events, handled by the SDK
        registration.refresh(CLINIC);
        simulator.awaitCallbacks(Duration.ofSeconds(10));
        return registration.registration(CLINIC).orElseThrow();
    }

    private SmsRequest text(String to) {
        return SmsRequest.to(to).body("Rappel : rendez-vous demain à 10 h.").build();
    }

    private List<SimulatedMessage> sentTo(String to) {
        return simulator.messages().stream().filter(m -> m.to().equals(to)).collect(Collectors.toList());
    }

    @Test
    void aUsClinicIsRejectedOnceCorrectsAndTextsTheUsOnceApproved() {
        buy("local", "212");
        TenantTwilioException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> sdk.twilio.client(CLINIC).sendSms(text(US_PATIENT)), TenantTwilioException.class);
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.REGISTRATION_REQUIRED);
        assertThat(refused.userMessage(Locale.CANADA_FRENCH)).contains("Conformité");
        assertThat(sentTo(US_PATIENT)).as("refused before Twilio was called").isEmpty();
        assertThat(sdk.twilio.client(CLINIC).sendSms(text(CA_PATIENT)).status())
                .as("Canada to Canada needs nothing")
                .isNotNull();

        simulator.registrations().rejectNext(RegistrationKind.BRAND, Rejection.of(30794, "Tax id mismatch"));
        Registration submitted = registration.register(
                request(profile().registrationNumber("98-7654321").build()));
        assertThat(submitted.state()).isEqualTo(Registration.State.IN_REVIEW);
        assertThat(submitted.status(Registration.Step.BUSINESS_PROFILE)).isEqualTo(Registration.StepStatus.IN_REVIEW);
        assertThat(registration
                        .check(CLINIC, number(), PhoneNumber.ofE164(US_PATIENT))
                        .isPending())
                .isTrue();

        Registration rejected = settleAndRefresh(); // profiles approved: the brand is registered
        if (rejected.state() != Registration.State.REJECTED) {
            rejected = settleAndRefresh(); // the brand's review
        }
        assertThat(rejected.state()).isEqualTo(Registration.State.REJECTED);
        assertThat(rejected.status(Registration.Step.BRAND)).isEqualTo(Registration.StepStatus.REJECTED);
        assertThat(rejected.reasons()).extracting(r -> r.code().orElse(0)).contains(30794);
        assertThat(rejected.reasons().get(0).message(Locale.CANADA_FRENCH)).contains("numéro d’enregistrement");
        assertThat(sdk.alerts.alerts()).extracting(Alert::type).contains(Alert.Type.REGISTRATION_REJECTED);

        Registration corrected = registration.register(request(profile().build()));
        assertThat(corrected.state()).isEqualTo(Registration.State.IN_REVIEW);
        Registration approved = corrected;
        for (int i = 0; i < 4 && approved.state() != Registration.State.APPROVED; i++) {
            approved = settleAndRefresh();
        }
        assertThat(approved.state()).isEqualTo(Registration.State.APPROVED);
        assertThat(approved.steps().values()).containsOnly(Registration.StepStatus.APPROVED);
        assertThat(simulator.registrations().brands(account.sid()))
                .as("never a second brand")
                .hasSize(1);
        assertThat(simulator.registrations().campaigns(account.sid())).hasSize(1);
        assertThat(sdk.alerts.alerts()).extracting(Alert::type).contains(Alert.Type.REGISTRATION_APPROVED);
        assertThat(sdk.audit.events())
                .filteredOn(e -> e.action() == AuditAction.REGISTRATION_STEP)
                .extracting(e -> e.details().get("step"))
                .contains("create-brand", "create-campaign", "resubmit-brand", "submit-profile");
        assertThat(sdk.audit.events())
                .filteredOn(e -> e.action() == AuditAction.REGISTRATION_STEP
                        && "create-brand".equals(e.details().get("step")))
                .extracting(AuditEvent::twilioRequestId)
                .allMatch(id -> id.isPresent());

        sdk.twilio.client(CLINIC).sendSms(text(US_PATIENT));
        simulator.awaitCallbacks(Duration.ofSeconds(10));
        assertThat(sentTo(US_PATIENT))
                .singleElement()
                .satisfies(m -> assertThat(m.status()).isEqualTo("delivered"));
    }

    @Test
    void purchasesVerificationsAndRepairsKnowTheRegistration() {
        io.tenanttwilio.numbers.PurchaseResult first = sdk.twilio
                .provisioner()
                .purchase(PurchaseRequest.builder(CLINIC, "first")
                        .areaCode("212")
                        .credentials(account.credentials())
                        .build());
        assertThat(first.isActive()).as("registration does not fail a purchase").isTrue();
        assertThat(first.notices())
                .singleElement()
                .satisfies(
                        notice -> assertThat(notice.text(Locale.CANADA_FRENCH)).contains("Conformité"));
        assertThat(first.verification()
                        .orElseThrow()
                        .line(Check.REGISTRATION)
                        .orElseThrow()
                        .status())
                .isEqualTo(VerificationReport.Status.SKIPPED);

        Registration approved = registration.register(request(profile().build()));
        for (int i = 0; i < 4 && approved.state() != Registration.State.APPROVED; i++) {
            approved = settleAndRefresh();
        }
        assertThat(approved.state()).isEqualTo(Registration.State.APPROVED);
        String service = approved.sid(Registration.Resource.MESSAGING_SERVICE).orElseThrow();

        io.tenanttwilio.numbers.PurchaseResult second = sdk.twilio
                .provisioner()
                .purchase(PurchaseRequest.builder(CLINIC, "second")
                        .areaCode("415")
                        .build());
        assertThat(second.notices()).isEmpty();
        assertThat(second.verification()
                        .orElseThrow()
                        .line(Check.REGISTRATION)
                        .orElseThrow()
                        .status())
                .as("a number bought after approval joins the campaign's service")
                .isEqualTo(VerificationReport.Status.PASSED);

        PhoneNumber firstNumber = first.phoneNumber().orElseThrow();
        com.twilio.rest.messaging.v1.service.PhoneNumber.deleter(
                        service, first.record().twilioSid().orElseThrow())
                .delete(simulator.restClient(account));
        VerificationReport drifted = sdk.twilio.provisioner().verify(CLINIC, firstNumber);
        assertThat(drifted.line(Check.REGISTRATION).orElseThrow().status()).isEqualTo(VerificationReport.Status.FAILED);
        assertThat(drifted.line(Check.REGISTRATION).orElseThrow().fix(Locale.CANADA_FRENCH))
                .contains("Réparer");
        VerificationReport repaired = sdk.twilio.provisioner().repair(CLINIC, firstNumber);
        assertThat(repaired.line(Check.REGISTRATION).orElseThrow().status())
                .isEqualTo(VerificationReport.Status.PASSED);
        assertThat(repaired.passed()).isTrue();
    }

    private PhoneNumber number() {
        return sdk.registry.findByTenant(CLINIC).get(0).phoneNumber().orElseThrow();
    }

    @Test
    void statusEventsFromTwilioMoveTheRegistrationWithoutAPoll() {
        buy("local", "212");
        registration.register(request(profile().build()));
        simulator.registrations().settle(); // profiles approved (no event for profiles)
        registration.refresh(CLINIC); // brand created
        assertThat(registration.registration(CLINIC).orElseThrow().sid(Registration.Resource.BRAND))
                .isPresent();
        simulator.registrations().settle(); // brand approved: a signed event reaches /twilio/events/{tenant}
        simulator.awaitCallbacks(Duration.ofSeconds(10));
        Registration afterEvent = registration.registration(CLINIC).orElseThrow();
        assertThat(afterEvent.brandStatus()).contains("APPROVED");
        assertThat(afterEvent.sid(Registration.Resource.CAMPAIGN))
                .as("the event carried the saga on")
                .isPresent();
        assertThat(afterEvent.has(Registration.Mark.EVENTS_SUBSCRIBED)).isTrue();
    }

    @Test
    void aLostAnswerOnThePaidStepsNeverPaysTwice() {
        buy("local", "212");
        registration.register(request(profile().build()));
        simulator.registrations().settle();
        // The brand is created but its answer is lost, and Twilio stays unreachable for the lookup.
        simulator.fault(Endpoint.BRAND_REGISTRATIONS).afterProcessing().always().respondWithStatus(500);
        assertThatThrownBy(() -> registration.refresh(CLINIC))
                .isInstanceOfSatisfying(
                        TenantTwilioException.class,
                        e -> assertThat(e.errorCode()).isIn(ErrorCode.OUTCOME_UNKNOWN, ErrorCode.TWILIO_UNAVAILABLE));
        simulator.clearFaults();
        Registration pending = registration.registration(CLINIC).orElseThrow();
        assertThat(pending.state()).isEqualTo(Registration.State.SUBMITTING);
        assertThat(pending.problem()).isPresent();
        assertThat(pending.leaseUntil())
                .as("a failed pass gives its lease back")
                .isEmpty();
        assertThat(pending.nextCheckAt()).as("the job carries it on").isPresent();
        Registration carried = registration.refresh(CLINIC).orElseThrow();
        assertThat(carried.sid(Registration.Resource.BRAND)).isPresent();
        assertThat(simulator.registrations().brands(account.sid()))
                .as("found again, not bought again")
                .hasSize(1);

        // Once: the answer is lost, the lookup that follows finds the brand at once.
        simulator.registrations().settle();
        simulator.fault(Endpoint.CAMPAIGNS).afterProcessing().times(1).respondWithStatus(500);
        Registration campaign = registration.refresh(CLINIC).orElseThrow();
        assertThat(campaign.sid(Registration.Resource.CAMPAIGN)).isPresent();
        simulator.fault(Endpoint.TRUSTHUB).times(1).resetConnection();
        try {
            registration.refresh(CLINIC);
        } catch (TenantTwilioException e) {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.TWILIO_UNAVAILABLE);
        }
        Registration done = registration.refresh(CLINIC).orElseThrow();
        for (int i = 0; i < 3 && done.state() != Registration.State.APPROVED; i++) {
            done = settleAndRefresh();
        }
        assertThat(done.state()).isEqualTo(Registration.State.APPROVED);
        assertThat(simulator.registrations().brands(account.sid())).hasSize(1);
        assertThat(simulator.registrations().campaigns(account.sid())).hasSize(1);
        assertThat(simulator.registrations().fees(account.sid())).hasSize(2);
    }

    @Test
    void theScheduledJobFollowsARegistrationToItsEndBackingOffMeanwhile() {
        sdk.close();
        SimulatorClock clock = simulator.clock();
        // Status events go nowhere here: only the job follows the reviews.
        sdk = SdkFixture.on(simulator)
                .publicUrl(java.net.URI.create(server.baseUrl() + "/nowhere"))
                .clock(clock)
                .build();
        registration = sdk.twilio.registration();
        buy("local", "212");
        Registration submitted = registration.register(request(profile().build()));
        assertThat(submitted.nextCheckAt().orElseThrow())
                .isAfter(clock.instant())
                .isBefore(clock.instant().plus(Duration.ofMinutes(2)));
        simulator.registrations().settle();
        JobReport early = sdk.twilio.jobs().followRegistrations();
        assertThat(registration.registration(CLINIC).orElseThrow().sid(Registration.Resource.BRAND))
                .as("nothing is due before its time")
                .isEmpty();
        for (int i = 0;
                i < 6 && registration.registration(CLINIC).orElseThrow().state() != Registration.State.APPROVED;
                i++) {
            clock.advance(Duration.ofHours(7));
            simulator.registrations().settle();
            sdk.twilio.jobs().followRegistrations();
        }
        Registration approved = registration.registration(CLINIC).orElseThrow();
        assertThat(approved.state()).isEqualTo(Registration.State.APPROVED);
        assertThat(approved.nextCheckAt().orElseThrow())
                .as("an approved registration is checked daily for suspension")
                .isAfter(approved.updatedAt().plus(Duration.ofHours(23)));
        assertThat(early.outcome()).isNotNull();
    }

    @Test
    void anInstanceThatDiedMidPassHoldsTheRegistrationOnlyUntilItsLeaseEnds() {
        sdk.close();
        SimulatorClock clock = simulator.clock();
        sdk = SdkFixture.on(simulator).publicUrl(server.baseUrl()).clock(clock).build();
        registration = sdk.twilio.registration();
        buy("local", "212");
        registration.register(request(profile().build()));
        simulator.registrations().settle();
        // An instance claims the registration for a pass, then dies before giving it back.
        Registration before = registration.registration(CLINIC).orElseThrow();
        sdk.stores
                .registrations()
                .update(
                        before,
                        before.toBuilder()
                                .leaseUntil(clock.instant().plus(Duration.ofMinutes(2)))
                                .build())
                .orElseThrow();

        Registration held = registration.refresh(CLINIC).orElseThrow();
        assertThat(held.sid(Registration.Resource.BRAND))
                .as("left to the pass under way")
                .isEmpty();
        assertThat(simulator.requests(Endpoint.BRAND_REGISTRATIONS)).isEmpty();

        clock.advance(Duration.ofMinutes(3));
        Registration carried = registration.refresh(CLINIC).orElseThrow();
        assertThat(carried.sid(Registration.Resource.BRAND))
                .as("carried on once the dead instance's lease ended")
                .isPresent();
        assertThat(carried.leaseUntil()).isEmpty();
        assertThat(simulator.registrations().brands(account.sid())).hasSize(1);
    }

    @Test
    void aTollFreeNumberIsVerifiedWithAQuebecNeqCorrectedAfterARejection() {
        NumberRecord tollFree = buyTollFree();
        PhoneNumber number = tollFree.phoneNumber().orElseThrow();
        TenantTwilioException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> sdk.twilio
                        .client(CLINIC)
                        .sendSms(SmsRequest.to(CA_PATIENT)
                                .body("Rappel")
                                .from(number)
                                .build()),
                TenantTwilioException.class);
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.TOLL_FREE_VERIFICATION_REQUIRED);
        assertThat(sentTo(CA_PATIENT)).isEmpty();

        BusinessProfile quebec = profile()
                .registrationAuthority(BusinessProfile.RegistrationAuthority.NEQ)
                .registrationNumber("1171234567")
                .city("Québec")
                .region("QC")
                .postalCode("G1R 4P5")
                .country("CA")
                .contactPhone("+14185550100")
                .build();
        simulator.registrations().rejectNext(RegistrationKind.TOLL_FREE, Rejection.of(30446, "Opt-in unclear"));
        TollFreeRequest request = TollFreeRequest.builder()
                .tenant(CLINIC)
                .number(number)
                .business(quebec)
                .useCaseCategories(TollFreeRequest.UseCaseCategory.ACCOUNT_NOTIFICATIONS)
                .useCaseSummary("Appointment reminders for the clinic's patients.")
                .productionMessageSample("Clinique: rendez-vous demain à 10 h. Répondez ARRÊT pour vous désabonner.")
                .optInType(TollFreeRequest.OptInType.PAPER_FORM)
                .optInImageUrl("https://www.cliniquesante.example/consentement.png")
                .messageVolume("1,000")
                .build();
        TollFreeVerification submitted = registration.verifyTollFree(request);
        assertThat(submitted.status().isPending()).isTrue();
        simulator.registrations().settle();
        registration.refresh(CLINIC);
        TollFreeVerification rejected =
                registration.tollFreeVerification(CLINIC, number).orElseThrow();
        assertThat(rejected.status()).isEqualTo(TollFreeVerification.Status.TWILIO_REJECTED);
        assertThat(rejected.editAllowed()).isTrue();
        assertThat(rejected.reasons().get(0).message(Locale.CANADA_FRENCH)).contains("consentement");

        TollFreeVerification edited = registration.verifyTollFree(request.toBuilder()
                .optInImageUrl("https://www.cliniquesante.example/formulaire.pdf")
                .build());
        assertThat(edited.status().isPending()).isTrue();
        assertThat(edited.verificationSid()).isEqualTo(rejected.verificationSid());
        simulator.registrations().settle();
        registration.refresh(CLINIC);
        assertThat(registration
                        .tollFreeVerification(CLINIC, number)
                        .orElseThrow()
                        .status())
                .isEqualTo(TollFreeVerification.Status.TWILIO_APPROVED);
        assertThat(registration
                        .check(CLINIC, number, PhoneNumber.ofE164(CA_PATIENT))
                        .isAllowed())
                .isTrue();
        assertThat(sdk.alerts.alerts())
                .extracting(Alert::type)
                .contains(Alert.Type.TOLL_FREE_REJECTED, Alert.Type.TOLL_FREE_APPROVED);
    }

    @Test
    void theTenantsPolicyMayWarnAndSendAndTheCarriersErrorAlertsOnce() {
        sdk.twilio.updatePolicy(
                CLINIC,
                TenantPolicy.builder()
                        .unregisteredTraffic(UnregisteredTraffic.WARN)
                        .build());
        buy("local", "212");
        sdk.twilio.client(CLINIC).sendSms(text(US_PATIENT));
        sdk.twilio.client(CLINIC).sendSms(text(US_PATIENT));
        simulator.awaitCallbacks(Duration.ofSeconds(10));
        assertThat(sentTo(US_PATIENT)).hasSize(2).allSatisfy(m -> {
            assertThat(m.status()).isEqualTo("undelivered");
            assertThat(m.errorCode()).isEqualTo(30034);
        });
        assertThat(sdk.alerts.alerts())
                .filteredOn(a -> a.type() == Alert.Type.REGISTRATION_NEEDED)
                .hasSize(1);
        assertThat(sdk.audit.events())
                .filteredOn(e -> e.action() == AuditAction.UNREGISTERED_SEND)
                .hasSize(2);
    }

    @Test
    void canadianLongCodesFollowTheTenantsRule() {
        NumberRecord quebec = buy("local", "418");
        PhoneNumber from = quebec.phoneNumber().orElseThrow();
        PhoneNumber patient = PhoneNumber.ofE164(CA_PATIENT);
        assertThat(registration.check(CLINIC, from, patient)).isEqualTo(SendCheck.allowed());
        assertThat(registration
                        .check(CLINIC, from, PhoneNumber.ofE164(US_PATIENT))
                        .verdict())
                .isEqualTo(SendCheck.Verdict.REGISTRATION_REQUIRED);
        sdk.twilio.updatePolicy(
                CLINIC,
                TenantPolicy.builder()
                        .canadianLongCodes(CanadianLongCodes.REGISTRATION_FOR_NUMBERS_FROM_2025_03_26)
                        .build());
        assertThat(registration.check(CLINIC, from, patient).verdict())
                .as("bought today, after 2025-03-26")
                .isEqualTo(SendCheck.Verdict.REGISTRATION_REQUIRED);
        assertThat(registration.check(CLINIC, from, patient).message(Locale.ENGLISH))
                .contains("Compliance");
    }

    @Test
    void badInputIsRefusedFieldByFieldInFrenchAndEnglishAndNothingReachesTwilio() {
        simulator.clearRequests();
        InvalidRegistrationException invalid = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> profile()
                        .legalName("<b>Clinique</b>")
                        .registrationNumber("12345")
                        .website("not a site")
                        .postalCode("ABCDE")
                        .contactEmail("marie")
                        .contactPhone("12")
                        .contactTitle("x".repeat(101))
                        .build(),
                InvalidRegistrationException.class);
        assertThat(invalid.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(invalid.problems())
                .extracting(FieldProblem::field)
                .containsExactly(
                        "legalName",
                        "registrationNumber",
                        "website",
                        "postalCode",
                        "contactEmail",
                        "contactPhone",
                        "contactTitle");
        assertThat(invalid.problems().get(1).message(Locale.CANADA_FRENCH)).contains("9 chiffres");
        assertThat(invalid.problems().get(1).message(Locale.ENGLISH)).contains("9 digits");
        assertThat(invalid.getMessage()).doesNotContain("Clinique").doesNotContain("marie");
        InvalidRegistrationException samples = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> campaign().toBuilder()
                        .samples(List.of("See https://x.example/a for details of your visit", ""))
                        .description("")
                        .build(),
                InvalidRegistrationException.class);
        assertThat(samples.problems())
                .extracting(FieldProblem::field)
                .contains("description", "samples", "hasEmbeddedLinks");
        assertThat(BusinessProfile.builder().problems())
                .extracting(FieldProblem::field)
                .contains("legalName", "businessType", "registrationAuthority", "website", "country");
        assertThat(simulator.requests()).isEmpty();
    }
}
