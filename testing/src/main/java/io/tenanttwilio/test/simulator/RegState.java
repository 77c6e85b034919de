package io.tenanttwilio.test.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The mutable records of carrier registration (TrustHub, A2P 10DLC, toll-free verification,
 * Event Streams and addresses); guarded by the engine's lock, like {@link SimState}.
 */
final class RegState {

    private RegState() {}

    /** A TrustHub bundle: a customer profile or a trust product (both {@code BU…}). */
    static final class Bundle {
        final String sid;
        final String accountSid;
        final RegistrationKind kind;
        String friendlyName;
        String email;
        final String policySid;

        @Nullable
        String statusCallback;

        String status = "draft";

        @Nullable
        Instant validUntil;

        final Instant created;
        Instant updated;
        final Map<String, Assignment> assignments = new LinkedHashMap<>();
        final Map<String, Evaluation> evaluations = new LinkedHashMap<>();
        List<Rejection> errors = List.of();

        Bundle(
                String sid,
                String accountSid,
                RegistrationKind kind,
                String friendlyName,
                String email,
                String policySid,
                Instant now) {
            this.sid = sid;
            this.accountSid = accountSid;
            this.kind = kind;
            this.friendlyName = friendlyName;
            this.email = email;
            this.policySid = policySid;
            this.created = now;
            this.updated = now;
        }

        boolean editable() {
            return status.equals("draft") || status.equals("twilio-rejected");
        }

        boolean submitted() {
            return status.equals("pending-review") || status.equals("in-review") || status.equals("twilio-approved");
        }
    }

    /** An item assigned to a bundle ({@code BV…}). */
    record Assignment(String sid, String bundleSid, String accountSid, String objectSid, Instant created) {}

    /** An evaluation of a bundle against a policy ({@code EL…}). */
    record Evaluation(
            String sid,
            String accountSid,
            String policySid,
            String bundleSid,
            String status,
            ArrayNode results,
            Instant created) {}

    /** An end user ({@code IT…}) or a supporting document ({@code RD…}). */
    static final class Item {
        final String sid;
        final String accountSid;
        String friendlyName;
        final String type;
        JsonNode attributes;
        final Instant created;
        Instant updated;

        Item(String sid, String accountSid, String friendlyName, String type, JsonNode attributes, Instant now) {
            this.sid = sid;
            this.accountSid = accountSid;
            this.friendlyName = friendlyName;
            this.type = type;
            this.attributes = attributes;
            this.created = now;
            this.updated = now;
        }
    }

    /** An API 2010 address ({@code AD…}). */
    static final class Address {
        final String sid;
        final String accountSid;
        String customerName;
        String street;

        @Nullable
        String streetSecondary;

        String city;
        String region;
        String postalCode;
        String isoCountry;
        String friendlyName;
        final Instant created;
        Instant updated;

        Address(String sid, String accountSid, Instant now) {
            this.sid = sid;
            this.accountSid = accountSid;
            this.created = now;
            this.updated = now;
        }
    }

    /** An A2P brand registration ({@code BN…}). */
    static final class Brand {
        final String sid;
        final String accountSid;
        final String customerProfileSid;
        final String a2pProfileSid;
        final String brandType;
        final boolean mock;
        final boolean skipAutomaticSecVet;
        String status = "PENDING";

        @Nullable
        String identityStatus;

        @Nullable
        Integer brandScore;

        @Nullable
        String tcrId;

        List<Rejection> errors = List.of();
        final Instant created;
        Instant updated;

        Brand(
                String sid,
                String accountSid,
                String customerProfileSid,
                String a2pProfileSid,
                String brandType,
                boolean mock,
                boolean skipAutomaticSecVet,
                Instant now) {
            this.sid = sid;
            this.accountSid = accountSid;
            this.customerProfileSid = customerProfileSid;
            this.a2pProfileSid = a2pProfileSid;
            this.brandType = brandType;
            this.mock = mock;
            this.skipAutomaticSecVet = skipAutomaticSecVet;
            this.created = now;
            this.updated = now;
        }
    }

    /** A US A2P campaign of a Messaging Service ({@code QE…}). */
    static final class Campaign {
        final String sid;
        final String accountSid;
        final String serviceSid;
        final String brandSid;
        final String usecase;
        final String campaignId;
        String description;
        String messageFlow;
        List<String> messageSamples;
        boolean hasEmbeddedLinks;
        boolean hasEmbeddedPhone;
        final Map<String, Object> optional = new LinkedHashMap<>();
        String status = "IN_PROGRESS";
        List<Rejection> errors = List.of();
        final Instant created;
        Instant updated;

        Campaign(
                String sid,
                String accountSid,
                String serviceSid,
                String brandSid,
                String usecase,
                String campaignId,
                Instant now) {
            this.sid = sid;
            this.accountSid = accountSid;
            this.serviceSid = serviceSid;
            this.brandSid = brandSid;
            this.usecase = usecase;
            this.campaignId = campaignId;
            this.created = now;
            this.updated = now;
        }
    }

    /** A toll-free verification ({@code HH…}); its form fields are kept as sent. */
    static final class TollFree {
        final String sid;
        final String accountSid;
        final String numberSid;
        final String phoneNumber;
        final Map<String, Object> fields = new LinkedHashMap<>();
        String status = "PENDING_REVIEW";
        List<Rejection> reasons = List.of();
        boolean editAllowed;

        @Nullable
        Instant editExpiration;

        final Instant created;
        Instant updated;

        TollFree(String sid, String accountSid, String numberSid, String phoneNumber, Instant now) {
            this.sid = sid;
            this.accountSid = accountSid;
            this.numberSid = numberSid;
            this.phoneNumber = phoneNumber;
            this.created = now;
            this.updated = now;
        }
    }

    /** An Event Streams sink ({@code DG…}). */
    static final class Sink {
        final String sid;
        final String accountSid;
        String description;
        final String type;
        final JsonNode configuration;
        final Instant created;
        Instant updated;

        Sink(String sid, String accountSid, String description, String type, JsonNode configuration, Instant now) {
            this.sid = sid;
            this.accountSid = accountSid;
            this.description = description;
            this.type = type;
            this.configuration = configuration;
            this.created = now;
            this.updated = now;
        }
    }

    /** An Event Streams subscription ({@code DF…}) of a sink to event types. */
    static final class Subscription {
        final String sid;
        final String accountSid;
        String description;
        String sinkSid;
        final List<String> types = new ArrayList<>();
        final Instant created;
        Instant updated;

        Subscription(String sid, String accountSid, String description, String sinkSid, Instant now) {
            this.sid = sid;
            this.accountSid = accountSid;
            this.description = description;
            this.sinkSid = sinkSid;
            this.created = now;
            this.updated = now;
        }
    }

    /** A submission waiting for its review: due at {@code dueAt} on the simulator's clock. */
    record Review(RegistrationKind kind, String sid, String accountSid, Instant dueAt) {}

    /** A scripted outcome of a review: approval, or rejection with its reasons. */
    record Outcome(boolean approve, List<Rejection> reasons) {}
}
