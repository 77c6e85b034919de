package io.tenanttwilio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.twilio.http.TwilioRestClient;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.numbers.PurchaseRequest;
import io.tenanttwilio.registration.Registration;
import io.tenanttwilio.registration.RegistrationRequest;
import io.tenanttwilio.store.memory.InMemoryStores;
import io.tenanttwilio.test.simulator.Endpoint;
import io.tenanttwilio.test.simulator.FaultSpec;
import io.tenanttwilio.test.simulator.RecordedRequest;
import io.tenanttwilio.test.simulator.SimulatedAccount;
import io.tenanttwilio.test.simulator.TwilioSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A fault walked along every change the registration saga makes at Twilio: for each endpoint the
 * saga writes to, the k-th write fails before Twilio acts (a 500, a 429, a reset connection) or
 * after it acted (the answer lost in a 500 or a reset). After each fault a fresh instance over the
 * same stores carries the registration on, as after a crash. Whatever the fault, the tenant ends
 * approved with one brand and one campaign paid for, one of every other resource, and every one of
 * its numbers in its Messaging Service.
 */
class RegistrationFaultSweepIT {

    private static final TenantId CLINIC = TenantId.of("clinique-us");

    /** The endpoints the saga writes to. */
    private static final List<Endpoint> SAGA_ENDPOINTS = List.of(
            Endpoint.TRUSTHUB,
            Endpoint.ADDRESSES,
            Endpoint.EVENT_SINKS,
            Endpoint.EVENT_SUBSCRIPTIONS,
            Endpoint.BRAND_REGISTRATIONS,
            Endpoint.MESSAGING_SERVICES,
            Endpoint.CAMPAIGNS);

    /** The endpoints whose calls are paid for, swept with every kind of fault. */
    private static final Set<Endpoint> PAID_OR_SHARED =
            Set.of(Endpoint.BRAND_REGISTRATIONS, Endpoint.CAMPAIGNS, Endpoint.MESSAGING_SERVICES);

    private static TwilioSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = TwilioSimulator.start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    /** How a fault shows itself. */
    enum Fault {
        SERVER_ERROR_BEFORE(false, spec -> spec.respondWithStatus(500)),
        TOO_MANY_REQUESTS(false, spec -> spec.tooManyRequests(Duration.ofSeconds(1))),
        RESET_BEFORE(false, FaultSpec::resetConnection),
        ANSWER_LOST_IN_SERVER_ERROR(true, spec -> spec.respondWithStatus(500)),
        ANSWER_LOST_IN_RESET(true, FaultSpec::resetConnection);

        final boolean afterProcessing;
        final Consumer<FaultSpec> install;

        Fault(boolean afterProcessing, Consumer<FaultSpec> install) {
            this.afterProcessing = afterProcessing;
            this.install = install;
        }

        /** Faults that leave an effect behind: those sweep every endpoint. */
        boolean leavesAnEffect() {
            return afterProcessing;
        }
    }

    @TestFactory
    List<DynamicTest> aFaultAtAnyWriteOfTheSagaNeverPaysTwiceNorLeavesANumberOut() {
        Map<Endpoint, Integer> writes = cleanRun();
        assertThat(writes.keySet())
                .as("a clean registration writes to every endpoint of the saga")
                .containsAll(SAGA_ENDPOINTS);
        System.out.println("Writes of a clean registration, by endpoint: " + writes);
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint endpoint : SAGA_ENDPOINTS) {
            for (int k = 0; k < writes.get(endpoint); k++) {
                for (Fault fault : Fault.values()) {
                    if (!fault.leavesAnEffect() && !PAID_OR_SHARED.contains(endpoint)) {
                        continue;
                    }
                    int index = k;
                    tests.add(dynamicTest(
                            endpoint + " write " + (k + 1) + ": " + fault, () -> sweep(endpoint, index, fault)));
                }
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> aFaultOnATollFreeSubmissionNeverSubmitsItTwice() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Fault fault : Fault.values()) {
            tests.add(dynamicTest("toll-free verification: " + fault, () -> tollFree(fault)));
        }
        return tests;
    }

