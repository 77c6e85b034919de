package io.tenanttwilio.test.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Address;
import com.twilio.rest.trusthub.v1.CustomerProfiles;
import com.twilio.rest.trusthub.v1.EndUser;
import com.twilio.rest.trusthub.v1.SupportingDocument;
import com.twilio.rest.trusthub.v1.TrustProducts;
import com.twilio.rest.trusthub.v1.customerprofiles.CustomerProfilesEntityAssignments;
import com.twilio.rest.trusthub.v1.customerprofiles.CustomerProfilesEvaluations;
import com.twilio.rest.trusthub.v1.trustproducts.TrustProductsEvaluations;
import io.tenanttwilio.test.junit.TwilioSimulatorExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** TrustHub bundles, end users, supporting documents and addresses, and their reviews, through twilio-java. */
class TrustHubContractTest {

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

    private static <T> List<T> all(Iterable<T> items) {
        return StreamSupport.stream(items.spliterator(), false).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static void assertCode(Runnable call, int code) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(code));
    }

    @Test
    void createsFetchesListsAndDeletesCustomerProfiles() {
        CustomerProfiles created = CustomerProfiles.creator(
                        "Clinique A", "admin@clinique-a.example", Registrar.PROFILE_POLICY)
                .setStatusCallback("https://clinique-a.example/bundles")
                .create(client);
        CustomerProfiles.creator("Clinique B", "admin@clinique-b.example", Registrar.PROFILE_POLICY)
                .create(client);

        assertThat(created.getSid()).matches("BU[0-9a-f]{32}");
        assertThat(created.getStatus()).isEqualTo(CustomerProfiles.Status.DRAFT);
        assertThat(created.getAccountSid()).isEqualTo(clinic.sid());
        assertThat(created.getPolicySid()).isEqualTo(Registrar.PROFILE_POLICY);
        assertThat(created.getStatusCallback()).hasToString("https://clinique-a.example/bundles");
        assertThat(created.getDateCreated().toInstant())
                .isEqualTo(twilio.simulator().clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(CustomerProfiles.fetcher(created.getSid()).fetch(client).getEmail())
                .isEqualTo("admin@clinique-a.example");
        assertThat(all(CustomerProfiles.reader().setFriendlyName("Clinique A").read(client)))
                .extracting(CustomerProfiles::getSid)
                .containsExactly(created.getSid());
        assertThat(all(CustomerProfiles.reader().setPageSize(1L).read(client))).hasSize(2);
        assertThat(all(CustomerProfiles.reader()
                        .setStatus(CustomerProfiles.Status.TWILIO_APPROVED)
                        .read(client)))
                .isEmpty();

        CustomerProfiles.deleter(created.getSid()).delete(client);

        assertCode(() -> CustomerProfiles.fetcher(created.getSid()).fetch(client), 20404);
        assertThat(all(CustomerProfiles.reader().read(client))).hasSize(1);
    }

    @Test
    void keepsEndUsersAndSupportingDocumentsWithTheirJsonAttributes() {
        EndUser user = EndUser.creator("Dr Tremblay", "authorized_representative_1")
                .setAttributes(Map.of("first_name", "Julie", "last_name", "Tremblay", "phone_number", "+14185550100"))
                .create(client);
        SupportingDocument document = SupportingDocument.creator("Siège social", "customer_profile_address")
                .setAttributes(Map.of("address_sids", List.of("AD0123456789abcdef0123456789abcdef")))
                .create(client);

        assertThat(user.getSid()).matches("IT[0-9a-f]{32}");
        assertThat(user.getType()).isEqualTo("authorized_representative_1");
        assertThat(map(user.getAttributes())).containsEntry("first_name", "Julie");
        assertThat(document.getSid()).matches("RD[0-9a-f]{32}");
        assertThat(document.getStatus()).isEqualTo(SupportingDocument.Status.DRAFT);
        assertThat(map(SupportingDocument.fetcher(document.getSid())
                        .fetch(client)
                        .getAttributes()))
                .containsEntry("address_sids", List.of("AD0123456789abcdef0123456789abcdef"));

        EndUser renamed = EndUser.updater(user.getSid())
                .setFriendlyName("Dre Tremblay")
                .setAttributes(Map.of("first_name", "Julie", "email", "julie@clinique-a.example"))
                .update(client);

        assertThat(renamed.getFriendlyName()).isEqualTo("Dre Tremblay");
        assertThat(map(renamed.getAttributes()))
                .containsEntry("email", "julie@clinique-a.example")
                .doesNotContainKey("last_name");
        assertThat(all(EndUser.reader().read(client)))
                .extracting(EndUser::getSid)
                .containsExactly(user.getSid());
        assertThat(all(SupportingDocument.reader().read(client))).hasSize(1);

        EndUser.deleter(user.getSid()).delete(client);
        SupportingDocument.deleter(document.getSid()).delete(client);

        assertThat(all(EndUser.reader().read(client))).isEmpty();
        assertCode(() -> SupportingDocument.fetcher(document.getSid()).fetch(client), 20404);
    }

    @Test
    void evaluatesWhatAProfileLacksThenFindsItCompliant() {
        String profile = CustomerProfiles.creator("Clinique A", "admin@clinique-a.example", Registrar.PROFILE_POLICY)
                .create(client)
                .getSid();
        CustomerProfilesEntityAssignments.creator(profile, registrar.endUser("customer_profile_business_information"))
                .create(client);

        CustomerProfilesEvaluations lacking = CustomerProfilesEvaluations.creator(profile, Registrar.PROFILE_POLICY)
                .create(client);

        assertThat(lacking.getSid()).matches("EL[0-9a-f]{32}");
        assertThat(lacking.getStatus()).isEqualTo(CustomerProfilesEvaluations.Status.NONCOMPLIANT);
        assertThat(lacking.getResults())
                .map(result -> map(result))
                .filteredOn(result -> Boolean.FALSE.equals(result.get("passed")))
                .extracting(result -> result.get("object_type"), result -> result.get("error_code"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("authorized_representative_1", 22214),
                        org.assertj.core.groups.Tuple.tuple("customer_profile_address", 22216));
        assertCode(
                () -> CustomerProfiles.updater(profile)
                        .setStatus(CustomerProfiles.Status.PENDING_REVIEW)
                        .update(client),
                22214);

        CustomerProfilesEntityAssignments.creator(profile, registrar.endUser("authorized_representative_1"))
                .create(client);
        CustomerProfilesEntityAssignments.creator(profile, registrar.document("customer_profile_address"))
                .create(client);
        CustomerProfilesEvaluations compliant = CustomerProfilesEvaluations.creator(profile, Registrar.PROFILE_POLICY)
                .create(client);

        assertThat(compliant.getStatus()).isEqualTo(CustomerProfilesEvaluations.Status.COMPLIANT);
        assertThat(all(CustomerProfilesEvaluations.reader(profile).read(client)))
                .extracting(CustomerProfilesEvaluations::getSid)
                .containsExactly(lacking.getSid(), compliant.getSid());
        assertThat(CustomerProfilesEvaluations.fetcher(profile, compliant.getSid())
                        .fetch(client)
                        .getStatus())
                .isEqualTo(CustomerProfilesEvaluations.Status.COMPLIANT);
    }

    @Test
    void assignsOnlyItemsOfTheSameAccountAndListsThemByType() {
        String profile = CustomerProfiles.creator("Clinique A", "admin@clinique-a.example", Registrar.PROFILE_POLICY)
                .create(client)
                .getSid();
        String user = registrar.endUser("authorized_representative_1");
        String document = registrar.document("customer_profile_address");
        SimulatedAccount other = twilio.simulator().createAccount("Clinique B");
        String foreign = new Registrar(twilio.simulator(), twilio.simulator().restClient(other))
                .endUser("authorized_representative_1");

        CustomerProfilesEntityAssignments assigned =
                CustomerProfilesEntityAssignments.creator(profile, user).create(client);
        CustomerProfilesEntityAssignments.creator(profile, document).create(client);

        assertThat(assigned.getSid()).matches("BV[0-9a-f]{32}");
        assertThat(assigned.getObjectSid()).isEqualTo(user);
        assertCode(
                () -> CustomerProfilesEntityAssignments.creator(profile, foreign)
                        .create(client),
                22205);
        assertCode(
                () -> CustomerProfilesEntityAssignments.creator(profile, user).create(client), 20409);
        assertThat(all(CustomerProfilesEntityAssignments.reader(profile)
                        .setObjectType("supporting_document")
                        .read(client)))
                .extracting(CustomerProfilesEntityAssignments::getObjectSid)
                .containsExactly(document);
        assertThat(CustomerProfilesEntityAssignments.fetcher(profile, assigned.getSid())
                        .fetch(client)
                        .getObjectSid())
                .isEqualTo(user);
        assertCode(() -> EndUser.deleter(user).delete(client), 21644);

        CustomerProfilesEntityAssignments.deleter(profile, assigned.getSid()).delete(client);
        EndUser.deleter(user).delete(client);

        assertThat(all(CustomerProfilesEntityAssignments.reader(profile).read(client)))
                .hasSize(1);
    }

    @Test
    void aSubmittedProfileIsReviewedAtOnceByDefault() {
        String profile = registrar.completeProfile();

        CustomerProfiles submitted = CustomerProfiles.updater(profile)
                .setStatus(CustomerProfiles.Status.PENDING_REVIEW)
                .update(client);

        assertThat(submitted.getStatus()).isEqualTo(CustomerProfiles.Status.PENDING_REVIEW);
        CustomerProfiles reviewed = CustomerProfiles.fetcher(profile).fetch(client);
        assertThat(reviewed.getStatus()).isEqualTo(CustomerProfiles.Status.TWILIO_APPROVED);
        assertThat(reviewed.getValidUntil()).isNotNull();
        assertCode(
                () -> CustomerProfiles.updater(profile)
                        .setFriendlyName("Autre nom")
                        .update(client),
                20409);
    }

    @Test
    void aReviewTakesTheDelayOnTheSimulatorClock() {
        twilio.simulator().registrations().reviewDelay(Duration.ofDays(2));
        String profile = registrar.submittedProfile();

        assertThat(CustomerProfiles.fetcher(profile).fetch(client).getStatus())
                .isEqualTo(CustomerProfiles.Status.IN_REVIEW);
        assertCode(
                () -> CustomerProfiles.updater(profile)
                        .setEmail("autre@clinique-a.example")
                        .update(client),
                20409);
        twilio.simulator().clock().advance(Duration.ofDays(1));
        assertThat(twilio.simulator().registrations().settle()).isZero();
        assertThat(CustomerProfiles.fetcher(profile).fetch(client).getStatus())
                .isEqualTo(CustomerProfiles.Status.IN_REVIEW);

        twilio.simulator().clock().advance(Duration.ofDays(1));

        assertThat(twilio.simulator().registrations().settle()).isEqualTo(1);
        assertThat(twilio.simulator().registrations().status(profile)).hasValue("twilio-approved");
        assertThat(CustomerProfiles.fetcher(profile).fetch(client).getStatus())
                .isEqualTo(CustomerProfiles.Status.TWILIO_APPROVED);
    }

    @Test
    void aRejectedProfileShowsWhyAndCanBeFixedAndResubmitted() {
        twilio.simulator()
                .registrations()
                .rejectNext(
                        RegistrationKind.CUSTOMER_PROFILE,
                        Rejection.of(22215, "The Business Name does not match the registration number"));
        String profile = registrar.submittedProfile();
        twilio.simulator().registrations().settle();

        CustomerProfiles rejected = CustomerProfiles.fetcher(profile).fetch(client);

        assertThat(rejected.getStatus()).isEqualTo(CustomerProfiles.Status.TWILIO_REJECTED);
        assertThat(rejected.getErrors())
                .singleElement()
                .satisfies(error -> assertThat(map(error))
                        .containsEntry("code", 22215)
                        .containsEntry("message", "The Business Name does not match the registration number"));
        assertCode(
                () -> CustomerProfiles.updater(profile)
                        .setStatus(CustomerProfiles.Status.PENDING_REVIEW)
                        .setFriendlyName("Clinique A inc.")
                        .update(client),
                22204);

        CustomerProfiles.updater(profile).setFriendlyName("Clinique A inc.").update(client);
        CustomerProfiles.updater(profile)
                .setStatus(CustomerProfiles.Status.PENDING_REVIEW)
                .update(client);

        CustomerProfiles approved = CustomerProfiles.fetcher(profile).fetch(client);
        assertThat(approved.getStatus()).isEqualTo(CustomerProfiles.Status.TWILIO_APPROVED);
        assertThat(approved.getFriendlyName()).isEqualTo("Clinique A inc.");
        assertThat(approved.getErrors()).isNull();
    }

    @Test
    void aTrustProductNeedsASubmittedCustomerProfile() {
        String draftProfile = registrar.completeProfile();
        String product = registrar.completeTrustProduct(draftProfile);

        TrustProductsEvaluations lacking =
                TrustProductsEvaluations.creator(product, Registrar.A2P_POLICY).create(client);

        assertThat(lacking.getStatus()).isEqualTo(TrustProductsEvaluations.Status.NONCOMPLIANT);
        assertThat(lacking.getResults())
                .map(result -> map(result))
                .filteredOn(result -> Boolean.FALSE.equals(result.get("passed")))
                .extracting(result -> result.get("requirement_name"))
                .containsExactly("customer_profile");
        assertCode(
                () -> TrustProducts.updater(product)
                        .setStatus(TrustProducts.Status.PENDING_REVIEW)
                        .update(client),
                22214);

        twilio.simulator().registrations().reviewDelay(Duration.ofHours(1));
        CustomerProfiles.updater(draftProfile)
                .setStatus(CustomerProfiles.Status.PENDING_REVIEW)
                .update(client);
        TrustProducts submitted = TrustProducts.updater(product)
                .setStatus(TrustProducts.Status.PENDING_REVIEW)
                .update(client);

        assertThat(submitted.getStatus()).isEqualTo(TrustProducts.Status.PENDING_REVIEW);
        assertThat(TrustProductsEvaluations.creator(product, Registrar.A2P_POLICY)
                        .create(client)
                        .getStatus())
                .isEqualTo(TrustProductsEvaluations.Status.COMPLIANT);
        twilio.simulator().clock().advance(Duration.ofHours(1));
        assertThat(TrustProducts.fetcher(product).fetch(client).getStatus())
                .isEqualTo(TrustProducts.Status.TWILIO_APPROVED);
        assertCode(() -> CustomerProfiles.deleter(draftProfile).delete(client), 21647);
    }

    @Test
    void anOutcomeScriptedForOneAccountGoesToThatAccountOnly() {
        SimulatedAccount other = twilio.simulator().createAccount("Clinique B");
        Registrar otherRegistrar =
                new Registrar(twilio.simulator(), twilio.simulator().restClient(other));
        twilio.simulator()
                .registrations()
                .rejectNext(RegistrationKind.CUSTOMER_PROFILE, other.sid(), Rejection.of(22215, "Name mismatch"));

        String mine = registrar.submittedProfile();
        String theirs = otherRegistrar.submittedProfile();
        twilio.simulator().registrations().settle();

        assertThat(twilio.simulator().registrations().status(mine)).hasValue("twilio-approved");
        assertThat(twilio.simulator().registrations().status(theirs)).hasValue("twilio-rejected");
    }

    @Test
    void anAccountSeesOnlyItsOwnBundlesAndItems() {
        String profile = registrar.completeProfile();
        SimulatedAccount other = twilio.simulator().createAccount("Clinique B");
        TwilioRestClient otherClient = twilio.simulator().restClient(other);

        assertCode(() -> CustomerProfiles.fetcher(profile).fetch(otherClient), 20404);
        assertCode(() -> CustomerProfiles.updater(profile).setFriendlyName("x").update(otherClient), 20404);
        assertCode(() -> TrustProducts.fetcher(profile).fetch(client), 20404);
        assertThat(all(CustomerProfiles.reader().read(otherClient))).isEmpty();
        assertThat(all(EndUser.reader().read(otherClient))).isEmpty();
        assertThat(all(EndUser.reader().read(client))).hasSize(2);
    }

    @Test
    void anApiKeyOfTheAccountWorksAndTestCredentialsDoNot() {
        ApiKeyCredentials key = clinic.createApiKey("registrations");
        TwilioRestClient keyClient = new TwilioRestClient.Builder(key.sid(), key.secret())
                .accountSid(clinic.sid())
                .httpClient(twilio.simulator().twilioHttpClient())
                .build();
        TwilioRestClient testClient = new TwilioRestClient.Builder(
                        clinic.testCredentials().accountSid(),
                        clinic.testCredentials().authToken())
                .httpClient(twilio.simulator().twilioHttpClient())
                .build();

        String sid = EndUser.creator("Clinique A", "authorized_representative_1")
                .create(keyClient)
                .getSid();

        assertThat(EndUser.fetcher(sid).fetch(client).getAccountSid()).isEqualTo(clinic.sid());
        assertCode(() -> EndUser.reader().read(testClient).iterator().next(), 20008);
    }

    @Test
    void keepsAddressesOfApi2010() {
        Address address = Address.creator("Clinique A", "1 rue Saint-Jean", "Québec", "QC", "G1R 4P5", "CA")
                .setFriendlyName("Siège")
                .create(client);
        Address.creator("Clinique A", "2 rue Saint-Paul", "Québec", "QC", "G1K 3V7", "CA")
                .create(client);

        assertThat(address.getSid()).matches("AD[0-9a-f]{32}");
        assertThat(address.getCity()).isEqualTo("Québec");
        assertThat(Address.fetcher(address.getSid()).fetch(client).getPostalCode())
                .isEqualTo("G1R 4P5");
        assertThat(all(Address.reader().setFriendlyName("Siège").read(client)))
                .extracting(Address::getSid)
                .containsExactly(address.getSid());
        assertThat(all(Address.reader().read(client))).hasSize(2);
        assertCode(
                () -> Address.fetcher(address.getSid())
                        .fetch(twilio.simulator().restClient(twilio.simulator().createAccount("B"))),
                20404);
        String profile = CustomerProfiles.creator("Clinique A", "admin@clinique-a.example", Registrar.PROFILE_POLICY)
                .create(client)
                .getSid();
        assertThat(CustomerProfilesEntityAssignments.creator(profile, address.getSid())
                        .create(client)
                        .getObjectSid())
                .isEqualTo(address.getSid());
    }
}
