package io.tenanttwilio.test.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenanttwilio.test.simulator.RegState.Brand;
import io.tenanttwilio.test.simulator.RegState.Bundle;
import io.tenanttwilio.test.simulator.RegState.Campaign;
import io.tenanttwilio.test.simulator.SimulatorEngine.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A2P 10DLC of Messaging v1: brand registrations ({@code /v1/a2p/BrandRegistrations}) and the US
 * A2P campaign of a Messaging Service ({@code /v1/Services/{Sid}/Compliance/Usa2p}), with their use
 * cases.
 *
 * <p>A brand needs a customer profile and an A2P trust product of the same account, both {@code
 * twilio-approved} (else 400, 20422). A campaign needs an {@code APPROVED} brand of the account
 * (else 400, 21717) and a service without a campaign (else 409, 20409); its use case must be one
 * Twilio lists (21720), its texts long enough and its samples two to five (21728).
 */
final class A2pApi {

    private static final String HOST = "https://messaging.twilio.com";
    private static final Pattern BRAND = Pattern.compile("/v1/a2p/BrandRegistrations(?:/([^/]+))?");
    private static final Pattern CAMPAIGN =
            Pattern.compile("/v1/Services/([^/]+)/Compliance/Usa2p(?:/(Usecases|[^/]+))?");
    private static final List<String> BRAND_TYPES =
            List.of("STANDARD", "LOW_VOLUME_STANDARD", "SOLE_PROPRIETOR", "STARTER");

    /** The use cases Twilio lists, with their names. */
    static final Map<String, String> USECASES = new LinkedHashMap<>();

    static {
        USECASES.put("2FA", "Two-Factor authentication (2FA)");
        USECASES.put("ACCOUNT_NOTIFICATION", "Account Notification");
        USECASES.put("AGENTS_FRANCHISES", "Agents and Franchises");
        USECASES.put("CHARITY", "Charity");
        USECASES.put("CUSTOMER_CARE", "Customer Care");
        USECASES.put("DELIVERY_NOTIFICATION", "Delivery Notification");
        USECASES.put("FRAUD_ALERT", "Fraud Alert Messaging");
        USECASES.put("HIGHER_EDUCATION", "Higher Education");
        USECASES.put("LOW_VOLUME", "Low Volume Mixed");
        USECASES.put("MARKETING", "Marketing");
        USECASES.put("MIXED", "Mixed");
        USECASES.put("POLLING_VOTING", "Polling and voting");
        USECASES.put("PROXY", "Proxy");
        USECASES.put("PUBLIC_SERVICE_ANNOUNCEMENT", "Public Service Announcement");
        USECASES.put("SECURITY_ALERT", "Security Alert");
        USECASES.put("SOLE_PROPRIETOR", "Sole Proprietor");
        USECASES.put("STARTER", "Starter");
    }

    private final SimulatorEngine engine;

    A2pApi(SimulatorEngine engine) {
        this.engine = engine;
    }

    private Registrations state() {
        return engine.registrations;
    }

    SimResponse handle(Principal principal, String method, String path, Form form) {
        if (path.equals("/v1/Services/Usecases")) {
            if (!method.equals("GET")) {
                throw TwilioError.notFound(path);
            }
            return SimResponse.json(200, Json.write(usecases("usecases")));
        }
        Matcher brand = BRAND.matcher(path);
        if (brand.matches()) {
            return brands(principal.account.sid, brand.group(1), method, form, path);
        }
        Matcher campaign = CAMPAIGN.matcher(path);
        if (!campaign.matches()) {
            throw TwilioError.notFound(path);
        }
        SimState.Service service = engine.servicesView().get(campaign.group(1));
        if (service == null || !service.accountSid.equals(principal.account.sid)) {
            throw TwilioError.notFound(path);
        }
        if ("Usecases".equals(campaign.group(2))) {
            if (!method.equals("GET")) {
                throw TwilioError.notFound(path);
            }
            return SimResponse.json(200, Json.write(usecases("us_app_to_person_usecases")));
        }
        return campaigns(service, campaign.group(2), method, form, path);
    }

    private static ObjectNode usecases(String key) {
        ObjectNode node = Json.object();
        ArrayNode list = node.putArray(key);
        USECASES.forEach((code, name) -> {
            ObjectNode usecase = list.addObject();
            usecase.put("code", code);
            usecase.put("name", name);
            usecase.put("description", name + " messages");
            usecase.put("post_approval_required", false);
        });
        return node;
    }

    // ---------------------------------------------------------------------------------------------
    // Brands

