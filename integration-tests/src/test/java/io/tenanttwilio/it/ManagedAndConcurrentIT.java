package io.tenanttwilio.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.account.AccountInfo;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.internal.DefaultTenantTwilio;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.numbers.PurchaseRequest;
import io.tenanttwilio.numbers.PurchaseResult;
import io.tenanttwilio.test.junit.TwilioSimulatorExtension;
import io.tenanttwilio.test.simulator.Endpoint;
import io.tenanttwilio.test.simulator.SimulatedAccount;
import io.tenanttwilio.test.simulator.SimulatorClock;
import io.tenanttwilio.test.simulator.TwilioSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Managed subaccounts, crash recovery, and many tenants on one connection pool. */
class ManagedAndConcurrentIT {

    @RegisterExtension
    static final TwilioSimulatorExtension twilio = TwilioSimulatorExtension.create();

    private TwilioSimulator simulator() {
        return twilio.simulator();
    }

    @Test
    void managedModeGivesATenantItsOwnSubaccountAndClosesIt() {
        SimulatedAccount platform = simulator().createAccount("Platform");
        TenantId clinic = TenantId.of("clinique-c");
        try (SdkFixture sdk =
                SdkFixture.on(simulator()).master(platform.credentials()).build()) {
            AccountInfo sub = sdk.twilio.provisioner().createSubaccount(clinic);
            AccountInfo again = sdk.twilio.provisioner().createSubaccount(clinic);
            PurchaseResult bought = sdk.twilio
                    .provisioner()
                    .purchase(
                            PurchaseRequest.builder(clinic, "k").areaCode("514").build());

            TwilioCredentials stored = sdk.credentials.find(clinic).orElseThrow();
            assertThat(sub.ownerAccountSid()).contains(platform.sid());
            assertThat(again.accountSid()).isEqualTo(sub.accountSid());
            assertThat(stored.kind()).isEqualTo(TwilioCredentials.Kind.API_KEY);
            assertThat(stored.accountSid()).isEqualTo(sub.accountSid());
            assertThat(stored.primarySigningToken())
                    .isEqualTo(simulator().account(sub.accountSid()).authToken());
            assertThat(bought.isActive()).isTrue();
            assertThat(simulator()
                            .number(bought.phoneNumber().orElseThrow().e164())
                            .orElseThrow()
                            .accountSid())
                    .isEqualTo(sub.accountSid());
            assertThat(platform.balance()).as("the master pays").isEqualByComparingTo("18.85");

            sdk.twilio.provisioner().closeSubaccount(clinic);

            assertThat(simulator().account(sub.accountSid()).status()).isEqualTo("closed");
            assertThat(simulator().numbers()).isEmpty();
            assertThat(sdk.credentials.find(clinic)).isEmpty();
            assertThat(sdk.registry.findByTenant(clinic))
                    .allSatisfy(r -> assertThat(r.state()).isEqualTo(NumberState.RELEASED));
        }
    }

    @Test
    void resumePendingCompletesAPurchaseInterruptedAfterTwilioSoldTheNumber() {
        SimulatedAccount account = simulator().createAccount("A");
        SimulatorClock clock = SimulatorClock.fixedAt(Instant.parse("2026-11-23T10:00:00Z"));
        TenantId tenant = TenantId.of("clinique-a");
        try (SdkFixture sdk = SdkFixture.on(simulator()).clock(clock).build()) {
            sdk.credentials.save(tenant, account.credentials());
            // The answer to the purchase is lost and so is the application: the record stays PURCHASING.
            simulator().fault(Endpoint.NUMBER_PURCHASE).afterProcessing().resetConnection();
            simulator().fault(Endpoint.NUMBER_READ).times(3).respondWithStatus(503);
            try {
                sdk.twilio
                        .provisioner()
                        .purchase(PurchaseRequest.builder(tenant, "k")
                                .areaCode("418")
                                .build());
            } catch (RuntimeException expected) {
                // OUTCOME_UNKNOWN: the SDK could not look the purchase up either
            }
            NumberRecord pending = sdk.registry.findByPurchaseKey(tenant, "k").orElseThrow();
            assertThat(pending.state()).isEqualTo(NumberState.PURCHASING);
            assertThat(account.numbers()).hasSize(1);

            assertThat(sdk.twilio.provisioner().resumePending())
                    .as("too recent to resume")
                    .isEmpty();
            clock.advance(Duration.ofMinutes(5));
            List<PurchaseResult> resumed = sdk.twilio.provisioner().resumePending();

            assertThat(resumed).singleElement().satisfies(result -> {
                assertThat(result.isActive()).isTrue();
                assertThat(result.phoneNumber().orElseThrow().e164())
                        .isEqualTo(account.numbers().get(0).phoneNumber());
            });
            assertThat(simulator().requests(Endpoint.NUMBER_PURCHASE)).hasSize(1);
        }
    }

