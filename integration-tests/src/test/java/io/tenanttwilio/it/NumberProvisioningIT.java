package io.tenanttwilio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.account.AccountInfo;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.audit.AuditEvent;
import io.tenanttwilio.numbers.AvailableNumber;
import io.tenanttwilio.numbers.FailurePolicy;
import io.tenanttwilio.numbers.NumberLifecycleListener;
import io.tenanttwilio.numbers.NumberSearch;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.numbers.PurchaseRequest;
import io.tenanttwilio.numbers.PurchaseResult;
import io.tenanttwilio.numbers.PurchaseStep;
import io.tenanttwilio.numbers.ReleaseResult;
import io.tenanttwilio.numbers.VerificationReport;
import io.tenanttwilio.numbers.VerificationReport.Check;
import io.tenanttwilio.numbers.VerificationReport.Status;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.test.junit.TwilioSimulatorExtension;
import io.tenanttwilio.test.simulator.Endpoint;
import io.tenanttwilio.test.simulator.RecordedRequest;
import io.tenanttwilio.test.simulator.SimulatedAccount;
import io.tenanttwilio.test.simulator.SimulatedNumber;
import io.tenanttwilio.test.simulator.TwilioSimulator;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Credentials, search, purchase, verification, repair and release, against the simulator. */
class NumberProvisioningIT {

    private static final TenantId CLINIC_A = TenantId.of("clinique-a");
    private static final TenantId CLINIC_B = TenantId.of("clinique-b");

    @RegisterExtension
    static final TwilioSimulatorExtension twilio = TwilioSimulatorExtension.create();

    private SdkFixture sdk;
    private SimulatedAccount account;

    @BeforeEach
    void sdk() {
        sdk = SdkFixture.on(simulator()).build();
        account = simulator().createAccount("Clinique A");
    }

    @AfterEach
    void close() {
        sdk.close();
    }

    private TwilioSimulator simulator() {
        return twilio.simulator();
    }

    private PurchaseResult buyFirst418(TenantId tenant, TwilioCredentials credentials, String key) {
        return sdk.twilio.provisioner().purchase(first418(tenant, credentials, key));
    }

    /** A request to buy the first 418 number for sale, with credentials not stored yet. */
    private PurchaseRequest first418(TenantId tenant, TwilioCredentials credentials, String key) {
        List<AvailableNumber> found = sdk.twilio
                .provisioner()
                .search(credentials, NumberSearch.builder("CA").areaCode("418").build());
        return PurchaseRequest.builder(tenant, key)
                .number(found.get(0).phoneNumber())
                .credentials(credentials)
                .build();
    }

