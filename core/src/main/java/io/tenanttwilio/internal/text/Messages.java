package io.tenanttwilio.internal.text;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.phone.PhoneNumber;
import java.text.MessageFormat;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
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
    public static String render(
            Locale locale, ErrorCode errorCode, @Nullable String detailKey, Object[] arguments, boolean forLog) {
        ResourceBundle bundle = bundle(locale);
        Object[] shown = displayArguments(arguments, forLog, locale);
        StringBuilder text = new StringBuilder(format(bundle, errorCode.messageKey(), shown));
        if (detailKey != null) {
            text.append(' ').append(format(bundle, detailKey, shown));
        }
        return text.append(' ')
                .append(format(bundle, errorCode.actionKey(), shown))
                .toString();
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
            @Nullable PhoneNumber phoneNumber,
            Map<String, String> details,
            boolean forLog) {
        String period = details.get("period");
        String key = "alert." + type + (period == null ? "" : "." + period);
        Object[] arguments = {
            details.getOrDefault("value", ""),
            details.getOrDefault("limit", ""),
            phoneNumber == null ? "" : phoneNumber,
            details.getOrDefault("currency", ""),
            details.getOrDefault("detail", "")
        };
        return format(bundle(locale), key, displayArguments(arguments, forLog, locale));
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
            } else if (shown[i] instanceof PhoneNumber) {
                PhoneNumber number = (PhoneNumber) shown[i];
                shown[i] = forLog ? number.masked() : number.internationalFormat();
            } else if (shown[i] instanceof Number) {
                // Keep numbers (limits, counts, lengths) free of locale grouping such as "1,000".
                shown[i] = String.valueOf(shown[i]);
            }
        }
        return shown;
    }
}
