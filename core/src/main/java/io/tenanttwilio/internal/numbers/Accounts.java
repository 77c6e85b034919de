package io.tenanttwilio.internal.numbers;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Balance;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.account.AccountInfo;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.audit.AuditAction;
import io.tenanttwilio.internal.shared.Auditor;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.internal.twilio.TwilioCalls;
import io.tenanttwilio.internal.twilio.TwilioClients;
import io.tenanttwilio.internal.twilio.TwilioErrors.Operation;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The tenants' credentials (validated, saved, removed) and the Twilio accounts behind them. */
final class Accounts {

    private final TwilioClients clients;
    private final ProvisioningSupport support;
    private final Auditor audit;

    Accounts(TwilioClients clients, ProvisioningSupport support, Auditor audit) {
        this.clients = clients;
        this.support = support;
        this.audit = audit;
    }

    AccountInfo validateCredentials(TwilioCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        try {
            AccountInfo info = accountInfo(null, clients.forCredentials(credentials), credentials.accountSid());
            requireUsable(null, info);
            audit.success(
                    AuditAction.CREDENTIALS_VALIDATED,
                    null,
                    null,
                    e -> e.detail("accountSid", info.accountSid())
                            .detail("type", info.type())
                            .twilioRequestId(TwilioCalls.lastRequestId()));
            return info;
        } catch (TenantTwilioException e) {
            audit.failure(
                    AuditAction.CREDENTIALS_VALIDATED,
                    null,
                    null,
                    e,
                    event -> event.detail("accountSid", credentials.accountSid()));
            throw e;
        }
    }

    AccountInfo saveCredentials(TenantId tenant, TwilioCredentials credentials, @Nullable String actor) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(credentials, "credentials");
        Optional<TwilioCredentials> before = support.storedCredentials(tenant);
        boolean sameAccount =
                before.map(c -> c.accountSid().equals(credentials.accountSid())).orElse(false);
        AccountInfo info;
        try {
            if (before.isPresent() && !sameAccount && support.numbersBesides(tenant, "") > 0) {
                // The numbers belong to the old account: their webhooks are checked with its token.
                throw Problems.builder(ErrorCode.INVALID_REQUEST)
                        .tenant(tenant)
                        .detail("credentials.other-account")
                        .build();
            }
            info = accountInfo(tenant, clients.forCredentials(credentials), credentials.accountSid());
            requireUsable(tenant, info);
        } catch (TenantTwilioException e) {
            audit.failure(
                    sameAccount ? AuditAction.CREDENTIALS_ROTATED : AuditAction.CREDENTIALS_SAVED,
                    tenant,
                    actor,
                    e,
                    event -> event.detail("accountSid", credentials.accountSid()));
            throw e;
        }
        support.saveCredentials(tenant, credentials);
        audit.success(
                sameAccount ? AuditAction.CREDENTIALS_ROTATED : AuditAction.CREDENTIALS_SAVED,
                tenant,
                actor,
                event -> event.detail("accountSid", credentials.accountSid())
                        .detail("kind", credentials.kind())
                        .twilioRequestId(TwilioCalls.lastRequestId()));
        return info;
    }

    boolean removeCredentials(TenantId tenant, @Nullable String actor) {
        Objects.requireNonNull(tenant, "tenant");
        if (support.numbersBesides(tenant, "") > 0) {
            TenantTwilioException refused = Problems.builder(ErrorCode.INVALID_REQUEST)
                    .tenant(tenant)
                    .detail("credentials.numbers-owned")
                    .build();
            audit.failure(AuditAction.CREDENTIALS_REMOVED, tenant, actor, refused, event -> {});
            throw refused;
        }
        boolean removed = support.removeCredentials(tenant);
        if (removed) {
            audit.success(AuditAction.CREDENTIALS_REMOVED, tenant, actor, event -> {});
        }
        return removed;
    }

    AccountInfo account(TenantId tenant) {
        return accountInfo(
                tenant, clients.forTenant(tenant), clients.credentials(tenant).accountSid());
    }

    AccountInfo accountInfo(@Nullable TenantId tenant, TwilioRestClient client, String accountSid) {
        Account account = TwilioCalls.call(
                tenant, Operation.READ, () -> Account.fetcher(accountSid).fetch(client));
        BigDecimal balance = null;
        String currency = null;
        try {
            Balance fetched = TwilioCalls.call(
                    tenant, Operation.READ, () -> Balance.fetcher(accountSid).fetch(client));
            balance = fetched.getBalance() == null ? null : new BigDecimal(fetched.getBalance());
            currency = fetched.getCurrency();
        } catch (TenantTwilioException | NumberFormatException e) {
            // Subaccounts have no balance of their own; the balance is optional here.
        }
        return AccountInfo.builder()
                .accountSid(account.getSid())
                .friendlyName(account.getFriendlyName() == null ? "" : account.getFriendlyName())
                .status(
                        account.getStatus() == Account.Status.SUSPENDED
                                ? AccountInfo.Status.SUSPENDED
                                : account.getStatus() == Account.Status.CLOSED
                                        ? AccountInfo.Status.CLOSED
                                        : AccountInfo.Status.ACTIVE)
                .type(account.getType() == Account.Type.TRIAL ? AccountInfo.Type.TRIAL : AccountInfo.Type.FULL)
                .ownerAccountSid(account.getOwnerAccountSid())
                .balance(balance)
                .currency(currency)
                .build();
    }

    static void requireUsable(@Nullable TenantId tenant, AccountInfo info) {
        if (info.status() == AccountInfo.Status.SUSPENDED) {
            throw Problems.builder(ErrorCode.ACCOUNT_SUSPENDED).tenant(tenant).build();
        }
        if (info.status() == AccountInfo.Status.CLOSED) {
            throw Problems.builder(ErrorCode.ACCOUNT_CLOSED).tenant(tenant).build();
        }
    }

    /** A refused credential may be a suspended or closed account: ask Twilio which. */
    TenantTwilioException refined(
            TenantTwilioException e, TenantId tenant, TwilioRestClient client, String accountSid) {
        if (e.errorCode() != ErrorCode.INVALID_CREDENTIALS) {
            return e;
        }
        try {
            AccountInfo info = accountInfo(tenant, client, accountSid);
            if (info.status() != AccountInfo.Status.ACTIVE) {
                return Problems.builder(
                                info.status() == AccountInfo.Status.SUSPENDED
                                        ? ErrorCode.ACCOUNT_SUSPENDED
                                        : ErrorCode.ACCOUNT_CLOSED)
                        .tenant(tenant)
                        .twilioError(
                                e.twilioErrorCode().isPresent()
                                        ? e.twilioErrorCode().getAsInt()
                                        : null,
                                e.twilioRequestId().orElse(null))
                        .build();
            }
        } catch (TenantTwilioException ignored) {
            // The credentials are refused altogether: the original error says so.
        }
        return e;
    }
}
