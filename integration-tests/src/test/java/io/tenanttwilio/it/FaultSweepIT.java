package io.tenanttwilio.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.Actor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.guardrails.JobSettings;
import io.tenanttwilio.messaging.SmsRequest;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberSearch;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.numbers.PurchaseRequest;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.test.junit.TwilioSimulatorExtension;
import io.tenanttwilio.test.simulator.CallbackMode;
import io.tenanttwilio.test.simulator.Endpoint;
import io.tenanttwilio.test.simulator.FaultSpec;
import io.tenanttwilio.test.simulator.SimulatedAccount;
import io.tenanttwilio.test.simulator.SimulatedMessage;
import io.tenanttwilio.test.simulator.SimulatedNumber;
import io.tenanttwilio.test.simulator.TwilioSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Twilio failing at every step: for each endpoint the tenant flow uses (credentials check, search,
 * purchase, webhook configuration, verification, send, balance, status fetch, release) and each
 * kind of fault (server errors before and after Twilio acted, 429, a reset connection before and
 * after, an HTML error page, an answer slower than the read timeout after Twilio acted), the whole
 * flow runs once with the fault armed, then once more as a user or the jobs would retry.
 *
 * <p>Each step either succeeds or throws a {@link TenantTwilioException} with a documented code
 * and a translated message (French and English); nothing else escapes. After each scenario: no
 * SMS was sent twice, no number was bought twice, and every number Twilio says the account owns
 * is known to the store.
 */
class FaultSweepIT {

    private static final TenantId CLINIC = TenantId.of("clinique-sweep");
    private static final String PATIENT = "+15815006712";
    private static final Set<ErrorCode> FAULT_CODES = EnumSet.of(
            ErrorCode.TWILIO_UNAVAILABLE,
            ErrorCode.RATE_LIMITED,
            ErrorCode.OUTCOME_UNKNOWN,
            ErrorCode.TWILIO_ERROR,
            ErrorCode.WEBHOOK_NOT_CONFIGURED,
            ErrorCode.NUMBER_NOT_OWNED,
            ErrorCode.IDEMPOTENCY_CONFLICT,
            ErrorCode.NO_SENDER);

    private static final List<Endpoint> ENDPOINTS = List.of(
            Endpoint.ACCOUNT_FETCH,
            Endpoint.AVAILABLE_NUMBERS,
            Endpoint.NUMBER_PURCHASE,
            Endpoint.NUMBER_UPDATE,
            Endpoint.NUMBER_READ,
            Endpoint.MESSAGE_CREATE,
            Endpoint.BALANCE,
            Endpoint.MESSAGE_READ,
            Endpoint.NUMBER_RELEASE);

    /** A kind of fault, armed once on an endpoint. */
    private record Fault(String name, Consumer<FaultSpec> arm) {}

    private static final List<Fault> FAULTS = List.of(
            new Fault("500 before", spec -> spec.respondWithStatus(500)),
            new Fault("500 after", spec -> spec.afterProcessing().respondWithStatus(500)),
            new Fault("503", spec -> spec.respondWithStatus(503)),
            new Fault("429", spec -> spec.tooManyRequests(Duration.ofMillis(50))),
            new Fault("reset before", FaultSpec::resetConnection),
            new Fault("reset after", spec -> spec.afterProcessing().resetConnection()),
            new Fault("502 HTML page", spec -> spec.htmlBody(502)),
            new Fault("slow after", spec -> spec.afterProcessing().slowResponse(Duration.ofMillis(700))));

    @RegisterExtension
    static final TwilioSimulatorExtension twilio = TwilioSimulatorExtension.create();

