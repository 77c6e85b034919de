package io.tenanttwilio.example.clinic;

import io.tenanttwilio.Actor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.account.AccountInfo;
import io.tenanttwilio.account.TwilioCredentials;
import io.tenanttwilio.numbers.AvailableNumber;
import io.tenanttwilio.numbers.ManualInstructions;
import io.tenanttwilio.numbers.NumberProvisioner;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.numbers.NumberSearch;
import io.tenanttwilio.numbers.NumberState;
import io.tenanttwilio.numbers.NumberType;
import io.tenanttwilio.numbers.PurchaseRequest;
import io.tenanttwilio.numbers.PurchaseResult;
import io.tenanttwilio.numbers.VerificationReport;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.registration.SendCheck;
import io.tenanttwilio.test.simulator.SimulatedAccount;
import io.tenanttwilio.test.simulator.TwilioSimulator;
import jakarta.servlet.http.HttpSession;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Paramètres → Téléphonie SMS: connect the organization's Twilio account (or create a managed
 * subaccount), search numbers, buy one, see whether its incoming SMS are set up, repair or
 * release it.
 */
@Controller
@RequestMapping("/settings/sms")
class SettingsController {

    /** Credentials checked with "Vérifier" and not saved yet: kept in the session until the purchase saves them. */
    static final String PENDING = "pendingTwilioCredentials";

    private final TenantTwilio twilio;
    private final Staff staff;
    private final ObjectProvider<TwilioSimulator> simulator;
    private final boolean managed;

    SettingsController(
            TenantTwilio twilio, Staff staff, ObjectProvider<TwilioSimulator> simulator, Environment environment) {
        this.twilio = twilio;
        this.staff = staff;
        this.simulator = simulator;
        this.managed = environment.getProperty("tenant-twilio.master.account-sid") != null
                || environment.getProperty("tenant-twilio.simulator.enabled", Boolean.class, false);
    }

    private NumberProvisioner numbers() {
        return twilio.provisioner();
    }

    /** A recipient in the US and one in Canada, for the question "can this number text them?". */
    static final PhoneNumber SAMPLE_US_RECIPIENT = PhoneNumber.ofE164("+12125550142");

    static final PhoneNumber SAMPLE_CA_RECIPIENT = PhoneNumber.ofE164("+15815006712");

    /**
     * One number of the organization, with what the page shows about it: its setup, and whether
     * the carriers let it text US and Canadian recipients ({@code null} when that could not be
     * read).
     */
    public record NumberView(
            NumberRecord record,
            @Nullable VerificationReport report,
            @Nullable ManualInstructions instructions,
            @Nullable SendCheck us,
            @Nullable SendCheck ca) {

        /** {@return whether a registration or verification stands in the way of US or Canadian recipients} */
        public boolean needsCompliance() {
            return (us != null && !us.isAllowed()) || (ca != null && !ca.isAllowed());
        }

        public boolean configured() {
            return record.state() == NumberState.ACTIVE;
        }

        public String e164() {
            return record.phoneNumber().map(PhoneNumber::e164).orElse("");
        }
    }

    @GetMapping
    String page(Model model, HttpSession session) {
        TenantId tenant = staff.tenant();
        AccountInfo account = null;
        String accountError = null;
        try {
            account = numbers().account(tenant);
        } catch (TenantTwilioException e) {
            if (e.errorCode() != ErrorCode.UNKNOWN_TENANT) {
                accountError = staff.explain(e);
            }
        }
        TwilioCredentials pending = (TwilioCredentials) session.getAttribute(PENDING);
        List<NumberView> owned = new ArrayList<>();
        for (NumberRecord record : staff.client().numbers()) {
            VerificationReport report = null;
            ManualInstructions instructions = null;
            if (record.state() == NumberState.NEEDS_ATTENTION
                    && record.phoneNumber().isPresent()) {
                try {
                    report = numbers().verify(tenant, record.phoneNumber().get());
                } catch (TenantTwilioException e) {
                    model.addAttribute("error", staff.explain(e));
                }
                instructions = ManualInstructions.builder()
                        .phoneNumber(record.phoneNumber().get())
                        .smsUrl(record.smsUrl())
                        .statusCallbackUrl(record.statusCallbackUrl())
                        .build();
            }
            SendCheck us = null;
            SendCheck ca = null;
            if (record.phoneNumber().isPresent()) {
                try {
                    us = twilio.registration()
                            .check(tenant, record.phoneNumber().get(), SAMPLE_US_RECIPIENT);
                    ca = twilio.registration()
                            .check(tenant, record.phoneNumber().get(), SAMPLE_CA_RECIPIENT);
                } catch (TenantTwilioException e) {
                    model.addAttribute("error", staff.explain(e));
                }
            }
            owned.add(new NumberView(record, report, instructions, us, ca));
        }
        model.addAttribute("account", account);
        model.addAttribute("accountError", accountError);
        model.addAttribute("pendingSid", pending == null ? null : pending.accountSid());
        model.addAttribute("canSearch", account != null || pending != null);
        model.addAttribute("numbers", owned);
        model.addAttribute("managed", managed && account == null);
        model.addAttribute("purchaseKey", UUID.randomUUID().toString());
        model.addAttribute("locale", staff.locale());
        return "settings";
    }