    private SimResponse brands(String account, @Nullable String sid, String method, Form form, String path) {
        if (sid == null) {
            if (method.equals("POST")) {
                return SimResponse.json(201, Json.write(brandJson(createBrand(account, form))));
            }
            List<ObjectNode> result = new ArrayList<>();
            state().brands.values().stream()
                    .filter(brand -> brand.accountSid.equals(account))
                    .forEach(brand -> result.add(brandJson(brand)));
            return SimulatorEngine.v1Page(HOST, "data", result, path, form);
        }
        Brand brand = state().brands.get(sid);
        if (brand == null || !brand.accountSid.equals(account)) {
            throw TwilioError.notFound(path);
        }
        if (method.equals("POST")) {
            if (!brand.status.equals("FAILED")) {
                throw TwilioError.badRequest(21725, "Brand can only be updated when in FAILED state");
            }
            brand.status = "PENDING";
            brand.identityStatus = "UNVERIFIED";
            brand.errors = List.of();
            brand.updated = engine.clock.instant();
            state().charge(account, RegistrationKind.BRAND, brand.sid, Registrations.BRAND_FEE);
            state().submit(RegistrationKind.BRAND, brand.sid, account);
            return SimResponse.json(202, Json.write(brandJson(brand)));
        }
        if (!method.equals("GET")) {
            throw TwilioError.notFound(path);
        }
        return SimResponse.json(200, Json.write(brandJson(brand)));
    }

    private Brand createBrand(String account, Form form) {
        String profileSid = Params.required(form, "CustomerProfileBundleSid");
        String a2pSid = Params.required(form, "A2PProfileBundleSid");
        approvedBundle(account, "CustomerProfileBundleSid", profileSid, RegistrationKind.CUSTOMER_PROFILE);
        approvedBundle(account, "A2PProfileBundleSid", a2pSid, RegistrationKind.TRUST_PRODUCT);
        String brandType = form.get("BrandType") == null
                ? "STANDARD"
                : Params.oneOf("BrandType", form.get("BrandType").toUpperCase(Locale.ROOT), BRAND_TYPES);
        Boolean mock = Params.bool(form, "Mock");
        Boolean skip = Params.bool(form, "SkipAutomaticSecVet");
        Brand brand = new Brand(
                engine.nextSid("BN"),
                account,
                profileSid,
                a2pSid,
                brandType,
                Boolean.TRUE.equals(mock),
                Boolean.TRUE.equals(skip),
                engine.clock.instant());
        brand.identityStatus = "UNVERIFIED";
        state().brands.put(brand.sid, brand);
        state().charge(account, RegistrationKind.BRAND, brand.sid, Registrations.BRAND_FEE);
        state().submit(RegistrationKind.BRAND, brand.sid, account);
        return brand;
    }

    private void approvedBundle(String account, String parameter, String sid, RegistrationKind kind) {
        Bundle bundle = state().bundles.get(sid);
        if (bundle == null || !bundle.accountSid.equals(account) || bundle.kind != kind) {
            throw TwilioError.badRequest(20422, "Invalid parameter " + parameter + ": no such bundle " + sid);
        }
        if (!bundle.status.equals("twilio-approved")) {
            throw TwilioError.badRequest(
                    20422,
                    "Invalid parameter " + parameter + ": " + sid + " is " + bundle.status + ", not twilio-approved");
        }
    }

    private static ObjectNode brandJson(Brand brand) {
        ObjectNode node = Json.object();
        String url = HOST + "/v1/a2p/BrandRegistrations/" + brand.sid;
        node.put("sid", brand.sid);
        node.put("account_sid", brand.accountSid);
        node.put("customer_profile_bundle_sid", brand.customerProfileSid);
        node.put("a2p_profile_bundle_sid", brand.a2pProfileSid);
        node.put("date_created", Json.iso8601(brand.created));
        node.put("date_updated", Json.iso8601(brand.updated));
        node.put("brand_type", brand.brandType);
        node.put("status", brand.status);
        node.put("tcr_id", brand.tcrId);
        node.put(
                "failure_reason",
                brand.errors.isEmpty()
                        ? null
                        : String.join(
                                "; ",
                                brand.errors.stream().map(Rejection::reason).toList()));
        node.set("errors", Registrations.errorsJson(brand.errors));
        node.put("url", url);
        if (brand.brandScore == null) {
            node.putNull("brand_score");
        } else {
            node.put("brand_score", brand.brandScore.intValue());
        }
        node.putNull("brand_feedback");
        node.put("identity_status", brand.identityStatus);
        node.put("russell_3000", false);
        node.put("government_entity", false);
        node.putNull("tax_exempt_status");
        node.put("skip_automatic_sec_vet", brand.skipAutomaticSecVet);
        node.put("mock", brand.mock);
        ObjectNode links = node.putObject("links");
        links.put("brand_vettings", url + "/Vettings");
        links.put("brand_registration_otps", url + "/SmsOtp");
        return node;
    }