    @Test
    void aNewTenantChecksItsCredentialsSearches418AndBuysAWorkingNumber() {
        AccountInfo info = sdk.twilio.provisioner().validateCredentials(account.credentials());
        List<AvailableNumber> found = sdk.twilio
                .provisioner()
                .search(
                        account.credentials(),
                        NumberSearch.builder("CA").areaCode("418").limit(5).build());
        assertThat(sdk.credentials.find(CLINIC_A))
                .as("nothing saved before the purchase")
                .isEmpty();

        PurchaseResult result = sdk.twilio
                .provisioner()
                .purchase(PurchaseRequest.builder(CLINIC_A, "form-1")
                        .number(found.get(0).phoneNumber())
                        .credentials(account.credentials())
                        .build());

        assertThat(info.status()).isEqualTo(AccountInfo.Status.ACTIVE);
        assertThat(info.balance()).contains(new BigDecimal("20.00000"));
        assertThat(found).hasSize(5).allSatisfy(n -> {
            assertThat(n.phoneNumber().e164()).startsWith("+1418");
            assertThat(n.sms()).isTrue();
            assertThat(n.displayName()).startsWith("(418)");
        });
        assertThat(result.isActive()).isTrue();
        assertThat(result.verification()).hasValueSatisfying(report -> {
            assertThat(report.passed()).isTrue();
            assertThat(report.lines())
                    .filteredOn(l -> l.check() != Check.TEST_MESSAGE && l.check() != Check.REGISTRATION)
                    .allSatisfy(l -> assertThat(l.status()).isEqualTo(Status.PASSED));
            // A Canadian long code texting Canadians needs no carrier registration.
            assertThat(report.line(Check.REGISTRATION))
                    .hasValueSatisfying(l -> assertThat(l.status()).isEqualTo(Status.SKIPPED));
        });
        SimulatedNumber atTwilio =
                simulator().number(found.get(0).phoneNumber().e164()).orElseThrow();
        assertThat(atTwilio.accountSid()).isEqualTo(account.sid());
        assertThat(atTwilio.smsUrl())
                .isEqualTo(result.record().smsUrl())
                .startsWith("https://clinic.example/twilio/sms/");
        assertThat(atTwilio.statusCallback())
                .isEqualTo(result.record().statusCallbackUrl())
                .startsWith("https://clinic.example/twilio/status/");
        assertThat(atTwilio.smsMethod()).isEqualTo("POST");
        assertThat(atTwilio.friendlyName()).startsWith("clinique-a #");
        assertThat(sdk.credentials.find(CLINIC_A)).contains(account.credentials());
        assertThat(sdk.twilio.client(CLINIC_A).numbers())
                .singleElement()
                .satisfies(r -> assertThat(r.state()).isEqualTo(NumberState.ACTIVE));
        assertThat(sdk.twilio
                        .provisioner()
                        .verify(CLINIC_A, found.get(0).phoneNumber())
                        .passed())
                .isTrue();
        assertThat(result.steps())
                .extracting(PurchaseStep::step)
                .containsExactly(
                        PurchaseStep.Step.CHECK_CREDENTIALS,
                        PurchaseStep.Step.BUY,
                        PurchaseStep.Step.SAVE_CREDENTIALS,
                        PurchaseStep.Step.CONFIGURE,
                        PurchaseStep.Step.VERIFY);
        assertThat(sdk.audit.events(CLINIC_A))
                .extracting(AuditEvent::action)
                .contains(
                        AuditAction.NUMBER_PURCHASE_STARTED,
                        AuditAction.NUMBER_PURCHASED,
                        AuditAction.CREDENTIALS_SAVED,
                        AuditAction.NUMBER_CONFIGURED,
                        AuditAction.NUMBER_VERIFIED);
    }

    @Test
    void buysByAreaCode() {
        sdk.credentials.save(CLINIC_A, account.credentials());

        PurchaseResult result = sdk.twilio
                .provisioner()
                .purchase(PurchaseRequest.builder(CLINIC_A, "k").areaCode("581").build());

        assertThat(result.isActive()).isTrue();
        assertThat(result.phoneNumber())
                .hasValueSatisfying(n -> assertThat(n.e164()).startsWith("+1581"));
    }

