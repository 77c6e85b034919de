package io.tenanttwilio.test.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The same seed gives the same inventory and, for the same calls, the same SIDs. */
class DeterminismTest {

    private record Run(List<String> inventory, List<String> sids) {}

    private static Run run(long seed) {
        try (TwilioSimulator simulator = TwilioSimulator.builder().seed(seed).start()) {
            List<String> inventory = simulator.availableNumbers("CA", NumberType.LOCAL).stream()
                    .map(InventoryNumber::phoneNumber)
                    .toList();
            SimulatedAccount account = simulator.createAccount("A");
            SimulatedNumber number = account.buyNumber(inventory.get(0));
            ApiKeyCredentials key = account.createApiKey("k");
            return new Run(
                    inventory, List.of(account.sid(), account.authToken(), number.sid(), key.sid(), key.secret()));
        }
    }

    @Test
    void theSameSeedGivesTheSameInventoryAndSids() {
        assertThat(run(42)).isEqualTo(run(42));
    }

    @Test
    void anotherSeedGivesAnotherInventoryAndOtherSids() {
        Run first = run(42);
        Run second = run(43);

        assertThat(first.inventory()).isNotEqualTo(second.inventory());
        assertThat(first.sids().get(0)).isNotEqualTo(second.sids().get(0));
    }

    @Test
    void theInventoryHoldsValidNumbersOfEveryAdvertisedAreaCode() {
        try (TwilioSimulator simulator = TwilioSimulator.start()) {
            List<InventoryNumber> canada = simulator.availableNumbers("CA", NumberType.LOCAL);

            for (String areaCode : List.of("418", "514", "581", "438", "450", "819")) {
                assertThat(canada)
                        .filteredOn(n -> n.phoneNumber().startsWith("+1" + areaCode))
                        .hasSizeGreaterThan(20);
            }
            assertThat(simulator.availableNumbers("US", NumberType.LOCAL))
                    .anySatisfy(n -> assertThat(n.phoneNumber()).startsWith("+1212"))
                    .anySatisfy(n -> assertThat(n.phoneNumber()).startsWith("+1415"));
            for (String country : List.of("GB", "FR", "DE", "AU", "MX")) {
                assertThat(simulator.availableNumbers(country, NumberType.LOCAL))
                        .as(country)
                        .isNotEmpty();
            }
            assertThat(canada)
                    .allSatisfy(n -> assertThat(SimulatorEngine.isValidE164(n.phoneNumber()))
                            .isTrue());
        }
    }
}
