package io.tenanttwilio.test.simulator;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.messaging.v1.BrandRegistration;
import com.twilio.rest.messaging.v1.Service;
import com.twilio.rest.messaging.v1.TollfreeVerification;
import com.twilio.rest.messaging.v1.service.UsAppToPerson;
import com.twilio.rest.trusthub.v1.CustomerProfiles;
import com.twilio.rest.trusthub.v1.EndUser;
import com.twilio.rest.trusthub.v1.SupportingDocument;
import com.twilio.rest.trusthub.v1.TrustProducts;
import com.twilio.rest.trusthub.v1.customerprofiles.CustomerProfilesEntityAssignments;
import com.twilio.rest.trusthub.v1.trustproducts.TrustProductsEntityAssignments;
import java.util.List;
import java.util.Map;

/** The registration steps an ISV takes for one tenant, through twilio-java, as the contract tests need them. */
final class Registrar {

    /** Twilio's policy of secondary customer profiles; the simulator accepts any well-formed one. */
    static final String PROFILE_POLICY = "RNdfbf3fae0e1107f8aded0e7cead80bf5";
    /** Twilio's policy of A2P messaging profiles (trust products). */
    static final String A2P_POLICY = "RNb0d4771c2c98518d916a3d4cd70a8f8b";

    static final String DESCRIPTION = "Appointment reminders and confirmations sent by Clinique A to its patients.";
    static final String FLOW =
            "Patients opt in on the clinic's web form when they book, and can text STOP at any time.";
    static final List<String> SAMPLES = List.of(
            "Clinique A: your appointment is tomorrow at 10:00. Reply STOP to opt out.",
            "Clinique A: please confirm your visit on Monday by replying YES.");

    private final TwilioSimulator simulator;
    private final TwilioRestClient client;

    Registrar(TwilioSimulator simulator, TwilioRestClient client) {
        this.simulator = simulator;
        this.client = client;
    }

    String endUser(String type) {
        return EndUser.creator("Clinique A " + type, type)
                .setAttributes(Map.of("business_name", "Clinique A", "business_type", "Corporation"))
                .create(client)
                .getSid();
    }

    String document(String type) {
        return SupportingDocument.creator("Clinique A " + type, type)
                .setAttributes(Map.of("address_sids", List.of("AD0123456789abcdef0123456789abcdef")))
                .create(client)
                .getSid();
    }

    /** A customer profile with everything its policy needs, still a draft. */
    String completeProfile() {
        String profile = CustomerProfiles.creator("Clinique A", "admin@clinique-a.example", PROFILE_POLICY)
                .create(client)
                .getSid();
        for (String item : List.of(
                endUser("customer_profile_business_information"),
                endUser("authorized_representative_1"),
                document("customer_profile_address"))) {
            CustomerProfilesEntityAssignments.creator(profile, item).create(client);
        }
        return profile;
    }

    String submittedProfile() {
        String profile = completeProfile();
        CustomerProfiles.updater(profile)
                .setStatus(CustomerProfiles.Status.PENDING_REVIEW)
                .update(client);
        return profile;
    }

    /** An A2P trust product with what its policy needs, still a draft. */
    String completeTrustProduct(String profile) {
        String product = TrustProducts.creator("Clinique A A2P", "admin@clinique-a.example", A2P_POLICY)
                .create(client)
                .getSid();
        TrustProductsEntityAssignments.creator(product, endUser("us_a2p_messaging_profile_information"))
                .create(client);
        TrustProductsEntityAssignments.creator(product, profile).create(client);
        return product;
    }

    String submittedTrustProduct(String profile) {
        String product = completeTrustProduct(profile);
        TrustProducts.updater(product)
                .setStatus(TrustProducts.Status.PENDING_REVIEW)
                .update(client);
        return product;
    }

    /** Both bundles approved (with the desk's default approval). */
    String[] approvedBundles() {
        String profile = submittedProfile();
        String product = submittedTrustProduct(profile);
        simulator.registrations().settle();
        return new String[] {profile, product};
    }

    BrandRegistration brand() {
        String[] bundles = approvedBundles();
        return BrandRegistration.creator(bundles[0], bundles[1]).create(client);
    }

    String approvedBrand() {
        String brand = brand().getSid();
        simulator.registrations().settle();
        return brand;
    }

    String service(String numberSid) {
        String service = Service.creator("Clinique A").create(client).getSid();
        if (numberSid != null) {
            com.twilio.rest.messaging.v1.service.PhoneNumber.creator(service, numberSid)
                    .create(client);
        }
        return service;
    }

    UsAppToPerson campaign(String service, String brand) {
        return UsAppToPerson.creator(service, brand, DESCRIPTION, FLOW, SAMPLES, "ACCOUNT_NOTIFICATION", false, false)
                .create(client);
    }

    TollfreeVerification tollFree(String numberSid) {
        return TollfreeVerification.creator(
                        "Clinique A",
                        "https://clinique-a.example",
                        "admin@clinique-a.example",
                        List.of(TollfreeVerification.UseCaseCategories.ACCOUNT_NOTIFICATIONS),
                        "Appointment reminders to patients who booked online.",
                        "Clinique A: your appointment is tomorrow at 10:00. Reply STOP to opt out.",
                        List.of("https://clinique-a.example/opt-in.png"),
                        TollfreeVerification.OptInType.WEB_FORM,
                        "1,000",
                        numberSid)
                .setBusinessRegistrationAuthority(TollfreeVerification.BusinessRegistrationAuthority.NEQ)
                .setBusinessRegistrationNumber("1171234567")
                .setBusinessCountry("CA")
                .create(client);
    }
}
