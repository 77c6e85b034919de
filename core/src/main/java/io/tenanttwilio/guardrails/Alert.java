package io.tenanttwilio.guardrails;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.internal.text.Messages;
import io.tenanttwilio.phone.PhoneNumber;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Something a person should know about: a low balance, a quota nearly used, a number whose webhook
 * drifted, webhooks failing. Never a secret or a message body; the phone number is masked in
 * {@link #toString()} and {@link #logMessage()}. Immutable and thread-safe.
 *
 * <pre>{@code
 * TenantTwilio.builder().alertSink(alert -> notifications.post(alert.tenant(), alert.message(Locale.CANADA_FRENCH)))
 * }</pre>
 *
 * @param type what happened
 * @param tenant the tenant concerned, or {@code null} for the platform (its master account)
 * @param at when it was noticed
 * @param phoneNumber the number concerned, if any
 * @param details the facts of the message: {@code value} (a balance, a count), {@code limit} (a
 *     threshold), {@code period} ({@code DAY}/{@code MONTH}), {@code currency}, {@code detail}
 */
public record Alert(
        Type type,
        @Nullable TenantId tenant,
        Instant at,
        @Nullable PhoneNumber phoneNumber,
        Map<String, String> details) {

    /** The kinds of alerts, each with its severity. Immutable and thread-safe. */
    public enum Type {
        /** The Twilio balance fell under the threshold. */
        LOW_BALANCE(Severity.WARNING),
        /** The balance is above the threshold again. */
        BALANCE_RECOVERED(Severity.INFO),
        /** 80 % of an SMS quota is used. */
        QUOTA_80_PERCENT(Severity.WARNING),
        /** An SMS quota is used up: sends are refused until it resets. */
        QUOTA_REACHED(Severity.CRITICAL),
        /** An urgent message was sent past the quota, as the application asked. */
        QUOTA_EXCEEDED_ON_REQUEST(Severity.WARNING),
        /** A number's setup at Twilio no longer matches what the SDK configured. */
        NUMBER_DRIFT(Severity.CRITICAL),
        /** A drifted number was set up again. */
        NUMBER_REPAIRED(Severity.INFO),
        /** A number is no longer in the tenant's Twilio account. */
        NUMBER_RELEASED_ELSEWHERE(Severity.CRITICAL),
        /** The tenant's Twilio account is suspended or closed. */
        ACCOUNT_SUSPENDED(Severity.CRITICAL),
        /** Webhooks for the tenant arrive with bad signatures. */
        WEBHOOK_SIGNATURE_FAILURES(Severity.WARNING),
        /** Webhooks for the tenant could not be handled (answered 5xx). */
        WEBHOOK_ERRORS(Severity.CRITICAL),
        /** Many of the tenant's messages were not delivered. */
        DELIVERY_FAILURES(Severity.WARNING);

        private final Severity severity;

        Type(Severity severity) {
            this.severity = severity;
        }

        /** {@return how urgent alerts of this kind are} */
        public Severity severity() {
            return severity;
        }
    }

    /** How urgent an alert is. Immutable and thread-safe. */
    public enum Severity {
        /** Good to know; nothing to do. */
        INFO,
        /** Something to look at soon, before it becomes a problem. */
        WARNING,
        /** Something is failing now: messages are lost or refused until someone acts. */
        CRITICAL
    }

    /**
     * An alert; the SDK raises them, applications create them only in tests.
     *
     * @param type what happened
     * @param tenant the tenant concerned, or {@code null} for the platform
     * @param at when it was noticed
     * @param phoneNumber the number concerned, or {@code null}
     * @param details the facts of the message; copied
     */
    public Alert {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        details = Map.copyOf(details);
    }

    /**
     * An alert without a phone number.
     *
     * @param type what happened
     * @param tenant the tenant concerned, or {@code null} for the platform
     * @param at when it was noticed
     * @param details the facts of the message; copied
     */
    public Alert(Type type, @Nullable TenantId tenant, Instant at, Map<String, String> details) {
        this(type, tenant, at, null, details);
    }

    /** {@return the tenant concerned; empty for the platform} */
    public Optional<TenantId> tenantId() {
        return Optional.ofNullable(tenant);
    }

    /**
     * The alert for people, in {@code locale} (English when the locale has no bundle).
     *
     * @param locale the language of the text
     * @return the text, with the phone number in full, for the people of the tenant concerned
     */
    public String message(Locale locale) {
        return Messages.alert(locale, type.name(), phoneNumber, details, false);
    }

    /** {@return the alert in English for logs, the phone number masked} */
    public String logMessage() {
        return Messages.alert(Locale.ROOT, type.name(), phoneNumber, details, true);
    }

    @Override
    public String toString() {
        return "Alert[" + type + " " + type.severity() + (tenant == null ? " platform" : " tenant=" + tenant)
                + (phoneNumber == null ? "" : " " + phoneNumber.masked()) + " " + details + "]";
    }
}
