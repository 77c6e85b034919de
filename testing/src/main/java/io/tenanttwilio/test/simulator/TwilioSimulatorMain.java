package io.tenanttwilio.test.simulator;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator standalone: {@code java -cp tenant-twilio-test.jar:…
 * io.tenanttwilio.test.simulator.TwilioSimulatorMain --port 8089 --seed 42}, or {@code ./mvnw -pl
 * testing exec:java -Dexec.args="--port 8089"}. It creates one demo account, prints its
 * credentials, and serves the control API described in {@code ControlApi} under
 * {@code /_simulator}.
 *
 * <p>Stateless and thread-safe; only its main method is used.
 */
public final class TwilioSimulatorMain {

    private TwilioSimulatorMain() {}

    /**
     * Starts the simulator and serves until the process is stopped.
     *
     * @param args {@code --port} (8089), {@code --seed} (1) and {@code --bind} (127.0.0.1), each
     *     followed by its value
     * @throws InterruptedException if the waiting main thread is interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        int port = 8089;
        long seed = 1;
        String bind = "127.0.0.1";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port":
                    port = Integer.parseInt(args[++i]);
                    break;
                case "--seed":
                    seed = Long.parseLong(args[++i]);
                    break;
                case "--bind":
                    bind = args[++i];
                    break;
                default:
                    System.err.println("Usage: TwilioSimulatorMain [--port 8089] [--seed 1] [--bind 127.0.0.1]");
                    System.exit(2);
            }
        }
        TwilioSimulator simulator = TwilioSimulator.builder()
                .port(port)
                .seed(seed)
                .bindAddress(bind)
                .start();
        SimulatedAccount demo = simulator.createAccount("Demo account");
        System.out.println("Twilio simulator listening on " + simulator.baseUrl() + " (seed " + seed + ")");
        System.out.println("Demo account: " + demo.sid() + " auth token " + demo.authToken());
        System.out.println("Control API: " + simulator.baseUrl() + "/_simulator/accounts");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
