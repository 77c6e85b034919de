package io.tenanttwilio.test.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.test.simulator.TwilioSimulator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The extension starts one simulator per class, injects it, and resets it between tests. */
@ExtendWith(TwilioSimulatorExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwilioSimulatorExtensionTest {

    private static TwilioSimulator seen;

    @Test
    @Order(1)
    void injectsARunningSimulator(TwilioSimulator simulator) {
        simulator.createAccount("A");
        seen = simulator;

        assertThat(simulator.accounts()).hasSize(1);
        assertThat(simulator.port()).isPositive();
    }

    @Test
    @Order(2)
    void givesTheSameSimulatorResetBeforeEachTest(TwilioSimulator simulator) {
        assertThat(simulator).isSameAs(seen);
        assertThat(simulator.accounts()).isEmpty();
    }
}
