package io.tenanttwilio.internal.numbers;

import io.tenanttwilio.Actor;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioSettings;
import io.tenanttwilio.account.AccountInfo;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.internal.guardrails.Guardrails;
import io.tenanttwilio.internal.shared.Auditor;
import io.tenanttwilio.internal.shared.CarrierRules;
import io.tenanttwilio.internal.twilio.TwilioClients;
import io.tenanttwilio.numbers.AvailableNumber;
import io.tenanttwilio.numbers.NumberLifecycleListener;
import io.tenanttwilio.numbers.NumberProvisioner;
import io.tenanttwilio.numbers.NumberSearch;
import io.tenanttwilio.numbers.PurchaseRequest;
import io.tenanttwilio.numbers.PurchaseResult;
import io.tenanttwilio.numbers.ReleaseResult;
import io.tenanttwilio.numbers.VerificationReport;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.spi.ConversationStore;
import io.tenanttwilio.spi.CredentialStore;
import io.tenanttwilio.spi.NumberRegistry;
import io.tenanttwilio.spi.SdkMetrics;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@link NumberProvisioner} on twilio-java, the registry and the credential store: each of its
 * operations is carried out by one of the parts of this package.
 */
public final class DefaultNumberProvisioner implements NumberProvisioner {

    private final Accounts accounts;
    private final NumberSearches searches;
    private final Purchases purchases;
    private final Verifications verifications;
    private final Releases releases;
    private final MessagingServiceLinks messagingServices;
    private final Subaccounts subaccounts;

    public DefaultNumberProvisioner(
            TwilioClients clients,
            CredentialStore credentialStore,
            NumberRegistry registry,
            ConversationStore conversations,
            Auditor audit,
            Clock clock,
            TenantTwilioSettings settings,
            @Nullable TwilioCredentials masterCredentials,
            List<NumberLifecycleListener> listeners,
            Guardrails guardrails,
            SdkMetrics metrics,
            CarrierRules carrier) {
        ProvisioningSupport support = new ProvisioningSupport(clients, credentialStore, registry, clock, listeners);
        this.accounts = new Accounts(clients, support, audit);
        this.searches = new NumberSearches(clients, audit);
        this.verifications = new Verifications(clients, support, audit, clock, settings, carrier);
        NumberBuyer buyer = new NumberBuyer(registry, support, accounts, guardrails, audit, clock);
        this.purchases = new Purchases(
                clients, registry, support, accounts, buyer, verifications, audit, clock, settings, metrics, carrier);
        this.releases = new Releases(clients, conversations, support, audit, listeners);
        this.messagingServices = new MessagingServiceLinks(clients, registry, audit);
        this.subaccounts = new Subaccounts(clients, registry, support, accounts, audit, masterCredentials);
    }

    @Override
    public AccountInfo validateCredentials(TwilioCredentials credentials) {
        return accounts.validateCredentials(credentials);
    }

    @Override
    public AccountInfo saveCredentials(TenantId tenant, TwilioCredentials credentials, Actor actor) {
        return accounts.saveCredentials(
                tenant, credentials, Objects.requireNonNull(actor, "actor").name());
    }

    @Override
    public AccountInfo saveCredentials(TenantId tenant, TwilioCredentials credentials) {
        return accounts.saveCredentials(tenant, credentials, null);
    }

    @Override
    public boolean removeCredentials(TenantId tenant, Actor actor) {
        return accounts.removeCredentials(
                tenant, Objects.requireNonNull(actor, "actor").name());
    }

    @Override
    public boolean removeCredentials(TenantId tenant) {
        return accounts.removeCredentials(tenant, null);
    }

    @Override
    public AccountInfo account(TenantId tenant) {
        return accounts.account(tenant);
    }

    @Override
    public List<AvailableNumber> search(TenantId tenant, NumberSearch search) {
        return searches.search(tenant, search);
    }

    @Override
    public List<AvailableNumber> search(TwilioCredentials credentials, NumberSearch search) {
        return searches.search(credentials, search);
    }

    @Override
    public PurchaseResult purchase(PurchaseRequest request) {
        return purchases.purchase(request);
    }

    @Override
    public List<PurchaseResult> resumePending() {
        return purchases.resumePending();
    }

    @Override
    public VerificationReport verify(TenantId tenant, PhoneNumber number) {
        return verifications.verify(tenant, number);
    }

    @Override
    public VerificationReport verify(TenantId tenant, PhoneNumber number, @Nullable PhoneNumber testRecipient) {
        return verifications.verify(tenant, number, testRecipient);
    }

    @Override
    public VerificationReport repair(TenantId tenant, PhoneNumber number) {
        return verifications.repair(tenant, number);
    }

    @Override
    public ReleaseResult release(TenantId tenant, PhoneNumber number) {
        return releases.release(tenant, number);
    }

    @Override
    public void linkMessagingService(TenantId tenant, String messagingServiceSid) {
        messagingServices.linkMessagingService(tenant, messagingServiceSid);
    }

    @Override
    public AccountInfo createSubaccount(TenantId tenant) {
        return subaccounts.createSubaccount(tenant);
    }

    @Override
    public void closeSubaccount(TenantId tenant) {
        subaccounts.closeSubaccount(tenant);
    }

    /** Runs a store operation; any failure of the store becomes a storage error. */
    public static <T> T storage(Supplier<T> operation) {
        return ProvisioningSupport.storage(operation);
    }
}