    private static void tollFree(Fault fault) {
        simulator.reset();
        SimulatedAccount account = simulator.createAccount("Clinique sans frais");
        SdkFixture sdk = SdkFixture.on(simulator).build();
        try {
            String available = simulator
                    .availableNumbers("US", io.tenanttwilio.test.simulator.NumberType.TOLL_FREE)
                    .get(0)
                    .phoneNumber();
            sdk.twilio
                    .provisioner()
                    .purchase(PurchaseRequest.builder(CLINIC, "toll-free")
                            .number(io.tenanttwilio.phone.PhoneNumber.ofE164(available))
                            .credentials(account.credentials())
                            .build());
            io.tenanttwilio.phone.PhoneNumber number = io.tenanttwilio.phone.PhoneNumber.ofE164(available);
            io.tenanttwilio.registration.TollFreeRequest request =
                    io.tenanttwilio.registration.TollFreeRequest.builder()
                            .tenant(CLINIC)
                            .number(number)
                            .business(CarrierRegistrationIT.profile().build())
                            .useCaseCategories(
                                    io.tenanttwilio.registration.TollFreeRequest.UseCaseCategory.ACCOUNT_NOTIFICATIONS)
                            .useCaseSummary("Appointment reminders for the clinic's patients.")
                            .productionMessageSample(
                                    "Clinique : rendez-vous demain à 10 h. Répondez STOP pour vous désabonner.")
                            .optInType(io.tenanttwilio.registration.TollFreeRequest.OptInType.PAPER_FORM)
                            .optInImageUrl("https://www.cliniquesante.example/consentement.png")
                            .messageVolume("1,000")
                            .build();
            FaultSpec spec = simulator.fault(Endpoint.TOLLFREE_VERIFICATIONS).writesOnly();
            if (fault.afterProcessing) {
                spec.afterProcessing();
            }
            fault.install.accept(spec);
            try {
                sdk.twilio.registration().verifyTollFree(request);
            } catch (TenantTwilioException e) {
                assertThat(e.errorCode())
                        .isIn(ErrorCode.OUTCOME_UNKNOWN, ErrorCode.TWILIO_UNAVAILABLE, ErrorCode.RATE_LIMITED);
                sdk.close();
                sdk = SdkFixture.on(simulator).stores(sdk.stores).build();
                sdk.twilio.registration().verifyTollFree(request);
            }
            simulator.registrations().settle();
            sdk.twilio.registration().refresh(CLINIC);
            assertThat(sdk.twilio
                            .registration()
                            .tollFreeVerification(CLINIC, number)
                            .orElseThrow()
                            .status())
                    .isEqualTo(io.tenanttwilio.registration.TollFreeVerification.Status.TWILIO_APPROVED);
            assertThat(com.twilio.rest.messaging.v1.TollfreeVerification.reader()
                            .read(simulator.restClient(account)))
                    .as("one verification submitted")
                    .hasSize(1);
        } finally {
            simulator.clearFaults();
            sdk.close();
        }
    }

    /** The writes a registration makes at Twilio without faults, by endpoint. */
    private static Map<Endpoint, Integer> cleanRun() {
        simulator.reset();
        Clinic clinic = new Clinic();
        try {
            Registration done = clinic.driveToTheEnd(Integer.MAX_VALUE);
            assertThat(done.state()).isEqualTo(Registration.State.APPROVED);
            clinic.assertOneOfEverything(done);
        } finally {
            clinic.close();
        }
        Map<Endpoint, Integer> writes = new EnumMap<>(Endpoint.class);
        for (RecordedRequest request : simulator.requests()) {
            if (!"GET".equals(request.method()) && SAGA_ENDPOINTS.contains(request.endpoint())) {
                writes.merge(request.endpoint(), 1, Integer::sum);
            }
        }
        return writes;
    }

    private static void sweep(Endpoint endpoint, int index, Fault fault) {
        simulator.reset();
        Clinic clinic = new Clinic();
        try {
            FaultSpec spec = simulator.fault(endpoint).writesOnly().skipping(index);
            if (fault.afterProcessing) {
                spec.afterProcessing();
            }
            fault.install.accept(spec);
            Registration done = clinic.driveToTheEnd(12);
            assertThat(done.state()).as("approved in the end").isEqualTo(Registration.State.APPROVED);
            clinic.assertOneOfEverything(done);
        } finally {
            simulator.clearFaults();
            clinic.close();
        }
    }

    /** One US clinic with two local numbers, registered by instances that may crash and restart. */
    private static final class Clinic {
        final SimulatedAccount account = simulator.createAccount("Clinique US");
        final InMemoryStores stores;
        final List<String> numbers = new ArrayList<>();
        SdkFixture sdk;
        int restarts;

