package io.tenanttwilio.account;

import io.tenanttwilio.numbers.NumberProvisioner;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What Twilio says of an account: as {@link NumberProvisioner#validateCredentials(TwilioCredentials)}
 * reads it. Immutable and thread-safe.
 */
public final class AccountInfo {

    /** The account's status. */
    public enum Status {
        ACTIVE,
        SUSPENDED,
        CLOSED
    }

    /** The account's type. */
    public enum Type {
        TRIAL,
        FULL
    }

    private final String accountSid;
    private final String friendlyName;
    private final Status status;
    private final Type type;
    private final @Nullable String ownerAccountSid;
    private final @Nullable BigDecimal balance;
    private final @Nullable String currency;

    public AccountInfo(
            String accountSid,
            String friendlyName,
            Status status,
            Type type,
            @Nullable String ownerAccountSid,
            @Nullable BigDecimal balance,
            @Nullable String currency) {
        this.accountSid = Objects.requireNonNull(accountSid, "accountSid");
        this.friendlyName = Objects.requireNonNull(friendlyName, "friendlyName");
        this.status = Objects.requireNonNull(status, "status");
        this.type = Objects.requireNonNull(type, "type");
        this.ownerAccountSid = ownerAccountSid;
        this.balance = balance;
        this.currency = currency;
    }

    public String accountSid() {
        return accountSid;
    }

    public String friendlyName() {
        return friendlyName;
    }

    public Status status() {
        return status;
    }

    public Type type() {
        return type;
    }

    /** The parent account, for a subaccount. */
    public Optional<String> ownerAccountSid() {
        return Optional.ofNullable(ownerAccountSid).filter(owner -> !owner.equals(accountSid));
    }

    /** Whether this is a subaccount of another account. */
    public boolean isSubaccount() {
        return ownerAccountSid().isPresent();
    }

    /** The balance, when Twilio lets these credentials read it (subaccounts have none). */
    public Optional<BigDecimal> balance() {
        return Optional.ofNullable(balance);
    }

    /** The balance's currency ({@code USD}), with the balance. */
    public Optional<String> currency() {
        return Optional.ofNullable(currency);
    }

    @Override
    public String toString() {
        return "AccountInfo[" + accountSid + ", " + status + ", " + type
                + (balance == null ? "" : ", " + balance + " " + currency) + "]";
    }
}
