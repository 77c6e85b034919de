package io.tenanttwilio.example.clinic;

import io.tenanttwilio.Actor;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.TenantTwilio;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.phone.PhoneNumber;
import io.tenanttwilio.registration.BusinessProfile;
import io.tenanttwilio.registration.CampaignDetails;
import io.tenanttwilio.registration.CarrierRegistration;
import io.tenanttwilio.registration.FieldProblem;
import io.tenanttwilio.registration.InvalidRegistrationException;
import io.tenanttwilio.registration.Registration;
import io.tenanttwilio.registration.RegistrationRequest;
import io.tenanttwilio.registration.TollFreeRequest;
import io.tenanttwilio.registration.TollFreeVerification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Paramètres → Conformité: what US and Canadian carriers require before the clinic's texts are
 * delivered. The business is given once; the A2P 10DLC campaign (texts to US recipients from
 * local numbers) and each toll-free number's verification are submitted from the same form. Every
 * field is checked by the SDK before anything is sent to Twilio, and a refused field is shown next
 * to it, the form as typed. Then the page follows each step's review, shows Twilio's reasons
 * translated, and takes the corrected form after a rejection.
 */
@Controller
@RequestMapping("/settings/compliance")
class ComplianceController {

    /** Where the page is, for the links of the other pages. */
    static final String PATH = "/settings/compliance";

    private static final Pattern SAMPLE = Pattern.compile("samples\\[(\\d+)]");

    private final TenantTwilio twilio;
    private final Staff staff;

    ComplianceController(TenantTwilio twilio, Staff staff) {
        this.twilio = twilio;
        this.staff = staff;
    }

    private CarrierRegistration carriers() {
        return twilio.registration();
    }

    /** A toll-free number of the clinic, with its verification as last stored. */
    public record TollFreeView(
            int index, PhoneNumber number, @Nullable TollFreeVerification verification, boolean canSubmit) {}

    @GetMapping
    String page(Model model) {
        TenantId tenant = staff.tenant();
        Registration registration = null;
        List<TollFreeVerification> verifications = List.of();
        try {
            registration = carriers().registration(tenant).orElse(null);
            verifications = carriers().tollFreeVerifications(tenant);
        } catch (TenantTwilioException e) {
            model.addAttribute("error", staff.explain(e));
        }
        ComplianceForm form = (ComplianceForm) model.getAttribute("form");
        if (form == null) {
            form = ComplianceForm.of(
                    registration == null ? businessOf(verifications) : registration.profile(),
                    registration == null ? null : registration.campaign());
        } else if (registration != null && !editable(registration)) {
            // The business and the campaign are submitted and shown read-only (not sent back):
            // the toll-free entries as typed, the rest as stored.
            ComplianceForm stored = ComplianceForm.of(registration.profile(), registration.campaign());
            stored.setTollFree(form.getTollFree());
            form = stored;
        }
        List<TollFreeView> tollFree = tollFreeViews(form, verifications);
        @SuppressWarnings("unchecked")
        Map<String, List<FieldProblem>> problems = (Map<String, List<FieldProblem>>) model.getAttribute("problems");
        model.addAttribute("form", form);
        model.addAttribute("errors", problems == null ? FieldErrors.none() : FieldErrors.of(problems, staff.locale()));
        model.addAttribute("registration", registration);
        model.addAttribute("editable", editable(registration));
        model.addAttribute("tollFree", tollFree);
        model.addAttribute("businessTypes", names(BusinessProfile.BusinessType.values()));
        model.addAttribute("industries", names(BusinessProfile.Industry.values()));
        model.addAttribute("authorities", names(BusinessProfile.RegistrationAuthority.values()));
        model.addAttribute("positions", names(BusinessProfile.JobPosition.values()));
        model.addAttribute("countries", List.of("US", "CA"));
        model.addAttribute("useCases", names(CampaignDetails.UseCase.values()));
        model.addAttribute("categories", names(TollFreeRequest.UseCaseCategory.values()));
        model.addAttribute("optInTypes", names(TollFreeRequest.OptInType.values()));
        model.addAttribute("volumes", TollFreeRequest.MESSAGE_VOLUMES);
        model.addAttribute("locale", staff.locale());
        return "compliance";
    }