    @Test
    void everyStepFailingInEveryWayKeepsTheInvariants() {
        TwilioSimulator simulator = twilio.simulator();
        List<String> violations = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        int scenarios = 0;
        int faultsHit = 0;
        Set<String> notReached = new java.util.TreeSet<>();
        for (Endpoint endpoint : ENDPOINTS) {
            for (Fault fault : FAULTS) {
                simulator.reset();
                simulator.setCallbackMode(CallbackMode.MANUAL);
                simulator.dropStatusCallbacks(true);
                String scenario = endpoint + " / " + fault.name();
                scenarios++;
                try (SdkFixture sdk = SdkFixture.on(simulator)
                        .readTimeout(Duration.ofMillis(400))
                        .jobs(JobSettings.builder()
                                .jitter(0)
                                .reconcileAfter(Duration.ZERO)
                                .build())
                        .build()) {
                    SimulatedAccount account = simulator.createAccount("Clinique " + scenarios);
                    fault.arm().accept(simulator.fault(endpoint));
                    PhoneNumber[] chosen = new PhoneNumber[1];
                    int sendsAsked = flow(sdk, account, scenario, chosen, violations, outcomes);
                    if (simulator.requests(endpoint).isEmpty()) {
                        notReached.add(endpoint.name());
                    } else {
                        faultsHit++;
                    }
                    simulator.clearFaults();
                    sendsAsked += flow(sdk, account, scenario + " (again)", chosen, violations, outcomes);
                    sdk.twilio.provisioner().resumePending();
                    invariants(simulator, sdk, account, scenario, sendsAsked, violations);
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "Fault sweep: %d scenarios (%d endpoints x %d faults), %d reached their endpoint (not: %s); outcomes %s%n",
                scenarios,
                ENDPOINTS.size(),
                FAULTS.size(),
                faultsHit,
                notReached,
                outcomes);

        assertThat(violations).isEmpty();
        assertThat(faultsHit).as("scenarios whose faulty endpoint was called").isGreaterThan(scenarios * 3 / 4);
        assertThat(outcomes.keySet())
                .as("the sweep saw failures, not only successes")
                .anyMatch(outcome -> !outcome.endsWith("ok"));
    }

    /**
     * Connect, search (first time only), buy, verify, send, read the balance, reconcile, release;
     * again, the same purchase request, as a user retrying. Returns the sends tried.
     */
    private static int flow(
            SdkFixture sdk,
            SimulatedAccount account,
            String scenario,
            PhoneNumber[] chosen,
            List<String> violations,
            Map<String, Integer> outcomes) {
        step(
                "connect",
                scenario,
                violations,
                outcomes,
                () -> sdk.twilio.provisioner().saveCredentials(CLINIC, account.credentials(), Actor.of("sweep")));
        if (chosen[0] == null) {
            step(
                            "search",
                            scenario,
                            violations,
                            outcomes,
                            () -> sdk.twilio
                                    .provisioner()
                                    .search(
                                            CLINIC,
                                            NumberSearch.builder("CA")
                                                    .areaCode("418")
                                                    .build()))
                    .filter(list -> !list.isEmpty())
                    .ifPresent(list -> chosen[0] = list.get(0).phoneNumber());
        }
        if (chosen[0] != null) {
            PhoneNumber number = chosen[0];
            step(
                    "purchase",
                    scenario,
                    violations,
                    outcomes,
                    () -> sdk.twilio
                            .provisioner()
                            .purchase(PurchaseRequest.builder(CLINIC, "sweep-key")
                                    .number(number)
                                    .build()));
        }
        PhoneNumber number = sdk.registry
                .findByPurchaseKey(CLINIC, "sweep-key")
                .filter(r -> r.state().isOwned())
                .flatMap(NumberRecord::phoneNumber)
                .orElse(null);
        int sends = 0;
        if (number != null) {
            step(
                    "verify",
                    scenario,
                    violations,
                    outcomes,
                    () -> sdk.twilio.provisioner().verify(CLINIC, number));
            sends++;
            step(
                    "send",
                    scenario,
                    violations,
                    outcomes,
                    () -> sdk.twilio
                            .client(CLINIC)
                            .sendSms(SmsRequest.to(PATIENT)
                                    .body("Votre rendez-vous est confirmé (" + scenario + ").")
                                    .build()));
        }
        step(
                "balance",
                scenario,
                violations,
                outcomes,
                () -> sdk.twilio.client(CLINIC).account());
        step(
                "reconcile",
                scenario,
                violations,
                outcomes,
                () -> sdk.twilio.jobs().reconcile());
        if (number != null) {
            step(
                    "release",
                    scenario,
                    violations,
                    outcomes,
                    () -> sdk.twilio.provisioner().release(CLINIC, number));
        }
        return sends;
    }

    private static <T> Optional<T> step(
            String name, String scenario, List<String> violations, Map<String, Integer> outcomes, Supplier<T> call) {
        try {
            T result = call.get();
            outcomes.merge(name + " ok", 1, Integer::sum);
            return Optional.ofNullable(result);
        } catch (TenantTwilioException e) {
            outcomes.merge(name + " " + e.errorCode(), 1, Integer::sum);
            String french = e.userMessage(Locale.CANADA_FRENCH);
            String english = e.userMessage(Locale.ENGLISH);
            if (!FAULT_CODES.contains(e.errorCode())) {
                violations.add(scenario + ": " + name + " failed with an undocumented code " + e.errorCode());
            }
            if (french.isBlank() || english.isBlank() || french.equals(english)) {
                violations.add(scenario + ": " + name + " has no translated message for " + e.errorCode());
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            violations.add(scenario + ": " + name + " threw " + e.getClass().getName());
            return Optional.empty();
        }
    }

    private static void invariants(
            TwilioSimulator simulator,
            SdkFixture sdk,
            SimulatedAccount account,
            String scenario,
            int sendsAsked,
            List<String> violations) {
        List<SimulatedMessage> sent = account.messages().stream()
                .filter(m -> m.direction().startsWith("outbound"))
                .toList();
        if (sent.size() > sendsAsked) {
            violations.add(scenario + ": " + sent.size() + " SMS at Twilio for " + sendsAsked + " sends");
        }
        long distinctBodies =
                sent.stream().map(SimulatedMessage::body).distinct().count();
        if (distinctBodies != sent.size()) {
            violations.add(scenario + ": an SMS was sent twice");
        }
        List<SimulatedNumber> owned = account.numbers();
        long purchases = simulator.requests(Endpoint.NUMBER_PURCHASE).stream()
                .filter(r -> r.status() >= 200 && r.status() < 300)
                .count();
        if (owned.size() > 1 || purchases > 1) {
            violations.add(scenario + ": " + owned.size() + " numbers owned, " + purchases + " purchases answered");
        }
        for (SimulatedNumber number : owned) {
            Optional<NumberRecord> known = sdk.registry.findByTenant(CLINIC).stream()
                    .filter(r -> r.phoneNumber()
                            .map(p -> p.e164().equals(number.phoneNumber()))
                            .orElse(false))
                    .filter(r -> r.state() != NumberState.RELEASED && r.state() != NumberState.FAILED)
                    .findFirst();
            if (known.isEmpty()) {
                violations.add(scenario + ": a number owned at Twilio is unknown to the store");
            }
        }
    }
}
