package io.tenanttwilio.example.clinic;

import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.phone.PhoneNormalizer;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.test.simulator.SimulatedMessage;
import io.tenanttwilio.test.simulator.TwilioSimulator;
import io.tenanttwilio.test.simulator.WebhookDelivery;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Simulator mode only: a patient's phone. Text the clinic's number as a patient (the simulator
 * posts the signed webhook to the application, as Twilio would) and see the clinic's replies
 * arrive — the two-way flow without a phone.
 */
@Controller
@RequestMapping("/simulator/phone")
class PatientPhoneController {

    static final String DEFAULT_PATIENT = "+15815006712";

    private final ObjectProvider<TwilioSimulator> simulator;
    private final Staff staff;
    private final PhoneNormalizer normalizer;

    PatientPhoneController(ObjectProvider<TwilioSimulator> simulator, Staff staff, TenantTwilio twilio) {
        this.simulator = simulator;
        this.staff = staff;
        this.normalizer = PhoneNormalizer.forRegion(twilio.settings().defaultRegion());
    }

    private TwilioSimulator simulator() {
        TwilioSimulator running = simulator.getIfAvailable();
        if (running == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Only in simulator mode");
        }
        return running;
    }

    @GetMapping
    String page(
            @RequestParam(defaultValue = DEFAULT_PATIENT) String patient,
            @RequestParam(required = false) @Nullable String clinic,
            Model model) {
        phone(model, patient, clinic);
        return "phone";
    }

    @GetMapping("/fragments/messages")
    String messages(
            @RequestParam(defaultValue = DEFAULT_PATIENT) String patient,
            @RequestParam(required = false) @Nullable String clinic,
            Model model) {
        phone(model, patient, clinic);
        return "phone :: messages";
    }

    private void phone(Model model, String patient, @Nullable String clinic) {
        TwilioSimulator running = simulator();
        List<String> clinicNumbers = staff.client().numbers().stream()
                .map(NumberRecord::phoneNumber)
                .flatMap(java.util.Optional::stream)
                .map(PhoneNumber::e164)
                .toList();
        String chosen = clinic != null && clinicNumbers.contains(clinic)
                ? clinic
                : clinicNumbers.isEmpty() ? null : clinicNumbers.get(0);
        String patientNumber = e164(patient);
        List<SimulatedMessage> thread = chosen == null
                ? List.of()
                : running.messages().stream()
                        .filter(m -> (m.from().equals(patientNumber) && m.to().equals(chosen))
                                || (m.to().equals(patientNumber) && m.from().equals(chosen)))
                        .toList();
        model.addAttribute("patient", patientNumber);
        model.addAttribute("clinic", chosen);
        model.addAttribute("clinicNumbers", clinicNumbers);
        model.addAttribute("thread", thread);
    }

    @PostMapping("/send")
    String send(
            @RequestParam String patient,
            @RequestParam String clinic,
            @RequestParam String body,
            RedirectAttributes redirect) {
        String from = e164(patient);
        WebhookDelivery delivery = simulator().sendInboundSms(from, clinic, body);
        if (!delivery.succeeded()) {
            redirect.addFlashAttribute("deliveryStatus", delivery.statusCode());
        }
        redirect.addAttribute("patient", from);
        redirect.addAttribute("clinic", clinic);
        return "redirect:/simulator/phone";
    }

    private String e164(String typed) {
        try {
            return normalizer.normalize(typed).e164();
        } catch (TenantTwilioException e) {
            return DEFAULT_PATIENT;
        }
    }
}
