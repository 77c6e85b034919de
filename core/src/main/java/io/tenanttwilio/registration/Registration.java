package io.tenanttwilio.registration;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's A2P 10DLC registration as it stands: the details it was made with, the Twilio
 * resources created for it, the statuses Twilio last gave, and Twilio's reasons when something was
 * rejected. One per tenant; the SDK stores it before each call to Twilio, so that a registration
 * cut short carries on without creating (and paying for) anything twice.
 *
 * <p>Applications read it; {@link Builder} is for stores. Immutable and thread-safe.
 */
public final class Registration {

    /** Where the registration stands as a whole. Immutable and thread-safe. */
    public enum State {
        /** The SDK is creating and submitting Twilio resources (or will carry on where it stopped). */
        SUBMITTING,
        /** Waiting for Twilio or the carriers to review a step. */
        IN_REVIEW,
        /** The campaign is approved: the tenant's numbers may text US recipients. */
        APPROVED,
        /** A step was rejected; {@link Registration#reasons()} says why. Correct and register again. */
        REJECTED,
        /** The brand or the campaign was suspended by the carriers. */
        SUSPENDED;

        /** {@return whether Twilio's answer is still awaited} */
        public boolean isPending() {
            return this == SUBMITTING || this == IN_REVIEW;
        }
    }

    /** The steps a person sees, in order. Immutable and thread-safe. */
    public enum Step {
        /** The business profile (Twilio's CustomerProfile, with the business and its representative). */
        BUSINESS_PROFILE,
        /** The A2P profile (Twilio's TrustProduct). */
        A2P_PROFILE,
        /** The brand, registered with The Campaign Registry. */
        BRAND,
        /** The tenant's Messaging Service. */
        MESSAGING_SERVICE,
        /** The A2P campaign of that service. */
        CAMPAIGN,
        /** The tenant's numbers in that service. */
        NUMBERS
    }

    /** How one step stands. Immutable and thread-safe. */
    public enum StepStatus {
        /** Not started yet. */
        NOT_STARTED,
        /** Being created or submitted. */
        IN_PROGRESS,
        /** Submitted; under review. */
        IN_REVIEW,
        /** Done or approved. */
        APPROVED,
        /** Rejected or failed. */
        REJECTED,
        /** Suspended. */
        SUSPENDED
    }

    /** The Twilio resources a registration creates, each remembered by its SID. Immutable and thread-safe. */
    public enum Resource {
        /** The business profile (BU…). */
        CUSTOMER_PROFILE,
        /** The business information EndUser (IT…). */
        BUSINESS_INFORMATION,
        /** The authorized representative EndUser (IT…). */
        REPRESENTATIVE,
        /** The business address (AD…). */
        ADDRESS,
        /** The address supporting document (RD…). */
        ADDRESS_DOCUMENT,
        /** The A2P profile (BU…). */
        TRUST_PRODUCT,
        /** The A2P messaging profile information EndUser (IT…). */
        A2P_INFORMATION,
        /** The brand (BN…). */
        BRAND,
        /** The Messaging Service (MG…). */
        MESSAGING_SERVICE,
        /** The campaign (QE…). */
        CAMPAIGN
    }

    /** Sub-steps done that leave no SID behind. Immutable and thread-safe. */
    public enum Mark {
        /** The profile's EndUsers and document are assigned to it. */
        PROFILE_ASSIGNED,
        /** The profile was submitted for review. */
        PROFILE_SUBMITTED,
        /** The A2P profile's EndUser and the business profile are assigned to it. */
        TRUST_PRODUCT_ASSIGNED,
        /** The A2P profile was submitted for review. */
        TRUST_PRODUCT_SUBMITTED,
        /** Twilio's status events are subscribed for the tenant's account. */
        EVENTS_SUBSCRIBED,
        /** The tenant's numbers were put in the Messaging Service (they are checked again on each pass). */
        NUMBERS_ATTACHED,
        /** The details changed since the last submission: the rejected step is submitted again. */
        RESUBMIT
    }