    private static List<String> names(Enum<?>[] values) {
        List<String> names = new ArrayList<>();
        for (Enum<?> value : values) {
            names.add(value.name());
        }
        return names;
    }

    /** The business of a toll-free verification already submitted, when there is no A2P registration. */
    private static @Nullable BusinessProfile businessOf(List<TollFreeVerification> verifications) {
        return verifications.isEmpty() ? null : verifications.get(0).request().business();
    }

    /** One entry per toll-free number the clinic owns, in the form (as typed, or as submitted, or blank). */
    private List<TollFreeView> tollFreeViews(ComplianceForm form, List<TollFreeVerification> verifications) {
        List<ComplianceForm.TollFree> entries = new ArrayList<>();
        List<TollFreeView> views = new ArrayList<>();
        for (PhoneNumber number : tollFreeNumbers()) {
            TollFreeVerification verification = verifications.stream()
                    .filter(v -> v.phoneNumber().equals(number))
                    .findFirst()
                    .orElse(null);
            ComplianceForm.TollFree entry = form.tollFree(number.e164());
            if (entry == null) {
                entry = verification == null
                        ? ComplianceForm.TollFree.of(number)
                        : ComplianceForm.TollFree.of(verification.request());
            }
            boolean canSubmit = verification == null
                    || verification.status() == TollFreeVerification.Status.TWILIO_REJECTED
                    || (verification.status() == TollFreeVerification.Status.SUBMITTING
                            && verification.problem().isPresent());
            views.add(new TollFreeView(entries.size(), number, verification, canSubmit));
            entries.add(entry);
        }
        form.setTollFree(entries);
        return views;
    }

    private List<PhoneNumber> tollFreeNumbers() {
        List<PhoneNumber> numbers = new ArrayList<>();
        for (NumberRecord record : staff.client().numbers()) {
            record.phoneNumber().filter(PhoneNumber::isNorthAmericanTollFree).ifPresent(numbers::add);
        }
        return numbers;
    }

    /**
     * Whether the business and the campaign may be submitted: before the first submission, after
     * a rejection, or when a submission stopped on the way (it is carried on).
     */
    static boolean editable(@Nullable Registration registration) {
        return registration == null
                || registration.state() == Registration.State.REJECTED
                || (registration.state() == Registration.State.SUBMITTING
                        && registration.problem().isPresent());
    }

    // ---------------------------------------------------------------------------------------------
    // A2P 10DLC

    // The forms' BindingResult: a value of the wrong type (a checkbox sent by hand) is left unset
    // rather than answered with an error page; the SDK's checks then say what is missing.

    @PostMapping
    String register(@ModelAttribute("form") ComplianceForm form, BindingResult binding, RedirectAttributes redirect) {
        TenantId tenant = staff.tenant();
        try {
            if (!editable(carriers().registration(tenant).orElse(null))) {
                redirect.addFlashAttribute("warning", "compliance.locked");
                return "redirect:" + PATH;
            }
            FieldErrors.Collector problems = new FieldErrors.Collector();
            BusinessProfile.Builder profile = form.profile();
            CampaignDetails.Builder campaign = form.campaign();
            profile.problems().forEach(p -> problems.add(p.field(), p));
            campaign.problems().forEach(p -> problems.add(campaignField(form, p.field()), p));
            if (!problems.isEmpty()) {
                return refused(form, problems, redirect, "#compliance-form");
            }
            Registration registration = carriers()
                    .register(RegistrationRequest.builder(tenant)
                            .profile(profile.build())
                            .campaign(campaign.build())
                            .actor(Actor.of(staff.user()))
                            .build());
            redirect.addFlashAttribute(
                    registration.state() == Registration.State.REJECTED ? "warning" : "success",
                    registration.state() == Registration.State.REJECTED
                            ? "compliance.submitted-rejected"
                            : "compliance.submitted");
        } catch (InvalidRegistrationException e) {
            FieldErrors.Collector problems = new FieldErrors.Collector();
            e.problems().forEach(p -> problems.add(campaignField(form, p.field()), p));
            return refused(form, problems, redirect, "#compliance-form");
        } catch (TenantTwilioException e) {
            redirect.addFlashAttribute("error", staff.explain(e));
            redirect.addFlashAttribute("form", form);
        }
        return "redirect:" + PATH + "#status";
    }

