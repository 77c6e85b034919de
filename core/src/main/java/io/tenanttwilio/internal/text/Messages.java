package io.tenanttwilio.internal.text;

import io.tenanttwilio.Detail;
import io.tenanttwilio.ErrorCode;
import java.text.MessageFormat;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Formattable;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.jspecify.annotations.Nullable;

/**
 * Renders the product's translated messages from the resource bundle {@value #BUNDLE}.
 *
 * <p>A locale without a bundle falls back to the base bundle (English), never to the JVM's
 * default locale, so that a server running in French still answers a German user in English.
 */
public final class Messages {

    /** The base name of the bundle; applications may add {@code messages_xx.properties}. */
    public static final String BUNDLE = "io.tenanttwilio.messages";

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {}

    /** The bundle for {@code locale}. */
    public static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale, Messages.class.getClassLoader(), NO_FALLBACK);
    }

    /**
     * The message of {@code errorCode}: its text, then the detail (when there is one), then the
     * action. With {@code forLog}, phone numbers among the arguments are masked.
     */
    public static String render(Locale locale, ErrorCode errorCode, @Nullable Detail detail, boolean forLog) {
        ResourceBundle bundle = bundle(locale);
        StringBuilder text = new StringBuilder(format(bundle, "error." + errorCode.name(), new Object[0]));
        if (detail != null) {
            text.append(' ').append(forLog ? detail.logText() : detail.text(locale));
        }
        return text.append(' ')
                .append(format(bundle, "error." + errorCode.name() + ".action", new Object[0]))
                .toString();
    }

    /** The detail text of {@code key}, formatted with {@code arguments}; numbers masked {@code forLog}. */
    static String detailText(Locale locale, String key, Object[] arguments, boolean forLog) {
        return format(bundle(locale), key, displayArguments(arguments, forLog, locale));
    }

    /** Whether the bundle has {@code key} (English being the base). */
    public static boolean has(String key) {
        return bundle(Locale.ROOT).containsKey(key);
    }

    /** The text of {@code key} in {@code locale}, formatted with {@code arguments}. */
    public static String text(Locale locale, String key, Object... arguments) {
        return format(bundle(locale), key, displayArguments(arguments, false, locale));
    }

    /**
     * The text of an alert: the key {@code alert.<TYPE>} (or {@code alert.<TYPE>.<period>}) with
     * the arguments value, limit, number, currency, detail.
     */
    public static String alert(
            Locale locale,
            String type,
            @Nullable Formattable phoneNumber,
            Map<String, String> details,
            boolean forLog) {
        String period = details.get("period");
        String key = "alert." + type + (period == null ? "" : "." + period);
        Object[] arguments = {
            details.getOrDefault("value", ""),
            details.getOrDefault("limit", ""),
            phoneNumber == null ? "" : phoneNumber,
            details.getOrDefault("currency", ""),
            details.containsKey("reasons")
                    ? reasons(bundle(locale), details.get("reasons"))
                    : details.getOrDefault("detail", "")
        };
        return format(bundle(locale), key, displayArguments(arguments, forLog, locale));
    }

    /**
     * Twilio's reasons (lines of {@code code<TAB>text}) for people: the bundle's translation of each
     * code it knows ({@code registration.reason.<code>}), else Twilio's own text.
     */
    private static String reasons(ResourceBundle bundle, String encoded) {
        StringBuilder text = new StringBuilder();
        for (String line : encoded.split("\n")) {
            int tab = line.indexOf('\t');
            String code = tab < 0 ? "" : line.substring(0, tab);
            String twilio = tab < 0 ? line : line.substring(tab + 1);
            String key = "registration.reason." + code;
            String shown = !code.isEmpty() && bundle.containsKey(key) ? format(bundle, key, new Object[0]) : twilio;
            if (!shown.isBlank()) {
                text.append(text.length() > 0 ? " " : "").append(shown.strip());
                if (!shown.strip().endsWith(".")) {
                    text.append('.');
                }
            }
        }
        return text.toString();
    }

    private static String format(ResourceBundle bundle, String key, Object[] arguments) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return arguments.length == 0
                ? pattern.replace("''", "'")
                : new MessageFormat(pattern, bundle.getLocale()).format(arguments);
    }

    private static Object[] displayArguments(Object[] arguments, boolean forLog, Locale locale) {
        Object[] shown = arguments.clone();
        for (int i = 0; i < shown.length; i++) {
            if (shown[i] instanceof ZonedDateTime) {
                ZonedDateTime when = (ZonedDateTime) shown[i];
                // A date for people in their language; ISO with the zone for logs.
                shown[i] = forLog || locale.getLanguage().isEmpty()
                        ? when.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " " + when.getZone()
                        : when.format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                                .withLocale(locale));
            } else if (shown[i] instanceof Formattable) {
                // Phone numbers: international for people, masked for logs (%#s).
                shown[i] = String.format(Locale.ROOT, forLog ? "%#s" : "%s", shown[i]);
            } else if (shown[i] instanceof Number) {
                // Keep numbers (limits, counts, lengths) free of locale grouping such as "1,000".
                shown[i] = String.valueOf(shown[i]);
            }
        }
        return shown;
    }
}
