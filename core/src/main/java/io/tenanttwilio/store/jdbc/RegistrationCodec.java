package io.tenanttwilio.store.jdbc;

import io.tenanttwilio.Actor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.registration.BusinessProfile;
import io.tenanttwilio.registration.CampaignDetails;
import io.tenanttwilio.registration.FieldProblem;
import io.tenanttwilio.registration.InvalidRegistrationException;
import io.tenanttwilio.registration.Registration;
import io.tenanttwilio.registration.Registration.Mark;
import io.tenanttwilio.registration.Registration.Resource;
import io.tenanttwilio.registration.RejectionReason;
import io.tenanttwilio.registration.TollFreeRequest;
import io.tenanttwilio.registration.TollFreeVerification;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link Registration} and a {@link TollFreeVerification} are laid out in their rows: what
 * the stores compare, order or look for in columns of their own (the state, the version, the next
 * check, the SIDs of the main Twilio resources), and what is only ever read back whole (the
 * business profile, the campaign, the request, Twilio's reasons, the sub-steps done) in the
 * {@code details} column, as a versioned {@link DetailsText}. The encoding is written here rather
 * than with a JSON library so that the core depends on none.
 *
 * <p>A row is a map of column to value: {@code String} (text and identifiers), {@code Integer},
 * {@code Long}, {@code Boolean} or {@link Instant}; {@code null} for SQL {@code NULL}. Failures to
 * read stored details are {@link DetailsText.UnreadableDetailsException}s, which name fields, never
 * values. Stateless and thread-safe.
 */
final class RegistrationCodec {

    /** The version of the details this class writes; it reads this one and those before. */
    static final int DETAILS_VERSION = 1;

    /** A column's SQL type, as the stores bind and read it. */
    enum Type {
        TEXT,
        ID,
        INT,
        LONG,
        BOOLEAN,
        TIME
    }

    /** A column of a row. */
    record Column(String name, Type type) {}

    /** The resources whose SIDs have columns of their own; the others' are in the details. */
    static final Map<Resource, String> SID_COLUMNS;

    static {
        Map<Resource, String> columns = new EnumMap<>(Resource.class);
        columns.put(Resource.CUSTOMER_PROFILE, "customer_profile_sid");
        columns.put(Resource.TRUST_PRODUCT, "trust_product_sid");
        columns.put(Resource.BRAND, "brand_sid");
        columns.put(Resource.MESSAGING_SERVICE, "messaging_service_sid");
        columns.put(Resource.CAMPAIGN, "campaign_sid");
        SID_COLUMNS = Collections.unmodifiableMap(columns);
    }

    /** The columns of {@code tt_registrations}, in their order in statements. */
    static final List<Column> REGISTRATION_COLUMNS = List.of(
            new Column("tenant_id", Type.TEXT),
            new Column("id", Type.ID),
            new Column("account_sid", Type.TEXT),
            new Column("state", Type.TEXT),
            new Column("customer_profile_sid", Type.TEXT),
            new Column("trust_product_sid", Type.TEXT),
            new Column("brand_sid", Type.TEXT),
            new Column("messaging_service_sid", Type.TEXT),
            new Column("campaign_sid", Type.TEXT),
            new Column("profile_status", Type.TEXT),
            new Column("trust_product_status", Type.TEXT),
            new Column("brand_status", Type.TEXT),
            new Column("campaign_status", Type.TEXT),
            new Column("problem", Type.TEXT),
            new Column("checks", Type.INT),
            new Column("next_check_at", Type.TIME),
            new Column("lease_until", Type.TIME),
            new Column("version", Type.LONG),
            new Column("details", Type.TEXT),
            new Column("created_at", Type.TIME),
            new Column("updated_at", Type.TIME));

    /** The columns of {@code tt_toll_free_verifications}, in their order in statements. */
    static final List<Column> TOLL_FREE_COLUMNS = List.of(
            new Column("tenant_id", Type.TEXT),
            new Column("phone_e164", Type.TEXT),
            new Column("id", Type.ID),
            new Column("account_sid", Type.TEXT),
            new Column("number_sid", Type.TEXT),
            new Column("verification_sid", Type.TEXT),
            new Column("status", Type.TEXT),
            new Column("edit_allowed", Type.BOOLEAN),
            new Column("edit_expiration", Type.TIME),
            new Column("problem", Type.TEXT),
            new Column("checks", Type.INT),
            new Column("next_check_at", Type.TIME),
            new Column("version", Type.LONG),
            new Column("details", Type.TEXT),
            new Column("created_at", Type.TIME),
            new Column("updated_at", Type.TIME));

    private RegistrationCodec() {}

    // ---------------------------------------------------------------------------------------------
    // Registrations

    /** The row of {@code registration}, with {@code version} as its version. */
    static Map<String, @Nullable Object> row(Registration registration, long version) {
        Map<String, @Nullable Object> row = new LinkedHashMap<>();
        row.put("tenant_id", registration.tenantId().value());
        row.put("id", registration.id());
        row.put("account_sid", registration.accountSid());
        row.put("state", registration.state().name());
        SID_COLUMNS.forEach(
                (resource, column) -> row.put(column, registration.sid(resource).orElse(null)));
        row.put("profile_status", registration.profileStatus().orElse(null));
        row.put("trust_product_status", registration.trustProductStatus().orElse(null));
        row.put("brand_status", registration.brandStatus().orElse(null));
        row.put("campaign_status", registration.campaignStatus().orElse(null));
        row.put("problem", registration.problem().map(Enum::name).orElse(null));
        row.put("checks", registration.checks());
        row.put("next_check_at", registration.nextCheckAt().orElse(null));
        row.put("lease_until", registration.leaseUntil().orElse(null));
        row.put("version", version);
        row.put("details", details(registration));
        row.put("created_at", registration.createdAt());
        row.put("updated_at", registration.updatedAt());
        return row;
    }

    /** The registration of a row of {@code tt_registrations}. */
    static Registration registration(Map<String, @Nullable Object> row) {
        Registration.Builder b = Registration.builder()
                .tenantId(TenantId.of(text(row, "tenant_id")))
                .id(text(row, "id"))
                .accountSid(text(row, "account_sid"))
                .state(constant(Registration.State.class, "state", text(row, "state")))
                .profileStatus(optionalText(row, "profile_status"))
                .trustProductStatus(optionalText(row, "trust_product_status"))
                .brandStatus(optionalText(row, "brand_status"))
                .campaignStatus(optionalText(row, "campaign_status"))
                .problem(problem(optionalText(row, "problem")))
                .checks(required(row, "checks", Integer.class))
                .nextCheckAt(optional(row, "next_check_at", Instant.class))
                .leaseUntil(optional(row, "lease_until", Instant.class))
                .version(required(row, "version", Long.class))
                .createdAt(required(row, "created_at", Instant.class))
                .updatedAt(required(row, "updated_at", Instant.class));
        SID_COLUMNS.forEach((resource, column) -> b.sid(resource, optionalText(row, column)));
        DetailsText.Reader details =
                DetailsText.Reader.versioned("registration details", text(row, "details"), DETAILS_VERSION);
        b.profile(profile(details.nested("profile")));
        b.campaign(campaign(details.nested("campaign")));
        for (Resource resource : Resource.values()) {
            if (!SID_COLUMNS.containsKey(resource)) {
                b.sid(resource, details.optional("sid." + resource.name()));
            }
        }
        for (Mark mark : details.allEnums(Mark.class, "mark")) {
            b.mark(mark, true);
        }
        return b.reasons(reasons(details)).build();
    }

    /** The details of {@code registration}: what its columns do not hold. */
    static String details(Registration registration) {
        DetailsText.Writer details = DetailsText.Writer.versioned(DETAILS_VERSION)
                .put("profile", profile(registration.profile()))
                .put("campaign", campaign(registration.campaign()));
        for (Resource resource : Resource.values()) {
            if (!SID_COLUMNS.containsKey(resource)) {
                details.put("sid." + resource.name(), registration.sid(resource).orElse(null));
            }
        }
        for (Mark mark : marksOf(registration)) { // in their declared order
            details.put("mark", mark);
        }
        return reasons(details, registration.reasons()).toString();
    }

    /** The marks in their declared order, whatever the set's own. */
    private static EnumSet<Mark> marksOf(Registration registration) {
        EnumSet<Mark> marks = EnumSet.noneOf(Mark.class);
        marks.addAll(registration.marks());
        return marks;
    }

    // ---------------------------------------------------------------------------------------------
    // Toll-free verifications

    /** The row of {@code verification}, with {@code version} as its version. */
    static Map<String, @Nullable Object> row(TollFreeVerification verification, long version) {
        Map<String, @Nullable Object> row = new LinkedHashMap<>();
        row.put("tenant_id", verification.tenantId().value());
        row.put("phone_e164", verification.phoneNumber().e164());
        row.put("id", verification.id());
        row.put("account_sid", verification.accountSid());
        row.put("number_sid", verification.numberSid().orElse(null));
        row.put("verification_sid", verification.verificationSid().orElse(null));
        row.put("status", verification.status().name());
        row.put("edit_allowed", verification.editAllowed());
        row.put("edit_expiration", verification.editExpiration().orElse(null));
        row.put("problem", verification.problem().map(Enum::name).orElse(null));
        row.put("checks", verification.checks());
        row.put("next_check_at", verification.nextCheckAt().orElse(null));
        row.put("version", version);
        row.put("details", details(verification));
        row.put("created_at", verification.createdAt());
        row.put("updated_at", verification.updatedAt());
        return row;
    }

    /** The verification of a row of {@code tt_toll_free_verifications}. */
    static TollFreeVerification tollFree(Map<String, @Nullable Object> row) {
        TenantId tenant = TenantId.of(text(row, "tenant_id"));
        PhoneNumber number = PhoneNumber.ofE164(text(row, "phone_e164"));
        DetailsText.Reader details =
                DetailsText.Reader.versioned("toll-free verification details", text(row, "details"), DETAILS_VERSION);
        return TollFreeVerification.builder()
                .tenantId(tenant)
                .phoneNumber(number)
                .id(text(row, "id"))
                .accountSid(text(row, "account_sid"))
                .numberSid(optionalText(row, "number_sid"))
                .verificationSid(optionalText(row, "verification_sid"))
                .status(constant(TollFreeVerification.Status.class, "status", text(row, "status")))
                .editAllowed(required(row, "edit_allowed", Boolean.class))
                .editExpiration(optional(row, "edit_expiration", Instant.class))
                .problem(problem(optionalText(row, "problem")))
                .checks(required(row, "checks", Integer.class))
                .nextCheckAt(optional(row, "next_check_at", Instant.class))
                .version(required(row, "version", Long.class))
                .createdAt(required(row, "created_at", Instant.class))
                .updatedAt(required(row, "updated_at", Instant.class))
                .request(request(details, tenant, number))
                .reasons(reasons(details))
                .build();
    }

    /** The details of {@code verification}: its request (but its tenant and number) and Twilio's reasons. */
    static String details(TollFreeVerification verification) {
        TollFreeRequest request = verification.request();
        List<String> categories = new ArrayList<>();
        for (TollFreeRequest.UseCaseCategory category : TollFreeRequest.UseCaseCategory.values()) {
            if (request.useCaseCategories().contains(category)) {
                categories.add(category.name());
            }
        }
        List<String> images = new ArrayList<>();
        for (URI image : request.optInImageUrls()) {
            images.add(image.toString());
        }
        DetailsText.Writer details = DetailsText.Writer.versioned(DETAILS_VERSION)
                .put("business", profile(request.business()))
                .putAll("category", categories)
                .put("summary", request.useCaseSummary())
                .put("sample", request.productionMessageSample())
                .put("optInType", request.optInType())
                .putAll("optInImage", images)
                .put("volume", request.messageVolume())
                .put("information", request.additionalInformation().orElse(null))
                .put("actor", request.actor().map(Actor::name).orElse(null));
        return reasons(details, verification.reasons()).toString();
    }

    private static TollFreeRequest request(DetailsText.Reader details, TenantId tenant, PhoneNumber number) {
        TollFreeRequest.Builder b = TollFreeRequest.builder()
                .tenant(tenant)
                .number(number)
                .business(profile(details.nested("business")))
                .useCaseCategories(details.allEnums(TollFreeRequest.UseCaseCategory.class, "category")
                        .toArray(new TollFreeRequest.UseCaseCategory[0]))
                .useCaseSummary(details.required("summary"))
                .productionMessageSample(details.required("sample"))
                .optInType(details.requiredEnum(TollFreeRequest.OptInType.class, "optInType"))
                .messageVolume(details.required("volume"))
                .additionalInformation(details.optional("information"));
        for (String image : details.all("optInImage")) {
            b.optInImageUrl(image);
        }
        String actor = details.optional("actor");
        if (actor != null) {
            b.actor(Actor.of(actor));
        }
        return checked(details, "request", b::build);
    }

    // ---------------------------------------------------------------------------------------------
    // What both hold

    private static DetailsText.Writer profile(BusinessProfile profile) {
        return DetailsText.Writer.nested()
                .put("legalName", profile.legalName())
                .put("businessType", profile.businessType())
                .put("industry", profile.industry())
                .put("registrationAuthority", profile.registrationAuthority())
                .put("registrationNumber", profile.registrationNumber())
                .put("website", profile.website().toString())
                .put("street", profile.street())
                .put("city", profile.city())
                .put("region", profile.region())
                .put("postalCode", profile.postalCode())
                .put("country", profile.country())
                .put("contactFirstName", profile.contactFirstName())
                .put("contactLastName", profile.contactLastName())
                .put("contactEmail", profile.contactEmail())
                .put("contactPhone", profile.contactPhone().e164())
                .put("contactTitle", profile.contactTitle())
                .put("contactPosition", profile.contactPosition())
                .put("companyType", profile.companyType())
                .put("stockExchange", profile.stockExchange().orElse(null))
                .put("stockTicker", profile.stockTicker().orElse(null));
    }

    private static BusinessProfile profile(DetailsText.Reader p) {
        BusinessProfile.Builder b = BusinessProfile.builder()
                .legalName(p.required("legalName"))
                .businessType(p.requiredEnum(BusinessProfile.BusinessType.class, "businessType"))
                .industry(p.requiredEnum(BusinessProfile.Industry.class, "industry"))
                .registrationAuthority(
                        p.requiredEnum(BusinessProfile.RegistrationAuthority.class, "registrationAuthority"))
                .registrationNumber(p.required("registrationNumber"))
                .website(p.required("website"))
                .street(p.required("street"))
                .city(p.required("city"))
                .region(p.required("region"))
                .postalCode(p.required("postalCode"))
                .country(p.required("country"))
                .contactFirstName(p.required("contactFirstName"))
                .contactLastName(p.required("contactLastName"))
                .contactEmail(p.required("contactEmail"))
                .contactPhone(p.required("contactPhone"))
                .contactTitle(p.required("contactTitle"))
                .contactPosition(p.requiredEnum(BusinessProfile.JobPosition.class, "contactPosition"))
                .companyType(p.requiredEnum(BusinessProfile.CompanyType.class, "companyType"))
                .stockExchange(p.optional("stockExchange"))
                .stockTicker(p.optional("stockTicker"));
        return checked(p, "business profile", b::build);
    }

    private static DetailsText.Writer campaign(CampaignDetails campaign) {
        return DetailsText.Writer.nested()
                .put("useCase", campaign.useCase())
                .put("description", campaign.description())
                .put("messageFlow", campaign.messageFlow())
                .putAll("sample", campaign.samples())
                .put("embeddedLinks", campaign.hasEmbeddedLinks())
                .put("embeddedPhone", campaign.hasEmbeddedPhone());
    }

    private static CampaignDetails campaign(DetailsText.Reader c) {
        CampaignDetails.Builder b = CampaignDetails.builder()
                .useCase(c.requiredEnum(CampaignDetails.UseCase.class, "useCase"))
                .description(c.required("description"))
                .messageFlow(c.required("messageFlow"))
                .samples(c.all("sample"))
                .hasEmbeddedLinks(c.flag("embeddedLinks"))
                .hasEmbeddedPhone(c.flag("embeddedPhone"));
        return checked(c, "campaign", b::build);
    }

    private static DetailsText.Writer reasons(DetailsText.Writer details, List<RejectionReason> reasons) {
        for (RejectionReason reason : reasons) {
            DetailsText.Writer one = DetailsText.Writer.nested();
            if (reason.code().isPresent()) {
                one.put("code", Integer.toString(reason.code().getAsInt()));
            }
            details.put("reason", one.put("text", reason.twilioText()));
        }
        return details;
    }

    private static List<RejectionReason> reasons(DetailsText.Reader details) {
        List<RejectionReason> reasons = new ArrayList<>();
        for (DetailsText.Reader reason : details.nestedAll("reason")) {
            reasons.add(RejectionReason.of(reason.optionalInt("code"), reason.required("text")));
        }
        return reasons;
    }

    /**
     * Builds a value the builders check again: details stored by the SDK pass, but a check made
     * stricter since would refuse them. The failure names the fields, not their values.
     */
    private static <T> T checked(DetailsText.Reader details, String what, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidRegistrationException e) {
            StringJoiner fields = new StringJoiner(", ");
            for (FieldProblem problem : e.problems()) {
                fields.add(problem.field());
            }
            throw details.unreadable("hold a " + what + " that the checks of this version refuse (" + fields + ")");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Columns

    private static String text(Map<String, @Nullable Object> row, String column) {
        return required(row, column, String.class);
    }

    private static @Nullable String optionalText(Map<String, @Nullable Object> row, String column) {
        return optional(row, column, String.class);
    }

    private static <T> T required(Map<String, @Nullable Object> row, String column, Class<T> type) {
        T value = optional(row, column, type);
        if (value == null) {
            throw new DetailsText.UnreadableDetailsException("The stored row has no " + column);
        }
        return value;
    }

    private static <T> @Nullable T optional(Map<String, @Nullable Object> row, String column, Class<T> type) {
        Object value = row.get(column);
        return value == null ? null : type.cast(value);
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String column, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new DetailsText.UnreadableDetailsException("The stored row has an unknown value of " + column);
        }
    }

    /** A problem's name; an error code this version does not know reads as a Twilio error (as for numbers). */
    private static @Nullable ErrorCode problem(@Nullable String name) {
        if (name == null) {
            return null;
        }
        try {
            return ErrorCode.valueOf(name);
        } catch (IllegalArgumentException e) {
            return ErrorCode.TWILIO_ERROR;
        }
    }
}
