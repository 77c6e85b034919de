package io.tenanttwilio.test.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenanttwilio.test.simulator.RegState.Address;
import io.tenanttwilio.test.simulator.RegState.Assignment;
import io.tenanttwilio.test.simulator.RegState.Bundle;
import io.tenanttwilio.test.simulator.RegState.Evaluation;
import io.tenanttwilio.test.simulator.RegState.Item;
import io.tenanttwilio.test.simulator.SimulatorEngine.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * TrustHub v1 ({@code trusthub.twilio.com/v1}) and API 2010 {@code Addresses}, per account.
 *
 * <p>The policies are kept simple: any well-formed policy SID ({@code RN…}) is accepted, and what
 * a bundle needs depends on its kind. A customer profile needs an end user of type {@code
 * customer_profile_business_information}, one of type {@code authorized_representative_1} and a
 * supporting document of type {@code customer_profile_address}. A trust product needs an end user
 * of type {@code us_a2p_messaging_profile_information} and an assigned customer profile that was
 * submitted ({@code pending-review}, {@code in-review} or {@code twilio-approved}). An evaluation
 * reports what is missing; a bundle that lacks something cannot be submitted (400 with the code of
 * the first requirement missing: 22214 for an end user or a customer profile, 22216 for a
 * supporting document).
 */
final class TrustHubApi {

    private static final String HOST = "https://trusthub.twilio.com";
    private static final Pattern PATH =
            Pattern.compile("/v1/(CustomerProfiles|TrustProducts|EndUsers|SupportingDocuments)"
                    + "(?:/([^/]+)(?:/(EntityAssignments|Evaluations)(?:/([^/]+))?)?)?");
    private static final Set<String> STATUSES =
            Set.of("draft", "pending-review", "in-review", "twilio-rejected", "twilio-approved");

    /** A requirement of a policy: an item of a type, or a submitted customer profile. */
    private record Requirement(String name, String friendlyName, String objectType, int errorCode, String missing) {}

    private static final List<Requirement> CUSTOMER_PROFILE_POLICY = List.of(
            new Requirement(
                    "business_information",
                    "Business Information",
                    "customer_profile_business_information",
                    22214,
                    "An End-User of type customer_profile_business_information is missing."),
            new Requirement(
                    "authorized_representative_1",
                    "Authorized Representative 1",
                    "authorized_representative_1",
                    22214,
                    "An End-User of type authorized_representative_1 is missing."),
            new Requirement(
                    "business_address",
                    "Business Address",
                    "customer_profile_address",
                    22216,
                    "A Supporting Document of type customer_profile_address is missing."));
    private static final List<Requirement> TRUST_PRODUCT_POLICY = List.of(
            new Requirement(
                    "us_a2p_messaging_profile_information",
                    "US A2P Messaging Profile Information",
                    "us_a2p_messaging_profile_information",
                    22214,
                    "An End-User of type us_a2p_messaging_profile_information is missing."),
            new Requirement(
                    "customer_profile",
                    "Customer Profile",
                    "customer_profile",
                    22214,
                    "A submitted Customer Profile (pending-review, in-review or twilio-approved) must be"
                            + " assigned."));

    private final SimulatorEngine engine;

    TrustHubApi(SimulatorEngine engine) {
        this.engine = engine;
    }

    private Registrations state() {
        return engine.registrations;
    }

