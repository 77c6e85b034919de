package io.tenanttwilio.example.clinic;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantTwilioException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Rappels: a day's appointments, uploaded as a CSV file or pasted ({@code name, number, time}),
 * become text reminders in the SDK's outbox. "Aperçu" shows each reminder's text as it will leave
 * and each refused line by its number, nothing scheduled; "Planifier" schedules the list
 * previewed (again: nobody is texted twice); the list below shows where each reminder stands, and
 * cancels those that have not left.
 */
@Controller
@RequestMapping(RemindersController.PATH)
class RemindersController {

    /** Where the page is. */
    static final String PATH = "/reminders";

    private final Reminders reminders;
    private final ReminderDrafts drafts;
    private final Staff staff;
    private final MessageSource messages;
    private final DataSize maxFileSize;

    RemindersController(
            Reminders reminders,
            ReminderDrafts drafts,
            Staff staff,
            MessageSource messages,
            @Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize maxFileSize) {
        this.reminders = reminders;
        this.drafts = drafts;
        this.staff = staff;
        this.messages = messages;
        this.maxFileSize = maxFileSize;
    }

    private Reminders.Context context() {
        return new Reminders.Context(
                staff.tenant(), staff.user(), staff.organizationName(), staff.zone(), staff.locale(), Instant.now());
    }

    private ReminderForm blankForm() {
        LocalDate tomorrow = LocalDate.now(staff.zone()).plusDays(1);
        return ReminderForm.blank(messages.getMessage("reminders.default-template", null, staff.locale()), tomorrow);
    }

    @GetMapping
    String page(
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(required = false) @Nullable String upload,
            Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", blankForm());
        }
        if (UploadErrors.TOO_LARGE.equals(upload)) {
            model.addAttribute(
                    "error",
                    messages.getMessage(
                            "reminders.error.too-large", new Object[] {maxFileSize.toMegabytes()}, staff.locale()));
        } else if (UploadErrors.UNREADABLE.equals(upload)) {
            model.addAttribute("error", messages.getMessage("reminders.error.upload", null, staff.locale()));
        }
        return render(model, after);
    }

    /** The page: the form (as typed, or blank), and a page of the list. */
    private String render(Model model, @Nullable String after) {
        Page<Reminders.ReminderView> page;
        try {
            page = list(model, after);
        } catch (TenantTwilioException e) {
            model.addAttribute("listError", staff.explain(e));
            page = Page.of(List.of(), null);
        }
        model.addAttribute("reminders", page.items());
        model.addAttribute("moreAfter", page.nextCursor().map(Cursor::toString).orElse(null));
        model.addAttribute("timings", ReminderTiming.values());
        if (!model.containsAttribute("formErrors")) {
            model.addAttribute("formErrors", Map.of());
        }
        return "reminders";
    }

    /** The page after the cursor of the link; the first page, with the reason, when the link was altered. */
    private Page<Reminders.ReminderView> list(Model model, @Nullable String after) {
        try {
            return reminders.list(staff.tenant(), after, staff.locale());
        } catch (TenantTwilioException e) {
            if (e.errorCode() != ErrorCode.INVALID_REQUEST || after == null) {
                throw e;
            }
            model.addAttribute("pageError", staff.explain(e));
            return reminders.list(staff.tenant(), null, staff.locale());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Preview

    // The form's BindingResult: every field is a string, so nothing fails to bind.

    @PostMapping("/preview")
    String preview(
            @ModelAttribute("form") ReminderForm form,
            BindingResult binding,
            @RequestParam(required = false) @Nullable MultipartFile file,
            Model model) {
        Map<String, String> errors = check(form);
        boolean uploaded = file != null && !file.isEmpty();
        if (!uploaded && form.getText().isBlank()) {
            errors.put("lines", messages.getMessage("reminders.error.no-lines", null, staff.locale()));
        }
        if (!errors.isEmpty()) {
            model.addAttribute("formErrors", errors);
            return render(model, null);
        }
        try (InputStream content = uploaded
                ? file.getInputStream()
                : new ByteArrayInputStream(form.getText().getBytes(StandardCharsets.UTF_8))) {
            ReminderDrafts.Draft draft =
                    drafts.save(staff.tenant(), staff.user(), content, form.settings(), staff.locale());
            model.addAttribute("preview", reminders.preview(draft, context()));
            model.addAttribute("uploadedName", uploaded ? file.getOriginalFilename() : null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return render(model, null);
    }

    /** The form's own problems (the text, the day), by field, in the reader's language. */
    private Map<String, String> check(ReminderForm form) {
        Map<String, String> errors = new LinkedHashMap<>();
        ReminderTemplate template = ReminderTemplate.of(form.getTemplate(), staff.locale());
        if (template.isBlank()) {
            errors.put("template", messages.getMessage("reminders.error.template-blank", null, staff.locale()));
        } else if (template.isTooLong()) {
            errors.put(
                    "template",
                    messages.getMessage(
                            "reminders.error.template-too-long",
                            new Object[] {ReminderTemplate.MAX_LENGTH},
                            staff.locale()));
        } else if (!template.unknownPlaceholders().isEmpty()) {
            errors.put(
                    "template",
                    messages.getMessage(
                            "reminders.error.template-unknown",
                            new Object[] {String.join(", ", template.unknownPlaceholders())},
                            staff.locale()));
        }
        try {
            form.dayChoice();
        } catch (DateTimeParseException e) {
            errors.put("day", messages.getMessage("reminders.error.day", null, staff.locale()));
        }
        return errors;
    }

    // ---------------------------------------------------------------------------------------------
    // Scheduling and cancelling

    @PostMapping("/schedule")
    String schedule(@RequestParam String draft, RedirectAttributes redirect) {
        Optional<ReminderDrafts.Draft> saved = drafts.find(staff.tenant(), staff.user(), draft);
        if (saved.isEmpty()) {
            redirect.addFlashAttribute("warning", "reminders.draft-gone");
            return "redirect:" + PATH;
        }
        redirect.addFlashAttribute("form", saved.get().settings());
        try {
            Reminders.Outcome outcome = reminders.schedule(saved.get(), context());
            drafts.remove(saved.get());
            redirect.addFlashAttribute("outcome", outcome);
        } catch (TenantTwilioException e) {
            // What was stored stays stored; the same list scheduled again adds only the rest.
            redirect.addFlashAttribute("error", staff.explain(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "redirect:" + PATH + "#result";
    }

    @PostMapping("/cancel")
    String cancel(
            @RequestParam String key,
            @RequestParam(required = false) @Nullable String after,
            RedirectAttributes redirect) {
        try {
            reminders.cancel(staff.tenant(), key);
            redirect.addFlashAttribute("cancelSuccess", "reminders.canceled");
        } catch (TenantTwilioException e) {
            // ALREADY_DISPATCHED (it is leaving or left) or NOT_FOUND: said above the list.
            redirect.addFlashAttribute("cancelError", staff.explain(e));
        }
        if (after != null && !after.isBlank()) {
            redirect.addAttribute("after", after);
        }
        return "redirect:" + PATH + "#reminders-list";
    }
}
