package io.tenanttwilio.internal.numbers;

import static io.tenanttwilio.internal.numbers.ProvisioningSupport.storage;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.NewKey;
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
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.spi.NumberRegistry;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Managed mode: a subaccount of the platform's master account per tenant, created and closed here. */
final class Subaccounts {

    private final TwilioClients clients;
    private final NumberRegistry registry;
    private final ProvisioningSupport support;
    private final Accounts accounts;
    private final Auditor audit;
    private final @Nullable TwilioCredentials masterCredentials;

    Subaccounts(
            TwilioClients clients,
            NumberRegistry registry,
            ProvisioningSupport support,
            Accounts accounts,
            Auditor audit,
            @Nullable TwilioCredentials masterCredentials) {
        this.clients = clients;
        this.registry = registry;
        this.support = support;
        this.accounts = accounts;
        this.audit = audit;
        this.masterCredentials = masterCredentials;
    }

    AccountInfo createSubaccount(TenantId tenant) {
        TwilioCredentials master = requireMaster(tenant);
        TwilioRestClient masterClient = clients.forCredentials(master);
        Optional<TwilioCredentials> existing = support.storedCredentials(tenant);
        if (existing.isPresent()) {
            AccountInfo info =
                    accounts.accountInfo(tenant, masterClient, existing.get().accountSid());
            if (info.ownerAccountSid().map(master.accountSid()::equals).orElse(false)) {
                return info;
            }
            throw Problems.builder(ErrorCode.INVALID_REQUEST)
                    .tenant(tenant)
                    .detail("managed.has-own-account")
                    .build();
        }
        String name = Webhooks.subaccountName(tenant);
        try {
            Account sub = TwilioCalls.call(tenant, Operation.READ, () -> {
                for (Account account : Account.reader().setFriendlyName(name).read(masterClient)) {
                    if (account.getStatus() == Account.Status.ACTIVE
                            && !master.accountSid().equals(account.getSid())) {
                        return account;
                    }
                }
                return null;
            });
            if (sub == null) {
                sub = TwilioCalls.call(
                        tenant,
                        Operation.CONFIGURE,
                        () -> Account.creator().setFriendlyName(name).create(masterClient));
            }
            Account created = sub;
            NewKey key = TwilioCalls.call(
                    tenant,
                    Operation.CONFIGURE,
                    () -> NewKey.creator(created.getSid())
                            .setFriendlyName("tenant-twilio")
                            .create(masterClient));
            TwilioCredentials credentials = TwilioCredentials.apiKey()
                    .accountSid(created.getSid())
                    .apiKeySid(key.getSid())
                    .apiKeySecret(key.getSecret())
                    .signingToken(created.getAuthToken())
                    .build();
            support.saveCredentials(tenant, credentials);
            audit.success(
                    AuditAction.SUBACCOUNT_CREATED,
                    tenant,
                    null,
                    event -> event.detail("accountSid", created.getSid())
                            .detail("ownerAccountSid", master.accountSid()));
            audit.success(
                    AuditAction.CREDENTIALS_SAVED,
                    tenant,
                    null,
                    event -> event.detail("accountSid", created.getSid()).detail("kind", credentials.kind()));
            return accounts.accountInfo(tenant, clients.forTenant(tenant), created.getSid());
        } catch (TenantTwilioException e) {
            audit.failure(AuditAction.SUBACCOUNT_CREATED, tenant, null, e, event -> {});
            throw e;
        }
    }

    void closeSubaccount(TenantId tenant) {
        TwilioCredentials master = requireMaster(tenant);
        TwilioCredentials credentials = clients.credentials(tenant);
        TwilioRestClient masterClient = clients.forCredentials(master);
        try {
            TwilioCalls.call(
                    tenant,
                    Operation.CONFIGURE,
                    () -> Account.updater(credentials.accountSid())
                            .setStatus(Account.Status.CLOSED)
                            .update(masterClient));
        } catch (TenantTwilioException e) {
            audit.failure(AuditAction.SUBACCOUNT_CLOSED, tenant, null, e, event -> {});
            throw e;
        }
        for (NumberRecord record : storage(() -> registry.findByTenant(tenant))) {
            if (record.state().isOwned() || record.state().isPending()) {
                support.transition(record, record.toBuilder().state(NumberState.RELEASED));
            }
        }
        support.removeCredentials(tenant);
        audit.success(
                AuditAction.SUBACCOUNT_CLOSED,
                tenant,
                null,
                event -> event.detail("accountSid", credentials.accountSid()));
        audit.success(AuditAction.CREDENTIALS_REMOVED, tenant, null, event -> {});
    }

    private TwilioCredentials requireMaster(TenantId tenant) {
        if (masterCredentials == null) {
            throw Problems.builder(ErrorCode.CONFIGURATION_ERROR)
                    .tenant(tenant)
                    .detail("config.no-master-credentials")
                    .build();
        }
        return masterCredentials;
    }
}