    SimResponse handle(Principal principal, String method, String path, Form form) {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            throw TwilioError.notFound(path);
        }
        String collection = m.group(1);
        String sid = m.group(2);
        String sub = m.group(3);
        String subSid = m.group(4);
        String account = principal.account.sid;
        switch (collection) {
            case "EndUsers":
                return items(account, state().endUsers, "IT", "EndUsers", 21644, sid, method, form, path);
            case "SupportingDocuments":
                return items(account, state().documents, "RD", "SupportingDocuments", 21645, sid, method, form, path);
            default:
                RegistrationKind kind = collection.equals("CustomerProfiles")
                        ? RegistrationKind.CUSTOMER_PROFILE
                        : RegistrationKind.TRUST_PRODUCT;
                if (sid == null) {
                    return method.equals("POST")
                            ? createBundle(account, kind, form)
                            : listBundles(account, kind, form, path);
                }
                Bundle bundle = state().bundles.get(sid);
                if (bundle == null || !bundle.accountSid.equals(account) || bundle.kind != kind) {
                    throw TwilioError.notFound(path);
                }
                if (sub == null) {
                    return bundle(bundle, method, form);
                }
                return sub.equals("EntityAssignments")
                        ? assignments(bundle, subSid, method, form, path)
                        : evaluations(bundle, subSid, method, form, path);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Bundles

    private SimResponse createBundle(String account, RegistrationKind kind, Form form) {
        String friendlyName = Params.required(form, "FriendlyName");
        String email = Params.required(form, "Email");
        String policySid = Params.required(form, "PolicySid");
        if (!Params.isSid(policySid, "RN")) {
            throw Params.invalid("PolicySid", policySid);
        }
        Bundle bundle =
                new Bundle(engine.nextSid("BU"), account, kind, friendlyName, email, policySid, engine.clock.instant());
        if (form.get("StatusCallback") != null) {
            bundle.statusCallback = SimulatorEngine.checkUrl(form.get("StatusCallback"), "StatusCallback");
        }
        state().bundles.put(bundle.sid, bundle);
        return SimResponse.json(201, Json.write(bundleJson(bundle)));
    }

    private SimResponse listBundles(String account, RegistrationKind kind, Form form, String path) {
        String friendlyName = form.get("FriendlyName");
        String status = form.get("Status");
        String policySid = form.get("PolicySid");
        List<ObjectNode> result = new ArrayList<>();
        for (Bundle bundle : state().bundles.values()) {
            if (bundle.accountSid.equals(account)
                    && bundle.kind == kind
                    && (friendlyName == null || friendlyName.equals(bundle.friendlyName))
                    && (status == null || status.equals(bundle.status))
                    && (policySid == null || policySid.equals(bundle.policySid))) {
                result.add(bundleJson(bundle));
            }
        }
        return SimulatorEngine.v1Page(HOST, "results", result, path, form);
    }

    private SimResponse bundle(Bundle bundle, String method, Form form) {
        switch (method) {
            case "DELETE":
                if (inUse(bundle.sid)) {
                    throw TwilioError.badRequest(21647, "Regulatory Bundle is not eligible for deletion");
                }
                state().bundles.remove(bundle.sid);
                return SimResponse.empty(204);
            case "POST":
                updateBundle(bundle, form);
                return SimResponse.json(200, Json.write(bundleJson(bundle)));
            default:
                return SimResponse.json(200, Json.write(bundleJson(bundle)));
        }
    }

    private boolean inUse(String bundleSid) {
        for (RegState.Brand brand : state().brands.values()) {
            if (brand.customerProfileSid.equals(bundleSid) || brand.a2pProfileSid.equals(bundleSid)) {
                return true;
            }
        }
        for (Bundle other : state().bundles.values()) {
            for (Assignment assignment : other.assignments.values()) {
                if (assignment.objectSid().equals(bundleSid)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void updateBundle(Bundle bundle, Form form) {
        String status = form.get("Status");
        boolean edits =
                form.get("FriendlyName") != null || form.get("Email") != null || form.get("StatusCallback") != null;
        if (status != null && edits) {
            throw TwilioError.badRequest(22204, "Bundle status and properties cannot be updated in the same request");
        }
        Instant now = engine.clock.instant();
        if (status != null) {
            if (!STATUSES.contains(status) || !status.equals("pending-review")) {
                throw TwilioError.badRequest(22203, "Unable to parse bundle status: " + status);
            }
            if (!bundle.editable()) {
                throw Params.conflict("A bundle in status " + bundle.status + " cannot be submitted");
            }
            for (ObjectNode result : evaluate(bundle)) {
                if (!result.path("passed").asBoolean()) {
                    throw TwilioError.badRequest(
                            result.path("error_code").asInt(),
                            result.path("failure_reason").asText());
                }
            }
            bundle.status = "pending-review";
            bundle.errors = List.of();
            bundle.updated = now;
            state().submit(bundle.kind, bundle.sid, bundle.accountSid);
            return;
        }
        if (edits && !bundle.editable()) {
            throw Params.conflict("A bundle in status " + bundle.status + " cannot be edited");
        }
        if (form.get("FriendlyName") != null) {
            bundle.friendlyName = form.get("FriendlyName");
        }
        if (form.get("Email") != null) {
            bundle.email = form.get("Email");
        }
        if (form.get("StatusCallback") != null) {
            bundle.statusCallback = SimulatorEngine.checkUrl(form.get("StatusCallback"), "StatusCallback");
        }
        bundle.updated = now;
    }

    private static String collection(Bundle bundle) {
        return bundle.kind == RegistrationKind.CUSTOMER_PROFILE ? "CustomerProfiles" : "TrustProducts";
    }

    private static String snake(Bundle bundle) {
        return bundle.kind == RegistrationKind.CUSTOMER_PROFILE ? "customer_profiles" : "trust_products";
    }

    private static ObjectNode bundleJson(Bundle bundle) {
        ObjectNode node = Json.object();
        String url = HOST + "/v1/" + collection(bundle) + "/" + bundle.sid;
        node.put("sid", bundle.sid);
        node.put("account_sid", bundle.accountSid);
        node.put("policy_sid", bundle.policySid);
        node.put("friendly_name", bundle.friendlyName);
        node.put("status", bundle.status);
        node.put("valid_until", Json.iso8601(bundle.validUntil));
        node.put("email", bundle.email);
        node.put("status_callback", bundle.statusCallback);
        node.put("date_created", Json.iso8601(bundle.created));
        node.put("date_updated", Json.iso8601(bundle.updated));
        node.put("url", url);
        ObjectNode links = node.putObject("links");
        links.put(snake(bundle) + "_entity_assignments", url + "/EntityAssignments");
        links.put(snake(bundle) + "_evaluations", url + "/Evaluations");
        links.put(snake(bundle) + "_channel_endpoint_assignment", url + "/ChannelEndpointAssignments");
        if (bundle.errors.isEmpty()) {
            node.putNull("errors");
        } else {
            ArrayNode errors = node.putArray("errors");
            bundle.errors.forEach(
                    reason -> errors.addObject().put("code", reason.code()).put("message", reason.reason()));
        }
        return node;
    }

    // ---------------------------------------------------------------------------------------------
    // Entity assignments and evaluations

    private SimResponse assignments(Bundle bundle, @Nullable String sid, String method, Form form, String path) {
        if (sid == null) {
            if (method.equals("POST")) {
                String objectSid = Params.required(form, "ObjectSid");
                if (!assignable(bundle, objectSid)) {
                    throw TwilioError.badRequest(
                            22205, "Attempting to assign invalid object_sid to Bundle: " + objectSid);
                }
                if (!bundle.editable()) {
                    throw Params.conflict("A bundle in status " + bundle.status + " cannot be changed");
                }
                for (Assignment existing : bundle.assignments.values()) {
                    if (existing.objectSid().equals(objectSid)) {
                        throw Params.conflict(objectSid + " is already assigned to " + bundle.sid);
                    }
                }
                Assignment assignment = new Assignment(
                        engine.nextSid("BV"), bundle.sid, bundle.accountSid, objectSid, engine.clock.instant());
                bundle.assignments.put(assignment.sid(), assignment);
                bundle.updated = engine.clock.instant();
                return SimResponse.json(201, Json.write(assignmentJson(bundle, assignment)));
            }
            String objectType = form.get("ObjectType");
            List<ObjectNode> result = new ArrayList<>();
            for (Assignment assignment : bundle.assignments.values()) {
                if (objectType == null || objectType.equals(objectType(assignment.objectSid()))) {
                    result.add(assignmentJson(bundle, assignment));
                }
            }
            return SimulatorEngine.v1Page(HOST, "results", result, path, form);
        }
        Assignment assignment = bundle.assignments.get(sid);
        if (assignment == null) {
            throw TwilioError.notFound(path);
        }
        if (method.equals("DELETE")) {
            if (!bundle.editable()) {
                throw Params.conflict("A bundle in status " + bundle.status + " cannot be changed");
            }
            bundle.assignments.remove(sid);
            return SimResponse.empty(204);
        }
        return SimResponse.json(200, Json.write(assignmentJson(bundle, assignment)));
    }

    private boolean assignable(Bundle bundle, String objectSid) {
        String account = bundle.accountSid;
        Item endUser = state().endUsers.get(objectSid);
        Item document = state().documents.get(objectSid);
        Address address = state().addresses.get(objectSid);
        Bundle other = state().bundles.get(objectSid);
        return (endUser != null && endUser.accountSid.equals(account))
                || (document != null && document.accountSid.equals(account))
                || (address != null && address.accountSid.equals(account))
                || (other != null
                        && other.accountSid.equals(account)
                        && other.kind == RegistrationKind.CUSTOMER_PROFILE
                        && bundle.kind == RegistrationKind.TRUST_PRODUCT);
    }

    private static String objectType(String objectSid) {
        switch (objectSid.substring(0, 2)) {
            case "IT":
                return "end_user";
            case "RD":
                return "supporting_document";
            case "AD":
                return "address";
            default:
                return "customer_profile";
        }
    }

    private static ObjectNode assignmentJson(Bundle bundle, Assignment assignment) {
        ObjectNode node = Json.object();
        node.put("sid", assignment.sid());
        node.put(
                bundle.kind == RegistrationKind.CUSTOMER_PROFILE ? "customer_profile_sid" : "trust_product_sid",
                bundle.sid);
        node.put("account_sid", assignment.accountSid());
        node.put("object_sid", assignment.objectSid());
        node.put("date_created", Json.iso8601(assignment.created()));
        node.put(
                "url",
                HOST + "/v1/" + collection(bundle) + "/" + bundle.sid + "/EntityAssignments/" + assignment.sid());
        return node;
    }

    private SimResponse evaluations(Bundle bundle, @Nullable String sid, String method, Form form, String path) {
        if (sid == null) {
            if (method.equals("POST")) {
                String policySid = Params.required(form, "PolicySid");
                if (!Params.isSid(policySid, "RN")) {
                    throw Params.invalid("PolicySid", policySid);
                }
                ArrayNode results = Json.MAPPER.createArrayNode();
                boolean compliant = true;
                for (ObjectNode result : evaluate(bundle)) {
                    results.add(result);
                    compliant &= result.path("passed").asBoolean();
                }
                Evaluation evaluation = new Evaluation(
                        engine.nextSid("EL"),
                        bundle.accountSid,
                        policySid,
                        bundle.sid,
                        compliant ? "compliant" : "noncompliant",
                        results,
                        engine.clock.instant());
                bundle.evaluations.put(evaluation.sid(), evaluation);
                return SimResponse.json(201, Json.write(evaluationJson(bundle, evaluation)));
            }
            List<ObjectNode> result = new ArrayList<>();
            bundle.evaluations.values().forEach(evaluation -> result.add(evaluationJson(bundle, evaluation)));
            return SimulatorEngine.v1Page(HOST, "results", result, path, form);
        }
        Evaluation evaluation = bundle.evaluations.get(sid);
        if (evaluation == null || method.equals("DELETE")) {
            throw TwilioError.notFound(path);
        }
        return SimResponse.json(200, Json.write(evaluationJson(bundle, evaluation)));
    }

    /** One result per requirement of the bundle's policy: passed, or why not. */
    private List<ObjectNode> evaluate(Bundle bundle) {
        List<ObjectNode> results = new ArrayList<>();
        List<Requirement> policy =
                bundle.kind == RegistrationKind.CUSTOMER_PROFILE ? CUSTOMER_PROFILE_POLICY : TRUST_PRODUCT_POLICY;
        for (Requirement requirement : policy) {
            List<String> matching = new ArrayList<>();
            for (Assignment assignment : bundle.assignments.values()) {
                if (satisfies(assignment.objectSid(), requirement)) {
                    matching.add(assignment.objectSid());
                }
            }
            ObjectNode result = Json.object();
            result.put("requirement_name", requirement.name());
            result.put("requirement_friendly_name", requirement.friendlyName());
            result.put("friendly_name", requirement.friendlyName());
            result.put("object_type", requirement.objectType());
            boolean passed = !matching.isEmpty();
            result.put("passed", passed);
            result.put("failure_reason", passed ? null : requirement.missing());
            if (passed) {
                result.putNull("error_code");
            } else {
                result.put("error_code", requirement.errorCode());
            }
            ArrayNode valid = result.putArray("valid");
            matching.forEach(sid -> valid.addObject().put("object_sid", sid));
            result.putArray("invalid");
            results.add(result);
        }
        return results;
    }

    private boolean satisfies(String objectSid, Requirement requirement) {
        if (requirement.objectType().equals("customer_profile")) {
            Bundle profile = state().bundles.get(objectSid);
            return profile != null && profile.kind == RegistrationKind.CUSTOMER_PROFILE && profile.submitted();
        }
        Item item = state().endUsers.get(objectSid);
        if (item == null) {
            item = state().documents.get(objectSid);
        }
        return item != null && item.type.equals(requirement.objectType());
    }

    private static ObjectNode evaluationJson(Bundle bundle, Evaluation evaluation) {
        ObjectNode node = Json.object();
        node.put("sid", evaluation.sid());
        node.put("account_sid", evaluation.accountSid());
        node.put("policy_sid", evaluation.policySid());
        node.put(
                bundle.kind == RegistrationKind.CUSTOMER_PROFILE ? "customer_profile_sid" : "trust_product_sid",
                bundle.sid);
        node.put("status", evaluation.status());
        node.set("results", evaluation.results().deepCopy());
        node.put("date_created", Json.iso8601(evaluation.created()));
        node.put("url", HOST + "/v1/" + collection(bundle) + "/" + bundle.sid + "/Evaluations/" + evaluation.sid());
        return node;
    }

    // ---------------------------------------------------------------------------------------------
    // End users and supporting documents

    private SimResponse items(
            String account,
            Map<String, Item> items,
            String prefix,
            String collection,
            int inUseError,
            @Nullable String sid,
            String method,
            Form form,
            String path) {
        boolean documents = prefix.equals("RD");
        if (sid == null) {
            if (method.equals("POST")) {
                String friendlyName = Params.required(form, "FriendlyName");
                String type = Params.required(form, "Type");
                Item item = new Item(
                        engine.nextSid(prefix), account, friendlyName, type, attributes(form), engine.clock.instant());
                items.put(item.sid, item);
                return SimResponse.json(201, Json.write(itemJson(item, collection, documents)));
            }
            List<ObjectNode> result = new ArrayList<>();
            items.values().stream()
                    .filter(item -> item.accountSid.equals(account))
                    .forEach(item -> result.add(itemJson(item, collection, documents)));
            return SimulatorEngine.v1Page(HOST, "results", result, path, form);
        }
        Item item = items.get(sid);
        if (item == null || !item.accountSid.equals(account)) {
            throw TwilioError.notFound(path);
        }
        switch (method) {
            case "DELETE":
                for (Bundle bundle : state().bundles.values()) {
                    for (Assignment assignment : bundle.assignments.values()) {
                        if (assignment.objectSid().equals(sid)) {
                            throw TwilioError.badRequest(
                                    inUseError, sid + " cannot be deleted: it is assigned to " + bundle.sid);
                        }
                    }
                }
                items.remove(sid);
                return SimResponse.empty(204);
            case "POST":
                if (form.get("FriendlyName") != null) {
                    item.friendlyName = form.get("FriendlyName");
                }
                if (form.get("Attributes") != null) {
                    item.attributes = attributes(form);
                }
                item.updated = engine.clock.instant();
                return SimResponse.json(200, Json.write(itemJson(item, collection, documents)));
            default:
                return SimResponse.json(200, Json.write(itemJson(item, collection, documents)));
        }
    }

    private static JsonNode attributes(Form form) {
        String attributes = form.get("Attributes");
        return attributes == null ? Json.object() : Params.json("Attributes", attributes, 22207);
    }

    private static ObjectNode itemJson(Item item, String collection, boolean document) {
        ObjectNode node = Json.object();
        node.put("sid", item.sid);
        node.put("account_sid", item.accountSid);
        node.put("friendly_name", item.friendlyName);
        if (document) {
            node.putNull("mime_type");
            node.put("status", "DRAFT");
        }
        node.put("type", item.type);
        node.set("attributes", item.attributes.deepCopy());
        node.put("date_created", Json.iso8601(item.created));
        node.put("date_updated", Json.iso8601(item.updated));
        node.put("url", HOST + "/v1/" + collection + "/" + item.sid);
        return node;
    }

    // ---------------------------------------------------------------------------------------------
    // API 2010 Addresses

    private static final Pattern ADDRESS_ONE = Pattern.compile("Addresses/([^/]+)\\.json");

    SimResponse addresses(Principal principal, String method, String rest, Form form, String path) {
        String account = principal.account.sid;
        Map<String, Address> addresses = state().addresses;
        Matcher one = ADDRESS_ONE.matcher(rest);
        if (!one.matches()) {
            if (method.equals("POST")) {
                Address address = new Address(engine.nextSid("AD"), account, engine.clock.instant());
                address.customerName = Params.required(form, "CustomerName");
                address.street = Params.required(form, "Street");
                address.city = Params.required(form, "City");
                address.region = Params.required(form, "Region");
                address.postalCode = Params.required(form, "PostalCode");
                address.isoCountry = Params.required(form, "IsoCountry").toUpperCase(java.util.Locale.ROOT);
                address.friendlyName = form.get("FriendlyName") == null ? "" : form.get("FriendlyName");
                address.streetSecondary = form.get("StreetSecondary");
                addresses.put(address.sid, address);
                return SimResponse.json(201, Json.write(addressJson(address)));
            }
            String friendlyName = form.get("FriendlyName");
            String customerName = form.get("CustomerName");
            String isoCountry = form.get("IsoCountry");
            List<ObjectNode> result = new ArrayList<>();
            for (Address address : addresses.values()) {
                if (address.accountSid.equals(account)
                        && (friendlyName == null || friendlyName.equals(address.friendlyName))
                        && (customerName == null || customerName.equals(address.customerName))
                        && (isoCountry == null || isoCountry.equalsIgnoreCase(address.isoCountry))) {
                    result.add(addressJson(address));
                }
            }
            return SimulatorEngine.page("addresses", result, path, form);
        }
        Address address = addresses.get(one.group(1));
        if (address == null || !address.accountSid.equals(account)) {
            throw TwilioError.notFound(path);
        }
        switch (method) {
            case "DELETE":
                addresses.remove(address.sid);
                return SimResponse.empty(204);
            case "POST":
                address.customerName = valueOr(form, "CustomerName", address.customerName);
                address.street = valueOr(form, "Street", address.street);
                address.city = valueOr(form, "City", address.city);
                address.region = valueOr(form, "Region", address.region);
                address.postalCode = valueOr(form, "PostalCode", address.postalCode);
                address.friendlyName = valueOr(form, "FriendlyName", address.friendlyName);
                address.streetSecondary =
                        form.get("StreetSecondary") != null ? form.get("StreetSecondary") : address.streetSecondary;
                address.updated = engine.clock.instant();
                return SimResponse.json(200, Json.write(addressJson(address)));
            default:
                return SimResponse.json(200, Json.write(addressJson(address)));
        }
    }

    private static String valueOr(Form form, String name, String current) {
        String value = form.get(name);
        return value == null ? current : value;
    }

    private static ObjectNode addressJson(Address address) {
        ObjectNode node = Json.object();
        node.put("account_sid", address.accountSid);
        node.put("city", address.city);
        node.put("customer_name", address.customerName);
        node.put("date_created", Json.rfc2822(address.created));
        node.put("date_updated", Json.rfc2822(address.updated));
        node.put("friendly_name", address.friendlyName);
        node.put("iso_country", address.isoCountry);
        node.put("postal_code", address.postalCode);
        node.put("region", address.region);
        node.put("sid", address.sid);
        node.put("street", address.street);
        node.put("street_secondary", address.streetSecondary);
        node.put(
                "uri", SimulatorEngine.API + "/Accounts/" + address.accountSid + "/Addresses/" + address.sid + ".json");
        node.put("emergency_enabled", false);
        node.put("validated", true);
        node.put("verified", false);
        return node;
    }
}