    // ---------------------------------------------------------------------------------------------
    // The Twilio account

    private static TwilioCredentials credentials(String accountSid, String authToken) {
        return TwilioCredentials.ofAuthToken(accountSid, authToken);
    }

    @PostMapping("/verify")
    String verify(
            @RequestParam String accountSid,
            @RequestParam String authToken,
            HttpSession session,
            RedirectAttributes redirect) {
        redirect.addFlashAttribute("typedSid", accountSid);
        try {
            TwilioCredentials credentials = credentials(accountSid, authToken);
            AccountInfo account = numbers().validateCredentials(credentials);
            session.setAttribute(PENDING, credentials);
            redirect.addFlashAttribute("verified", account.friendlyName());
        } catch (TenantTwilioException e) {
            session.removeAttribute(PENDING);
            redirect.addFlashAttribute("credentialsError", staff.explain(e));
        }
        return "redirect:/settings/sms";
    }

    @PostMapping("/save")
    String save(
            @RequestParam String accountSid,
            @RequestParam String authToken,
            HttpSession session,
            RedirectAttributes redirect) {
        redirect.addFlashAttribute("typedSid", accountSid);
        try {
            AccountInfo account = numbers()
                    .saveCredentials(staff.tenant(), credentials(accountSid, authToken), Actor.of(staff.user()));
            session.removeAttribute(PENDING);
            redirect.addFlashAttribute("saved", account.friendlyName());
        } catch (TenantTwilioException e) {
            redirect.addFlashAttribute("credentialsError", staff.explain(e));
        }
        return "redirect:/settings/sms";
    }

    @PostMapping("/managed")
    String managed(RedirectAttributes redirect) {
        try {
            AccountInfo account = numbers().createSubaccount(staff.tenant());
            redirect.addFlashAttribute("saved", account.friendlyName());
        } catch (TenantTwilioException e) {
            redirect.addFlashAttribute("credentialsError", staff.explain(e));
        }
        return "redirect:/settings/sms";
    }

    @PostMapping("/disconnect")
    String disconnect(HttpSession session, RedirectAttributes redirect) {
        session.removeAttribute(PENDING);
        try {
            numbers().removeCredentials(staff.tenant(), Actor.of(staff.user()));
            redirect.addFlashAttribute("success", "settings.disconnected");
        } catch (TenantTwilioException e) {
            redirect.addFlashAttribute("error", staff.explain(e));
        }
        return "redirect:/settings/sms";
    }

    /** Simulator mode: a fresh simulated Twilio account, its credentials typed in for the person. */
    @PostMapping("/simulated-account")
    String simulatedAccount(@RequestParam(defaultValue = "20") BigDecimal balance, RedirectAttributes redirect) {
        TwilioSimulator twilioSimulator = simulator.getIfAvailable();
        if (twilioSimulator != null) {
            SimulatedAccount account = twilioSimulator.createAccount(staff.organizationName());
            account.balance(balance);
            redirect.addFlashAttribute("typedSid", account.sid());
            redirect.addFlashAttribute("typedToken", account.authToken());
        }
        return "redirect:/settings/sms";
    }

    // ---------------------------------------------------------------------------------------------
    // Search and purchase

