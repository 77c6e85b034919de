package io.tenanttwilio.account;

import io.tenanttwilio.numbers.NumberProvisioner;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What Twilio says of an account, as {@link NumberProvisioner#validateCredentials(TwilioCredentials)}
 * reads it: its SID and name, status and type, its parent account for a subaccount, and its balance
 * when these credentials may read it.
 *
 * <pre>{@code
 * AccountInfo account = numbers.validateCredentials(credentials);
 * if (account.type() == AccountInfo.Type.TRIAL) {
 *     warnTrial(account.friendlyName());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AccountInfo {

    /** The account's status at Twilio. Immutable and thread-safe. */
    public enum Status {
        /** The account works. */
        ACTIVE,
        /** The account is suspended: Twilio refuses to send and to buy until it is reinstated. */
        SUSPENDED,
        /** The account is closed for good. */
        CLOSED
    }

    /** The account's type at Twilio. Immutable and thread-safe. */
    public enum Type {
        /** A trial account: it sends only to verified numbers, with a trial prefix. */
        TRIAL,
        /** A paid (upgraded) account. */
        FULL
    }

    private final String accountSid;
    private final String friendlyName;
    private final Status status;
    private final Type type;
    private final @Nullable String ownerAccountSid;
    private final @Nullable BigDecimal balance;
    private final @Nullable String currency;

    private AccountInfo(Builder b) {
        this.accountSid = Objects.requireNonNull(b.accountSid, "accountSid");
        this.friendlyName = b.friendlyName;
        this.status = b.status;
        this.type = b.type;
        this.ownerAccountSid = b.ownerAccountSid;
        this.balance = b.balance;
        this.currency = b.currency;
    }

    /**
     * Starts an account's description; the SDK makes them from Twilio's answers, applications only
     * in tests. The Account SID must be set; the account is an active, full, top-level account with
     * no name and no balance unless set.
     *
     * <pre>{@code
     * AccountInfo account = AccountInfo.builder()
     *         .accountSid("AC0123456789abcdef0123456789abcdef")
     *         .friendlyName("Clinique A")
     *         .type(AccountInfo.Type.TRIAL)
     *         .balance(new BigDecimal("15.50"))
     *         .currency("USD")
     *         .build();
     * }</pre>
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the account's SID ({@code AC…})} */
    public String accountSid() {
        return accountSid;
    }

    /** {@return the account's friendly name at Twilio; empty when it has none} */
    public String friendlyName() {
        return friendlyName;
    }

    /** {@return the account's status} */
    public Status status() {
        return status;
    }

    /** {@return the account's type, trial or full} */
    public Type type() {
        return type;
    }

    /** {@return the parent account's SID, for a subaccount; empty for a top-level account} */
    public Optional<String> ownerAccountSid() {
        return Optional.ofNullable(ownerAccountSid).filter(owner -> !owner.equals(accountSid));
    }

    /** {@return whether this is a subaccount of another account} */
    public boolean isSubaccount() {
        return ownerAccountSid().isPresent();
    }

    /**
     * {@return the balance, when Twilio lets these credentials read it; empty for a subaccount,
     * which has none of its own}
     */
    public Optional<BigDecimal> balance() {
        return Optional.ofNullable(balance);
    }

    /** {@return the balance's currency ({@code USD}), given with the balance} */
    public Optional<String> currency() {
        return Optional.ofNullable(currency);
    }

    /** The SID, status, type and balance; the name is left out. */
    @Override
    public String toString() {
        return "AccountInfo[" + accountSid + ", " + status + ", " + type
                + (balance == null ? "" : ", " + balance + " " + currency) + "]";
    }

    /** Builds an {@link AccountInfo}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String accountSid;
        private String friendlyName = "";
        private Status status = Status.ACTIVE;
        private Type type = Type.FULL;
        private @Nullable String ownerAccountSid;
        private @Nullable BigDecimal balance;
        private @Nullable String currency;

        private Builder() {}

        /**
         * Sets {@link AccountInfo#accountSid()}.
         *
         * @param accountSid the account's SID ({@code AC…})
         * @return this builder
         */
        public Builder accountSid(String accountSid) {
            this.accountSid = Objects.requireNonNull(accountSid, "accountSid");
            return this;
        }

        /**
         * Sets {@link AccountInfo#friendlyName()}; empty by default.
         *
         * @param friendlyName the account's friendly name at Twilio
         * @return this builder
         */
        public Builder friendlyName(String friendlyName) {
            this.friendlyName = Objects.requireNonNull(friendlyName, "friendlyName");
            return this;
        }

        /**
         * Sets {@link AccountInfo#status()}; {@link Status#ACTIVE} by default.
         *
         * @param status the account's status
         * @return this builder
         */
        public Builder status(Status status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /**
         * Sets {@link AccountInfo#type()}; {@link Type#FULL} by default.
         *
         * @param type the account's type
         * @return this builder
         */
        public Builder type(Type type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /**
         * Sets {@link AccountInfo#ownerAccountSid()}; none by default.
         *
         * @param ownerAccountSid the parent account's SID, or {@code null} (or the account's own
         *     SID, as Twilio gives it for a top-level account) when it has none
         * @return this builder
         */
        public Builder ownerAccountSid(@Nullable String ownerAccountSid) {
            this.ownerAccountSid = ownerAccountSid;
            return this;
        }

        /**
         * Sets {@link AccountInfo#balance()}; none by default.
         *
         * @param balance the balance, or {@code null} when it could not be read
         * @return this builder
         */
        public Builder balance(@Nullable BigDecimal balance) {
            this.balance = balance;
            return this;
        }

        /**
         * Sets {@link AccountInfo#currency()}; none by default.
         *
         * @param currency the balance's currency, an ISO 4217 code, or {@code null} without a
         *     balance
         * @return this builder
         */
        public Builder currency(@Nullable String currency) {
            this.currency = currency;
            return this;
        }

        /**
         * Builds the account's description.
         *
         * @return the description, immutable
         * @throws NullPointerException if the Account SID is missing
         */
        public AccountInfo build() {
            return new AccountInfo(this);
        }
    }
}
