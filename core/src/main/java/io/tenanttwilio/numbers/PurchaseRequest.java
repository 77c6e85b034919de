package io.tenanttwilio.numbers;

import io.tenanttwilio.Actor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.phone.PhoneNumber;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A request to buy a number for a tenant: a specific number or any number of an area code, and
 * an idempotency key. A purchase retried with the same key never buys a second number; the same
 * key with another number is refused ({@link ErrorCode#IDEMPOTENCY_CONFLICT}).
 *
 * <pre>{@code
 * PurchaseRequest request = PurchaseRequest.builder(tenant, formToken)
 *         .number(chosen.phoneNumber())
 *         .credentials(credentials)        // when the tenant's credentials are not stored yet
 *         .build();
 * }</pre>
 *
 * <p>Give the key to the person's action, not to the attempt: a form renders a new key, and a
 * double click or a retry after a timeout reuses it. Immutable and thread-safe.
 */
public final class PurchaseRequest {

    private final TenantId tenant;
    private final String idempotencyKey;
    private final @Nullable PhoneNumber number;
    private final @Nullable String areaCode;
    private final @Nullable TwilioCredentials credentials;
    private final @Nullable FailurePolicy failurePolicy;
    private final @Nullable Actor actor;

    private PurchaseRequest(Builder b) {
        this.tenant = b.tenant;
        this.idempotencyKey = b.idempotencyKey;
        this.number = b.number;
        this.areaCode = b.areaCode;
        this.credentials = b.credentials;
        this.failurePolicy = b.failurePolicy;
        this.actor = b.actor;
    }

    /**
     * Starts a request for {@code tenant} with {@code idempotencyKey} (1 to 128 visible
     * characters).
     *
     * @param tenant the tenant the number is bought for
     * @param idempotencyKey the key of the person's action, such as a token rendered in the
     *     purchase form
     * @return a builder; say {@link Builder#number} or {@link Builder#areaCode} before building
     * @throws TenantTwilioException with {@link ErrorCode#INVALID_REQUEST} if the
     *     key is blank, longer than 128 characters or holds spaces or control characters
     */
    public static Builder builder(TenantId tenant, String idempotencyKey) {
        return new Builder(tenant, idempotencyKey);
    }

    /** {@return the tenant the number is bought for} */
    public TenantId tenant() {
        return tenant;
    }

    /**
     * {@return the key that makes a retried purchase return the first one's result instead of
     * buying again}
     */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    /** {@return the number to buy, unless an area code was given} */
    public Optional<PhoneNumber> number() {
        return Optional.ofNullable(number);
    }

    /** {@return the area code to buy any number of, unless a number was given} */
    public Optional<String> areaCode() {
        return Optional.ofNullable(areaCode);
    }

    /**
     * {@return the credentials to use (and save once they proved valid) when the tenant has none
     * stored}
     */
    public Optional<TwilioCredentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /** {@return what to do if the number cannot be configured; the SDK's default otherwise} */
    public Optional<FailurePolicy> failurePolicy() {
        return Optional.ofNullable(failurePolicy);
    }

    /** {@return who asked, for the audit trail; the tenant resolver's actor otherwise} */
    public Optional<Actor> actor() {
        return Optional.ofNullable(actor);
    }

    /**
     * {@return what is asked for, as recorded for idempotency: {@code number:+1…} or {@code
     * area:418}}
     */
    public String requested() {
        return number != null ? "number:" + number.e164() : "area:" + areaCode;
    }

    @Override
    public String toString() {
        return "PurchaseRequest[tenant=" + tenant + ", key=" + idempotencyKey + ", "
                + (number != null ? "number=" + number.masked() : "areaCode=" + areaCode) + "]";
    }

    /** Builds a {@link PurchaseRequest}. Not thread-safe. */
    public static final class Builder {
        private final TenantId tenant;
        private final String idempotencyKey;
        private @Nullable PhoneNumber number;
        private @Nullable String areaCode;
        private @Nullable TwilioCredentials credentials;
        private @Nullable FailurePolicy failurePolicy;
        private @Nullable Actor actor;

        private Builder(TenantId tenant, String idempotencyKey) {
            this.tenant = Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            if (idempotencyKey.isBlank()
                    || idempotencyKey.length() > 128
                    || idempotencyKey.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
                throw Problems.builder(ErrorCode.INVALID_REQUEST)
                        .detail("purchase.key")
                        .build();
            }
            this.idempotencyKey = idempotencyKey;
        }

        /**
         * Buys exactly this number (from a search result).
         *
         * @param number the number, such as {@link AvailableNumber#phoneNumber()}; it replaces an
         *     area code
         * @return this builder
         */
        public Builder number(PhoneNumber number) {
            this.number = Objects.requireNonNull(number, "number");
            this.areaCode = null;
            return this;
        }

        /**
         * Buys the first available local number of this North American area code.
         *
         * @param areaCode three digits, the first 2 to 9; it replaces a number
         * @return this builder
         * @throws TenantTwilioException with {@link ErrorCode#INVALID_REQUEST} if
         *     it is not an area code
         */
        public Builder areaCode(String areaCode) {
            Objects.requireNonNull(areaCode, "areaCode");
            if (!areaCode.strip().matches("[2-9][0-9]{2}")) {
                throw Problems.builder(ErrorCode.INVALID_REQUEST)
                        .detail("search.area-code", areaCode)
                        .build();
            }
            this.areaCode = areaCode.strip();
            this.number = null;
            return this;
        }

        /**
         * Gives the credentials to buy with when the tenant has none stored yet; they are saved
         * only once they proved valid.
         *
         * @param credentials the credentials, or {@code null} to use the stored ones
         * @return this builder
         */
        public Builder credentials(@Nullable TwilioCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /**
         * Says what to do with the number if it cannot be configured or verified.
         *
         * @param policy the policy, or {@code null} for the SDK's default
         * @return this builder
         */
        public Builder failurePolicy(@Nullable FailurePolicy policy) {
            this.failurePolicy = policy;
            return this;
        }

        /**
         * Says who asked, for the audit trail; without it, the tenant resolver's actor.
         *
         * @param actor who asked
         * @return this builder
         */
        public Builder actor(Actor actor) {
            this.actor = Objects.requireNonNull(actor, "actor");
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request, immutable
         * @throws TenantTwilioException with {@link ErrorCode#INVALID_REQUEST} if
         *     neither a number nor an area code was given
         */
        public PurchaseRequest build() {
            if (number == null && areaCode == null) {
                throw Problems.builder(ErrorCode.INVALID_REQUEST)
                        .detail("purchase.what")
                        .build();
            }
            return new PurchaseRequest(this);
        }
    }
}