    @Test
    void malformedCredentialsAreRefusedBeforeAnyCallToTwilio() {
        TenantTwilioException e = catchThrowableOfType(
                TenantTwilioException.class,
                () -> sdk.twilio
                        .provisioner()
                        .validateCredentials(TwilioCredentials.ofAuthToken("ACgarbage", "x".repeat(32))));

        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CREDENTIALS_FORMAT);
        assertThat(simulator().requests()).isEmpty();
    }

    @Test
    void aWrongTokenIsRefusedClearlyAndNothingIsSaved() {
        TwilioCredentials wrong = TwilioCredentials.ofAuthToken(account.sid(), "0123456789abcdef0123456789abcdef");

        TenantTwilioException validation = catchThrowableOfType(
                TenantTwilioException.class, () -> sdk.twilio.provisioner().validateCredentials(wrong));
        TenantTwilioException purchase = catchThrowableOfType(
                TenantTwilioException.class,
                () -> sdk.twilio
                        .provisioner()
                        .purchase(PurchaseRequest.builder(CLINIC_A, "k")
                                .areaCode("418")
                                .credentials(wrong)
                                .build()));

        assertThat(validation.errorCode()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(validation.twilioErrorCode()).hasValue(20003);
        assertThat(validation.twilioRequestId())
                .hasValueSatisfying(id -> assertThat(id).startsWith("RQ"));
        assertThat(validation.userMessage(Locale.CANADA_FRENCH)).startsWith("Twilio a refusé ces identifiants.");
        assertThat(validation.getMessage()).doesNotContain("0123456789abcdef0123456789abcdef");
        assertThat(purchase.errorCode()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(sdk.credentials.find(CLINIC_A)).isEmpty();
        assertThat(sdk.registry.findByTenant(CLINIC_A)).isEmpty();
        assertThat(simulator().numbers()).isEmpty();
    }

    @Test
    void aSuspendedAccountIsReportedAsSuspended() {
        account.suspend();

        TenantTwilioException e = catchThrowableOfType(
                TenantTwilioException.class, () -> sdk.twilio.provisioner().validateCredentials(account.credentials()));

        assertThat(e.errorCode()).isEqualTo(ErrorCode.ACCOUNT_SUSPENDED);
        assertThat(e.userMessage(Locale.ENGLISH)).startsWith("This Twilio account is suspended.");
    }

    @Test
    void anAccountWithoutFundsGetsAnExplicitErrorAndNothingHalfDone() {
        account.balance(new BigDecimal("0.10"));

        TenantTwilioException e = catchThrowableOfType(
                TenantTwilioException.class, () -> buyFirst418(CLINIC_A, account.credentials(), "k"));

        assertThat(e.errorCode()).isEqualTo(ErrorCode.INSUFFICIENT_FUNDS);
        assertThat(e.twilioErrorCode()).hasValue(20005);
        assertThat(e.userMessage(Locale.FRENCH)).contains("solde du compte Twilio est insuffisant", "Aucun achat");
        assertNothingHalfDone();
        assertThat(sdk.registry.findByPurchaseKey(CLINIC_A, "k"))
                .hasValueSatisfying(r -> assertThat(r.state()).isEqualTo(NumberState.FAILED));
    }

    @Test
    void aTrialAccountBuyingASecondNumberIsToldToUpgrade() {
        account.trial();
        buyFirst418(CLINIC_A, account.credentials(), "first");

        TenantTwilioException e = catchThrowableOfType(
                TenantTwilioException.class, () -> buyFirst418(CLINIC_A, account.credentials(), "second"));

        assertThat(e.errorCode()).isEqualTo(ErrorCode.TRIAL_RESTRICTION);
        assertThat(e.twilioErrorCode()).hasValue(21404);
        assertThat(account.numbers()).hasSize(1);
    }

    @Test
    void aNumberTakenMeanwhileIsRefusedClearly() {
        List<AvailableNumber> found = sdk.twilio
                .provisioner()
                .search(
                        account.credentials(),
                        NumberSearch.builder("CA").areaCode("418").build());
        simulator().createAccount("Other").buyNumber(found.get(0).phoneNumber().e164());

        TenantTwilioException e = catchThrowableOfType(
                TenantTwilioException.class,
                () -> sdk.twilio
                        .provisioner()
                        .purchase(PurchaseRequest.builder(CLINIC_A, "k")
                                .number(found.get(0).phoneNumber())
                                .credentials(account.credentials())
                                .build()));

        assertThat(e.errorCode()).isEqualTo(ErrorCode.NUMBER_NOT_AVAILABLE);
        assertThat(e.userMessage(Locale.ENGLISH)).startsWith("This phone number is no longer available.");
        assertNothingHalfDone();
    }

    private void assertNothingHalfDone() {
        assertThat(simulator().numbers()).noneMatch(n -> n.accountSid().equals(account.sid()));
        assertThat(sdk.credentials.find(CLINIC_A)).isEmpty();
        assertThat(sdk.registry.findByTenant(CLINIC_A)).noneMatch(r -> r.state().isOwned());
    }

    @Test
    void aWebhookThatCannotBeConfiguredLeavesTheNumberNeedingAttentionWithInstructions() {
        simulator().fault(Endpoint.NUMBER_UPDATE).always().respondWithStatus(500);

        PurchaseResult result = buyFirst418(CLINIC_A, account.credentials(), "k");

        assertThat(result.state()).isEqualTo(NumberState.NEEDS_ATTENTION);
        assertThat(result.record().problem()).contains(ErrorCode.WEBHOOK_NOT_CONFIGURED);
        assertThat(result.manualInstructions()).hasValueSatisfying(instructions -> {
            assertThat(instructions.smsUrl()).isEqualTo(result.record().smsUrl());
            assertThat(instructions.text(Locale.FRENCH))
                    .contains(result.record().smsUrl(), "HTTP POST", "console Twilio");
            assertThat(instructions.text(Locale.ENGLISH))
                    .contains(result.record().statusCallbackUrl());
        });
        assertThat(simulator().requests(Endpoint.NUMBER_UPDATE)).hasSize(3);
        assertThat(simulator().numbers()).hasSize(1);
        assertThat(sdk.credentials.find(CLINIC_A))
                .as("the money was spent: the tenant keeps its number")
                .isPresent();
    }

    @Test
    void withTheReleasePolicyAnUnconfigurableNumberIsReleased() {
        sdk.close();
        sdk = SdkFixture.on(simulator()).failurePolicy(FailurePolicy.RELEASE).build();
        simulator().fault(Endpoint.NUMBER_UPDATE).always().respondWithStatus(500);

        PurchaseResult result = buyFirst418(CLINIC_A, account.credentials(), "k");

        assertThat(result.isReleased()).isTrue();
        assertThat(result.steps()).extracting(PurchaseStep::step).contains(PurchaseStep.Step.RELEASE);
        assertThat(simulator().numbers()).isEmpty();
        assertThat(sdk.audit.events(CLINIC_A))
                .anySatisfy(e -> assertThat(e.action()).isEqualTo(AuditAction.NUMBER_RELEASED));
    }

    @Test
    void aPurchaseRetriedWithTheSameKeyAfterATimeoutBuysOneNumber() {
        sdk.close();
        sdk = SdkFixture.on(simulator()).readTimeout(Duration.ofMillis(300)).build();
        simulator().fault(Endpoint.NUMBER_PURCHASE).afterProcessing().slowResponse(Duration.ofMillis(800));
        PurchaseRequest request = first418(CLINIC_A, account.credentials(), "form-7");

        PurchaseResult first = sdk.twilio.provisioner().purchase(request);
        PurchaseResult retried = sdk.twilio.provisioner().purchase(request);

        assertThat(simulator().requests(Endpoint.NUMBER_PURCHASE)).hasSize(1);
        assertThat(account.numbers()).hasSize(1);
        assertThat(first.isActive()).isTrue();
        assertThat(retried.record().id()).isEqualTo(first.record().id());
        assertThat(retried.steps()).extracting(PurchaseStep::outcome).containsOnly(PurchaseStep.Outcome.ALREADY_DONE);
    }

    @Test
    void aSecondClickWhileThePurchaseIsUnderWaySaysSoAndBuysNothingMore() throws Exception {
        // Twilio buys the number at once but answers the first click only 1.5 s later.
        simulator().fault(Endpoint.NUMBER_PURCHASE).afterProcessing().slowResponse(Duration.ofMillis(1500));
        PurchaseRequest request = first418(CLINIC_A, account.credentials(), "form-8");
        ExecutorService firstClick = Executors.newSingleThreadExecutor();
        try {
            Future<PurchaseResult> first =
                    firstClick.submit(() -> sdk.twilio.provisioner().purchase(request));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (account.numbers().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(first.isDone())
                    .as("the first click still waits for Twilio's answer")
                    .isFalse();

            TenantTwilioException second = catchThrowableOfType(
                    TenantTwilioException.class, () -> sdk.twilio.provisioner().purchase(request));

            assertThat(second).as("the second click is refused, not carried on").isNotNull();
            assertThat(second.errorCode()).isEqualTo(ErrorCode.PURCHASE_IN_PROGRESS);
            assertThat(second.errorCode().isRetryable()).isTrue();
            assertThat(second.userMessage(Locale.ENGLISH))
                    .contains("is being bought by an earlier request")
                    .contains("refresh the numbers list");
            assertThat(second.userMessage(Locale.FRENCH)).contains("est en cours d’achat");
            assertThat(first.get(10, TimeUnit.SECONDS).isActive()).isTrue();
            assertThat(sdk.twilio.provisioner().purchase(request).steps())
                    .extracting(PurchaseStep::outcome)
                    .containsOnly(PurchaseStep.Outcome.ALREADY_DONE);
            assertThat(simulator().requests(Endpoint.NUMBER_PURCHASE)).hasSize(1);
            assertThat(account.numbers()).hasSize(1);
        } finally {
            firstClick.shutdownNow();
        }
    }

    @Test
    void aPurchaseThatMeetsAServerErrorIsNotBlindlyResent() {
        simulator().fault(Endpoint.NUMBER_PURCHASE).afterProcessing().respondWithStatus(500);

        PurchaseResult result = buyFirst418(CLINIC_A, account.credentials(), "k");

        assertThat(simulator().requests(Endpoint.NUMBER_PURCHASE)).hasSize(1);
        assertThat(result.isActive()).isTrue();
        assertThat(account.numbers()).hasSize(1);
    }

    @Test
    void anUnknownOutcomeThatTwilioDoesNotShowIsNotAPurchaseYet() {
        simulator().fault(Endpoint.NUMBER_PURCHASE).respondWithStatus(503);

        TenantTwilioException e = catchThrowableOfType(
                TenantTwilioException.class, () -> buyFirst418(CLINIC_A, account.credentials(), "k"));

        assertThat(e.errorCode()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
        assertThat(e.userMessage(Locale.ENGLISH)).contains("Do not retry right away");
        assertThat(sdk.registry.findByPurchaseKey(CLINIC_A, "k"))
                .hasValueSatisfying(r -> assertThat(r.state()).isEqualTo(NumberState.PURCHASING));
        assertThat(simulator().requests(Endpoint.NUMBER_PURCHASE)).hasSize(1);
    }

    @Test
    void theSameKeyForAnotherNumberIsAConflict() {
        List<AvailableNumber> found = sdk.twilio
                .provisioner()
                .search(
                        account.credentials(),
                        NumberSearch.builder("CA").areaCode("418").build());
        buyFirst418(CLINIC_A, account.credentials(), "k");

        TenantTwilioException e = catchThrowableOfType(
                TenantTwilioException.class,
                () -> sdk.twilio
                        .provisioner()
                        .purchase(PurchaseRequest.builder(CLINIC_A, "k")
                                .number(found.get(1).phoneNumber())
                                .build()));

        assertThat(e.errorCode()).isEqualTo(ErrorCode.IDEMPOTENCY_CONFLICT);
        assertThat(account.numbers()).hasSize(1);
    }

    @Test
    void twoTenantsOnTwoAccountsEachUseTheirOwnCredentials() {
        SimulatedAccount other = simulator().createAccount("Clinique B");
        PurchaseResult a = buyFirst418(CLINIC_A, account.credentials(), "a");
        PurchaseResult b = buyFirst418(CLINIC_B, other.credentials(), "b");
        simulator().clearRequests();

        sdk.twilio.provisioner().verify(CLINIC_A, a.phoneNumber().orElseThrow());
        sdk.twilio.provisioner().verify(CLINIC_B, b.phoneNumber().orElseThrow());

        List<RecordedRequest> requests = simulator().requests();
        assertThat(requests).isNotEmpty().allSatisfy(request -> {
            assertThat(request.pathAccountSid() == null
                            || request.pathAccountSid().equals(request.username()))
                    .as("%s %s by %s", request.method(), request.path(), request.username())
                    .isTrue();
            assertThat(request.status()).isLessThan(400);
        });
        assertThat(requests).extracting(RecordedRequest::username).containsOnly(account.sid(), other.sid());
        assertThat(simulator()
                        .number(a.phoneNumber().get().e164())
                        .orElseThrow()
                        .accountSid())
                .isEqualTo(account.sid());
        assertThat(simulator()
                        .number(b.phoneNumber().get().e164())
                        .orElseThrow()
                        .accountSid())
                .isEqualTo(other.sid());
    }

    @Test
    void apiKeyCredentialsCallWithTheKeyAndTheAccountSidInThePath() {
        TwilioCredentials key = account.apiKeyCredentials();

        PurchaseResult result = buyFirst418(CLINIC_A, key, "k");

        assertThat(result.isActive()).isTrue();
        assertThat(simulator().requests(Endpoint.NUMBER_PURCHASE))
                .singleElement()
                .satisfies(request -> {
                    assertThat(request.username()).isEqualTo(key.apiKeySid().orElseThrow());
                    assertThat(request.pathAccountSid()).isEqualTo(account.sid());
                });
    }

    @Test
    void verificationFindsDriftAndRepairFixesIt() {
        PurchaseResult result = buyFirst418(CLINIC_A, account.credentials(), "k");
        PhoneNumber number = result.phoneNumber().orElseThrow();
        String app = account.createApplication("someone's app", "https://elsewhere.example/sms");
        simulator()
                .editNumber(
                        number.e164(),
                        n -> n.smsUrl("https://elsewhere.example/sms").smsApplicationSid(app));

        VerificationReport drifted = sdk.twilio.provisioner().verify(CLINIC_A, number);
        VerificationReport repaired = sdk.twilio.provisioner().repair(CLINIC_A, number);

        assertThat(drifted.passed()).isFalse();
        assertThat(drifted.line(Check.SMS_URL)).hasValueSatisfying(line -> {
            assertThat(line.status()).isEqualTo(Status.FAILED);
            assertThat(line.description(Locale.ENGLISH)).contains("https://elsewhere.example/sms");
            assertThat(line.fix(Locale.FRENCH))
                    .contains("Réparer", result.record().smsUrl());
        });
        assertThat(drifted.line(Check.NO_APPLICATION_OVERRIDE))
                .hasValueSatisfying(line -> assertThat(line.status()).isEqualTo(Status.FAILED));
        assertThat(sdk.registry.findById(result.record().id()).orElseThrow().state())
                .isIn(NumberState.ACTIVE, NumberState.NEEDS_ATTENTION);
        assertThat(repaired.passed()).isTrue();
        assertThat(simulator().number(number.e164()).orElseThrow().smsUrl())
                .isEqualTo(result.record().smsUrl());
        assertThat(sdk.registry.findById(result.record().id()).orElseThrow().state())
                .isEqualTo(NumberState.ACTIVE);
    }

    @Test
    void aMessagingServiceThatTakesTheMessagesIsReported() {
        PurchaseResult result = buyFirst418(CLINIC_A, account.credentials(), "k");
        String service = account.createMessagingService("Other service", "https://elsewhere.example/service");
        simulator().addToMessagingService(service, result.record().twilioSid().orElseThrow());

        VerificationReport report =
                sdk.twilio.provisioner().verify(CLINIC_A, result.phoneNumber().orElseThrow());

        assertThat(report.line(Check.NO_MESSAGING_SERVICE_OVERRIDE)).hasValueSatisfying(line -> {
            assertThat(line.status()).isEqualTo(Status.FAILED);
            assertThat(line.description(Locale.ENGLISH)).contains(service);
        });
    }

    @Test
    void verificationCanSendATestMessage() {
        PurchaseResult result = buyFirst418(CLINIC_A, account.credentials(), "k");

        VerificationReport report = sdk.twilio
                .provisioner()
                .verify(CLINIC_A, result.phoneNumber().orElseThrow(), PhoneNumber.ofE164("+15815550142"));

        assertThat(report.line(Check.TEST_MESSAGE))
                .hasValueSatisfying(line -> assertThat(line.status()).isEqualTo(Status.PASSED));
        assertThat(simulator().messages()).anySatisfy(m -> assertThat(m.to()).isEqualTo("+15815550142"));
    }

    @Test
    void releasingArchivesFirstThenReleasesAtTwilio() {
        List<String> archived = new ArrayList<>();
        sdk.close();
        sdk = SdkFixture.on(simulator())
                .listener(new NumberLifecycleListener() {
                    @Override
                    public void beforeRelease(TenantId tenant, PhoneNumber number) {
                        archived.add(tenant + " " + number.e164());
                    }
                })
                .build();
        PurchaseResult result = buyFirst418(CLINIC_A, account.credentials(), "k");
        PhoneNumber number = result.phoneNumber().orElseThrow();

        ReleaseResult released = sdk.twilio.provisioner().release(CLINIC_A, number);

        assertThat(archived).containsExactly("clinique-a " + number.e164());
        assertThat(released.releasedAtTwilio()).isTrue();
        assertThat(released.record().state()).isEqualTo(NumberState.RELEASED);
        assertThat(simulator().number(number.e164())).isEmpty();
        assertThat(sdk.twilio.client(CLINIC_A).numbers()).isEmpty();
        assertThatThrownBy(() -> sdk.twilio.provisioner().verify(CLINIC_A, number))
                .isInstanceOfSatisfying(
                        TenantTwilioException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NUMBER_NOT_OWNED));
    }

    @Test
    void aNumberAlreadyGoneAtTwilioIsStillCleanedUpLocally() {
        PurchaseResult result = buyFirst418(CLINIC_A, account.credentials(), "k");
        PhoneNumber number = result.phoneNumber().orElseThrow();
        simulator().releaseNumber(number.e164());

        ReleaseResult released = sdk.twilio.provisioner().release(CLINIC_A, number);

        assertThat(released.releasedAtTwilio()).isFalse();
        assertThat(released.record().state()).isEqualTo(NumberState.RELEASED);
    }

    @Test
    void aTenantCannotReleaseAnotherTenantsNumber() {
        PurchaseResult result = buyFirst418(CLINIC_A, account.credentials(), "k");

        assertThatThrownBy(() -> sdk.twilio
                        .provisioner()
                        .release(CLINIC_B, result.phoneNumber().orElseThrow()))
                .isInstanceOfSatisfying(
                        TenantTwilioException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NUMBER_NOT_OWNED));
        assertThat(simulator().numbers()).hasSize(1);
    }

    @Test
    void searchesByCityAndDigitsAndReturnsAnEmptyListWhenNothingMatches() {
        List<AvailableNumber> sherbrooke = sdk.twilio
                .provisioner()
                .search(
                        account.credentials(),
                        NumberSearch.builder("CA").locality("Sherbrooke").build());
        String suffix = sherbrooke.get(0).phoneNumber().e164().substring(9);
        List<AvailableNumber> endingWith = sdk.twilio
                .provisioner()
                .search(
                        account.credentials(),
                        NumberSearch.builder("CA")
                                .areaCode("819")
                                .endsWith(suffix)
                                .build());
        List<AvailableNumber> startingWith = sdk.twilio
                .provisioner()
                .search(
                        account.credentials(),
                        NumberSearch.builder("CA").startsWith("438").build());
        List<AvailableNumber> none = sdk.twilio
                .provisioner()
                .search(
                        account.credentials(),
                        NumberSearch.builder("CA")
                                .areaCode("418")
                                .contains("00000000")
                                .build());

        assertThat(sherbrooke)
                .isNotEmpty()
                .allSatisfy(n -> assertThat(n.locality()).contains("Sherbrooke"));
        assertThat(endingWith)
                .isNotEmpty()
                .allSatisfy(n -> assertThat(n.phoneNumber().e164()).endsWith(suffix));
        assertThat(startingWith)
                .isNotEmpty()
                .allSatisfy(n -> assertThat(n.phoneNumber().e164()).startsWith("+1438"));
        assertThat(none).isEmpty();
    }

    @Test
    void searchErrorsAreTranslated() {
        assertThatThrownBy(() -> NumberSearch.builder("CA").areaCode("41").build())
                .isInstanceOfSatisfying(TenantTwilioException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.userMessage(Locale.FRENCH)).contains("indicatif régional compte trois chiffres");
                });
        simulator().fault(Endpoint.AVAILABLE_NUMBERS).always().resetConnection();
        assertThatThrownBy(() -> sdk.twilio
                        .provisioner()
                        .search(
                                account.credentials(),
                                NumberSearch.builder("CA").build()))
                .isInstanceOfSatisfying(
                        TenantTwilioException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TWILIO_UNAVAILABLE));
    }

    @Test
    void theCurrentClientNeedsACurrentTenant() {
        assertThatThrownBy(() -> sdk.twilio.currentClient())
                .isInstanceOfSatisfying(
                        TenantTwilioException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NO_CURRENT_TENANT));
        assertThatThrownBy(() -> sdk.twilio.client(CLINIC_B).account())
                .isInstanceOfSatisfying(
                        TenantTwilioException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN_TENANT));
    }

    @Test
    void auditEventsNeverCarrySecrets() {
        buyFirst418(CLINIC_A, account.credentials(), "k");

        assertThat(sdk.audit.events()).isNotEmpty().allSatisfy(event -> {
            assertThat(event.toString()).doesNotContain(account.authToken());
            assertThat(event.details().values()).noneMatch(value -> value.contains(account.authToken()));
        });
    }
}