    /** The page's field of an SDK field name: the samples are counted without the blank boxes. */
    private static String campaignField(ComplianceForm form, String field) {
        Matcher sample = SAMPLE.matcher(field);
        if (sample.matches()) {
            return "sample-" + form.sampleBox(Integer.parseInt(sample.group(1)));
        }
        return field;
    }

    private static String refused(
            ComplianceForm form, FieldErrors.Collector problems, RedirectAttributes redirect, String anchor) {
        redirect.addFlashAttribute("form", form);
        redirect.addFlashAttribute("problems", problems.problems());
        return "redirect:" + PATH + anchor;
    }

    @PostMapping("/refresh")
    String refresh(RedirectAttributes redirect) {
        try {
            TenantId tenant = staff.tenant();
            Optional<Registration> registration = carriers().refresh(tenant); // toll-free verifications too
            boolean submitted = registration.isPresent()
                    || !carriers().tollFreeVerifications(tenant).isEmpty();
            redirect.addFlashAttribute("success", submitted ? "compliance.refreshed" : "compliance.nothing-to-refresh");
        } catch (TenantTwilioException e) {
            redirect.addFlashAttribute("error", staff.explain(e));
        }
        return "redirect:" + PATH + "#status";
    }

    // ---------------------------------------------------------------------------------------------
    // Toll-free verification

    @PostMapping("/toll-free")
    String verifyTollFree(
            @RequestParam String tollFreeNumber,
            @ModelAttribute("form") ComplianceForm form,
            BindingResult binding,
            RedirectAttributes redirect) {
        TenantId tenant = staff.tenant();
        List<PhoneNumber> owned = tollFreeNumbers();
        int index = -1;
        for (int i = 0; i < owned.size(); i++) {
            if (owned.get(i).e164().equals(tollFreeNumber)) {
                index = i;
            }
        }
        ComplianceForm.TollFree entry = form.tollFree(tollFreeNumber);
        if (index < 0 || entry == null) {
            redirect.addFlashAttribute("warning", "compliance.toll-free.unknown-number");
            return "redirect:" + PATH;
        }
        String anchor = "#toll-free-" + index;
        String prefix = "tf" + index + "-";
        try {
            Registration registration = carriers().registration(tenant).orElse(null);
            FieldErrors.Collector problems = new FieldErrors.Collector();
            BusinessProfile business;
            if (editable(registration)) {
                // The business as typed on the page: checked with the toll-free fields.
                BusinessProfile.Builder profile = form.profile();
                profile.problems().forEach(p -> problems.add(p.field(), p));
                business = problems.isEmpty() ? profile.build() : null;
            } else {
                business = registration.profile(); // submitted already, and shown read-only
            }
            TollFreeRequest.Builder request = entry.request(tenant, business, staff.user());
            for (FieldProblem problem : request.problems()) {
                if (!problem.field().equals("business")) {
                    problems.add(prefix + tollFreeField(problem.field()), problem);
                }
            }
            if (!problems.isEmpty()) {
                return refused(form, problems, redirect, anchor);
            }
            TollFreeVerification verification = carriers().verifyTollFree(request.build());
            redirect.addFlashAttribute(
                    verification.status() == TollFreeVerification.Status.TWILIO_REJECTED ? "warning" : "success",
                    verification.status() == TollFreeVerification.Status.TWILIO_REJECTED
                            ? "compliance.toll-free.rejected"
                            : "compliance.toll-free.submitted");
        } catch (InvalidRegistrationException e) {
            FieldErrors.Collector problems = new FieldErrors.Collector();
            e.problems().forEach(p -> problems.add(prefix + tollFreeField(p.field()), p));
            return refused(form, problems, redirect, anchor);
        } catch (TenantTwilioException e) {
            redirect.addFlashAttribute("error", staff.explain(e));
            redirect.addFlashAttribute("form", form);
        }
        return "redirect:" + PATH + anchor;
    }

    /** The page's field of a toll-free request's field name. */
    private static String tollFreeField(String field) {
        if (field.startsWith("optInImageUrls")) {
            return "optInImageUrl";
        }
        if (field.equals("useCaseCategories")) {
            return "categories";
        }
        return field;
    }
}
