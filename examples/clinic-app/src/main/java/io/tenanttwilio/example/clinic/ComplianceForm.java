package io.tenanttwilio.example.clinic;

import io.tenanttwilio.Actor;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.registration.BusinessProfile;
import io.tenanttwilio.registration.CampaignDetails;
import io.tenanttwilio.registration.TollFreeRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What the compliance page's form holds, exactly as typed: the business (given once, for both
 * registrations), the A2P campaign, and one toll-free verification per toll-free number. Every
 * value is kept as text, so that a refused form comes back as the person typed it; the SDK's
 * builders check them ({@code problems()}) before anything is sent to Twilio.
 */
public class ComplianceForm {

    /** How many sample messages the form offers (the carriers take two to five). */
    static final int SAMPLES = 5;

    private String legalName = "";
    private String businessType = "";
    private String industry = BusinessProfile.Industry.HEALTHCARE.name();
    private String registrationAuthority = "";
    private String registrationNumber = "";
    private String website = "";
    private String street = "";
    private String city = "";
    private String region = "";
    private String postalCode = "";
    private String country = "";
    private String contactFirstName = "";
    private String contactLastName = "";
    private String contactTitle = "";
    private String contactPosition = BusinessProfile.JobPosition.OTHER.name();
    private String contactEmail = "";
    private String contactPhone = "";

    private String useCase = "";
    private String description = "";
    private String messageFlow = "";
    private List<String> samples = blankSamples();
    private boolean hasEmbeddedLinks;
    private boolean hasEmbeddedPhone;

    private List<TollFree> tollFree = new ArrayList<>();

