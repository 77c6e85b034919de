package io.tenanttwilio.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The A2P campaign the carriers review: what the tenant texts and why (its use case and
 * description), how recipients agree to it (the message flow), and real samples, one of them at
 * least with the opt-out wording ("Reply STOP to opt out" / « Répondez ARRÊT »).
 *
 * <p>{@link Builder#build()} checks every field and reports them all at once in an {@link
 * InvalidRegistrationException}; a sample with a link or a phone number must be declared. {@link
 * #toString()} shows the use case only.
 *
 * <p>Immutable and thread-safe.
 */
public final class CampaignDetails {

    /** The campaign's use case, as Twilio names it. Immutable and thread-safe. */
    public enum UseCase {
        /** Support, account questions: the usual choice of a clinic answering its patients. */
        CUSTOMER_CARE,
        /** Appointment reminders and other notices about the recipient's account. */
        ACCOUNT_NOTIFICATION,
        /** Several of the standard use cases together. */
        MIXED,
        /** Few messages a day, several use cases (a small practice). */
        LOW_VOLUME,
        /** Promotions. */
        MARKETING,
        /** Delivery notices. */
        DELIVERY_NOTIFICATION,
        /** Public service announcements. */
        PUBLIC_SERVICE_ANNOUNCEMENT,
        /** Security alerts. */
        SECURITY_ALERT,
        /** One-time passcodes. */
        TWO_FACTOR_AUTHENTICATION,
        /** Polling and voting. */
        POLLING_VOTING
    }

    private static final Pattern OPT_OUT = Pattern.compile("(?iu)\\b(STOP|ARR[ÊE]T|UNSUBSCRIBE|D[ÉE]SABONNER)\\b");
    private static final Pattern LINK =
            Pattern.compile("(?i)(https?://|www\\.)\\S+|\\b[a-z0-9-]+\\.(com|ca|org|net|health|clinic)\\b");
    private static final Pattern PHONE = Pattern.compile("(\\+?1[\\s.-]?)?\\(?\\d{3}\\)?[\\s.-]?\\d{3}[\\s.-]?\\d{4}");

    private final UseCase useCase;
    private final String description;
    private final String messageFlow;
    private final List<String> samples;
    private final boolean embeddedLinks;
    private final boolean embeddedPhone;

    private CampaignDetails(UseCase useCase, String description, String messageFlow, List<String> samples, Builder b) {
        this.useCase = useCase;
        this.description = description;
        this.messageFlow = messageFlow;
        this.samples = List.copyOf(samples);
        this.embeddedLinks = b.embeddedLinks;
        this.embeddedPhone = b.embeddedPhone;
    }

    /** {@return a builder with no field set} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these details, to correct one} */
    public Builder toBuilder() {
        return new Builder()
                .useCase(useCase)
                .description(description)
                .messageFlow(messageFlow)
                .samples(samples)
                .hasEmbeddedLinks(embeddedLinks)
                .hasEmbeddedPhone(embeddedPhone);
    }

    /** {@return the use case} */
    public UseCase useCase() {
        return useCase;
    }

    /** {@return what the campaign is for (40 to 4,096 characters)} */
    public String description() {
        return description;
    }

    /** {@return how recipients agree to receive the texts (40 to 2,048 characters)} */
    public String messageFlow() {
        return messageFlow;
    }

    /** {@return two to five sample messages} */
    public List<String> samples() {
        return samples;
    }

    /** {@return whether the texts contain links} */
    public boolean hasEmbeddedLinks() {
        return embeddedLinks;
    }

    /** {@return whether the texts contain phone numbers} */
    public boolean hasEmbeddedPhone() {
        return embeddedPhone;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CampaignDetails that
                && useCase == that.useCase
                && description.equals(that.description)
                && messageFlow.equals(that.messageFlow)
                && samples.equals(that.samples)
                && embeddedLinks == that.embeddedLinks
                && embeddedPhone == that.embeddedPhone;
    }

    @Override
    public int hashCode() {
        return Objects.hash(useCase, description, messageFlow, samples, embeddedLinks, embeddedPhone);
    }

    @Override
    public String toString() {
        return "CampaignDetails[" + useCase + ", " + samples.size() + " samples]";
    }

    /** Builds {@link CampaignDetails}. Not thread-safe. */
    public static final class Builder {

        private @Nullable UseCase useCase;
        private @Nullable String description;
        private @Nullable String messageFlow;
        private final List<@Nullable String> samples = new ArrayList<>();
        private boolean embeddedLinks;
        private boolean embeddedPhone;

        private Builder() {}

        /**
         * The use case.
         *
         * @param useCase the use case
         * @return this builder
         */
        public Builder useCase(@Nullable UseCase useCase) {
            this.useCase = useCase;
            return this;
        }

        /**
         * What the campaign is for.
         *
         * @param description 40 to 4,096 characters
         * @return this builder
         */
        public Builder description(@Nullable String description) {
            this.description = description;
            return this;
        }

        /**
         * How recipients agree to receive the texts (where and how they give their number).
         *
         * @param flow 40 to 2,048 characters
         * @return this builder
         */
        public Builder messageFlow(@Nullable String flow) {
            this.messageFlow = flow;
            return this;
        }

        /**
         * Replaces the samples.
         *
         * @param samples two to five messages of 20 to 1,024 characters; blank ones are ignored
         * @return this builder
         */
        public Builder samples(List<? extends @Nullable String> samples) {
            this.samples.clear();
            this.samples.addAll(samples);
            return this;
        }

        /**
         * Adds a sample.
         *
         * @param sample a message of 20 to 1,024 characters
         * @return this builder
         */
        public Builder sample(@Nullable String sample) {
            this.samples.add(sample);
            return this;
        }

        /**
         * Whether the texts contain links.
         *
         * @param links {@code true} when they do
         * @return this builder
         */
        public Builder hasEmbeddedLinks(boolean links) {
            this.embeddedLinks = links;
            return this;
        }

        /**
         * Whether the texts contain phone numbers.
         *
         * @param phone {@code true} when they do
         * @return this builder
         */
        public Builder hasEmbeddedPhone(boolean phone) {
            this.embeddedPhone = phone;
            return this;
        }

        /**
         * Every field's problem, without throwing.
         *
         * @return the problems, empty when the details can be built
         */
        public List<FieldProblem> problems() {
            FieldChecks checks = new FieldChecks();
            check(checks, new ArrayList<>());
            return checks.problems();
        }

        private String[] check(FieldChecks checks, List<String> kept) {
            checks.required("useCase", useCase);
            String text = checks.text("description", description, 40, 4096);
            String flow = checks.text("messageFlow", messageFlow, 40, 2048);
            List<String> given = new ArrayList<>();
            for (String sample : samples) {
                if (sample != null && !sample.isBlank()) {
                    given.add(sample);
                }
            }
            if (given.size() < 2) {
                checks.add("samples", "registration.field.samples.count", 2, 5, given.size());
            } else if (given.size() > 5) {
                checks.add("samples", "registration.field.samples.count", 2, 5, given.size());
            }
            boolean optOut = false;
            boolean links = false;
            boolean phones = false;
            for (int i = 0; i < given.size(); i++) {
                String sample = checks.text("samples[" + i + "]", given.get(i), 20, 1024);
                if (sample != null) {
                    kept.add(sample);
                    optOut |= OPT_OUT.matcher(sample).find();
                    links |= LINK.matcher(sample).find();
                    phones |= PHONE.matcher(sample).find();
                }
            }
            if (given.size() >= 2 && kept.size() == given.size() && !optOut) {
                checks.add("samples", "registration.field.samples.opt-out");
            }
            if (links && !embeddedLinks) {
                checks.add("hasEmbeddedLinks", "registration.field.samples.links");
            }
            if (phones && !embeddedPhone) {
                checks.add("hasEmbeddedPhone", "registration.field.samples.phone");
            }
            return new String[] {text == null ? "" : text, flow == null ? "" : flow};
        }

        /**
         * Checks every field and builds the details.
         *
         * @return the details
         * @throws InvalidRegistrationException naming every field that is refused, and why
         */
        public CampaignDetails build() {
            FieldChecks checks = new FieldChecks();
            List<String> kept = new ArrayList<>();
            String[] texts = check(checks, kept);
            checks.throwIfFailed();
            return new CampaignDetails(Objects.requireNonNull(useCase), texts[0], texts[1], kept, this);
        }
    }
}