    private final String id;
    private final TenantId tenantId;
    private final String accountSid;
    private final State state;
    private final BusinessProfile profile;
    private final CampaignDetails campaign;
    private final Map<Resource, String> sids;
    private final Set<Mark> marks;
    private final @Nullable String profileStatus;
    private final @Nullable String trustProductStatus;
    private final @Nullable String brandStatus;
    private final @Nullable String campaignStatus;
    private final List<RejectionReason> reasons;
    private final @Nullable ErrorCode problem;
    private final int checks;
    private final @Nullable Instant nextCheckAt;
    private final @Nullable Instant leaseUntil;
    private final long version;
    private final Instant createdAt;
    private final Instant updatedAt;

    private Registration(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.tenantId = Objects.requireNonNull(b.tenantId, "tenantId");
        this.accountSid = Objects.requireNonNull(b.accountSid, "accountSid");
        this.state = Objects.requireNonNull(b.state, "state");
        this.profile = Objects.requireNonNull(b.profile, "profile");
        this.campaign = Objects.requireNonNull(b.campaign, "campaign");
        this.sids = Collections.unmodifiableMap(new EnumMap<>(b.sids));
        this.marks =
                Collections.unmodifiableSet(b.marks.isEmpty() ? EnumSet.noneOf(Mark.class) : EnumSet.copyOf(b.marks));
        this.profileStatus = b.profileStatus;
        this.trustProductStatus = b.trustProductStatus;
        this.brandStatus = b.brandStatus;
        this.campaignStatus = b.campaignStatus;
        this.reasons = List.copyOf(b.reasons);
        this.problem = b.problem;
        this.checks = b.checks;
        this.nextCheckAt = b.nextCheckAt;
        this.leaseUntil = b.leaseUntil;
        this.version = b.version;
        this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(b.updatedAt, "updatedAt");
    }

    /** {@return a builder with no field set (for stores)} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this registration's fields} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.tenantId = tenantId;
        b.accountSid = accountSid;
        b.state = state;
        b.profile = profile;
        b.campaign = campaign;
        b.sids.putAll(sids);
        b.marks.addAll(marks);
        b.profileStatus = profileStatus;
        b.trustProductStatus = trustProductStatus;
        b.brandStatus = brandStatus;
        b.campaignStatus = campaignStatus;
        b.reasons.addAll(reasons);
        b.problem = problem;
        b.checks = checks;
        b.nextCheckAt = nextCheckAt;
        b.leaseUntil = leaseUntil;
        b.version = version;
        b.createdAt = createdAt;
        b.updatedAt = updatedAt;
        return b;
    }

    /** {@return the registration's identifier (a UUID)} */
    public String id() {
        return id;
    }

    /** {@return the tenant} */
    public TenantId tenantId() {
        return tenantId;
    }

    /** {@return the Twilio account the registration is made in (the tenant's own)} */
    public String accountSid() {
        return accountSid;
    }

    /** {@return where the registration stands} */
    public State state() {
        return state;
    }

    /** {@return the business details} */
    public BusinessProfile profile() {
        return profile;
    }

    /** {@return the campaign details} */
    public CampaignDetails campaign() {
        return campaign;
    }

    /**
     * The SID of a resource created for this registration.
     *
     * @param resource which one
     * @return its SID, when it was created
     */
    public Optional<String> sid(Resource resource) {
        return Optional.ofNullable(sids.get(resource));
    }

    /** {@return every resource created, with its SID} */
    public Map<Resource, String> sids() {
        return sids;
    }

    /**
     * Whether a sub-step is done.
     *
     * @param mark the sub-step
     * @return {@code true} when done
     */
    public boolean has(Mark mark) {
        return marks.contains(mark);
    }

    /** {@return the sub-steps done} */
    public Set<Mark> marks() {
        return marks;
    }

    /** {@return the business profile's status as Twilio gave it ({@code twilio-approved}, …)} */
    public Optional<String> profileStatus() {
        return Optional.ofNullable(profileStatus);
    }