        Clinic() {
            sdk = SdkFixture.on(simulator).build();
            stores = sdk.stores;
            for (String key : List.of("front-desk", "reminders")) {
                numbers.add(sdk.twilio
                        .provisioner()
                        .purchase(PurchaseRequest.builder(CLINIC, key)
                                .areaCode("212")
                                .credentials(account.credentials())
                                .build())
                        .record()
                        .phoneNumber()
                        .orElseThrow()
                        .e164());
            }
        }

        /** Registers, then refreshes as the job would, restarting after each failed pass. */
        Registration driveToTheEnd(int maxPasses) {
            try {
                sdk.twilio
                        .registration()
                        .register(RegistrationRequest.builder(CLINIC)
                                .profile(CarrierRegistrationIT.profile().build())
                                .campaign(CarrierRegistrationIT.campaign())
                                .build());
            } catch (TenantTwilioException e) {
                failedPass(e);
            }
            Registration current = null;
            for (int pass = 0; pass < maxPasses; pass++) {
                try {
                    current = sdk.twilio.registration().refresh(CLINIC).orElseThrow();
                } catch (TenantTwilioException e) {
                    failedPass(e);
                    continue;
                }
                if (current.state() == Registration.State.APPROVED) {
                    return current;
                }
                simulator.registrations().settle();
            }
            return current == null
                    ? sdk.twilio.registration().registration(CLINIC).orElseThrow()
                    : current;
        }

        private void failedPass(TenantTwilioException e) {
            assertThat(e.errorCode())
                    .as("a fault is reported as Twilio's, never as bad input: %s", e.getMessage())
                    .isIn(
                            ErrorCode.OUTCOME_UNKNOWN,
                            ErrorCode.TWILIO_UNAVAILABLE,
                            ErrorCode.RATE_LIMITED,
                            ErrorCode.REGISTRATION_IN_PROGRESS);
            // The instance dies; another one, over the same stores, carries the registration on.
            sdk.close();
            sdk = SdkFixture.on(simulator).stores(stores).build();
            restarts++;
        }

        void assertOneOfEverything(Registration done) {
            String sid = account.sid();
            assertThat(simulator.registrations().brands(sid)).as("brands").hasSize(1);
            assertThat(simulator.registrations().campaigns(sid)).as("campaigns").hasSize(1);
            assertThat(simulator.registrations().fees(sid)).as("fees").hasSize(2);
            TwilioRestClient client = simulator.restClient(account);
            assertThat(com.twilio.rest.trusthub.v1.CustomerProfiles.reader().read(client))
                    .as("business profiles")
                    .hasSize(1);
            assertThat(com.twilio.rest.trusthub.v1.TrustProducts.reader().read(client))
                    .as("A2P profiles")
                    .hasSize(1);
            assertThat(com.twilio.rest.trusthub.v1.EndUser.reader().read(client))
                    .as("end users")
                    .hasSize(3);
            assertThat(com.twilio.rest.trusthub.v1.SupportingDocument.reader().read(client))
                    .as("documents")
                    .hasSize(1);
            assertThat(com.twilio.rest.api.v2010.account.Address.reader().read(client))
                    .as("addresses")
                    .hasSize(1);
            assertThat(com.twilio.rest.events.v1.Sink.reader().read(client))
                    .as("event sinks")
                    .hasSize(1);
            assertThat(com.twilio.rest.events.v1.Subscription.reader().read(client))
                    .as("event subscriptions")
                    .hasSize(1);
            List<com.twilio.rest.messaging.v1.Service> services = new ArrayList<>();
            com.twilio.rest.messaging.v1.Service.reader().read(client).forEach(services::add);
            assertThat(services).as("Messaging Services").hasSize(1);
            assertThat(services.get(0).getSid())
                    .isEqualTo(done.sid(Registration.Resource.MESSAGING_SERVICE).orElseThrow());
            Set<String> inService = new TreeSet<>();
            com.twilio.rest.messaging.v1.service.PhoneNumber.reader(
                            services.get(0).getSid())
                    .read(client)
                    .forEach(n -> inService.add(n.getPhoneNumber().toString()));
            assertThat(inService).as("numbers in the service").isEqualTo(new TreeSet<>(numbers));
        }

        void close() {
            sdk.close();
        }

        @Override
        public String toString() {
            return "clinic with " + numbers.size() + " numbers, " + restarts + " restarts";
        }
    }
}