    // ---------------------------------------------------------------------------------------------
    // Campaigns

    private SimResponse campaigns(
            SimState.Service service, @Nullable String sid, String method, Form form, String path) {
        if (sid == null) {
            if (method.equals("POST")) {
                return SimResponse.json(201, Json.write(campaignJson(createCampaign(service, form))));
            }
            List<ObjectNode> result = new ArrayList<>();
            Campaign campaign = state().campaignOf(service.sid);
            if (campaign != null) {
                result.add(campaignJson(campaign));
            }
            return SimulatorEngine.v1Page(HOST, "compliance", result, path, form);
        }
        Campaign campaign = state().campaigns.get(sid);
        if (campaign == null || !campaign.serviceSid.equals(service.sid)) {
            throw TwilioError.notFound(path);
        }
        switch (method) {
            case "DELETE":
                state().campaigns.remove(sid);
                return SimResponse.empty(204);
            case "POST":
                updateCampaign(campaign, form);
                return SimResponse.json(200, Json.write(campaignJson(campaign)));
            default:
                return SimResponse.json(200, Json.write(campaignJson(campaign)));
        }
    }

    private Campaign createCampaign(SimState.Service service, Form form) {
        String account = service.accountSid;
        for (String name : List.of(
                "BrandRegistrationSid",
                "Description",
                "MessageFlow",
                "MessageSamples",
                "UsAppToPersonUsecase",
                "HasEmbeddedLinks",
                "HasEmbeddedPhone")) {
            if (form.get(name) == null || form.get(name).isBlank()) {
                throw TwilioError.badRequest(
                        21727, "Campaign registration failed due to missing parameter(s): " + name);
            }
        }
        String usecase = form.get("UsAppToPersonUsecase").trim().toUpperCase(Locale.ROOT);
        if (!USECASES.containsKey(usecase)) {
            throw TwilioError.badRequest(21720, "A2P Use Case is Invalid: " + form.get("UsAppToPersonUsecase"));
        }
        checkLengths(form);
        String brandSid = form.get("BrandRegistrationSid");
        Brand brand = state().brands.get(brandSid);
        if (brand == null || !brand.accountSid.equals(account) || !brand.status.equals("APPROVED")) {
            throw TwilioError.badRequest(
                    21717,
                    "Brand Registration SID for US A2P Campaign Use Case is Not Registered or Not Valid: " + brandSid);
        }
        Campaign existing = state().campaignOf(service.sid);
        if (existing != null) {
            throw Params.conflict("Messaging Service " + service.sid + " already has US A2P campaign " + existing.sid);
        }
        Instant now = engine.clock.instant();
        String sid = engine.nextSid("QE");
        Campaign campaign = new Campaign(
                sid,
                account,
                service.sid,
                brandSid,
                usecase,
                "C" + sid.substring(2, 8).toUpperCase(Locale.ROOT),
                now);
        applyCampaign(campaign, form);
        state().campaigns.put(sid, campaign);
        state().charge(account, RegistrationKind.CAMPAIGN, sid, Registrations.CAMPAIGN_FEE);
        state().submit(RegistrationKind.CAMPAIGN, sid, account);
        return campaign;
    }

    private static void checkLengths(Form form) {
        List<String> samples = form.all("MessageSamples");
        String description = form.get("Description");
        String flow = form.get("MessageFlow");
        boolean badSample = samples.stream().anyMatch(sample -> sample.length() < 20 || sample.length() > 1024);
        if (description.length() < 40
                || description.length() > 4096
                || flow.length() < 40
                || flow.length() > 2048
                || samples.size() < 2
                || samples.size() > 5
                || badSample) {
            throw TwilioError.badRequest(
                    21728,
                    "Campaign registration failed due to length validation failures: Description and MessageFlow"
                            + " need 40 characters or more, MessageSamples two to five of 20 to 1024 characters");
        }
    }

    private void updateCampaign(Campaign campaign, Form form) {
        if (campaign.status.equals("SUSPENDED")) {
            throw TwilioError.badRequest(21729, "Cannot perform operation on suspended campaign");
        }
        if (campaign.status.equals("IN_PROGRESS")) {
            throw Params.conflict("Campaign " + campaign.sid + " is IN_PROGRESS and cannot be updated");
        }
        for (String name : List.of(
                "HasEmbeddedLinks",
                "HasEmbeddedPhone",
                "MessageSamples",
                "MessageFlow",
                "Description",
                "AgeGated",
                "DirectLending")) {
            if (form.get(name) == null) {
                throw Params.missing(name);
            }
        }
        checkLengths(form);
        applyCampaign(campaign, form);
        campaign.updated = engine.clock.instant();
        if (campaign.status.equals("FAILED")) {
            campaign.status = "IN_PROGRESS";
            campaign.errors = List.of();
            state().submit(RegistrationKind.CAMPAIGN, campaign.sid, campaign.accountSid);
        }
    }