    @PostMapping("/search")
    String search(
            @RequestParam(defaultValue = "CA") String country,
            @RequestParam(required = false) String areaCode,
            @RequestParam(required = false) String city,
            @RequestParam(required = false) String digits,
            @RequestParam(defaultValue = "LOCAL") NumberType type,
            HttpSession session,
            RedirectAttributes redirect) {
        Map<String, String> criteria = new LinkedHashMap<>();
        criteria.put("country", country);
        criteria.put("areaCode", blankToNull(areaCode));
        criteria.put("city", blankToNull(city));
        criteria.put("digits", blankToNull(digits));
        criteria.put("type", type.name());
        redirect.addFlashAttribute("criteria", criteria);
        try {
            NumberSearch search = NumberSearch.builder(country)
                    .type(type)
                    .areaCode(blankToNull(areaCode))
                    .locality(blankToNull(city))
                    .contains(blankToNull(digits))
                    .sms(NumberSearch.Capability.REQUIRED)
                    .limit(10)
                    .build();
            TwilioCredentials pending = (TwilioCredentials) session.getAttribute(PENDING);
            List<AvailableNumber> found = pending != null
                    ? numbers().search(pending, search)
                    : numbers().search(staff.tenant(), search);
            redirect.addFlashAttribute("results", found);
        } catch (TenantTwilioException e) {
            redirect.addFlashAttribute("searchError", staff.explain(e));
        }
        return "redirect:/settings/sms#search";
    }

    @PostMapping("/purchase")
    String purchase(
            @RequestParam String number,
            @RequestParam String purchaseKey,
            HttpSession session,
            RedirectAttributes redirect) {
        try {
            TwilioCredentials pending = (TwilioCredentials) session.getAttribute(PENDING);
            PurchaseResult result = numbers()
                    .purchase(PurchaseRequest.builder(staff.tenant(), purchaseKey)
                            .number(PhoneNumber.ofE164(number))
                            .credentials(pending)
                            .actor(Actor.of(staff.user()))
                            .build());
            session.removeAttribute(PENDING);
            if (result.isActive()) {
                redirect.addFlashAttribute(
                        "purchased",
                        result.phoneNumber()
                                .map(PhoneNumber::internationalFormat)
                                .orElse(number));
            } else {
                redirect.addFlashAttribute(
                        "purchaseWarning",
                        result.phoneNumber()
                                .map(PhoneNumber::internationalFormat)
                                .orElse(number));
                result.manualInstructions()
                        .ifPresent(i -> redirect.addFlashAttribute("instructions", i.text(staff.locale())));
            }
        } catch (TenantTwilioException e) {
            redirect.addFlashAttribute("purchaseError", staff.explain(e));
        }
        return "redirect:/settings/sms";
    }

    // ---------------------------------------------------------------------------------------------
    // A number: verify, repair, release

    @PostMapping("/numbers/verify")
    String verifyNumber(@RequestParam String number, RedirectAttributes redirect) {
        try {
            VerificationReport report = numbers().verify(staff.tenant(), PhoneNumber.ofE164(number));
            redirect.addFlashAttribute(
                    report.passed() ? "success" : "warning",
                    report.passed() ? "settings.verify.passed" : "settings.verify.problems");
        } catch (TenantTwilioException e) {
            redirect.addFlashAttribute("error", staff.explain(e));
        }
        return "redirect:/settings/sms";
    }

    @PostMapping("/numbers/repair")
    String repair(@RequestParam String number, RedirectAttributes redirect) {
        try {
            VerificationReport report = numbers().repair(staff.tenant(), PhoneNumber.ofE164(number));
            redirect.addFlashAttribute(
                    report.passed() ? "success" : "warning",
                    report.passed() ? "settings.repair.done" : "settings.repair.not-enough");
        } catch (TenantTwilioException e) {
            redirect.addFlashAttribute("error", staff.explain(e));
        }
        return "redirect:/settings/sms";
    }

    @PostMapping("/numbers/release")
    String release(
            @RequestParam String number,
            @RequestParam(defaultValue = "false") boolean confirmed,
            RedirectAttributes redirect) {
        if (!confirmed) {
            redirect.addFlashAttribute("warning", "settings.release.confirm-first");
            return "redirect:/settings/sms";
        }
        try {
            numbers().release(staff.tenant(), PhoneNumber.ofE164(number));
            redirect.addFlashAttribute("success", "settings.release.done");
        } catch (TenantTwilioException e) {
            redirect.addFlashAttribute("error", staff.explain(e));
        }
        return "redirect:/settings/sms";
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
