package io.tenanttwilio.test.simulator;

import static io.tenanttwilio.test.simulator.TrustHubContractTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.messaging.v1.TollfreeVerification;
import io.tenanttwilio.test.junit.TwilioSimulatorExtension;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Toll-free verifications, their reviews, edits and isolation, through twilio-java. */
class TollFreeVerificationContractTest {

    @RegisterExtension
    static final OpenApiConformance openApi = new OpenApiConformance();

    @RegisterExtension
    static final TwilioSimulatorExtension twilio = TwilioSimulatorExtension.create(openApi.simulator());

    private SimulatedAccount clinic;
    private TwilioRestClient client;
    private Registrar registrar;
    private SimulatedNumber tollFree;

    @BeforeEach
    void clinic() {
        clinic = twilio.simulator().createAccount("Clinique A");
        client = twilio.simulator().restClient(clinic);
        registrar = new Registrar(twilio.simulator(), client);
        tollFree = buyTollFree(clinic, 0);
    }

    private SimulatedNumber buyTollFree(SimulatedAccount account, int index) {
        return account.buyNumber(twilio.simulator()
                .availableNumbers("CA", NumberType.TOLL_FREE)
                .get(index)
                .phoneNumber());
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
    void submitsAVerificationThatIsApprovedWhenReviewed() {
        TollfreeVerification created = registrar.tollFree(tollFree.sid());

        assertThat(created.getSid()).matches("HH[0-9a-f]{32}");
        assertThat(created.getStatus()).isEqualTo(TollfreeVerification.Status.PENDING_REVIEW);
        assertThat(created.getTollfreePhoneNumberSid()).isEqualTo(tollFree.sid());
        assertThat(created.getTollfreePhoneNumber().getEndpoint()).isEqualTo(tollFree.phoneNumber());
        assertThat(created.getBusinessName()).isEqualTo("Clinique A");
        assertThat(created.getUseCaseCategories())
                .containsExactly(TollfreeVerification.UseCaseCategories.ACCOUNT_NOTIFICATIONS);
        assertThat(created.getOptInImageUrls()).containsExactly("https://clinique-a.example/opt-in.png");
        assertThat(created.getOptInType()).isEqualTo(TollfreeVerification.OptInType.WEB_FORM);
        assertThat(created.getBusinessRegistrationAuthority())
                .isEqualTo(TollfreeVerification.BusinessRegistrationAuthority.NEQ);
        assertThat(created.getBusinessRegistrationNumber()).isEqualTo("1171234567");
        assertThat(created.getEditAllowed()).isNull();
        assertThat(created.getRejectionReasons()).isNull();

        TollfreeVerification approved =
                TollfreeVerification.fetcher(created.getSid()).fetch(client);

        assertThat(approved.getStatus()).isEqualTo(TollfreeVerification.Status.TWILIO_APPROVED);
        assertThat(all(TollfreeVerification.reader()
                        .setTollfreePhoneNumberSid(tollFree.sid())
                        .setStatus(TollfreeVerification.Status.TWILIO_APPROVED)
                        .read(client)))
                .extracting(TollfreeVerification::getSid)
                .containsExactly(created.getSid());
        assertThat(all(TollfreeVerification.reader()
                        .setStatus(TollfreeVerification.Status.TWILIO_REJECTED)
                        .read(client)))
                .isEmpty();
        assertThat(desk().fees(clinic.sid())).singleElement().satisfies(fee -> {
            assertThat(fee.kind()).isEqualTo(RegistrationKind.TOLL_FREE);
            assertThat(fee.amount()).isZero();
        });
    }

    @Test
    void aRejectedVerificationShowsItsReasonsAndMayBeEditedForSevenDays() {
        desk().rejectNext(
                        RegistrationKind.TOLL_FREE,
                        Rejection.of(30445, "Toll Free verification rejection - Invalid Information"),
                        Rejection.of(30446, "Toll Free verification rejection - Opt-In Error"));
        String sid = registrar.tollFree(tollFree.sid()).getSid();
        desk().settle();

        TollfreeVerification rejected = TollfreeVerification.fetcher(sid).fetch(client);

        assertThat(rejected.getStatus()).isEqualTo(TollfreeVerification.Status.TWILIO_REJECTED);
        assertThat(rejected.getErrorCode()).isEqualTo(30445);
        assertThat(rejected.getRejectionReason()).isEqualTo("Toll Free verification rejection - Invalid Information");
        assertThat(rejected.getRejectionReasons())
                .extracting(
                        reason -> map(reason).get("code"), reason -> map(reason).get("reason"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                30445, "Toll Free verification rejection - Invalid Information"),
                        org.assertj.core.groups.Tuple.tuple(30446, "Toll Free verification rejection - Opt-In Error"));
        assertThat(rejected.getEditAllowed()).isTrue();
        assertThat(rejected.getEditExpiration().toInstant())
                .isEqualTo(twilio.simulator()
                        .clock()
                        .instant()
                        .plus(Duration.ofDays(7))
                        .truncatedTo(ChronoUnit.SECONDS));

        twilio.simulator().clock().advance(Duration.ofDays(6));
        TollfreeVerification edited = TollfreeVerification.updater(sid)
                .setOptInImageUrls(List.of("https://clinique-a.example/opt-in-form.png"))
                .setEditReason("Opt-in screenshot of the booking form")
                .update(client);

        assertThat(edited.getStatus()).isEqualTo(TollfreeVerification.Status.PENDING_REVIEW);
        assertThat(edited.getOptInImageUrls()).containsExactly("https://clinique-a.example/opt-in-form.png");
        assertThat(edited.getRejectionReasons()).isNull();
        assertThat(TollfreeVerification.fetcher(sid).fetch(client).getStatus())
                .isEqualTo(TollfreeVerification.Status.TWILIO_APPROVED);
        assertCode(
                () -> TollfreeVerification.updater(sid).setBusinessName("Autre").update(client), 20409);
    }

    @Test
    void aRejectionCannotBeEditedOnceItsWindowHasPassed() {
        desk().rejectNext(
                        RegistrationKind.TOLL_FREE,
                        Rejection.of(30447, "Toll Free verification rejection - Phone Number Error"));
        String sid = registrar.tollFree(tollFree.sid()).getSid();
        desk().settle();

        twilio.simulator().clock().advance(Duration.ofDays(7));

        assertThat(TollfreeVerification.fetcher(sid).fetch(client).getEditAllowed())
                .isFalse();
        assertCode(
                () -> TollfreeVerification.updater(sid)
                        .setBusinessName("Clinique A inc.")
                        .update(client),
                20409);
        TollfreeVerification.deleter(sid).delete(client);
        assertThat(registrar.tollFree(tollFree.sid()).getStatus())
                .isEqualTo(TollfreeVerification.Status.PENDING_REVIEW);
    }

    @Test
    void aVerificationStaysInReviewUntilTheDelayHasPassed() {
        desk().reviewDelay(Duration.ofDays(10));
        String sid = registrar.tollFree(tollFree.sid()).getSid();

        assertThat(TollfreeVerification.fetcher(sid).fetch(client).getStatus())
                .isEqualTo(TollfreeVerification.Status.IN_REVIEW);
        twilio.simulator().clock().advance(Duration.ofDays(10));
        assertThat(desk().status(sid)).hasValue("IN_REVIEW");
        assertThat(desk().settle()).isEqualTo(1);
        assertThat(desk().status(sid)).hasValue("TWILIO_APPROVED");
    }

    @Test
    void acceptsTheCanadianAndUsRegistrationAuthorities() {
        List<TollfreeVerification.BusinessRegistrationAuthority> authorities = List.of(
                TollfreeVerification.BusinessRegistrationAuthority.NEQ,
                TollfreeVerification.BusinessRegistrationAuthority.CBN,
                TollfreeVerification.BusinessRegistrationAuthority.PROVINCIAL_NUMBER,
                TollfreeVerification.BusinessRegistrationAuthority.EIN);
        for (int i = 0; i < authorities.size(); i++) {
            SimulatedNumber number = buyTollFree(clinic, 1);
            TollfreeVerification verification = TollfreeVerification.creator(
                            "Clinique A",
                            "https://clinique-a.example",
                            "admin@clinique-a.example",
                            List.of(TollfreeVerification.UseCaseCategories.CUSTOMER_CARE),
                            "Replies to patients' questions.",
                            "Clinique A: we received your question and will reply today.",
                            List.of("https://clinique-a.example/opt-in.png"),
                            TollfreeVerification.OptInType.VIA_TEXT,
                            "10",
                            number.sid())
                    .setBusinessRegistrationAuthority(authorities.get(i))
                    .setBusinessType(TollfreeVerification.BusinessType.PRIVATE_PROFIT)
                    .create(client);

            assertThat(verification.getBusinessRegistrationAuthority()).isEqualTo(authorities.get(i));
            assertThat(verification.getBusinessType()).isEqualTo(TollfreeVerification.BusinessType.PRIVATE_PROFIT);
        }
    }

    @Test
    void needsATollFreeNumberOfTheAccountWithoutAnotherVerification() {
        SimulatedNumber local = clinic.buyNumber(twilio.simulator()
                .availableNumbers("CA", NumberType.LOCAL)
                .get(0)
                .phoneNumber());
        SimulatedAccount other = twilio.simulator().createAccount("Clinique B");
        SimulatedNumber theirs = buyTollFree(other, 1);

        assertCode(() -> registrar.tollFree(local.sid()), 20422);
        assertCode(() -> registrar.tollFree(theirs.sid()), 20422);
        registrar.tollFree(tollFree.sid());
        assertCode(() -> registrar.tollFree(tollFree.sid()), 20409);
        assertCode(
                () -> TollfreeVerification.creator(
                                "",
                                "https://clinique-a.example",
                                "admin@clinique-a.example",
                                List.of(TollfreeVerification.UseCaseCategories.CUSTOMER_CARE),
                                "x",
                                "y",
                                List.of("https://clinique-a.example/opt-in.png"),
                                TollfreeVerification.OptInType.VERBAL,
                                "10",
                                tollFree.sid())
                        .create(client),
                20001);
    }

    @Test
    void anAccountSeesOnlyItsOwnVerificationsUnlessItAsksForItsSubaccounts() {
        String mine = registrar.tollFree(tollFree.sid()).getSid();
        SimulatedAccount sub = clinic.createSubaccount("Clinique A - Lévis");
        TwilioRestClient subClient = twilio.simulator().restClient(sub);
        String theirs = new Registrar(twilio.simulator(), subClient)
                .tollFree(buyTollFree(sub, 1).sid())
                .getSid();

        assertCode(() -> TollfreeVerification.fetcher(mine).fetch(subClient), 20404);
        assertThat(all(TollfreeVerification.reader().read(subClient)))
                .extracting(TollfreeVerification::getSid)
                .containsExactly(theirs);
        assertThat(all(TollfreeVerification.reader().read(client)))
                .extracting(TollfreeVerification::getSid)
                .containsExactly(mine);
        assertThat(all(TollfreeVerification.reader().setIncludeSubAccounts(true).read(client)))
                .extracting(TollfreeVerification::getSid)
                .containsExactlyInAnyOrder(mine, theirs);
    }
}