    private static List<String> blankSamples() {
        List<String> blank = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            blank.add("");
        }
        return blank;
    }

    /** One toll-free number's verification, as typed. */
    public static class TollFree {
        private String number = "";
        private List<String> categories = new ArrayList<>();
        private String useCaseSummary = "";
        private String productionMessageSample = "";
        private String optInType = "";
        private String optInImageUrl = "";
        private String messageVolume = "";
        private String additionalInformation = "";

        static TollFree of(PhoneNumber number) {
            TollFree form = new TollFree();
            form.number = number.e164();
            return form;
        }

        static TollFree of(TollFreeRequest request) {
            TollFree form = of(request.number());
            for (TollFreeRequest.UseCaseCategory category : request.useCaseCategories()) {
                form.categories.add(category.name());
            }
            form.useCaseSummary = request.useCaseSummary();
            form.productionMessageSample = request.productionMessageSample();
            form.optInType = request.optInType().name();
            form.optInImageUrl = request.optInImageUrls().stream()
                    .findFirst()
                    .map(URI::toString)
                    .orElse("");
            form.messageVolume = request.messageVolume();
            form.additionalInformation = request.additionalInformation().orElse("");
            return form;
        }

        /** The request for the SDK, from what was typed; its {@code problems()} say what is refused. */
        TollFreeRequest.Builder request(TenantId tenant, @Nullable BusinessProfile business, String actor) {
            TollFreeRequest.Builder builder = TollFreeRequest.builder()
                    .tenant(tenant)
                    .number(phone(number))
                    .business(business)
                    .useCaseSummary(useCaseSummary)
                    .productionMessageSample(productionMessageSample)
                    .optInType(option(TollFreeRequest.OptInType.class, optInType))
                    .optInImageUrl(optInImageUrl)
                    .messageVolume(messageVolume)
                    .additionalInformation(blankToNull(additionalInformation))
                    .actor(Actor.of(actor));
            for (String category : categories) {
                TollFreeRequest.UseCaseCategory known = option(TollFreeRequest.UseCaseCategory.class, category);
                if (known != null) {
                    builder.useCaseCategories(known);
                }
            }
            return builder;
        }

        private static @Nullable PhoneNumber phone(String e164) {
            try {
                return PhoneNumber.ofE164(e164);
            } catch (RuntimeException e) {
                return null;
            }
        }

        public boolean has(String category) {
            return categories.contains(category);
        }

        public String getNumber() {
            return number;
        }

        public void setNumber(String number) {
            this.number = orEmpty(number);
        }

        public List<String> getCategories() {
            return categories;
        }

        public void setCategories(List<String> categories) {
            this.categories = categories == null ? new ArrayList<>() : new ArrayList<>(categories);
        }

        public String getUseCaseSummary() {
            return useCaseSummary;
        }

        public void setUseCaseSummary(String useCaseSummary) {
            this.useCaseSummary = orEmpty(useCaseSummary);
        }

        public String getProductionMessageSample() {
            return productionMessageSample;
        }

        public void setProductionMessageSample(String productionMessageSample) {
            this.productionMessageSample = orEmpty(productionMessageSample);
        }

        public String getOptInType() {
            return optInType;
        }

        public void setOptInType(String optInType) {
            this.optInType = orEmpty(optInType);
        }

        public String getOptInImageUrl() {
            return optInImageUrl;
        }

        public void setOptInImageUrl(String optInImageUrl) {
            this.optInImageUrl = orEmpty(optInImageUrl);
        }

        public String getMessageVolume() {
            return messageVolume;
        }

        public void setMessageVolume(String messageVolume) {
            this.messageVolume = orEmpty(messageVolume);
        }

        public String getAdditionalInformation() {
            return additionalInformation;
        }

        public void setAdditionalInformation(String additionalInformation) {
            this.additionalInformation = orEmpty(additionalInformation);
        }
    }

    /** The form holding a stored business and campaign, to correct them. */
    static ComplianceForm of(@Nullable BusinessProfile profile, @Nullable CampaignDetails campaign) {
        ComplianceForm form = new ComplianceForm();
        if (profile != null) {
            form.legalName = profile.legalName();
            form.businessType = profile.businessType().name();
            form.industry = profile.industry().name();
            form.registrationAuthority = profile.registrationAuthority().name();
            form.registrationNumber = profile.registrationNumber();
            form.website = profile.website().toString();
            form.street = profile.street();
            form.city = profile.city();
            form.region = profile.region();
            form.postalCode = profile.postalCode();
            form.country = profile.country();
            form.contactFirstName = profile.contactFirstName();
            form.contactLastName = profile.contactLastName();
            form.contactTitle = profile.contactTitle();
            form.contactPosition = profile.contactPosition().name();
            form.contactEmail = profile.contactEmail();
            form.contactPhone = profile.contactPhone().e164();
        }
        if (campaign != null) {
            form.useCase = campaign.useCase().name();
            form.description = campaign.description();
            form.messageFlow = campaign.messageFlow();
            for (int i = 0; i < campaign.samples().size() && i < SAMPLES; i++) {
                form.samples.set(i, campaign.samples().get(i));
            }
            form.hasEmbeddedLinks = campaign.hasEmbeddedLinks();
            form.hasEmbeddedPhone = campaign.hasEmbeddedPhone();
        }
        return form;
    }

    /** The business for the SDK, from what was typed; its {@code problems()} say what is refused. */
    BusinessProfile.Builder profile() {
        return BusinessProfile.builder()
                .legalName(legalName)
                .businessType(option(BusinessProfile.BusinessType.class, businessType))
                .industry(option(BusinessProfile.Industry.class, industry))
                .registrationAuthority(option(BusinessProfile.RegistrationAuthority.class, registrationAuthority))
                .registrationNumber(registrationNumber)
                .website(website)
                .street(street)
                .city(city)
                .region(region)
                .postalCode(postalCode)
                .country(country)
                .contactFirstName(contactFirstName)
                .contactLastName(contactLastName)
                .contactTitle(contactTitle)
                .contactPosition(orDefault(
                        option(BusinessProfile.JobPosition.class, contactPosition), BusinessProfile.JobPosition.OTHER))
                .contactEmail(contactEmail)
                .contactPhone(contactPhone);
    }

    /** The campaign for the SDK, from what was typed. */
    CampaignDetails.Builder campaign() {
        return CampaignDetails.builder()
                .useCase(option(CampaignDetails.UseCase.class, useCase))
                .description(description)
                .messageFlow(messageFlow)
                .samples(samples)
                .hasEmbeddedLinks(hasEmbeddedLinks)
                .hasEmbeddedPhone(hasEmbeddedPhone);
    }

    /**
     * The form's index of the SDK's {@code samples[i]}: the SDK counts the samples given, blank
     * boxes left out.
     */
    int sampleBox(int given) {
        int seen = -1;
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i) != null && !samples.get(i).isBlank() && ++seen == given) {
                return i;
            }
        }
        return 0;
    }

    /** The toll-free entry of {@code number}, if the form has one. */
    @Nullable
    TollFree tollFree(String number) {
        for (TollFree entry : tollFree) {
            if (entry.number.equals(number)) {
                return entry;
            }
        }
        return null;
    }

    /** The value of an option typed as its name; {@code null} when blank or unknown (the SDK then says it is required). */
    static <E extends Enum<E>> @Nullable E option(Class<E> type, @Nullable String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static <E> E orDefault(@Nullable E value, E fallback) {
        return value == null ? fallback : value;
    }

    private static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public String getLegalName() {
        return legalName;
    }

    public void setLegalName(String legalName) {
        this.legalName = orEmpty(legalName);
    }

    public String getBusinessType() {
        return businessType;
    }

    public void setBusinessType(String businessType) {
        this.businessType = orEmpty(businessType);
    }

    public String getIndustry() {
        return industry;
    }

    public void setIndustry(String industry) {
        this.industry = orEmpty(industry);
    }

    public String getRegistrationAuthority() {
        return registrationAuthority;
    }

    public void setRegistrationAuthority(String registrationAuthority) {
        this.registrationAuthority = orEmpty(registrationAuthority);
    }

    public String getRegistrationNumber() {
        return registrationNumber;
    }

    public void setRegistrationNumber(String registrationNumber) {
        this.registrationNumber = orEmpty(registrationNumber);
    }

    public String getWebsite() {
        return website;
    }

    public void setWebsite(String website) {
        this.website = orEmpty(website);
    }

    public String getStreet() {
        return street;
    }

    public void setStreet(String street) {
        this.street = orEmpty(street);
    }

    public String getCity() {
        return city;
    }

    public void setCity(String city) {
        this.city = orEmpty(city);
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = orEmpty(region);
    }

    public String getPostalCode() {
        return postalCode;
    }

    public void setPostalCode(String postalCode) {
        this.postalCode = orEmpty(postalCode);
    }

    public String getCountry() {
        return country;
    }

    public void setCountry(String country) {
        this.country = orEmpty(country);
    }

    public String getContactFirstName() {
        return contactFirstName;
    }

    public void setContactFirstName(String contactFirstName) {
        this.contactFirstName = orEmpty(contactFirstName);
    }

    public String getContactLastName() {
        return contactLastName;
    }

    public void setContactLastName(String contactLastName) {
        this.contactLastName = orEmpty(contactLastName);
    }

    public String getContactTitle() {
        return contactTitle;
    }

    public void setContactTitle(String contactTitle) {
        this.contactTitle = orEmpty(contactTitle);
    }

    public String getContactPosition() {
        return contactPosition;
    }

    public void setContactPosition(String contactPosition) {
        this.contactPosition = orEmpty(contactPosition);
    }

    public String getContactEmail() {
        return contactEmail;
    }

    public void setContactEmail(String contactEmail) {
        this.contactEmail = orEmpty(contactEmail);
    }

    public String getContactPhone() {
        return contactPhone;
    }

    public void setContactPhone(String contactPhone) {
        this.contactPhone = orEmpty(contactPhone);
    }

    public String getUseCase() {
        return useCase;
    }

    public void setUseCase(String useCase) {
        this.useCase = orEmpty(useCase);
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = orEmpty(description);
    }

    public String getMessageFlow() {
        return messageFlow;
    }

    public void setMessageFlow(String messageFlow) {
        this.messageFlow = orEmpty(messageFlow);
    }

    public List<String> getSamples() {
        return samples;
    }

    /** The samples typed, always {@link #SAMPLES} boxes (a form sent with fewer gets blank ones). */
    public void setSamples(List<String> samples) {
        List<String> boxes = blankSamples();
        if (samples != null) {
            for (int i = 0; i < samples.size() && i < SAMPLES; i++) {
                boxes.set(i, orEmpty(samples.get(i)));
            }
        }
        this.samples = boxes;
    }

    public boolean isHasEmbeddedLinks() {
        return hasEmbeddedLinks;
    }

    public void setHasEmbeddedLinks(boolean hasEmbeddedLinks) {
        this.hasEmbeddedLinks = hasEmbeddedLinks;
    }

    public boolean isHasEmbeddedPhone() {
        return hasEmbeddedPhone;
    }

    public void setHasEmbeddedPhone(boolean hasEmbeddedPhone) {
        this.hasEmbeddedPhone = hasEmbeddedPhone;
    }

    public List<TollFree> getTollFree() {
        return tollFree;
    }

    public void setTollFree(List<TollFree> tollFree) {
        this.tollFree = tollFree == null ? new ArrayList<>() : tollFree;
    }
}
