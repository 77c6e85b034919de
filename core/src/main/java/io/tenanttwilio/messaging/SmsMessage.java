package io.tenanttwilio.messaging;

import io.tenanttwilio.TenantId;
import io.tenanttwilio.internal.text.Messages;
import io.tenanttwilio.phone.PhoneNumber;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A stored message of a conversation, inbound or outbound, with its delivery status.
 *
 * <p>{@link #toString()} shows neither the body nor the numbers unmasked. Immutable and
 * thread-safe; {@link #toBuilder()} makes changed copies.
 */
public final class SmsMessage {

    private final String id;
    private final TenantId tenantId;
    private final String conversationId;
    private final MessageDirection direction;
    private final @Nullable String twilioSid;
    private final PhoneNumber from;
    private final PhoneNumber to;
    private final String body;
    private final List<MediaItem> media;
    private final MessageStatus status;
    private final @Nullable Integer errorCode;
    private final @Nullable Integer segments;
    private final @Nullable BigDecimal price;
    private final @Nullable String priceUnit;
    private final @Nullable String sentBy;
    private final Instant createdAt;
    private final Instant updatedAt;

    private SmsMessage(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.tenantId = Objects.requireNonNull(b.tenantId, "tenantId");
        this.conversationId = Objects.requireNonNull(b.conversationId, "conversationId");
        this.direction = Objects.requireNonNull(b.direction, "direction");
        this.twilioSid = b.twilioSid;
        this.from = Objects.requireNonNull(b.from, "from");
        this.to = Objects.requireNonNull(b.to, "to");
        this.body = Objects.requireNonNull(b.body, "body");
        this.media = List.copyOf(b.media);
        this.status = Objects.requireNonNull(b.status, "status");
        this.errorCode = b.errorCode;
        this.segments = b.segments;
        this.price = b.price;
        this.priceUnit = b.priceUnit;
        this.sentBy = b.sentBy;
        this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(b.updatedAt, "updatedAt");
    }

    /**
     * Starts a message; for the SDK and the stores, applications only in tests.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts from this message, to make a changed copy.
     *
     * @return a new builder with every field of this message
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.tenantId = tenantId;
        b.conversationId = conversationId;
        b.direction = direction;
        b.twilioSid = twilioSid;
        b.from = from;
        b.to = to;
        b.body = body;
        b.media = media;
        b.status = status;
        b.errorCode = errorCode;
        b.segments = segments;
        b.price = price;
        b.priceUnit = priceUnit;
        b.sentBy = sentBy;
        b.createdAt = createdAt;
        b.updatedAt = updatedAt;
        return b;
    }

    /** {@return the SDK's id of the message, unique within the store} */
    public String id() {
        return id;
    }

    /** {@return the tenant whose message it is} */
    public TenantId tenantId() {
        return tenantId;
    }

    /** {@return the id of the conversation the message belongs to} */
    public String conversationId() {
        return conversationId;
    }

    /** {@return whether the message came from the contact or went to it} */
    public MessageDirection direction() {
        return direction;
    }

    /**
     * {@return Twilio's SID ({@code SM…}/{@code MM…}); empty until Twilio accepted the message, and
     * for a send Twilio refused}
     */
    public Optional<String> twilioSid() {
        return Optional.ofNullable(twilioSid);
    }

    /** {@return the number that sent it: the contact's, or one of the tenant's} */
    public PhoneNumber from() {
        return from;
    }

    /** {@return the number it was sent to} */
    public PhoneNumber to() {
        return to;
    }

    /** {@return the text; empty for media only} Never logged by the SDK. */
    public String body() {
        return body;
    }

    /** {@return the media of an MMS, unmodifiable; empty for a plain SMS} */
    public List<MediaItem> media() {
        return media;
    }

    /** {@return where the message stands} */
    public MessageStatus status() {
        return status;
    }

    /**
     * Twilio's error code of a failed or undelivered message (for example 30003).
     *
     * @return the code; empty when Twilio gave none
     */
    public OptionalInt errorCode() {
        return errorCode == null ? OptionalInt.empty() : OptionalInt.of(errorCode);
    }

    /**
     * Why the message failed, for people, in {@code locale} ("The recipient's phone is off or out
     * of reach"). Common Twilio error codes are explained; others are named by their code. A
     * message whose outcome is unknown ({@link MessageStatus#OUTCOME_UNKNOWN}) says so.
     *
     * @param locale the language of the reader (English when the locale has no bundle)
     * @return the reason; empty unless the message {@linkplain MessageStatus#isFailure() failed}
     *     or its outcome is unknown
     */
    public Optional<String> failureReason(Locale locale) {
        if (!status.isFailure() && !(status == MessageStatus.OUTCOME_UNKNOWN)) {
            return Optional.empty();
        }
        if (status == MessageStatus.OUTCOME_UNKNOWN) {
            return Optional.of(Messages.text(locale, "delivery.unknown"));
        }
        if (errorCode == null) {
            return Optional.of(Messages.text(locale, "delivery.failed"));
        }
        String key = "delivery." + errorCode;
        return Optional.of(
                Messages.bundle(locale).containsKey(key)
                        ? Messages.text(locale, key)
                        : Messages.text(locale, "delivery.other", String.valueOf(errorCode)));
    }

    /**
     * The SMS segments it took, once known.
     *
     * @return the number of segments; empty until Twilio says
     */
    public OptionalInt segments() {
        return segments == null ? OptionalInt.empty() : OptionalInt.of(segments);
    }

    /** {@return Twilio's price (negative for what was charged); empty until Twilio says} */
    public Optional<BigDecimal> price() {
        return Optional.ofNullable(price);
    }

    /** {@return the currency of the price, an ISO 4217 code ({@code "USD"}); empty until known} */
    public Optional<String> priceUnit() {
        return Optional.ofNullable(priceUnit);
    }

    /** {@return who sent an outbound message; empty when not known, and for an inbound one} */
    public Optional<String> sentBy() {
        return Optional.ofNullable(sentBy);
    }

    /** {@return when the message was created: sent by the SDK, or received} */
    public Instant createdAt() {
        return createdAt;
    }

    /** {@return when the message last changed (its status, its price)} */
    public Instant updatedAt() {
        return updatedAt;
    }

    /**
     * Equal when the ids are and so are the status, SID, error code, price, segments and last
     * change: the same message in the same state.
     */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof SmsMessage)) {
            return false;
        }
        SmsMessage that = (SmsMessage) other;
        return id.equals(that.id)
                && status == that.status
                && Objects.equals(twilioSid, that.twilioSid)
                && Objects.equals(errorCode, that.errorCode)
                && Objects.equals(price, that.price)
                && Objects.equals(segments, that.segments)
                && updatedAt.equals(that.updatedAt);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "SmsMessage[" + id + ", " + direction + ", sid=" + twilioSid + ", from=" + from.masked() + ", to="
                + to.masked() + ", " + status + (errorCode == null ? "" : ", error=" + errorCode) + ", media="
                + media.size() + "]";
    }

    /** Builds an {@link SmsMessage}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable TenantId tenantId;
        private @Nullable String conversationId;
        private @Nullable MessageDirection direction;
        private @Nullable String twilioSid;
        private @Nullable PhoneNumber from;
        private @Nullable PhoneNumber to;
        private String body = "";
        private List<MediaItem> media = List.of();
        private MessageStatus status = MessageStatus.PENDING;
        private @Nullable Integer errorCode;
        private @Nullable Integer segments;
        private @Nullable BigDecimal price;
        private @Nullable String priceUnit;
        private @Nullable String sentBy;
        private @Nullable Instant createdAt;
        private @Nullable Instant updatedAt;

        private Builder() {}

        /**
         * The SDK's id of the message (required).
         *
         * @param id the id, unique within the store
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * The tenant whose message it is (required).
         *
         * @param tenantId the tenant
         * @return this builder
         */
        public Builder tenantId(TenantId tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        /**
         * The conversation the message belongs to (required).
         *
         * @param conversationId the conversation's id
         * @return this builder
         */
        public Builder conversationId(String conversationId) {
            this.conversationId = conversationId;
            return this;
        }

        /**
         * Whether it came from the contact or went to it (required).
         *
         * @param direction the direction
         * @return this builder
         */
        public Builder direction(MessageDirection direction) {
            this.direction = direction;
            return this;
        }

        /**
         * Twilio's SID of the message.
         *
         * @param twilioSid the SID; {@code null} until Twilio accepted it
         * @return this builder
         */
        public Builder twilioSid(@Nullable String twilioSid) {
            this.twilioSid = twilioSid;
            return this;
        }

        /**
         * The number that sent it (required).
         *
         * @param from the sender
         * @return this builder
         */
        public Builder from(PhoneNumber from) {
            this.from = from;
            return this;
        }

        /**
         * The number it was sent to (required).
         *
         * @param to the recipient
         * @return this builder
         */
        public Builder to(PhoneNumber to) {
            this.to = to;
            return this;
        }

        /**
         * The text (empty unless set).
         *
         * @param body the text; empty for media only
         * @return this builder
         */
        public Builder body(String body) {
            this.body = body;
            return this;
        }

        /**
         * The media of an MMS (none unless set).
         *
         * @param media the media items (copied when built)
         * @return this builder
         */
        public Builder media(List<MediaItem> media) {
            this.media = media;
            return this;
        }

        /**
         * Where the message stands ({@link MessageStatus#PENDING} unless set).
         *
         * @param status the status
         * @return this builder
         */
        public Builder status(MessageStatus status) {
            this.status = status;
            return this;
        }

        /**
         * Twilio's error code of a failed or undelivered message.
         *
         * @param errorCode the code; {@code null} if none
         * @return this builder
         */
        public Builder errorCode(@Nullable Integer errorCode) {
            this.errorCode = errorCode;
            return this;
        }

        /**
         * The SMS segments it took.
         *
         * @param segments the number of segments; {@code null} until known
         * @return this builder
         */
        public Builder segments(@Nullable Integer segments) {
            this.segments = segments;
            return this;
        }

        /**
         * Twilio's price, negative for what was charged.
         *
         * @param price the price; {@code null} until known
         * @return this builder
         */
        public Builder price(@Nullable BigDecimal price) {
            this.price = price;
            return this;
        }

        /**
         * The currency of the price.
         *
         * @param priceUnit an ISO 4217 code ({@code "USD"}); {@code null} until known
         * @return this builder
         */
        public Builder priceUnit(@Nullable String priceUnit) {
            this.priceUnit = priceUnit;
            return this;
        }

        /**
         * Who sent an outbound message.
         *
         * @param sentBy a staff user's name or id; {@code null} if not known
         * @return this builder
         */
        public Builder sentBy(@Nullable String sentBy) {
            this.sentBy = sentBy;
            return this;
        }

        /**
         * When the message was created (required).
         *
         * @param createdAt the time
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /**
         * When the message last changed (required).
         *
         * @param updatedAt the time
         * @return this builder
         */
        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        /**
         * The message.
         *
         * @return the message
         * @throws NullPointerException when a required field is not set
         */
        public SmsMessage build() {
            return new SmsMessage(this);
        }
    }
}
