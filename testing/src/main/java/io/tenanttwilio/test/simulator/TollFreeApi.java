package io.tenanttwilio.test.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenanttwilio.test.simulator.RegState.Bundle;
import io.tenanttwilio.test.simulator.RegState.TollFree;
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
 * Toll-free verifications of Messaging v1 ({@code /v1/Tollfree/Verifications}), with the fields
 * and values of Twilio's OpenAPI document. {@code TollfreePhoneNumberSid} must be a toll-free
 * number of the account (400, 20422), without a verification still under way or approved (409,
 * 20409). A rejected verification may be edited, which puts it back in review, for {@link
 * Registrations#EDIT_WINDOW} after the rejection (409, 20409 otherwise).
 */
final class TollFreeApi {

    private static final String HOST = "https://messaging.twilio.com";
    private static final Pattern PATH = Pattern.compile("/v1/Tollfree/Verifications(?:/([^/]+))?");

    private static final List<String> REQUIRED = List.of(
            "BusinessName",
            "BusinessWebsite",
            "NotificationEmail",
            "UseCaseCategories",
            "UseCaseSummary",
            "ProductionMessageSample",
            "OptInImageUrls",
            "OptInType",
            "MessageVolume",
            "TollfreePhoneNumberSid");
    private static final List<String> TEXTS = List.of(
            "BusinessName",
            "BusinessWebsite",
            "NotificationEmail",
            "UseCaseSummary",
            "ProductionMessageSample",
            "MessageVolume",
            "CustomerProfileSid",
            "BusinessStreetAddress",
            "BusinessStreetAddress2",
            "BusinessCity",
            "BusinessStateProvinceRegion",
            "BusinessPostalCode",
            "BusinessCountry",
            "AdditionalInformation",
            "BusinessContactFirstName",
            "BusinessContactLastName",
            "BusinessContactEmail",
            "BusinessContactPhone",
            "ExternalReferenceId",
            "BusinessRegistrationNumber",
            "BusinessRegistrationCountry",
            "BusinessRegistrationPhoneNumber",
            "DoingBusinessAs",
            "OptInConfirmationMessage",
            "HelpMessageSample",
            "PrivacyPolicyUrl",
            "TermsAndConditionsUrl",
            "VettingId");
    private static final Map<String, Set<String>> ENUMS = Map.of(
            "OptInType",
            Set.of("VERBAL", "WEB_FORM", "PAPER_FORM", "VIA_TEXT", "MOBILE_QR_CODE", "IMPORT", "IMPORT_PLEASE_REPLACE"),
            "BusinessRegistrationAuthority",
            Set.of(
                    "EIN",
                    "CBN",
                    "CRN",
                    "PROVINCIAL_NUMBER",
                    "VAT",
                    "ACN",
                    "ABN",
                    "BRN",
                    "SIREN",
                    "SIRET",
                    "NZBN",
                    "USt-IdNr",
                    "CIF",
                    "NIF",
                    "CNPJ",
                    "UID",
                    "NEQ",
                    "OTHER"),
            "BusinessType",
            Set.of("PRIVATE_PROFIT", "PUBLIC_PROFIT", "SOLE_PROPRIETOR", "NON_PROFIT", "GOVERNMENT"),
            "VettingProvider",
            Set.of("CAMPAIGN_VERIFY"));
    private static final Set<String> USE_CASE_CATEGORIES = Set.of(
            "TWO_FACTOR_AUTHENTICATION",
            "ACCOUNT_NOTIFICATIONS",
            "CUSTOMER_CARE",
            "CHARITY_NONPROFIT",
            "DELIVERY_NOTIFICATIONS",
            "FRAUD_ALERT_MESSAGING",
            "EVENTS",
            "HIGHER_EDUCATION",
            "K12",
            "MARKETING",
            "POLLING_AND_VOTING_NON_POLITICAL",
            "POLITICAL_ELECTION_CAMPAIGNS",
            "PUBLIC_SERVICE_ANNOUNCEMENT",
            "SECURITY_ALERT");
    private static final List<String> LISTS = List.of("UseCaseCategories", "OptInImageUrls", "OptInKeywords");

    /** The response's fields after {@code date_updated}, each with the parameter it shows (if any). */
    private static final List<String> FIELDS = List.of(
            "regulated_item_sid",
            "BusinessName",
            "BusinessStreetAddress",
            "BusinessStreetAddress2",
            "BusinessCity",
            "BusinessStateProvinceRegion",
            "BusinessPostalCode",
            "BusinessCountry",
            "BusinessWebsite",
            "BusinessContactFirstName",
            "BusinessContactLastName",
            "BusinessContactEmail",
            "BusinessContactPhone",
            "NotificationEmail",
            "UseCaseCategories",
            "UseCaseSummary",
            "ProductionMessageSample",
            "OptInImageUrls",
            "OptInType",
            "MessageVolume",
            "AdditionalInformation");

    private final SimulatorEngine engine;

    TollFreeApi(SimulatorEngine engine) {
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
        SimState.Account account = principal.account;
        if (m.group(1) == null) {
            if (method.equals("POST")) {
                return SimResponse.json(201, Json.write(json(create(account.sid, form))));
            }
            if (!method.equals("GET")) {
                throw TwilioError.notFound(path);
            }
            return list(account, form, path);
        }
        TollFree verification = state().tollFree.get(m.group(1));
        if (verification == null || !verification.accountSid.equals(account.sid)) {
            throw TwilioError.notFound(path);
        }
        switch (method) {
            case "DELETE":
                state().tollFree.remove(verification.sid);
                return SimResponse.empty(204);
            case "POST":
                edit(verification, form);
                return SimResponse.json(202, Json.write(json(verification)));
            default:
                return SimResponse.json(200, Json.write(json(verification)));
        }
    }

    private TollFree create(String account, Form form) {
        for (String name : REQUIRED) {
            if (form.get(name) == null || form.get(name).isBlank()) {
                throw Params.missing(name);
            }
        }
        String numberSid = form.get("TollfreePhoneNumberSid");
        SimState.Number number = engine.numbersView().get(numberSid);
        if (number == null || !number.accountSid.equals(account) || number.type != NumberType.TOLL_FREE) {
            throw Params.invalid("TollfreePhoneNumberSid", numberSid + " is not a toll-free number of this account");
        }
        for (TollFree other : state().tollFree.values()) {
            if (other.numberSid.equals(numberSid) && !other.status.equals("TWILIO_REJECTED")) {
                throw Params.conflict("A verification of " + number.phoneNumber + " already exists: " + other.sid);
            }
        }
        TollFree verification =
                new TollFree(engine.nextSid("HH"), account, numberSid, number.phoneNumber, engine.clock.instant());
        apply(verification, form);
        state().tollFree.put(verification.sid, verification);
        state().charge(account, RegistrationKind.TOLL_FREE, verification.sid, Registrations.TOLL_FREE_FEE);
        state().submit(RegistrationKind.TOLL_FREE, verification.sid, account);
        return verification;
    }

    private void edit(TollFree verification, Form form) {
        Instant now = engine.clock.instant();
        if (!editAllowed(verification, now)) {
            throw Params.conflict(
                    "Verification " + verification.sid + " in status " + verification.status + " cannot be edited");
        }
        apply(verification, form);
        verification.status = "PENDING_REVIEW";
        verification.reasons = List.of();
        verification.editAllowed = false;
        verification.editExpiration = null;
        verification.updated = now;
        state().submit(RegistrationKind.TOLL_FREE, verification.sid, verification.accountSid);
    }

    private static boolean editAllowed(TollFree verification, Instant now) {
        return verification.status.equals("TWILIO_REJECTED")
                && verification.editAllowed
                && verification.editExpiration != null
                && now.isBefore(verification.editExpiration);
    }

    /** Keeps the fields sent, after checking enumerated values and the customer profile. */
    private void apply(TollFree verification, Form form) {
        ENUMS.forEach((name, allowed) -> {
            if (form.get(name) != null) {
                Params.oneOf(name, form.get(name), allowed);
            }
        });
        for (String category : form.all("UseCaseCategories")) {
            Params.oneOf("UseCaseCategories", category, USE_CASE_CATEGORIES);
        }
        String profile = form.get("CustomerProfileSid");
        if (profile != null) {
            Bundle bundle = state().bundles.get(profile);
            if (bundle == null
                    || !bundle.accountSid.equals(verification.accountSid)
                    || bundle.kind != RegistrationKind.CUSTOMER_PROFILE) {
                throw Params.invalid("CustomerProfileSid", profile);
            }
        }
        for (String name : TEXTS) {
            if (form.get(name) != null) {
                verification.fields.put(name, form.get(name));
            }
        }
        for (String name : ENUMS.keySet()) {
            if (form.get(name) != null) {
                verification.fields.put(name, form.get(name));
            }
        }
        for (String name : LISTS) {
            if (form.has(name)) {
                verification.fields.put(name, List.copyOf(form.all(name)));
            }
        }
        Boolean ageGated = Params.bool(form, "AgeGatedContent");
        if (ageGated != null) {
            verification.fields.put("AgeGatedContent", ageGated);
        }
    }

    private SimResponse list(SimState.Account account, Form form, String path) {
        String numberSid = form.get("TollfreePhoneNumberSid");
        String status = form.get("Status");
        String reference = form.get("ExternalReferenceId");
        boolean subaccounts = "true".equalsIgnoreCase(form.get("IncludeSubAccounts"));
        List<ObjectNode> result = new ArrayList<>();
        for (TollFree verification : state().tollFree.values()) {
            SimState.Account owner = engine.accountsView().get(verification.accountSid);
            boolean visible = verification.accountSid.equals(account.sid)
                    || (subaccounts && owner != null && account.sid.equals(owner.ownerSid));
            if (visible
                    && (numberSid == null || numberSid.equals(verification.numberSid))
                    && (status == null || status.equals(verification.status))
                    && (reference == null || reference.equals(verification.fields.get("ExternalReferenceId")))) {
                result.add(json(verification));
            }
        }
        return SimulatorEngine.v1Page(HOST, "verifications", result, path, form);
    }

    private static String snake(String parameter) {
        return parameter.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private void put(ObjectNode node, String field, @Nullable Object value) {
        if (value == null) {
            node.putNull(field);
        } else if (value instanceof List<?> list) {
            ArrayNode array = node.putArray(field);
            list.forEach(item -> array.add(item.toString()));
        } else if (value instanceof Boolean bool) {
            node.put(field, bool);
        } else {
            node.put(field, value.toString());
        }
    }

    private ObjectNode json(TollFree verification) {
        Map<String, Object> fields = verification.fields;
        ObjectNode node = Json.object();
        node.put("sid", verification.sid);
        node.put("account_sid", verification.accountSid);
        put(node, "customer_profile_sid", fields.get("CustomerProfileSid"));
        node.putNull("trust_product_sid");
        node.put("date_created", Json.iso8601(verification.created));
        node.put("date_updated", Json.iso8601(verification.updated));
        for (String field : FIELDS) {
            put(node, field.contains("_") ? field : snake(field), fields.get(field));
        }
        node.put("tollfree_phone_number_sid", verification.numberSid);
        node.put("tollfree_phone_number", verification.phoneNumber);
        node.put("status", verification.status);
        node.put("url", HOST + "/v1/Tollfree/Verifications/" + verification.sid);
        boolean rejected = !verification.reasons.isEmpty();
        put(node, "rejection_reason", rejected ? verification.reasons.get(0).reason() : null);
        if (rejected) {
            node.put("error_code", verification.reasons.get(0).code());
        } else {
            node.putNull("error_code");
        }
        node.put("edit_expiration", Json.iso8601(verification.editExpiration));
        if (verification.status.equals("TWILIO_REJECTED")) {
            node.put("edit_allowed", editAllowed(verification, engine.clock.instant()));
        } else {
            node.putNull("edit_allowed");
        }
        for (String name : List.of(
                "BusinessRegistrationNumber",
                "BusinessRegistrationAuthority",
                "BusinessRegistrationCountry",
                "BusinessType",
                "BusinessRegistrationPhoneNumber",
                "DoingBusinessAs",
                "OptInConfirmationMessage",
                "HelpMessageSample",
                "PrivacyPolicyUrl",
                "TermsAndConditionsUrl",
                "AgeGatedContent",
                "OptInKeywords")) {
            put(node, snake(name), fields.get(name));
        }
        if (rejected) {
            ArrayNode reasons = node.putArray("rejection_reasons");
            verification.reasons.forEach(
                    reason -> reasons.addObject().put("code", reason.code()).put("reason", reason.reason()));
        } else {
            node.putNull("rejection_reasons");
        }
        node.putNull("resource_links");
        put(node, "external_reference_id", fields.get("ExternalReferenceId"));
        put(node, "vetting_id", fields.get("VettingId"));
        put(node, "vetting_provider", fields.get("VettingProvider"));
        node.putNull("vetting_id_expiration");
        return node;
    }
}
