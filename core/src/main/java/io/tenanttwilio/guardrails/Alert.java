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
 * {@link #toString()} and {@link #logMessage()}.
 *
 * <pre>{@code
 * TenantTwilio twilio = TenantTwilio.builder()
 *         .alertSink(alert -> notifications.post(alert.tenant(), alert.message(Locale.CANADA_FRENCH)))
 *         …
 *         .build();
 * }</pre>
 *
 * <p>The {@linkplain #details() details} are the facts of the message: {@code value} (a balance, a
 * count), {@code limit} (a threshold), {@code period} ({@code DAY}/{@code MONTH}), {@code
 * currency}, {@code detail}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Alert {

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
        DELIVERY_FAILURES(Severity.WARNING),
        /** The tenant's A2P registration is approved: its numbers may text US recipients. */
        REGISTRATION_APPROVED(Severity.INFO),
        /** A step of the tenant's A2P registration was rejected; the alert's detail has Twilio's reasons. */
        REGISTRATION_REJECTED(Severity.CRITICAL),
        /** The tenant's brand or campaign was suspended by the carriers. */
        REGISTRATION_SUSPENDED(Severity.CRITICAL),
        /** Texts were blocked by the carriers for want of registration (errors 30034, 30032, 30007). */
        REGISTRATION_NEEDED(Severity.WARNING),
        /** A toll-free number's verification is approved. */
        TOLL_FREE_APPROVED(Severity.INFO),
        /** A toll-free number's verification was rejected; the alert's detail has Twilio's reasons. */
        TOLL_FREE_REJECTED(Severity.CRITICAL),
        /** The tenant's scheduled messages will not all leave before they expire at its numbers' pace. */
        OUTBOX_BACKLOG_AT_RISK(Severity.WARNING);

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

    private final Type type;
    private final @Nullable TenantId tenant;
    private final Instant at;
    private final @Nullable PhoneNumber phoneNumber;
    private final Map<String, String> details;

    private Alert(Builder b) {
        this.type = Objects.requireNonNull(b.type, "type");
        this.tenant = b.tenant;
        this.at = Objects.requireNonNull(b.at, "at");
        this.phoneNumber = b.phoneNumber;
        this.details = Map.copyOf(b.details);
    }

    /**
     * Starts an alert; the SDK raises them, applications make them only in tests. The type and the
     * time must be set; an alert is about the platform, names no number and has no details unless
     * set.
     *
     * <pre>{@code
     * Alert alert = Alert.builder()
     *         .type(Alert.Type.LOW_BALANCE)
     *         .tenant(tenant)
     *         .at(clock.instant())
     *         .details(Map.of("value", "4.20", "limit", "10.00", "currency", "USD"))
     *         .build();
     * }</pre>
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return what happened} */
    public Type type() {
        return type;
    }

    /**
     * {@return the tenant concerned, or {@code null} for the platform (its master account); {@link
     * #tenantId()} says the same as an {@code Optional}}
     */
    public @Nullable TenantId tenant() {
        return tenant;
    }

    /** {@return when it was noticed} */
    public Instant at() {
        return at;
    }

    /** {@return the number concerned, or {@code null} when the alert is not about one number} */
    public @Nullable PhoneNumber phoneNumber() {
        return phoneNumber;
    }

    /**
     * {@return the facts of the message ({@code value}, {@code limit}, {@code period}, {@code
     * currency}, {@code detail}), never a secret or a message body}
     */
    public Map<String, String> details() {
        return details;
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
    public boolean equals(@Nullable Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Alert)) {
            return false;
        }
        Alert that = (Alert) other;
        return type == that.type
                && Objects.equals(tenant, that.tenant)
                && at.equals(that.at)
                && Objects.equals(phoneNumber, that.phoneNumber)
                && details.equals(that.details);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, tenant, at, phoneNumber, details);
    }

    /** The type, its severity, the tenant, the masked number and the details. */
    @Override
    public String toString() {
        return "Alert[" + type + " " + type.severity() + (tenant == null ? " platform" : " tenant=" + tenant)
                + (phoneNumber == null ? "" : " " + phoneNumber.masked()) + " " + details + "]";
    }

    /** Builds an {@link Alert}. Not thread-safe. */
    public static final class Builder {
        private @Nullable Type type;
        private @Nullable TenantId tenant;
        private @Nullable Instant at;
        private @Nullable PhoneNumber phoneNumber;
        private Map<String, String> details = Map.of();

        private Builder() {}

        /**
         * Sets {@link Alert#type()}.
         *
         * @param type what happened
         * @return this builder
         */
        public Builder type(Type type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /**
         * Sets {@link Alert#tenant()}; the platform by default.
         *
         * @param tenant the tenant concerned, or {@code null} for the platform (its master account)
         * @return this builder
         */
        public Builder tenant(@Nullable TenantId tenant) {
            this.tenant = tenant;
            return this;
        }

        /**
         * Sets {@link Alert#at()}.
         *
         * @param at when it was noticed
         * @return this builder
         */
        public Builder at(Instant at) {
            this.at = Objects.requireNonNull(at, "at");
            return this;
        }

        /**
         * Sets {@link Alert#phoneNumber()}; none by default.
         *
         * @param phoneNumber the number concerned, or {@code null} for none
         * @return this builder
         */
        public Builder phoneNumber(@Nullable PhoneNumber phoneNumber) {
            this.phoneNumber = phoneNumber;
            return this;
        }

        /**
         * Sets {@link Alert#details()}; none by default.
         *
         * @param details the facts of the message, never a secret or a message body; copied
         * @return this builder
         */
        public Builder details(Map<String, String> details) {
            this.details = Map.copyOf(details);
            return this;
        }

        /**
         * Builds the alert.
         *
         * @return the alert, immutable
         * @throws NullPointerException if the type or the time is missing
         */
        public Alert build() {
            return new Alert(this);
        }
    }
}
