package io.tenanttwilio.test.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenanttwilio.test.simulator.RegState.Address;
import io.tenanttwilio.test.simulator.RegState.Brand;
import io.tenanttwilio.test.simulator.RegState.Bundle;
import io.tenanttwilio.test.simulator.RegState.Campaign;
import io.tenanttwilio.test.simulator.RegState.Item;
import io.tenanttwilio.test.simulator.RegState.Outcome;
import io.tenanttwilio.test.simulator.RegState.Review;
import io.tenanttwilio.test.simulator.RegState.Sink;
import io.tenanttwilio.test.simulator.RegState.Subscription;
import io.tenanttwilio.test.simulator.RegState.TollFree;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The state of carrier registration and what moves it: submissions wait for their review, which
 * falls due {@link #reviewDelay} after them on the simulator's clock and takes the next scripted
 * outcome (approval when none is scripted); status changes of brands, campaigns and toll-free
 * verifications become Event Streams deliveries. Every method runs under the engine's lock.
 */
final class Registrations {

    static final BigDecimal BRAND_FEE = new BigDecimal("4.00");
    static final BigDecimal CAMPAIGN_FEE = new BigDecimal("15.00");
    static final BigDecimal TOLL_FREE_FEE = new BigDecimal("0.00");
    /** How long a rejected toll-free verification may be edited and resubmitted. */
    static final Duration EDIT_WINDOW = Duration.ofDays(7);

    static final String EVENT_PREFIX = "com.twilio.messaging.compliance.";
    static final String BRAND_REGISTERED = EVENT_PREFIX + "brand-registration.brand-registered";
    static final String BRAND_FAILURE = EVENT_PREFIX + "brand-registration.brand-failure";
    static final String CAMPAIGN_APPROVED = EVENT_PREFIX + "campaign-registration.campaign-approved";
    static final String CAMPAIGN_FAILURE = EVENT_PREFIX + "campaign-registration.campaign-failure";
    static final String TOLL_FREE_APPROVED = EVENT_PREFIX + "toll-free-verification.request-approved";
    static final String TOLL_FREE_REJECTED = EVENT_PREFIX + "toll-free-verification.request-rejected";

    private final SimulatorEngine engine;

    final Map<String, Bundle> bundles = new LinkedHashMap<>();
    final Map<String, Item> endUsers = new LinkedHashMap<>();
    final Map<String, Item> documents = new LinkedHashMap<>();
    final Map<String, Address> addresses = new LinkedHashMap<>();
    final Map<String, Brand> brands = new LinkedHashMap<>();
    final Map<String, Campaign> campaigns = new LinkedHashMap<>();
    final Map<String, TollFree> tollFree = new LinkedHashMap<>();
    final Map<String, Sink> sinks = new LinkedHashMap<>();
    final Map<String, Subscription> subscriptions = new LinkedHashMap<>();

    private final List<Review> reviews = new ArrayList<>();
    private Duration reviewDelay = Duration.ZERO;
    private final Map<RegistrationKind, Deque<Outcome>> script = new EnumMap<>(RegistrationKind.class);
    private final Map<String, Map<RegistrationKind, Deque<Outcome>>> scriptByAccount = new HashMap<>();
    private final List<Fee> fees = new ArrayList<>();
    private final Map<String, List<String>> brandLog = new HashMap<>();
    private final Map<String, List<String>> campaignLog = new HashMap<>();
    /** Events of the operation under way, per sink, posted when it ends. */
    private final Map<String, List<ObjectNode>> outbox = new LinkedHashMap<>();

    private volatile boolean carrierRules = true;

    Registrations(SimulatorEngine engine) {
        this.engine = engine;
    }

    // ---------------------------------------------------------------------------------------------
    // Script

    Duration reviewDelay() {
        return reviewDelay;
    }

    void reviewDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("The review delay cannot be negative");
        }
        this.reviewDelay = delay;
    }

    void script(RegistrationKind kind, @Nullable String accountSid, Outcome outcome) {
        Map<RegistrationKind, Deque<Outcome>> queues = accountSid == null
                ? script
                : scriptByAccount.computeIfAbsent(accountSid, sid -> new EnumMap<>(RegistrationKind.class));
        queues.computeIfAbsent(kind, k -> new ArrayDeque<>()).addLast(outcome);
    }

    private Outcome nextOutcome(RegistrationKind kind, String accountSid) {
        Deque<Outcome> own = scriptByAccount.getOrDefault(accountSid, Map.of()).get(kind);
        if (own != null && !own.isEmpty()) {
            return own.removeFirst();
        }
        Deque<Outcome> shared = script.get(kind);
        if (shared != null && !shared.isEmpty()) {
            return shared.removeFirst();
        }
        return new Outcome(true, List.of());
    }

    boolean carrierRules() {
        return carrierRules;
    }

    void carrierRules(boolean enforce) {
        this.carrierRules = enforce;
    }

    // ---------------------------------------------------------------------------------------------
    // Submissions and reviews

    /** Puts a submission in the queue of reviews, due after the review delay. */
    void submit(RegistrationKind kind, String sid, String accountSid) {
        reviews.removeIf(review -> review.sid().equals(sid));
        reviews.add(new Review(kind, sid, accountSid, engine.clock.instant().plus(reviewDelay)));
    }

    /**
     * Applies every review due now; a submission not due yet moves to its in-review status.
     * Returns how many reviews were applied.
     */
    int applyDue(List<CallbackDispatcher.Work> emitted) {
        Instant now = engine.clock.instant();
        List<Review> due = new ArrayList<>();
        for (Review review : reviews) {
            if (now.isBefore(review.dueAt())) {
                startReview(review, now);
            } else {
                due.add(review);
            }
        }
        reviews.removeAll(due);
        due.sort(Comparator.comparing(Review::dueAt));
        int applied = 0;
        for (Review review : due) {
            if (decide(review, now)) {
                applied++;
            }
        }
        flush(emitted);
        return applied;
    }

    private void startReview(Review review, Instant now) {
        switch (review.kind()) {
            case CUSTOMER_PROFILE, TRUST_PRODUCT -> {
                Bundle bundle = bundles.get(review.sid());
                if (bundle != null && bundle.status.equals("pending-review")) {
                    bundle.status = "in-review";
                    bundle.updated = now;
                }
            }
            case BRAND -> {
                Brand brand = brands.get(review.sid());
                if (brand != null && brand.status.equals("PENDING")) {
                    brand.status = "IN_REVIEW";
                    brand.updated = now;
                }
            }
            case TOLL_FREE -> {
                TollFree verification = tollFree.get(review.sid());
                if (verification != null && verification.status.equals("PENDING_REVIEW")) {
                    verification.status = "IN_REVIEW";
                    verification.updated = now;
                }
            }
            default -> {
                // A campaign stays IN_PROGRESS until it is decided.
            }
        }
    }

    /** Applies the next scripted outcome to the reviewed resource, if it still exists. */
    private boolean decide(Review review, Instant now) {
        switch (review.kind()) {
            case CUSTOMER_PROFILE, TRUST_PRODUCT -> {
                Bundle bundle = bundles.get(review.sid());
                if (bundle == null) {
                    return false;
                }
                Outcome outcome = nextOutcome(review.kind(), review.accountSid());
                bundle.status = outcome.approve() ? "twilio-approved" : "twilio-rejected";
                bundle.validUntil = outcome.approve() ? now.plus(365, ChronoUnit.DAYS) : null;
                bundle.errors = outcome.reasons();
                bundle.updated = now;
            }
            case BRAND -> {
                Brand brand = brands.get(review.sid());
                if (brand == null) {
                    return false;
                }
                Outcome outcome = nextOutcome(review.kind(), review.accountSid());
                brand.updated = now;
                brand.tcrId = "B" + brand.sid.substring(2, 8).toUpperCase(Locale.ROOT);
                if (outcome.approve()) {
                    brand.status = "APPROVED";
                    brand.identityStatus = "VERIFIED";
                    brand.brandScore = brand.mock ? 0 : 80;
                    brand.errors = List.of();
                    emit(brand.accountSid, BRAND_REGISTERED, "A2P.BrandRegistered/2", brandData(brand, "registered"));
                } else {
                    brand.status = "FAILED";
                    brand.identityStatus = "UNVERIFIED";
                    brand.brandScore = null;
                    brand.errors = outcome.reasons();
                    emit(
                            brand.accountSid,
                            BRAND_FAILURE,
                            "A2P.BrandRegistrationFailure/3",
                            brandData(brand, "registration_failed"));
                }
            }
            case CAMPAIGN -> {
                Campaign campaign = campaigns.get(review.sid());
                if (campaign == null) {
                    return false;
                }
                Outcome outcome = nextOutcome(review.kind(), review.accountSid());
                campaign.updated = now;
                campaign.status = outcome.approve() ? "VERIFIED" : "FAILED";
                campaign.errors = outcome.reasons();
                if (outcome.approve()) {
                    emit(
                            campaign.accountSid,
                            CAMPAIGN_APPROVED,
                            "A2P.CampaignRegistrationApproved/2",
                            campaignData(campaign, "approved"));
                } else {
                    emit(
                            campaign.accountSid,
                            CAMPAIGN_FAILURE,
                            "A2P.CampaignRegistrationFailure/2",
                            campaignData(campaign, "failed"));
                }
            }
            case TOLL_FREE -> {
                TollFree verification = tollFree.get(review.sid());
                if (verification == null) {
                    return false;
                }
                Outcome outcome = nextOutcome(review.kind(), review.accountSid());
                verification.updated = now;
                if (outcome.approve()) {
                    verification.status = "TWILIO_APPROVED";
                    verification.reasons = List.of();
                    verification.editAllowed = false;
                    verification.editExpiration = null;
                    emit(
                            verification.accountSid,
                            TOLL_FREE_APPROVED,
                            "TollFree.VerificationRequestApproved/2",
                            tollFreeData(verification, "twilio_approved"));
                } else {
                    verification.status = "TWILIO_REJECTED";
                    verification.reasons = outcome.reasons();
                    verification.editAllowed = true;
                    verification.editExpiration = now.plus(EDIT_WINDOW);
                    emit(
                            verification.accountSid,
                            TOLL_FREE_REJECTED,
                            "TollFree.VerificationRequestRejected/2",
                            tollFreeData(verification, "twilio_rejected"));
                }
            }
        }
        return true;
    }

    /** Suspends an approved brand or a verified campaign, as carriers or Twilio may. */
    void suspend(String sid, List<CallbackDispatcher.Work> emitted) {
        Instant now = engine.clock.instant();
        Brand brand = brands.get(sid);
        Campaign campaign = campaigns.get(sid);
        if (brand != null) {
            if (!brand.status.equals("APPROVED")) {
                throw new IllegalStateException(
                        "Only an APPROVED brand can be suspended; " + sid + " is " + brand.status);
            }
            brand.status = "SUSPENDED";
            brand.updated = now;
            // Twilio documents no brand-suspended event type: the nearest documented one, brand-failure,
            // is sent with brandstatus "suspended".
            emit(brand.accountSid, BRAND_FAILURE, "A2P.BrandRegistrationFailure/3", brandData(brand, "suspended"));
        } else if (campaign != null) {
            if (!campaign.status.equals("VERIFIED")) {
                throw new IllegalStateException(
                        "Only a VERIFIED campaign can be suspended; " + sid + " is " + campaign.status);
            }
            campaign.status = "SUSPENDED";
            campaign.errors = List.of(Rejection.of(30033, "US A2P 10DLC - Campaign Suspended"));
            campaign.updated = now;
            // No campaign-suspended event type is documented: campaign-failure, with
            // campaignregistrationstatus "suspended", is the nearest one.
            emit(
                    campaign.accountSid,
                    CAMPAIGN_FAILURE,
                    "A2P.CampaignRegistrationFailure/2",
                    campaignData(campaign, "suspended"));
        } else {
            throw new IllegalArgumentException("No brand or campaign " + sid);
        }
        flush(emitted);
    }

    // ---------------------------------------------------------------------------------------------
    // Fees

    void charge(String accountSid, RegistrationKind kind, String sid, BigDecimal amount) {
        fees.add(new Fee(accountSid, kind, sid, amount, engine.clock.instant()));
        if (kind == RegistrationKind.BRAND) {
            List<String> log = brandLog.computeIfAbsent(accountSid, k -> new ArrayList<>());
            if (!log.contains(sid)) {
                log.add(sid);
            }
        } else if (kind == RegistrationKind.CAMPAIGN) {
            campaignLog.computeIfAbsent(accountSid, k -> new ArrayList<>()).add(sid);
        }
    }

    List<Fee> fees(String accountSid) {
        return fees.stream().filter(fee -> fee.accountSid().equals(accountSid)).toList();
    }

    List<String> brandsCreated(String accountSid) {
        return List.copyOf(brandLog.getOrDefault(accountSid, List.of()));
    }

    List<String> campaignsCreated(String accountSid) {
        return List.copyOf(campaignLog.getOrDefault(accountSid, List.of()));
    }

    @Nullable
    String status(String sid) {
        if (bundles.containsKey(sid)) {
            return bundles.get(sid).status;
        }
        if (brands.containsKey(sid)) {
            return brands.get(sid).status;
        }
        if (campaigns.containsKey(sid)) {
            return campaigns.get(sid).status;
        }
        return tollFree.containsKey(sid) ? tollFree.get(sid).status : null;
    }

    // ---------------------------------------------------------------------------------------------
    // Carrier rules

    @Nullable
    Campaign campaignOf(String serviceSid) {
        for (Campaign campaign : campaigns.values()) {
            if (campaign.serviceSid.equals(serviceSid)) {
                return campaign;
            }
        }
        return null;
    }

    /**
     * The error a carrier ends a message with, or {@code null} when it lets it through: 30034 for
     * US-bound traffic from a US or Canadian long code outside a Messaging Service whose campaign
     * is VERIFIED (30033 when that campaign is SUSPENDED); 30032 for US- or Canada-bound traffic
     * from a toll-free number without a TWILIO_APPROVED verification.
     */
    @Nullable
    Integer carrierBlock(SimState.Number sender, String to) {
        if (!carrierRules) {
            return null;
        }
        String destination = SimulatorEngine.regionOf(to);
        if (sender.type == NumberType.TOLL_FREE) {
            if (!destination.equals("US") && !destination.equals("CA")) {
                return null;
            }
            for (TollFree verification : tollFree.values()) {
                if (verification.numberSid.equals(sender.sid) && verification.status.equals("TWILIO_APPROVED")) {
                    return null;
                }
            }
            return 30032;
        }
        if (!destination.equals("US") || !(sender.isoCountry.equals("US") || sender.isoCountry.equals("CA"))) {
            return null;
        }
        String serviceSid = engine.serviceOf(sender.sid);
        Campaign campaign = serviceSid == null ? null : campaignOf(serviceSid);
        if (campaign != null && campaign.status.equals("VERIFIED")) {
            return null;
        }
        return campaign != null && campaign.status.equals("SUSPENDED") ? 30033 : 30034;
    }

    // ---------------------------------------------------------------------------------------------
    // Event Streams

    private void emit(String accountSid, String type, String schema, ObjectNode data) {
        java.util.Set<String> sinkSids = new java.util.LinkedHashSet<>();
        for (Subscription subscription : subscriptions.values()) {
            Sink sink = sinks.get(subscription.sinkSid);
            if (subscription.accountSid.equals(accountSid)
                    && sink != null
                    && sink.type.equals("webhook")
                    && subscription.types.contains(type)) {
                sinkSids.add(sink.sid);
            }
        }
        if (sinkSids.isEmpty()) {
            return;
        }
        ObjectNode event = Json.object();
        event.put("specversion", "1.0");
        event.put("type", type);
        event.put("source", "/v1/Accounts/" + accountSid);
        event.put("id", engine.nextSid("EV"));
        event.put("dataschema", "https://events-schemas.twilio.com/" + schema);
        event.put("datacontenttype", "application/json");
        event.put("time", engine.clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        event.set("data", data);
        for (String sinkSid : sinkSids) {
            outbox.computeIfAbsent(sinkSid, k -> new ArrayList<>()).add(event);
        }
    }

    /** Turns the events of the operation into deliveries: one per sink when batched, else one per event. */
    private void flush(List<CallbackDispatcher.Work> emitted) {
        for (Map.Entry<String, List<ObjectNode>> entry : outbox.entrySet()) {
            Sink sink = sinks.get(entry.getKey());
            SimState.Account account =
                    sink == null ? null : engine.accountsView().get(sink.accountSid);
            if (account == null) {
                continue;
            }
            String url = sink.configuration.path("destination").asText();
            boolean batched = sink.configuration.path("batch_events").asBoolean(false);
            List<List<ObjectNode>> posts = new ArrayList<>();
            if (batched) {
                posts.add(entry.getValue());
            } else {
                entry.getValue().forEach(event -> posts.add(List.of(event)));
            }
            for (List<ObjectNode> events : posts) {
                ArrayNode array = Json.MAPPER.createArrayNode();
                events.forEach(array::add);
                emitted.add(new CallbackDispatcher.EventPost(
                        sink.sid, sink.accountSid, url, account.authToken, Json.write(array)));
            }
        }
        outbox.clear();
    }

    private static long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    private ObjectNode brandData(Brand brand, String status) {
        ObjectNode data = Json.object();
        data.put("accountsid", brand.accountSid);
        data.put("brandsid", brand.sid);
        data.put("brandstatus", status);
        if (brand.tcrId != null && !status.equals("registration_failed")) {
            data.put("externalbrandid", brand.tcrId);
        }
        if (brand.brandScore != null) {
            data.put("brandscore", brand.brandScore);
        }
        if (brand.identityStatus != null) {
            data.put("identitystatus", brand.identityStatus.toLowerCase(Locale.ROOT));
        }
        data.put("createddate", millis(brand.created));
        data.put("updateddate", millis(brand.updated));
        if (!brand.errors.isEmpty()) {
            ArrayNode errors = data.putArray("brandregistrationerrors");
            for (Rejection reason : brand.errors) {
                ObjectNode error = errors.addObject();
                error.put("registrationerrorcode", reason.code());
                error.put("registrationerrordescription", reason.reason());
                error.put("registrationerrorurl", "https://www.twilio.com/docs/api/errors/" + reason.code());
                error.putArray("registrationerrorfields");
            }
        }
        return data;
    }

    private ObjectNode campaignData(Campaign campaign, String status) {
        ObjectNode data = Json.object();
        data.put("accountsid", campaign.accountSid);
        data.put("brandsid", campaign.brandSid);
        data.put("campaignsid", campaign.sid);
        data.put("messagingservicesid", campaign.serviceSid);
        data.put("externalcampaignid", campaign.campaignId);
        data.put("a2pusecase", campaign.usecase);
        data.put("createddate", millis(campaign.created));
        data.put("updateddate", millis(campaign.updated));
        data.put("campaignregistrationstatus", status);
        data.put("timestamp", millis(campaign.updated));
        if (!campaign.errors.isEmpty()) {
            data.put("errorcode", campaign.errors.get(0).code());
            // Not in Twilio's documented payload: every reason, for tests to read.
            ArrayNode errors = data.putArray("campaignregistrationerrors");
            for (Rejection reason : campaign.errors) {
                ObjectNode error = errors.addObject();
                error.put("registrationerrorcode", reason.code());
                error.put("registrationerrordescription", reason.reason());
            }
        }
        return data;
    }

    private ObjectNode tollFreeData(TollFree verification, String status) {
        ObjectNode data = Json.object();
        SimState.Account account = engine.accountsView().get(verification.accountSid);
        data.put("accountsid", verification.accountSid);
        data.put("parentaccountsid", account == null ? verification.accountSid : account.billingSid());
        data.put("tollfreeverificationsid", verification.sid);
        data.put("phonenumbersid", verification.numberSid);
        data.put("phonenumber", verification.phoneNumber);
        Object profile = verification.fields.get("CustomerProfileSid");
        if (profile != null) {
            data.put("customerprofilesid", profile.toString());
        }
        data.put("processeddate", millis(verification.updated));
        data.put("verificationstatus", status);
        if (!verification.reasons.isEmpty()) {
            data.put("rejectionreason", verification.reasons.get(0).reason());
            data.put("errorcode", verification.reasons.get(0).code());
            ArrayNode reasons = data.putArray("rejectionreasons");
            for (Rejection reason : verification.reasons) {
                reasons.addObject().put("code", reason.code()).put("reason", reason.reason());
            }
            data.put("editallowed", verification.editAllowed);
            if (verification.editExpiration != null) {
                data.put("editexpiration", Json.iso8601(verification.editExpiration));
            }
        }
        return data;
    }

    /** {@code errors} of a rejected resource, as Twilio lists them: code and description. */
    static ArrayNode errorsJson(List<Rejection> reasons) {
        ArrayNode errors = Json.MAPPER.createArrayNode();
        for (Rejection reason : reasons) {
            errors.addObject().put("code", reason.code()).put("description", reason.reason());
        }
        return errors;
    }

    void reset() {
        bundles.clear();
        endUsers.clear();
        documents.clear();
        addresses.clear();
        brands.clear();
        campaigns.clear();
        tollFree.clear();
        sinks.clear();
        subscriptions.clear();
        reviews.clear();
        reviewDelay = Duration.ZERO;
        script.clear();
        scriptByAccount.clear();
        fees.clear();
        brandLog.clear();
        campaignLog.clear();
        outbox.clear();
        carrierRules = true;
    }
}