    /** {@return the A2P profile's status as Twilio gave it} */
    public Optional<String> trustProductStatus() {
        return Optional.ofNullable(trustProductStatus);
    }

    /** {@return the brand's status as Twilio gave it ({@code APPROVED}, {@code FAILED}, …)} */
    public Optional<String> brandStatus() {
        return Optional.ofNullable(brandStatus);
    }

    /** {@return the campaign's status as Twilio gave it ({@code VERIFIED}, {@code FAILED}, …)} */
    public Optional<String> campaignStatus() {
        return Optional.ofNullable(campaignStatus);
    }

    /** {@return Twilio's reasons for the last rejection or suspension; empty otherwise} */
    public List<RejectionReason> reasons() {
        return reasons;
    }

    /** {@return why the SDK could not carry on the last time it tried (Twilio unreachable, …)} */
    public Optional<ErrorCode> problem() {
        return Optional.ofNullable(problem);
    }

    /** {@return how many times the statuses were checked since the last change (for backing off)} */
    public int checks() {
        return checks;
    }

    /** {@return when the statuses are to be checked next; empty when nothing is awaited} */
    public Optional<Instant> nextCheckAt() {
        return Optional.ofNullable(nextCheckAt);
    }

    /** {@return until when an instance carries the registration on; empty when none does} */
    public Optional<Instant> leaseUntil() {
        return Optional.ofNullable(leaseUntil);
    }

    /** {@return the version, raised by one at each change (stores compare it)} */
    public long version() {
        return version;
    }

    /** {@return when the registration was started} */
    public Instant createdAt() {
        return createdAt;
    }

    /** {@return when it last changed} */
    public Instant updatedAt() {
        return updatedAt;
    }

    /**
     * How one step stands, from the resources and statuses.
     *
     * @param step the step
     * @return its status
     */
    public StepStatus status(Step step) {
        return RegistrationSteps.status(this, step);
    }

