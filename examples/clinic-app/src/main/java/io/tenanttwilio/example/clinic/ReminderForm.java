package io.tenanttwilio.example.clinic;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * The reminders form as typed: the appointments pasted (a file comes apart), the text, when the
 * reminders leave, and the day of the times written without a date. Kept as strings so that
 * whatever was typed comes back as typed.
 */
public class ReminderForm {

    private String text = "";
    private String template = "";
    private String timing = ReminderTiming.DAY_BEFORE.name();
    private String day = "";

    /** The form before anything was typed: the default text in the page's language, tomorrow's date. */
    static ReminderForm blank(String template, LocalDate tomorrow) {
        ReminderForm form = new ReminderForm();
        form.template = template;
        form.day = tomorrow.toString();
        return form;
    }

    /** A copy without the pasted lines, kept with a list until it is scheduled. */
    ReminderForm settings() {
        ReminderForm copy = new ReminderForm();
        copy.template = template;
        copy.timing = timing;
        copy.day = day;
        return copy;
    }

    /** {@return the timing chosen; the first when the value was altered} */
    ReminderTiming timingChoice() {
        for (ReminderTiming t : ReminderTiming.values()) {
            if (t.name().equals(timing)) {
                return t;
            }
        }
        return ReminderTiming.DAY_BEFORE;
    }

    /**
     * The day chosen.
     *
     * @return the day; {@code null} when none was chosen
     * @throws DateTimeParseException when what was sent is not a date
     */
    @Nullable
    LocalDate dayChoice() {
        return day == null || day.isBlank() ? null : LocalDate.parse(day.strip());
    }

    public String getText() {
        return text;
    }

    public void setText(@Nullable String text) {
        this.text = text == null ? "" : text;
    }

    public String getTemplate() {
        return template;
    }

    public void setTemplate(@Nullable String template) {
        this.template = template == null ? "" : template;
    }

    public String getTiming() {
        return timing;
    }

    public void setTiming(@Nullable String timing) {
        this.timing = timing == null ? "" : timing;
    }

    public String getDay() {
        return day;
    }

    public void setDay(@Nullable String day) {
        this.day = day == null ? "" : day;
    }
}
