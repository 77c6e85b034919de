package io.tenanttwilio.example.clinic;

import io.tenanttwilio.registration.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The refused fields of a form, by the id of the field on the page, each with the SDK's reasons
 * in the reader's language: what the template shows next to each field ({@link #text(String)})
 * and points the field at ({@code aria-describedby}).
 */
public final class FieldErrors {

    private static final FieldErrors NONE = new FieldErrors(Map.of(), Locale.ENGLISH);

    private final Map<String, List<FieldProblem>> byField;
    private final Locale locale;

    private FieldErrors(Map<String, List<FieldProblem>> byField, Locale locale) {
        this.byField = byField;
        this.locale = locale;
    }

    static FieldErrors none() {
        return NONE;
    }

    static FieldErrors of(Map<String, List<FieldProblem>> byField, Locale locale) {
        return new FieldErrors(byField, locale);
    }

    /** Collects problems by field id. */
    static final class Collector {
        private final Map<String, List<FieldProblem>> byField = new LinkedHashMap<>();

        void add(String fieldId, FieldProblem problem) {
            byField.computeIfAbsent(fieldId, k -> new ArrayList<>()).add(problem);
        }

        boolean isEmpty() {
            return byField.isEmpty();
        }

        Map<String, List<FieldProblem>> problems() {
            return byField;
        }
    }

    public boolean any() {
        return !byField.isEmpty();
    }

    public int count() {
        return byField.size();
    }

    public boolean has(String fieldId) {
        return byField.containsKey(fieldId);
    }

    /** The reasons a field is refused, in the reader's language; empty when it is not. */
    public String text(String fieldId) {
        List<FieldProblem> problems = byField.get(fieldId);
        if (problems == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (FieldProblem problem : problems) {
            String message = problem.message(locale);
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : " ").append(message);
            }
        }
        return text.toString();
    }

    /** {@return the id of the element that explains the field, for {@code aria-describedby}; {@code null} when none} */
    public @Nullable String describedBy(String fieldId) {
        return has(fieldId) ? fieldId + "-error" : null;
    }

    /**
     * The ids of the elements that explain a field: its hint, when it has one, then its error.
     *
     * @param fieldId the field's id
     * @param hint whether the page shows a hint {@code <fieldId>-hint}
     * @param group another field whose error concerns this one too (the samples together), or {@code null}
     * @return the ids, space-separated; {@code null} when nothing explains the field
     */
    public @Nullable String describedBy(String fieldId, boolean hint, @Nullable String group) {
        StringBuilder ids = new StringBuilder();
        if (hint) {
            ids.append(fieldId).append("-hint");
        }
        for (String id : new String[] {group, fieldId}) {
            if (id != null && has(id)) {
                ids.append(ids.length() == 0 ? "" : " ").append(id).append("-error");
            }
        }
        return ids.length() == 0 ? null : ids.toString();
    }
}