    /** {@return every step with its status, in order} */
    public Map<Step, StepStatus> steps() {
        Map<Step, StepStatus> steps = new EnumMap<>(Step.class);
        for (Step step : Step.values()) {
            steps.put(step, status(step));
        }
        return Collections.unmodifiableMap(steps);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Registration that
                && id.equals(that.id)
                && version == that.version
                && tenantId.equals(that.tenantId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    @Override
    public String toString() {
        return "Registration[" + tenantId + ", " + state + ", steps " + steps() + ", version " + version + "]";
    }

    /** Builds a {@link Registration}; for stores and the SDK. Not thread-safe. */
    public static final class Builder {

        private @Nullable String id;
        private @Nullable TenantId tenantId;
        private @Nullable String accountSid;
        private @Nullable State state;
        private @Nullable BusinessProfile profile;
        private @Nullable CampaignDetails campaign;
        private final Map<Resource, String> sids = new EnumMap<>(Resource.class);
        private final Set<Mark> marks = EnumSet.noneOf(Mark.class);
        private @Nullable String profileStatus;
        private @Nullable String trustProductStatus;
        private @Nullable String brandStatus;
        private @Nullable String campaignStatus;
        private final List<RejectionReason> reasons = new ArrayList<>();
        private @Nullable ErrorCode problem;
        private int checks;
        private @Nullable Instant nextCheckAt;
        private @Nullable Instant leaseUntil;
        private long version;
        private @Nullable Instant createdAt;
        private @Nullable Instant updatedAt;

        private Builder() {}

        /**
         * The identifier.
         *
         * @param id a UUID
         * @return this builder
         */
        public Builder id(String id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * The tenant.
         *
         * @param tenant the tenant
         * @return this builder
         */
        public Builder tenantId(TenantId tenant) {
            this.tenantId = Objects.requireNonNull(tenant, "tenant");
            return this;
        }

        /**
         * The Twilio account.
         *
         * @param accountSid AC…
         * @return this builder
         */
        public Builder accountSid(String accountSid) {
            this.accountSid = Objects.requireNonNull(accountSid, "accountSid");
            return this;
        }

        /**
         * The state.
         *
         * @param state the state
         * @return this builder
         */
        public Builder state(State state) {
            this.state = Objects.requireNonNull(state, "state");
            return this;
        }

        /**
         * The business details.
         *
         * @param profile the details
         * @return this builder
         */
        public Builder profile(BusinessProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /**
         * The campaign details.
         *
         * @param campaign the details
         * @return this builder
         */
        public Builder campaign(CampaignDetails campaign) {
            this.campaign = Objects.requireNonNull(campaign, "campaign");
            return this;
        }

        /**
         * Sets or removes (with {@code null}) a resource's SID.
         *
         * @param resource the resource
         * @param sid its SID, or {@code null}
         * @return this builder
         */
        public Builder sid(Resource resource, @Nullable String sid) {
            if (sid == null) {
                sids.remove(resource);
            } else {
                sids.put(resource, sid);
            }
            return this;
        }

        /**
         * Sets or clears a sub-step.
         *
         * @param mark the sub-step
         * @param done whether it is done
         * @return this builder
         */
        public Builder mark(Mark mark, boolean done) {
            if (done) {
                marks.add(mark);
            } else {
                marks.remove(mark);
            }
            return this;
        }

        /**
         * The business profile's status.
         *
         * @param status Twilio's value, or {@code null}
         * @return this builder
         */
        public Builder profileStatus(@Nullable String status) {
            this.profileStatus = status;
            return this;
        }

        /**
         * The A2P profile's status.
         *
         * @param status Twilio's value, or {@code null}
         * @return this builder
         */
        public Builder trustProductStatus(@Nullable String status) {
            this.trustProductStatus = status;
            return this;
        }

        /**
         * The brand's status.
         *
         * @param status Twilio's value, or {@code null}
         * @return this builder
         */
        public Builder brandStatus(@Nullable String status) {
            this.brandStatus = status;
            return this;
        }

        /**
         * The campaign's status.
         *
         * @param status Twilio's value, or {@code null}
         * @return this builder
         */
        public Builder campaignStatus(@Nullable String status) {
            this.campaignStatus = status;
            return this;
        }

        /**
         * Replaces the reasons.
         *
         * @param reasons Twilio's reasons
         * @return this builder
         */
        public Builder reasons(List<RejectionReason> reasons) {
            this.reasons.clear();
            this.reasons.addAll(reasons);
            return this;
        }

        /**
         * Why the SDK could not carry on.
         *
         * @param problem the error, or {@code null}
         * @return this builder
         */
        public Builder problem(@Nullable ErrorCode problem) {
            this.problem = problem;
            return this;
        }

        /**
         * How many checks since the last change.
         *
         * @param checks the count
         * @return this builder
         */
        public Builder checks(int checks) {
            this.checks = checks;
            return this;
        }

        /**
         * When to check next.
         *
         * @param at the time, or {@code null} when nothing is awaited
         * @return this builder
         */
        public Builder nextCheckAt(@Nullable Instant at) {
            this.nextCheckAt = at;
            return this;
        }

        /**
         * Until when an instance carries the registration on.
         *
         * @param until the time, or {@code null}
         * @return this builder
         */
        public Builder leaseUntil(@Nullable Instant until) {
            this.leaseUntil = until;
            return this;
        }

        /**
         * The version.
         *
         * @param version the version
         * @return this builder
         */
        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /**
         * When it was started.
         *
         * @param at the time
         * @return this builder
         */
        public Builder createdAt(Instant at) {
            this.createdAt = Objects.requireNonNull(at, "at");
            return this;
        }

        /**
         * When it last changed.
         *
         * @param at the time
         * @return this builder
         */
        public Builder updatedAt(Instant at) {
            this.updatedAt = Objects.requireNonNull(at, "at");
            return this;
        }

        /** {@return the registration} */
        public Registration build() {
            return new Registration(this);
        }
    }
}
