package io.tenanttwilio.test.junit;

import io.tenanttwilio.test.simulator.TwilioSimulator;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a {@link TwilioSimulator} for a test class: started before the first test, reset before
 * each test (unless told otherwise), stopped after the last. Test methods and constructors can
 * take it as a parameter.
 *
 * <pre>{@code
 * class PurchaseTest {
 *     @RegisterExtension
 *     static final TwilioSimulatorExtension twilio = TwilioSimulatorExtension.create();
 *
 *     @Test
 *     void buysANumber() {
 *         SimulatedAccount clinic = twilio.simulator().createAccount("Clinique A");
 *         …
 *     }
 * }
 * }</pre>
 *
 * <p>Also usable as {@code @ExtendWith(TwilioSimulatorExtension.class)} with a {@code
 * TwilioSimulator} parameter. Thread-safe.
 */
public final class TwilioSimulatorExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TwilioSimulatorExtension.class);

    private final Supplier<TwilioSimulator> factory;
    private final boolean resetBeforeEach;
    private volatile TwilioSimulator simulator;

    /** Used by {@code @ExtendWith}: a default simulator, reset before each test. */
    public TwilioSimulatorExtension() {
        this(TwilioSimulator::start, true);
    }

    private TwilioSimulatorExtension(Supplier<TwilioSimulator> factory, boolean resetBeforeEach) {
        this.factory = factory;
        this.resetBeforeEach = resetBeforeEach;
    }

    /** {@return a default simulator, reset before each test} */
    public static TwilioSimulatorExtension create() {
        return new TwilioSimulatorExtension();
    }

    /**
     * A simulator built by {@code builder}, reset before each test.
     *
     * @param builder the configured simulator builder; the extension starts it
     * @return an extension to register with {@code @RegisterExtension}
     */
    public static TwilioSimulatorExtension create(TwilioSimulator.Builder builder) {
        Objects.requireNonNull(builder, "builder");
        return new TwilioSimulatorExtension(builder::start, true);
    }

    /** {@return the same extension, but state is kept from one test to the next} */
    public TwilioSimulatorExtension keepingStateBetweenTests() {
        return new TwilioSimulatorExtension(factory, false);
    }

    /** {@return the running simulator} */
    public TwilioSimulator simulator() {
        TwilioSimulator running = simulator;
        if (running == null) {
            throw new IllegalStateException("The simulator runs only while the test class runs");
        }
        return running;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        simulator = factory.get();
        context.getStore(NAMESPACE).put(TwilioSimulator.class, simulator);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (resetBeforeEach && simulator != null) {
            simulator.reset();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TwilioSimulator running = simulator;
        simulator = null;
        if (running != null) {
            running.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TwilioSimulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return simulator();
    }
}
