package io.tenanttwilio.internal.registration;

import com.twilio.exception.ApiException;
import com.twilio.rest.api.v2010.account.Address;
import com.twilio.rest.trusthub.v1.CustomerProfiles;
import com.twilio.rest.trusthub.v1.EndUser;
import com.twilio.rest.trusthub.v1.SupportingDocument;
import com.twilio.rest.trusthub.v1.TrustProducts;
import com.twilio.rest.trusthub.v1.customerprofiles.CustomerProfilesEntityAssignments;
import com.twilio.rest.trusthub.v1.customerprofiles.CustomerProfilesEvaluations;
import com.twilio.rest.trusthub.v1.trustproducts.TrustProductsEntityAssignments;
import com.twilio.rest.trusthub.v1.trustproducts.TrustProductsEvaluations;
import io.tenanttwilio.internal.twilio.TwilioCalls;
import io.tenanttwilio.internal.twilio.TwilioErrors.Operation;
import io.tenanttwilio.registration.BusinessProfile;
import io.tenanttwilio.registration.Registration;
import io.tenanttwilio.registration.Registration.Mark;
import io.tenanttwilio.registration.Registration.Resource;
import io.tenanttwilio.registration.RejectionReason;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The TrustHub half of the saga: the business profile (CustomerProfile with the business's and its
 * representative's EndUsers and the address document) and the A2P profile (TrustProduct), each
 * created once (found again by its tag when an answer was lost), assigned, evaluated and submitted.
 */
final class ProfileSteps {

    /** Twilio's policy of a secondary customer profile (an ISV's customer). */
    static final String CUSTOMER_PROFILE_POLICY = "RNdfbf3fae0e1107f8aded0e7cead80bf5";
    /** Twilio's policy of an A2P messaging profile. */
    static final String A2P_POLICY = "RNb0d4771c2c98518d916a3d4cd70a8f8b";

    /** The statuses of a bundle once it was submitted for review. */
    private static final Set<String> SUBMITTED = Set.of("pending-review", "in-review", "twilio-approved");

    private final Steps steps;

    ProfileSteps(Steps steps) {
        this.steps = steps;
    }

    /**
     * Carries the profiles on; returns the reasons when an evaluation finds the details incomplete
     * (nothing is submitted then), empty when both are submitted (or were already).
     */
    Optional<List<RejectionReason>> run(Run run) {
        boolean resubmit = run.current().has(Mark.RESUBMIT);
        boolean profileRejected =
                "twilio-rejected".equals(run.current().profileStatus().orElse(""));
        if (!run.current().has(Mark.PROFILE_SUBMITTED) || (resubmit && profileRejected)) {
            Optional<List<RejectionReason>> refused = businessProfile(run, resubmit && profileRejected);
            if (refused.isPresent()) {
                return refused;
            }
        }
        boolean productRejected =
                "twilio-rejected".equals(run.current().trustProductStatus().orElse(""));
        if (!run.current().has(Mark.TRUST_PRODUCT_SUBMITTED) || (resubmit && productRejected)) {
            return a2pProfile(run, resubmit && productRejected);
        }
        return Optional.empty();
    }

    private Optional<List<RejectionReason>> businessProfile(Run run, boolean correcting) {
        BusinessProfile business = run.current().profile();
        String account = run.accountSid();
        String address = steps.ensure(
                run,
                Resource.ADDRESS,
                () -> {
                    for (Address found : Address.reader(account)
                            .setFriendlyName(Steps.tag(run, Resource.ADDRESS))
                            .read(run.client)) {
                        return Optional.of(found.getSid());
                    }
                    return Optional.empty();
                },
                () -> Address.creator(
                                account,
                                business.legalName(),
                                business.street(),
                                business.city(),
                                business.region(),
                                business.postalCode(),
                                business.country())
                        .setFriendlyName(Steps.tag(run, Resource.ADDRESS))
                        .create(run.client)
                        .getSid());
        String profile = steps.ensure(
                run,
                Resource.CUSTOMER_PROFILE,
                () -> {
                    for (CustomerProfiles found : CustomerProfiles.reader()
                            .setFriendlyName(Steps.tag(run, Resource.CUSTOMER_PROFILE))
                            .read(run.client)) {
                        return Optional.of(found.getSid());
                    }
                    return Optional.empty();
                },
                () -> CustomerProfiles.creator(
                                Steps.tag(run, Resource.CUSTOMER_PROFILE),
                                business.contactEmail(),
                                CUSTOMER_PROFILE_POLICY)
                        .create(run.client)
                        .getSid());
        String information = endUser(
                run,
                Resource.BUSINESS_INFORMATION,
                "customer_profile_business_information",
                businessAttributes(business));
        String representative = endUser(
                run, Resource.REPRESENTATIVE, "authorized_representative_1", representativeAttributes(business));
        Map<String, Object> documentAttributes = Map.of("address_sids", address);
        String document = steps.ensure(
                run,
                Resource.ADDRESS_DOCUMENT,
                () -> findDocument(run, Steps.tag(run, Resource.ADDRESS_DOCUMENT)),
                () -> SupportingDocument.creator(Steps.tag(run, Resource.ADDRESS_DOCUMENT), "customer_profile_address")
                        .setAttributes(documentAttributes)
                        .create(run.client)
                        .getSid());
        if (correcting) {
            // The corrected details replace what was rejected.
            steps.configure(run, "correct-profile", () -> {
                EndUser.updater(information)
                        .setAttributes(businessAttributes(business))
                        .update(run.client);
                EndUser.updater(representative)
                        .setAttributes(representativeAttributes(business))
                        .update(run.client);
                Address.updater(account, address)
                        .setCustomerName(business.legalName())
                        .setStreet(business.street())
                        .setCity(business.city())
                        .setRegion(business.region())
                        .setPostalCode(business.postalCode())
                        .update(run.client);
                return null;
            });
        }
        if (!run.current().has(Mark.PROFILE_ASSIGNED)) {
            steps.configure(run, "assign-profile", () -> {
                Supplier<Set<String>> assigned = () -> {
                    Set<String> sids = new HashSet<>();
                    CustomerProfilesEntityAssignments.reader(profile)
                            .read(run.client)
                            .forEach(a -> sids.add(a.getObjectSid()));
                    return sids;
                };
                assignMissing(
                        List.of(information, representative, document),
                        assigned,
                        object -> CustomerProfilesEntityAssignments.creator(profile, object)
                                .create(run.client));
                return null;
            });
            run.save(b -> b.mark(Mark.PROFILE_ASSIGNED, true));
        }
        CustomerProfilesEvaluations evaluation = steps.configure(
                run,
                "evaluate-profile",
                () -> CustomerProfilesEvaluations.creator(profile, CUSTOMER_PROFILE_POLICY)
                        .create(run.client));
        if (evaluation.getStatus() != CustomerProfilesEvaluations.Status.COMPLIANT) {
            return Optional.of(Reasons.fromEvaluation(evaluation.getResults()));
        }
        CustomerProfiles submitted = steps.configure(run, "submit-profile", () -> {
            try {
                return CustomerProfiles.updater(profile)
                        .setStatus(CustomerProfiles.Status.PENDING_REVIEW)
                        .update(run.client);
            } catch (ApiException refused) {
                // A lost answer re-sent by twilio-java is refused: the first one submitted it.
                CustomerProfiles now = CustomerProfiles.fetcher(profile).fetch(run.client);
                if (SUBMITTED.contains(text(now.getStatus()))) {
                    return now;
                }
                throw refused;
            }
        });
        run.save(b -> b.mark(Mark.PROFILE_SUBMITTED, true).profileStatus(text(submitted.getStatus())));
        steps.audited(run, "submit-profile", profile);
        return Optional.empty();
    }

    /**
     * Assigns the objects not yet assigned. An assignment refused by Twilio is read back: when its
     * first answer was lost and twilio-java sent it again, the second is refused as a duplicate
     * although the first took effect.
     */
    private static void assignMissing(List<String> objects, Supplier<Set<String>> assigned, Consumer<String> assign) {
        Set<String> done = assigned.get();
        for (String object : objects) {
            if (done.contains(object)) {
                continue;
            }
            try {
                assign.accept(object);
            } catch (ApiException refused) {
                if (!assigned.get().contains(object)) {
                    throw refused;
                }
            }
        }
    }

    private Optional<List<RejectionReason>> a2pProfile(Run run, boolean correcting) {
        BusinessProfile business = run.current().profile();
        String profile = run.current().sid(Resource.CUSTOMER_PROFILE).orElseThrow();
        String product = steps.ensure(
                run,
                Resource.TRUST_PRODUCT,
                () -> {
                    for (TrustProducts found : TrustProducts.reader()
                            .setFriendlyName(Steps.tag(run, Resource.TRUST_PRODUCT))
                            .read(run.client)) {
                        return Optional.of(found.getSid());
                    }
                    return Optional.empty();
                },
                () -> TrustProducts.creator(Steps.tag(run, Resource.TRUST_PRODUCT), business.contactEmail(), A2P_POLICY)
                        .create(run.client)
                        .getSid());
        String information =
                endUser(run, Resource.A2P_INFORMATION, "us_a2p_messaging_profile_information", a2pAttributes(business));
        if (correcting) {
            steps.configure(
                    run,
                    "correct-a2p-profile",
                    () -> EndUser.updater(information)
                            .setAttributes(a2pAttributes(business))
                            .update(run.client));
        }
        if (!run.current().has(Mark.TRUST_PRODUCT_ASSIGNED)) {
            steps.configure(run, "assign-a2p-profile", () -> {
                Supplier<Set<String>> assigned = () -> {
                    Set<String> sids = new HashSet<>();
                    TrustProductsEntityAssignments.reader(product)
                            .read(run.client)
                            .forEach(a -> sids.add(a.getObjectSid()));
                    return sids;
                };
                assignMissing(
                        List.of(information, profile),
                        assigned,
                        object -> TrustProductsEntityAssignments.creator(product, object)
                                .create(run.client));
                return null;
            });
            run.save(b -> b.mark(Mark.TRUST_PRODUCT_ASSIGNED, true));
        }
        TrustProductsEvaluations evaluation = steps.configure(
                run,
                "evaluate-a2p-profile",
                () -> TrustProductsEvaluations.creator(product, A2P_POLICY).create(run.client));
        if (evaluation.getStatus() != TrustProductsEvaluations.Status.COMPLIANT) {
            return Optional.of(Reasons.fromEvaluation(evaluation.getResults()));
        }
        TrustProducts submitted = steps.configure(run, "submit-a2p-profile", () -> {
            try {
                return TrustProducts.updater(product)
                        .setStatus(TrustProducts.Status.PENDING_REVIEW)
                        .update(run.client);
            } catch (ApiException refused) {
                TrustProducts now = TrustProducts.fetcher(product).fetch(run.client);
                if (SUBMITTED.contains(text(now.getStatus()))) {
                    return now;
                }
                throw refused;
            }
        });
        run.save(b -> b.mark(Mark.TRUST_PRODUCT_SUBMITTED, true).trustProductStatus(text(submitted.getStatus())));
        steps.audited(run, "submit-a2p-profile", product);
        return Optional.empty();
    }

    private String endUser(Run run, Resource resource, String type, Map<String, Object> attributes) {
        String tag = Steps.tag(run, resource);
        return steps.ensure(
                run,
                resource,
                () -> {
                    for (EndUser found : EndUser.reader().read(run.client)) {
                        if (tag.equals(found.getFriendlyName())) {
                            return Optional.of(found.getSid());
                        }
                    }
                    return Optional.empty();
                },
                () -> EndUser.creator(tag, type)
                        .setAttributes(attributes)
                        .create(run.client)
                        .getSid());
    }

    private static Optional<String> findDocument(Run run, String tag) {
        for (SupportingDocument found : SupportingDocument.reader().read(run.client)) {
            if (tag.equals(found.getFriendlyName())) {
                return Optional.of(found.getSid());
            }
        }
        return Optional.empty();
    }

    static Map<String, Object> businessAttributes(BusinessProfile business) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("business_name", business.legalName());
        attributes.put("business_identity", "direct_customer");
        attributes.put("business_type", business.businessType().twilioName());
        attributes.put("business_industry", business.industry().name());
        attributes.put(
                "business_registration_identifier",
                business.registrationAuthority().twilioIdentifier());
        attributes.put("business_registration_number", business.registrationNumber());
        attributes.put("business_regions_of_operation", "USA_AND_CANADA");
        attributes.put("website_url", business.website().toString());
        attributes.put("social_media_profile_urls", "");
        return attributes;
    }

    static Map<String, Object> representativeAttributes(BusinessProfile business) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("first_name", business.contactFirstName());
        attributes.put("last_name", business.contactLastName());
        attributes.put("email", business.contactEmail());
        attributes.put("phone_number", business.contactPhone().e164());
        attributes.put("business_title", business.contactTitle());
        attributes.put("job_position", business.contactPosition().twilioName());
        return attributes;
    }

    static Map<String, Object> a2pAttributes(BusinessProfile business) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put(
                "company_type",
                business.companyType().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        business.stockExchange().ifPresent(exchange -> attributes.put("stock_exchange", exchange));
        business.stockTicker().ifPresent(ticker -> attributes.put("stock_ticker", ticker));
        return attributes;
    }

    static String text(Object status) {
        return status == null ? "" : status.toString();
    }

    /** A profile's status read at Twilio. */
    static String profileStatus(Run run) {
        String sid = run.current().sid(Resource.CUSTOMER_PROFILE).orElseThrow();
        return TwilioCalls.call(
                run.tenant(),
                Operation.READ,
                () -> text(CustomerProfiles.fetcher(sid).fetch(run.client).getStatus()));
    }

    /** An A2P profile's status and errors read at Twilio. */
    static TrustProducts trustProduct(Run run) {
        String sid = run.current().sid(Resource.TRUST_PRODUCT).orElseThrow();
        return TwilioCalls.call(
                run.tenant(), Operation.READ, () -> TrustProducts.fetcher(sid).fetch(run.client));
    }

    /** A profile read at Twilio. */
    static CustomerProfiles customerProfile(Run run) {
        String sid = run.current().sid(Resource.CUSTOMER_PROFILE).orElseThrow();
        return TwilioCalls.call(
                run.tenant(),
                Operation.READ,
                () -> CustomerProfiles.fetcher(sid).fetch(run.client));
    }

    static boolean submitted(Registration registration) {
        return registration.has(Mark.PROFILE_SUBMITTED) && registration.has(Mark.TRUST_PRODUCT_SUBMITTED);
    }
}
