package io.tenanttwilio.registration;

import io.tenanttwilio.Actor;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.phone.PhoneNumber;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A toll-free number's verification, to submit or to correct: the business (its {@link
 * BusinessProfile}, given once for both registrations; a Québec NEQ is accepted as its
 * registration number), what the number texts, a real message, and how recipients agree.
 *
 * <p>{@link Builder#build()} checks every field and reports them all at once in an {@link
 * InvalidRegistrationException}. Immutable and thread-safe.
 */
public final class TollFreeRequest {

    /** What the number texts, as Twilio names it. Immutable and thread-safe. */
    public enum UseCaseCategory {
        /** Notices about the recipient's account (appointment reminders). */
        ACCOUNT_NOTIFICATIONS,
        /** Answers to the recipient's questions. */
        CUSTOMER_CARE,
        /** Events. */
        EVENTS,
        /** Delivery notices. */
        DELIVERY_NOTIFICATIONS,
        /** Promotions. */
        MARKETING,
        /** Public service announcements. */
        PUBLIC_SERVICE_ANNOUNCEMENT,
        /** Security alerts. */
        SECURITY_ALERT,
        /** One-time passcodes. */
        TWO_FACTOR_AUTHENTICATION,
        /** Non-political polls. */
        POLLING_AND_VOTING_NON_POLITICAL,
        /** Charities and non-profits. */
        CHARITY_NONPROFIT
    }

    /** How recipients agree to the texts, as Twilio names it. Immutable and thread-safe. */
    public enum OptInType {
        /** Said aloud (at the front desk, on the phone). */
        VERBAL,
        /** A web form. */
        WEB_FORM,
        /** A paper form. */
        PAPER_FORM,
        /** By texting a keyword. */
        VIA_TEXT,
        /** A QR code. */
        MOBILE_QR_CODE
    }

    /** The monthly volumes Twilio accepts. */
    public static final List<String> MESSAGE_VOLUMES = List.of(
            "10",
            "100",
            "1,000",
            "10,000",
            "100,000",
            "250,000",
            "500,000",
            "750,000",
            "1,000,000",
            "5,000,000",
            "10,000,000+");

    private final TenantId tenant;
    private final PhoneNumber number;
    private final BusinessProfile business;
    private final Set<UseCaseCategory> categories;
    private final String useCaseSummary;
    private final String productionMessageSample;
    private final OptInType optInType;
    private final List<URI> optInImageUrls;
    private final String messageVolume;
    private final @Nullable String additionalInformation;
    private final @Nullable Actor actor;

    private TollFreeRequest(Builder b, String summary, String sample, List<URI> images, @Nullable String info) {
        this.tenant = Objects.requireNonNull(b.tenant);
        this.number = Objects.requireNonNull(b.number);
        this.business = Objects.requireNonNull(b.business);
        this.categories = Set.copyOf(b.categories);
        this.useCaseSummary = summary;
        this.productionMessageSample = sample;
        this.optInType = Objects.requireNonNull(b.optInType);
        this.optInImageUrls = List.copyOf(images);
        this.messageVolume = Objects.requireNonNull(b.messageVolume);
        this.additionalInformation = info;
        this.actor = b.actor;
    }

    /** {@return a builder with no field set} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this request's fields, to correct one} */
    public Builder toBuilder() {
        Builder b = new Builder()
                .tenant(tenant)
                .number(number)
                .business(business)
                .useCaseSummary(useCaseSummary)
                .productionMessageSample(productionMessageSample)
                .optInType(optInType)
                .messageVolume(messageVolume)
                .additionalInformation(additionalInformation)
                .actor(actor);
        b.categories.addAll(categories);
        optInImageUrls.forEach(uri -> b.optInImageUrl(uri.toString()));
        return b;
    }

    /** {@return the tenant} */
    public TenantId tenant() {
        return tenant;
    }

    /** {@return the toll-free number} */
    public PhoneNumber number() {
        return number;
    }

    /** {@return the business} */
    public BusinessProfile business() {
        return business;
    }

    /** {@return what the number texts} */
    public Set<UseCaseCategory> useCaseCategories() {
        return categories;
    }

    /** {@return what the texts are for, in a few sentences} */
    public String useCaseSummary() {
        return useCaseSummary;
    }

    /** {@return a real message, as sent} */
    public String productionMessageSample() {
        return productionMessageSample;
    }

    /** {@return how recipients agree} */
    public OptInType optInType() {
        return optInType;
    }

    /** {@return images or pages that show how recipients agree} */
    public List<URI> optInImageUrls() {
        return optInImageUrls;
    }

    /** {@return the expected monthly volume, one of {@link #MESSAGE_VOLUMES}} */
    public String messageVolume() {
        return messageVolume;
    }

    /** {@return anything else the reviewers should know} */
    public Optional<String> additionalInformation() {
        return Optional.ofNullable(additionalInformation);
    }

    /** {@return who asked, for the audit trail} */
    public Optional<Actor> actor() {
        return Optional.ofNullable(actor);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TollFreeRequest that
                && tenant.equals(that.tenant)
                && number.equals(that.number)
                && business.equals(that.business)
                && categories.equals(that.categories)
                && useCaseSummary.equals(that.useCaseSummary)
                && productionMessageSample.equals(that.productionMessageSample)
                && optInType == that.optInType
                && optInImageUrls.equals(that.optInImageUrls)
                && messageVolume.equals(that.messageVolume)
                && Objects.equals(additionalInformation, that.additionalInformation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, number, useCaseSummary);
    }

