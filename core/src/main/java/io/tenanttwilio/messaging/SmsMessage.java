package io.tenanttwilio.messaging;

import io.tenanttwilio.TenantId;
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

    public static Builder builder() {
        return new Builder();
    }

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

    /** The SDK's id of the message. */
    public String id() {
        return id;
    }

    public TenantId tenantId() {
        return tenantId;
    }

    public String conversationId() {
        return conversationId;
    }

    public MessageDirection direction() {
        return direction;
    }

    /** Twilio's SID ({@code SM…}/{@code MM…}), once Twilio accepted or delivered it. */
    public Optional<String> twilioSid() {
        return Optional.ofNullable(twilioSid);
    }

    public PhoneNumber from() {
        return from;
    }

    public PhoneNumber to() {
        return to;
    }

    /** The text. Never logged by the SDK. */
    public String body() {
        return body;
    }

    public List<MediaItem> media() {
        return media;
    }

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
     * of reach"); empty unless it {@linkplain MessageStatus#isFailure() failed}. Common Twilio
     * error codes are explained; others are named by their code.
     */
    public Optional<String> failureReason(Locale locale) {
        if (!status.isFailure() && !(status == MessageStatus.OUTCOME_UNKNOWN)) {
            return Optional.empty();
        }
        if (status == MessageStatus.OUTCOME_UNKNOWN) {
            return Optional.of(io.tenanttwilio.internal.text.Messages.text(locale, "delivery.unknown"));
        }
        if (errorCode == null) {
            return Optional.of(io.tenanttwilio.internal.text.Messages.text(locale, "delivery.failed"));
        }
        String key = "delivery." + errorCode;
        java.util.ResourceBundle bundle = io.tenanttwilio.internal.text.Messages.bundle(locale);
        return Optional.of(
                bundle.containsKey(key)
                        ? io.tenanttwilio.internal.text.Messages.text(locale, key)
                        : io.tenanttwilio.internal.text.Messages.text(
                                locale, "delivery.other", String.valueOf(errorCode)));
    }

    /**
     * The SMS segments it took, once known.
     *
     * @return the number of segments; empty until Twilio says
     */
    public OptionalInt segments() {
        return segments == null ? OptionalInt.empty() : OptionalInt.of(segments);
    }

    /** Twilio's price (negative for what was charged), once known. */
    public Optional<BigDecimal> price() {
        return Optional.ofNullable(price);
    }

    public Optional<String> priceUnit() {
        return Optional.ofNullable(priceUnit);
    }

    /** Who sent an outbound message, when known. */
    public Optional<String> sentBy() {
        return Optional.ofNullable(sentBy);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

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

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder tenantId(TenantId tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        public Builder conversationId(String conversationId) {
            this.conversationId = conversationId;
            return this;
        }

        public Builder direction(MessageDirection direction) {
            this.direction = direction;
            return this;
        }

        public Builder twilioSid(@Nullable String twilioSid) {
            this.twilioSid = twilioSid;
            return this;
        }

        public Builder from(PhoneNumber from) {
            this.from = from;
            return this;
        }

        public Builder to(PhoneNumber to) {
            this.to = to;
            return this;
        }

        public Builder body(String body) {
            this.body = body;
            return this;
        }

        public Builder media(List<MediaItem> media) {
            this.media = media;
            return this;
        }

        public Builder status(MessageStatus status) {
            this.status = status;
            return this;
        }

        public Builder errorCode(@Nullable Integer errorCode) {
            this.errorCode = errorCode;
            return this;
        }

        public Builder segments(@Nullable Integer segments) {
            this.segments = segments;
            return this;
        }

        public Builder price(@Nullable BigDecimal price) {
            this.price = price;
            return this;
        }

        public Builder priceUnit(@Nullable String priceUnit) {
            this.priceUnit = priceUnit;
            return this;
        }

        public Builder sentBy(@Nullable String sentBy) {
            this.sentBy = sentBy;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public SmsMessage build() {
            return new SmsMessage(this);
        }
    }
}
