package io.tenanttwilio.test.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.spi.CredentialStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link CredentialStore}: extend it with your store.
 *
 * <p>Not thread-safe: JUnit runs its tests one at a time, each on an instance of its own; some of
 * them race the implementation under test from several threads, which must therefore be
 * thread-safe.
 */
public abstract class CredentialStoreContract {

    // Fakes in Twilio's format, for tests only.
    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "f1e2d3c4b5a6978877665544332211ff";
    private static final String OTHER_TOKEN = "0a0b0c0d0e0f10111213141516171819";
    private static final String KEY = "SKfedcba9876543210fedcba9876543210";

    /** {@return the store under test; it may be shared by every test of the class} */
    protected abstract CredentialStore store();

    @Test
    void aTenantWithoutCredentialsHasNone() {
        assertThat(store().find(Contracts.freshTenant("none"))).isEmpty();
    }

    @Test
    void savesAndFindsAuthTokenCredentials() {
        TenantId tenant = Contracts.freshTenant("auth");
        TwilioCredentials credentials = TwilioCredentials.ofAuthToken(ACCOUNT, TOKEN);

        store().save(tenant, credentials);

        assertThat(store().find(tenant)).contains(credentials);
    }

    @Test
    void savesAndFindsApiKeyCredentialsWithASecondSigningToken() {
        TenantId tenant = Contracts.freshTenant("key");
        TwilioCredentials credentials = TwilioCredentials.apiKey()
                .accountSid(ACCOUNT)
                .apiKeySid(KEY)
                .apiKeySecret("sEcReT-with.symbols_42")
                .signingToken(TOKEN)
                .build()
                .withSecondarySigningToken(OTHER_TOKEN);

        store().save(tenant, credentials);

        assertThat(store().find(tenant)).hasValueSatisfying(found -> {
            assertThat(found).isEqualTo(credentials);
            assertThat(found.restPassword()).isEqualTo("sEcReT-with.symbols_42");
            assertThat(found.signingTokens()).containsExactly(TOKEN, OTHER_TOKEN);
        });
    }

    @Test
    void savingAgainReplaces() {
        TenantId tenant = Contracts.freshTenant("replace");
        store().save(tenant, TwilioCredentials.ofAuthToken(ACCOUNT, TOKEN));

        store().save(tenant, TwilioCredentials.ofAuthToken(ACCOUNT, OTHER_TOKEN));

        assertThat(store().find(tenant)).contains(TwilioCredentials.ofAuthToken(ACCOUNT, OTHER_TOKEN));
    }

    @Test
    void removesOnce() {
        TenantId tenant = Contracts.freshTenant("remove");
        store().save(tenant, TwilioCredentials.ofAuthToken(ACCOUNT, TOKEN));

        assertThat(store().remove(tenant)).isTrue();
        assertThat(store().remove(tenant)).isFalse();
        assertThat(store().find(tenant)).isEmpty();
    }

    @Test
    void keepsTenantsApart() {
        TenantId a = Contracts.freshTenant("a");
        TenantId b = Contracts.freshTenant("b");
        store().save(a, TwilioCredentials.ofAuthToken(ACCOUNT, TOKEN));

        assertThat(store().find(b)).isEmpty();
        store().remove(b);
        assertThat(store().find(a)).isPresent();
    }

    @Test
    void concurrentSavesLeaveOneOfThem() throws Exception {
        TenantId tenant = Contracts.freshTenant("race");

        Contracts.race(8, () -> {
            store().save(tenant, TwilioCredentials.ofAuthToken(ACCOUNT, TOKEN));
            return null;
        });

        assertThat(store().find(tenant)).contains(TwilioCredentials.ofAuthToken(ACCOUNT, TOKEN));
    }

    @Test
    void listsTenantsInPages() {
        String prefix = Contracts.freshTenant("list").value();
        List<TenantId> saved = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TenantId tenant = TenantId.of(prefix + "-" + i);
            store().save(tenant, TwilioCredentials.ofAuthToken(ACCOUNT, TOKEN));
            saved.add(tenant);
        }
        store().remove(saved.get(3));

        List<TenantId> seen = new ArrayList<>();
        TenantId after = null;
        for (List<TenantId> page = store().tenants(after, 2); !page.isEmpty(); page = store().tenants(after, 2)) {
            assertThat(page).hasSizeLessThanOrEqualTo(2);
            seen.addAll(page);
            after = page.get(page.size() - 1);
        }

        assertThat(seen).containsSubsequence(saved.get(0), saved.get(1), saved.get(2), saved.get(4));
        assertThat(seen).doesNotContain(saved.get(3)).doesNotHaveDuplicates();
    }
}