    @Override
    public String toString() {
        return String.format("TollFreeRequest[%s, %#s, %s]", tenant, number, categories);
    }

    /** Builds a {@link TollFreeRequest}. Not thread-safe. */
    public static final class Builder {

        private @Nullable TenantId tenant;
        private @Nullable PhoneNumber number;
        private @Nullable BusinessProfile business;
        private final Set<UseCaseCategory> categories = EnumSet.noneOf(UseCaseCategory.class);
        private @Nullable String useCaseSummary;
        private @Nullable String productionMessageSample;
        private @Nullable OptInType optInType;
        private final List<String> optInImageUrls = new ArrayList<>();
        private @Nullable String messageVolume;
        private @Nullable String additionalInformation;
        private @Nullable Actor actor;

        private Builder() {}

        /**
         * The tenant.
         *
         * @param tenant the tenant
         * @return this builder
         */
        public Builder tenant(TenantId tenant) {
            this.tenant = Objects.requireNonNull(tenant, "tenant");
            return this;
        }

        /**
         * The toll-free number, one of the tenant's.
         *
         * @param number the number
         * @return this builder
         */
        public Builder number(@Nullable PhoneNumber number) {
            this.number = number;
            return this;
        }

        /**
         * The business.
         *
         * @param business its profile
         * @return this builder
         */
        public Builder business(@Nullable BusinessProfile business) {
            this.business = business;
            return this;
        }

        /**
         * Adds what the number texts.
         *
         * @param categories one or more
         * @return this builder
         */
        public Builder useCaseCategories(UseCaseCategory... categories) {
            this.categories.addAll(List.of(categories));
            return this;
        }

        /**
         * What the texts are for.
         *
         * @param summary 20 to 1,000 characters
         * @return this builder
         */
        public Builder useCaseSummary(@Nullable String summary) {
            this.useCaseSummary = summary;
            return this;
        }

        /**
         * A real message, as sent, with the opt-out wording.
         *
         * @param sample 20 to 1,000 characters
         * @return this builder
         */
        public Builder productionMessageSample(@Nullable String sample) {
            this.productionMessageSample = sample;
            return this;
        }

        /**
         * How recipients agree.
         *
         * @param type the way
         * @return this builder
         */
        public Builder optInType(@Nullable OptInType type) {
            this.optInType = type;
            return this;
        }

        /**
         * Adds an image or page that shows how recipients agree.
         *
         * @param url an http(s) address
         * @return this builder
         */
        public Builder optInImageUrl(@Nullable String url) {
            if (url != null && !url.isBlank()) {
                this.optInImageUrls.add(url);
            }
            return this;
        }

        /**
         * The expected monthly volume.
         *
         * @param volume one of {@link #MESSAGE_VOLUMES}
         * @return this builder
         */
        public Builder messageVolume(@Nullable String volume) {
            this.messageVolume = volume;
            return this;
        }

        /**
         * Anything else the reviewers should know.
         *
         * @param information at most 1,000 characters, or {@code null}
         * @return this builder
         */
        public Builder additionalInformation(@Nullable String information) {
            this.additionalInformation = information;
            return this;
        }

        /**
         * Who asks, for the audit trail.
         *
         * @param actor the person, or {@code null}
         * @return this builder
         */
        public Builder actor(@Nullable Actor actor) {
            this.actor = actor;
            return this;
        }

        /**
         * Every field's problem, without throwing.
         *
         * @return the problems, empty when the request can be built
         */
        public List<FieldProblem> problems() {
            FieldChecks checks = new FieldChecks();
            check(checks, new ArrayList<>(), new String[3]);
            return checks.problems();
        }

        private void check(FieldChecks checks, List<URI> images, @Nullable String[] texts) {
            if (tenant == null) {
                throw new NullPointerException("tenant");
            }
            checks.required("number", number);
            if (number != null && !number.isNorthAmericanTollFree()) {
                checks.add("number", "registration.field.toll-free");
            }
            checks.required("business", business);
            if (categories.isEmpty()) {
                checks.add("useCaseCategories", "registration.field.required");
            }
            texts[0] = checks.text("useCaseSummary", useCaseSummary, 20, 1000);
            texts[1] = checks.text("productionMessageSample", productionMessageSample, 20, 1000);
            checks.required("optInType", optInType);
            if (optInImageUrls.isEmpty()) {
                checks.add("optInImageUrls", "registration.field.required");
            }
            for (int i = 0; i < optInImageUrls.size(); i++) {
                URI uri = checks.website("optInImageUrls[" + i + "]", optInImageUrls.get(i));
                if (uri != null) {
                    images.add(uri);
                }
            }
            if (messageVolume == null || messageVolume.isBlank()) {
                checks.add("messageVolume", "registration.field.required");
            } else if (!MESSAGE_VOLUMES.contains(messageVolume.strip())) {
                checks.add("messageVolume", "registration.field.message-volume", String.join(" | ", MESSAGE_VOLUMES));
            }
            texts[2] = checks.optionalText("additionalInformation", additionalInformation, 1000);
        }

        /**
         * Checks every field and builds the request.
         *
         * @return the request
         * @throws InvalidRegistrationException naming every field that is refused, and why
         */
        public TollFreeRequest build() {
            FieldChecks checks = new FieldChecks();
            List<URI> images = new ArrayList<>();
            String[] texts = new String[3];
            check(checks, images, texts);
            checks.throwIfFailed();
            messageVolume = Objects.requireNonNull(messageVolume).strip();
            return new TollFreeRequest(
                    this, Objects.requireNonNull(texts[0]), Objects.requireNonNull(texts[1]), images, texts[2]);
        }
    }
}