    private static void applyCampaign(Campaign campaign, Form form) {
        campaign.description = form.get("Description");
        campaign.messageFlow = form.get("MessageFlow");
        campaign.messageSamples = List.copyOf(form.all("MessageSamples"));
        campaign.hasEmbeddedLinks = Params.requiredBool(form, "HasEmbeddedLinks");
        campaign.hasEmbeddedPhone = Params.requiredBool(form, "HasEmbeddedPhone");
        for (String name : List.of("SubscriberOptIn", "AgeGated", "DirectLending")) {
            Boolean value = Params.bool(form, name);
            if (value != null) {
                campaign.optional.put(name, value);
            }
        }
        for (String name : List.of("OptInMessage", "OptOutMessage", "HelpMessage")) {
            if (form.get(name) != null) {
                campaign.optional.put(name, form.get(name));
            }
        }
        for (String name : List.of("PrivacyPolicyUrl", "TermsAndConditionsUrl")) {
            if (form.get(name) != null) {
                campaign.optional.put(name, SimulatorEngine.checkUrl(form.get(name), name));
            }
        }
        for (String name : List.of("OptInKeywords", "OptOutKeywords", "HelpKeywords")) {
            if (form.has(name)) {
                campaign.optional.put(name, List.copyOf(form.all(name)));
            }
        }
    }

    private static ObjectNode campaignJson(Campaign campaign) {
        ObjectNode node = Json.object();
        node.put("sid", campaign.sid);
        node.put("account_sid", campaign.accountSid);
        node.put("brand_registration_sid", campaign.brandSid);
        node.put("messaging_service_sid", campaign.serviceSid);
        node.put("description", campaign.description);
        ArrayNode samples = node.putArray("message_samples");
        campaign.messageSamples.forEach(samples::add);
        node.put("us_app_to_person_usecase", campaign.usecase);
        node.put("has_embedded_links", campaign.hasEmbeddedLinks);
        node.put("has_embedded_phone", campaign.hasEmbeddedPhone);
        node.put("subscriber_opt_in", (Boolean) campaign.optional.getOrDefault("SubscriberOptIn", false));
        node.put("age_gated", (Boolean) campaign.optional.getOrDefault("AgeGated", false));
        node.put("direct_lending", (Boolean) campaign.optional.getOrDefault("DirectLending", false));
        node.put("campaign_status", campaign.status);
        node.put("campaign_id", campaign.campaignId);
        node.put("is_externally_registered", false);
        ObjectNode limits = node.putObject("rate_limits");
        if (campaign.status.equals("VERIFIED")) {
            ObjectNode att = limits.putObject("att");
            att.put("mps", 600);
            att.put("msg_class", "A");
            limits.putObject("tmobile").put("brand_tier", "TOP");
        }
        node.put("message_flow", campaign.messageFlow);
        node.put("opt_in_message", (String) campaign.optional.get("OptInMessage"));
        node.put("opt_out_message", (String) campaign.optional.get("OptOutMessage"));
        node.put("help_message", (String) campaign.optional.get("HelpMessage"));
        for (String name : List.of("OptInKeywords", "OptOutKeywords", "HelpKeywords")) {
            String field = name.equals("OptInKeywords")
                    ? "opt_in_keywords"
                    : name.equals("OptOutKeywords") ? "opt_out_keywords" : "help_keywords";
            Object keywords = campaign.optional.get(name);
            if (keywords == null) {
                node.putNull(field);
            } else {
                ArrayNode list = node.putArray(field);
                ((List<?>) keywords).forEach(keyword -> list.add(keyword.toString()));
            }
        }
        node.put("date_created", Json.iso8601(campaign.created));
        node.put("date_updated", Json.iso8601(campaign.updated));
        node.put("url", HOST + "/v1/Services/" + campaign.serviceSid + "/Compliance/Usa2p/" + campaign.sid);
        node.put("mock", false);
        node.set("errors", Registrations.errorsJson(campaign.errors));
        node.put("privacy_policy_url", (String) campaign.optional.get("PrivacyPolicyUrl"));
        node.put("terms_and_conditions_url", (String) campaign.optional.get("TermsAndConditionsUrl"));
        return node;
    }
}
