package io.tenanttwilio.outbox;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantId;
import io.tenanttwilio.phone.PhoneNumber;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A message in the outbox, as stored: what is sent to whom, when it may leave, and where it
 * stands. Its {@linkplain #body() body} is never in {@link #toString()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ScheduledMessage {
    private final String id;
    private final TenantId tenantId;
    private final String clientKey;
    private final PhoneNumber to;
    private final @Nullable PhoneNumber from;
    private final @Nullable String messagingServiceSid;
    private final String sender;
    private final String body;
    private final int segments;
    private final @Nullable String sentBy;
    private final boolean urgent;
    private final Instant sendAt;
    private final Instant dueAt;
    private final boolean heldForQuietHours;
    private final @Nullable Instant expiresAt;
    private final OutboxState state;
    private final @Nullable String leaseOwner;
    private final @Nullable Instant leaseUntil;
    private final @Nullable Instant slotAt;
    private final @Nullable String messageId;
    private final @Nullable String twilioSid;
    private final @Nullable ErrorCode problem;
    private final @Nullable Integer twilioErrorCode;
    private final int attempts;
    private final long version;
    private final Instant createdAt;
    private final Instant updatedAt;

    private ScheduledMessage(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.tenantId = Objects.requireNonNull(b.tenantId, "tenantId");
        this.clientKey = Objects.requireNonNull(b.clientKey, "clientKey");
        this.to = Objects.requireNonNull(b.to, "to");
        this.from = b.from;
        this.messagingServiceSid = b.messagingServiceSid;
        this.sender = Objects.requireNonNull(b.sender, "sender");
        this.body = Objects.requireNonNull(b.body, "body");
        this.segments = b.segments;
        this.sentBy = b.sentBy;
        this.urgent = b.urgent;
        this.sendAt = Objects.requireNonNull(b.sendAt, "sendAt");
        this.dueAt = Objects.requireNonNull(b.dueAt, "dueAt");
        this.heldForQuietHours = b.heldForQuietHours;
        this.expiresAt = b.expiresAt;
        this.state = Objects.requireNonNull(b.state, "state");
        this.leaseOwner = b.leaseOwner;
        this.leaseUntil = b.leaseUntil;
        this.slotAt = b.slotAt;
        this.messageId = b.messageId;
        this.twilioSid = b.twilioSid;
        this.problem = b.problem;
        this.twilioErrorCode = b.twilioErrorCode;
        this.attempts = b.attempts;
        this.version = b.version;
        this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(b.updatedAt, "updatedAt");
    }

    /**
     * Starts a message; every value without a default must be set.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this message's values} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.tenantId = tenantId;
        b.clientKey = clientKey;
        b.to = to;
        b.from = from;
        b.messagingServiceSid = messagingServiceSid;
        b.sender = sender;
        b.body = body;
        b.segments = segments;
        b.sentBy = sentBy;
        b.urgent = urgent;
        b.sendAt = sendAt;
        b.dueAt = dueAt;
        b.heldForQuietHours = heldForQuietHours;
        b.expiresAt = expiresAt;
        b.state = state;
        b.leaseOwner = leaseOwner;
        b.leaseUntil = leaseUntil;
        b.slotAt = slotAt;
        b.messageId = messageId;
        b.twilioSid = twilioSid;
        b.problem = problem;
        b.twilioErrorCode = twilioErrorCode;
        b.attempts = attempts;
        b.version = version;
        b.createdAt = createdAt;
        b.updatedAt = updatedAt;
        return b;
    }

    /** {@return the outbox's id of the message} */
    public String id() {
        return id;
    }

    /** {@return the tenant} */
    public TenantId tenantId() {
        return tenantId;
    }

    /** {@return the caller's key, unique within the tenant} */
    public String clientKey() {
        return clientKey;
    }

    /** {@return the recipient, in E.164} */
    public PhoneNumber to() {
        return to;
    }

    /** {@return the tenant's number it is sent from; empty if none} */
    public Optional<PhoneNumber> from() {
        return Optional.ofNullable(from);
    }

    /** {@return the Messaging Service it is sent through; empty if none} */
    public Optional<String> messagingServiceSid() {
        return Optional.ofNullable(messagingServiceSid);
    }

    /** {@return the key its pace is kept under: the sending number in E.164, or the Messaging Service's SID} */
    public String sender() {
        return sender;
    }

    /** {@return the text; never logged} */
    public String body() {
        return body;
    }

    /** {@return how many SMS segments the text takes, the units of pacing} */
    public int segments() {
        return segments;
    }

    /** {@return who scheduled it (a staff user's name or id); empty if none} */
    public Optional<String> sentBy() {
        return Optional.ofNullable(sentBy);
    }

    /** {@return whether it goes out even past the tenant's quota} */
    public boolean isUrgent() {
        return urgent;
    }

    /** {@return the time it was scheduled for (the time it was scheduled, for "as soon as allowed")} */
    public Instant sendAt() {
        return sendAt;
    }

    /** {@return when it may leave: its time, moved out of the recipient's quiet hours or back after throttling} */
    public Instant dueAt() {
        return dueAt;
    }

    /** {@return whether it waits for the end of the recipient's quiet hours} */
    public boolean isHeldForQuietHours() {
        return heldForQuietHours;
    }

    /** {@return when it stops being useful; empty if none} */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /** {@return where it stands} */
    public OutboxState state() {
        return state;
    }

    /** {@return the instance that claimed it; empty if none} */
    public Optional<String> leaseOwner() {
        return Optional.ofNullable(leaseOwner);
    }

    /** {@return until when the claim holds; after it, another instance resolves the message; empty if none} */
    public Optional<Instant> leaseUntil() {
        return Optional.ofNullable(leaseUntil);
    }

    /** {@return the moment its sender's pace lets it leave; empty if none} */
    public Optional<Instant> slotAt() {
        return Optional.ofNullable(slotAt);
    }

    /** {@return the id of its message in the conversation, set when it is claimed; empty if none} */
    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    /** {@return Twilio's SID of the sent message; empty if none} */
    public Optional<String> twilioSid() {
        return Optional.ofNullable(twilioSid);
    }

    /** {@return why it failed or expired; empty if none} */
    public Optional<ErrorCode> problem() {
        return Optional.ofNullable(problem);
    }

    /** {@return Twilio's error code, when Twilio refused it; empty if none} */
    public OptionalInt twilioErrorCode() {
        return twilioErrorCode == null ? OptionalInt.empty() : OptionalInt.of(twilioErrorCode);
    }

    /** {@return how many times it was claimed} */
    public int attempts() {
        return attempts;
    }

    /** {@return the version of the stored row, for compare-and-set} */
    public long version() {
        return version;
    }

    /** {@return when it was scheduled} */
    public Instant createdAt() {
        return createdAt;
    }

    /** {@return when it last changed} */
    public Instant updatedAt() {
        return updatedAt;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ScheduledMessage that)) {
            return false;
        }
        return Objects.equals(id, that.id)
                && Objects.equals(tenantId, that.tenantId)
                && Objects.equals(clientKey, that.clientKey)
                && Objects.equals(to, that.to)
                && Objects.equals(from, that.from)
                && Objects.equals(messagingServiceSid, that.messagingServiceSid)
                && Objects.equals(sender, that.sender)
                && Objects.equals(body, that.body)
                && segments == that.segments
                && Objects.equals(sentBy, that.sentBy)
                && urgent == that.urgent
                && Objects.equals(sendAt, that.sendAt)
                && Objects.equals(dueAt, that.dueAt)
                && heldForQuietHours == that.heldForQuietHours
                && Objects.equals(expiresAt, that.expiresAt)
                && Objects.equals(state, that.state)
                && Objects.equals(leaseOwner, that.leaseOwner)
                && Objects.equals(leaseUntil, that.leaseUntil)
                && Objects.equals(slotAt, that.slotAt)
                && Objects.equals(messageId, that.messageId)
                && Objects.equals(twilioSid, that.twilioSid)
                && Objects.equals(problem, that.problem)
                && Objects.equals(twilioErrorCode, that.twilioErrorCode)
                && attempts == that.attempts
                && version == that.version
                && Objects.equals(createdAt, that.createdAt)
                && Objects.equals(updatedAt, that.updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, tenantId, version, state);
    }

    @Override
    public String toString() {
        return "ScheduledMessage[" + id + ", " + tenantId + ", " + state + ", to " + to.masked() + ", due " + dueAt
                + (problem == null ? "" : ", " + problem) + ", v" + version + "]";
    }

    /** Builds a {@link ScheduledMessage}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable TenantId tenantId;
        private @Nullable String clientKey;
        private @Nullable PhoneNumber to;
        private @Nullable PhoneNumber from;
        private @Nullable String messagingServiceSid;
        private @Nullable String sender;
        private @Nullable String body;
        private int segments = 1;
        private @Nullable String sentBy;
        private boolean urgent;
        private @Nullable Instant sendAt;
        private @Nullable Instant dueAt;
        private boolean heldForQuietHours;
        private @Nullable Instant expiresAt;
        private OutboxState state = OutboxState.SCHEDULED;
        private @Nullable String leaseOwner;
        private @Nullable Instant leaseUntil;
        private @Nullable Instant slotAt;
        private @Nullable String messageId;
        private @Nullable String twilioSid;
        private @Nullable ErrorCode problem;
        private @Nullable Integer twilioErrorCode;
        private int attempts;
        private long version;
        private @Nullable Instant createdAt;
        private @Nullable Instant updatedAt;

        private Builder() {}

        /**
         * Sets the outbox's id of the message.
         * @param id the value
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * Sets the tenant.
         * @param tenantId the value
         * @return this builder
         */
        public Builder tenantId(TenantId tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        /**
         * Sets the caller's key, unique within the tenant.
         * @param clientKey the value
         * @return this builder
         */
        public Builder clientKey(String clientKey) {
            this.clientKey = clientKey;
            return this;
        }

        /**
         * Sets the recipient, in E.164.
         * @param to the value
         * @return this builder
         */
        public Builder to(PhoneNumber to) {
            this.to = to;
            return this;
        }

        /**
         * Sets the tenant's number it is sent from.
         * @param from the value; {@code null}: none
         * @return this builder
         */
        public Builder from(@Nullable PhoneNumber from) {
            this.from = from;
            return this;
        }

        /**
         * Sets the Messaging Service it is sent through.
         * @param messagingServiceSid the value; {@code null}: none
         * @return this builder
         */
        public Builder messagingServiceSid(@Nullable String messagingServiceSid) {
            this.messagingServiceSid = messagingServiceSid;
            return this;
        }

        /**
         * Sets the key its pace is kept under: the sending number in E.164, or the Messaging Service's SID.
         * @param sender the value
         * @return this builder
         */
        public Builder sender(String sender) {
            this.sender = sender;
            return this;
        }

        /**
         * Sets the text; never logged.
         * @param body the value
         * @return this builder
         */
        public Builder body(String body) {
            this.body = body;
            return this;
        }

        /**
         * Sets how many SMS segments the text takes, the units of pacing.
         * @param segments the value
         * @return this builder
         */
        public Builder segments(int segments) {
            this.segments = segments;
            return this;
        }

        /**
         * Sets who scheduled it (a staff user's name or id).
         * @param sentBy the value; {@code null}: none
         * @return this builder
         */
        public Builder sentBy(@Nullable String sentBy) {
            this.sentBy = sentBy;
            return this;
        }

        /**
         * Sets whether it goes out even past the tenant's quota.
         * @param urgent the value
         * @return this builder
         */
        public Builder urgent(boolean urgent) {
            this.urgent = urgent;
            return this;
        }

        /**
         * Sets the time it was scheduled for (the time it was scheduled, for "as soon as allowed").
         * @param sendAt the value
         * @return this builder
         */
        public Builder sendAt(Instant sendAt) {
            this.sendAt = sendAt;
            return this;
        }

        /**
         * Sets when it may leave: its time, moved out of the recipient's quiet hours or back after throttling.
         * @param dueAt the value
         * @return this builder
         */
        public Builder dueAt(Instant dueAt) {
            this.dueAt = dueAt;
            return this;
        }

        /**
         * Sets whether it waits for the end of the recipient's quiet hours.
         * @param heldForQuietHours the value
         * @return this builder
         */
        public Builder heldForQuietHours(boolean heldForQuietHours) {
            this.heldForQuietHours = heldForQuietHours;
            return this;
        }

        /**
         * Sets when it stops being useful.
         * @param expiresAt the value; {@code null}: none
         * @return this builder
         */
        public Builder expiresAt(@Nullable Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        /**
         * Sets where it stands.
         * @param state the value
         * @return this builder
         */
        public Builder state(OutboxState state) {
            this.state = state;
            return this;
        }

        /**
         * Sets the instance that claimed it.
         * @param leaseOwner the value; {@code null}: none
         * @return this builder
         */
        public Builder leaseOwner(@Nullable String leaseOwner) {
            this.leaseOwner = leaseOwner;
            return this;
        }

        /**
         * Sets until when the claim holds; after it, another instance resolves the message.
         * @param leaseUntil the value; {@code null}: none
         * @return this builder
         */
        public Builder leaseUntil(@Nullable Instant leaseUntil) {
            this.leaseUntil = leaseUntil;
            return this;
        }

        /**
         * Sets the moment its sender's pace lets it leave.
         * @param slotAt the value; {@code null}: none
         * @return this builder
         */
        public Builder slotAt(@Nullable Instant slotAt) {
            this.slotAt = slotAt;
            return this;
        }

        /**
         * Sets the id of its message in the conversation, set when it is claimed.
         * @param messageId the value; {@code null}: none
         * @return this builder
         */
        public Builder messageId(@Nullable String messageId) {
            this.messageId = messageId;
            return this;
        }

        /**
         * Sets Twilio's SID of the sent message.
         * @param twilioSid the value; {@code null}: none
         * @return this builder
         */
        public Builder twilioSid(@Nullable String twilioSid) {
            this.twilioSid = twilioSid;
            return this;
        }

        /**
         * Sets why it failed or expired.
         * @param problem the value; {@code null}: none
         * @return this builder
         */
        public Builder problem(@Nullable ErrorCode problem) {
            this.problem = problem;
            return this;
        }

        /**
         * Sets Twilio's error code, when Twilio refused it.
         * @param twilioErrorCode the value; {@code null}: none
         * @return this builder
         */
        public Builder twilioErrorCode(@Nullable Integer twilioErrorCode) {
            this.twilioErrorCode = twilioErrorCode;
            return this;
        }

        /**
         * Sets how many times it was claimed.
         * @param attempts the value
         * @return this builder
         */
        public Builder attempts(int attempts) {
            this.attempts = attempts;
            return this;
        }

        /**
         * Sets the version of the stored row, for compare-and-set.
         * @param version the value
         * @return this builder
         */
        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /**
         * Sets when it was scheduled.
         * @param createdAt the value
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /**
         * Sets when it last changed.
         * @param updatedAt the value
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
         * @throws NullPointerException when a required value is missing
         */
        public ScheduledMessage build() {
            return new ScheduledMessage(this);
        }
    }
}
