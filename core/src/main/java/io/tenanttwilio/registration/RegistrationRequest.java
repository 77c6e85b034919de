package io.tenanttwilio.registration;

import io.tenanttwilio.Actor;
import io.tenanttwilio.TenantId;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's A2P 10DLC registration, to start, to carry on, or to submit again once corrected:
 * the business and the campaign. Registering again with the same details carries on where the
 * registration stands; with corrected details after a rejection, the rejected step is submitted
 * again.
 *
 * <p>Immutable and thread-safe.
 */
public final class RegistrationRequest {

    private final TenantId tenant;
    private final BusinessProfile profile;
    private final CampaignDetails campaign;
    private final @Nullable Actor actor;

    private RegistrationRequest(Builder b) {
        this.tenant = Objects.requireNonNull(b.tenant, "tenant");
        this.profile = Objects.requireNonNull(b.profile, "profile");
        this.campaign = Objects.requireNonNull(b.campaign, "campaign");
        this.actor = b.actor;
    }

    /**
     * A request for {@code tenant}.
     *
     * @param tenant the tenant
     * @return a builder
     */
    public static Builder builder(TenantId tenant) {
        return new Builder(tenant);
    }

    /** {@return the tenant} */
    public TenantId tenant() {
        return tenant;
    }

    /** {@return the business} */
    public BusinessProfile profile() {
        return profile;
    }

    /** {@return the campaign} */
    public CampaignDetails campaign() {
        return campaign;
    }

    /** {@return who asks, for the audit trail} */
    public Optional<Actor> actor() {
        return Optional.ofNullable(actor);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RegistrationRequest that
                && tenant.equals(that.tenant)
                && profile.equals(that.profile)
                && campaign.equals(that.campaign)
                && Objects.equals(actor, that.actor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, profile, campaign);
    }

    @Override
    public String toString() {
        return "RegistrationRequest[" + tenant + ", " + profile + ", " + campaign + "]";
    }

    /** Builds a {@link RegistrationRequest}. Not thread-safe. */
    public static final class Builder {

        private final TenantId tenant;
        private @Nullable BusinessProfile profile;
        private @Nullable CampaignDetails campaign;
        private @Nullable Actor actor;

        private Builder(TenantId tenant) {
            this.tenant = Objects.requireNonNull(tenant, "tenant");
        }

        /**
         * The business.
         *
         * @param profile the business profile
         * @return this builder
         */
        public Builder profile(BusinessProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /**
         * The campaign.
         *
         * @param campaign the campaign details
         * @return this builder
         */
        public Builder campaign(CampaignDetails campaign) {
            this.campaign = Objects.requireNonNull(campaign, "campaign");
            return this;
        }

        /**
         * Who asks.
         *
         * @param actor the person, or {@code null}
         * @return this builder
         */
        public Builder actor(@Nullable Actor actor) {
            this.actor = actor;
            return this;
        }

        /** {@return the request} */
        public RegistrationRequest build() {
            return new RegistrationRequest(this);
        }
    }
}
