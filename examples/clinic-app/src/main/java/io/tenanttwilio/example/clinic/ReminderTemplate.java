package io.tenanttwilio.example.clinic;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A reminder's text with its placeholders: {@code {nom}} or {@code {name}}, {@code {heure}} or
 * {@code {time}}, {@code {date}}, {@code {clinique}} or {@code {clinic}}. The date and the time are
 * written in the language of the page it was typed on: "mardi 8 décembre", "10 h 30" in French;
 * "Tuesday, December 8", "10:30 AM" in English. Immutable and thread-safe.
 */
final class ReminderTemplate {

    /** The longest template, in characters (a text message's longest body). */
    static final int MAX_LENGTH = io.tenanttwilio.messaging.SmsRequest.MAX_BODY_LENGTH;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}\\s]{1,30})}");
    private static final Set<String> NAME = Set.of("nom", "name");
    private static final Set<String> TIME = Set.of("heure", "time");
    private static final Set<String> DATE = Set.of("date");
    private static final Set<String> CLINIC = Set.of("clinique", "clinic");

    private final String text;
    private final Locale locale;
    private final DateTimeFormatter date;

    private ReminderTemplate(String text, Locale locale) {
        this.text = text;
        this.locale = locale;
        this.date = locale.getLanguage().equals("fr")
                ? DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.FRENCH)
                : DateTimeFormatter.ofPattern("EEEE, MMMM d", Locale.ENGLISH);
    }

    /**
     * The template, once checked ({@link #problems}).
     *
     * @param text the text as typed
     * @param locale the language of the dates and times
     * @return the template
     */
    static ReminderTemplate of(String text, Locale locale) {
        return new ReminderTemplate(text.strip(), locale);
    }

    /** {@return the placeholders the template uses that are not one of the known ones, as written} */
    List<String> unknownPlaceholders() {
        Set<String> unknown = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (kind(m.group(1)) == null) {
                unknown.add(m.group());
            }
        }
        return new ArrayList<>(unknown);
    }

    boolean isBlank() {
        return text.isEmpty();
    }

    boolean isTooLong() {
        return text.length() > MAX_LENGTH;
    }

    String text() {
        return text;
    }

    private static @Nullable Set<String> kind(String placeholder) {
        String name = placeholder.toLowerCase(Locale.ROOT);
        for (Set<String> kind : List.of(NAME, TIME, DATE, CLINIC)) {
            if (kind.contains(name)) {
                return kind;
            }
        }
        return null;
    }

    /**
     * The text of one reminder.
     *
     * @param name the patient's name
     * @param appointment the appointment, in the clinic's zone
     * @param clinic the clinic's name
     * @return the text, the unknown placeholders left as written
     */
    String render(String name, ZonedDateTime appointment, String clinic) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 40);
        while (m.find()) {
            Set<String> kind = kind(m.group(1));
            String value;
            if (kind == NAME) {
                value = name;
            } else if (kind == TIME) {
                value = time(appointment);
            } else if (kind == DATE) {
                value = date.format(appointment);
            } else if (kind == CLINIC) {
                value = clinic;
            } else {
                value = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String time(ZonedDateTime at) {
        if (locale.getLanguage().equals("fr")) {
            return at.getMinute() == 0
                    ? at.getHour() + " h"
                    : at.getHour() + " h " + String.format(Locale.ROOT, "%02d", at.getMinute());
        }
        // Written out rather than with "h:mm a": newer JDKs put a narrow no-break space before AM,
        // which is not in the GSM alphabet and would double the message's segments.
        int hour = at.getHour() % 12 == 0 ? 12 : at.getHour() % 12;
        return hour + ":" + String.format(Locale.ROOT, "%02d", at.getMinute()) + (at.getHour() < 12 ? " AM" : " PM");
    }
}