    @Test
    void resumePendingClosesAPurchaseTwilioNeverCarriedOut() {
        SimulatedAccount account = simulator().createAccount("A");
        SimulatorClock clock = SimulatorClock.fixedAt(Instant.parse("2026-11-23T10:00:00Z"));
        TenantId tenant = TenantId.of("clinique-a");
        try (SdkFixture sdk = SdkFixture.on(simulator()).clock(clock).build()) {
            sdk.credentials.save(tenant, account.credentials());
            simulator().fault(Endpoint.NUMBER_PURCHASE).resetConnection();
            try {
                sdk.twilio
                        .provisioner()
                        .purchase(PurchaseRequest.builder(tenant, "k")
                                .areaCode("418")
                                .build());
            } catch (RuntimeException expected) {
                // OUTCOME_UNKNOWN
            }
            clock.advance(Duration.ofMinutes(5));

            List<PurchaseResult> resumed = sdk.twilio.provisioner().resumePending();

            assertThat(resumed)
                    .singleElement()
                    .satisfies(r -> assertThat(r.state()).isEqualTo(NumberState.FAILED));
            assertThat(account.numbers()).isEmpty();
            assertThat(simulator().requests(Endpoint.NUMBER_PURCHASE)).hasSize(1);
        }
    }

    @Test
    void twentyTenantsWorkingAtOnceShareOneConnectionPool() throws Exception {
        List<TenantId> tenants = new ArrayList<>();
        try (SdkFixture sdk = SdkFixture.on(simulator()).build()) {
            for (int i = 0; i < 20; i++) {
                TenantId tenant = TenantId.of("clinic-" + i);
                sdk.credentials.save(
                        tenant, simulator().createAccount("Clinic " + i).credentials());
                tenants.add(tenant);
            }
            ExecutorService pool = Executors.newFixedThreadPool(20);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<String>> calls = new ArrayList<>();
                for (TenantId tenant : tenants) {
                    calls.add(pool.submit(() -> {
                        start.await();
                        String sid = null;
                        for (int i = 0; i < 5; i++) {
                            sid = sdk.twilio.client(tenant).account().accountSid();
                        }
                        return sid;
                    }));
                }
                start.countDown();
                List<String> sids = new ArrayList<>();
                for (Future<String> call : calls) {
                    sids.add(call.get());
                }
                assertThat(sids).doesNotHaveDuplicates().hasSize(20);
            } finally {
                pool.shutdown();
            }
            DefaultTenantTwilio impl = (DefaultTenantTwilio) sdk.twilio;
            assertThat(impl.cachedClients()).isEqualTo(20);
            assertThat(impl.connectionPool().getMax()).isEqualTo(200);
            assertThat(impl.connectionPool().getLeased()).isZero();
            assertThat(impl.connectionPool().getAvailable()).isBetween(1, 20);
            assertThat(simulator().requests(Endpoint.ACCOUNT_FETCH)).hasSize(100);
        }
    }
}
