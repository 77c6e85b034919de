package io.tenanttwilio.messaging;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.phone.PhoneNumber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A message to send: the recipient as typed (normalized with the tenant's region), the text and
 * media, and optionally the sending number or Messaging Service and who sends it.
 *
 * <pre>{@code
 * client.sendSms(SmsRequest.to("(581) 500-6712").body("Votre rendez-vous est demain à 9 h.").sentBy("marie").build());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class SmsRequest {

    /** The longest body Twilio accepts, in characters (UTF-16 code units). */
    public static final int MAX_BODY_LENGTH = 1600;

    /** The longest validity Twilio accepts, in seconds (10 hours). */
    public static final int MAX_VALIDITY_SECONDS = 36_000;

    private final String to;
    private final String body;
    private final List<MediaItem> media;
    private final @Nullable PhoneNumber from;
    private final @Nullable String messagingServiceSid;
    private final @Nullable String sentBy;
    private final boolean urgent;
    private final @Nullable Duration validity;

    private SmsRequest(Builder b) {
        this.to = b.to;
        this.body = b.body;
        this.media = List.copyOf(b.media);
        this.from = b.from;
        this.messagingServiceSid = b.messagingServiceSid;
        this.sentBy = b.sentBy;
        this.urgent = b.urgent;
        this.validity = b.validity;
    }

    /**
     * Starts a message to {@code recipient}, as typed. The number is read when the message is
     * sent, in the region of the {@link io.tenanttwilio.TenantTwilio}; an invalid one fails the
     * send with {@link ErrorCode#INVALID_PHONE_NUMBER}.
     *
     * @param recipient the recipient's number, as typed ({@code "(581) 500-6712"}) or in E.164
     * @return a builder
     */
    public static Builder to(String recipient) {
        return new Builder(recipient);
    }

    /** {@return the recipient as given, not normalized} */
    public String recipient() {
        return to;
    }

    /** {@return the text of the message; empty for media only} */
    public String body() {
        return body;
    }

    /** {@return the media Twilio attaches (an MMS), unmodifiable; empty for a plain SMS} */
    public List<MediaItem> media() {
        return media;
    }

    /** {@return the tenant's number to send from; empty: its default number} */
    public Optional<PhoneNumber> from() {
        return Optional.ofNullable(from);
    }

    /** {@return the SID of a Messaging Service of the tenant to send through; empty: none} */
    public Optional<String> messagingServiceSid() {
        return Optional.ofNullable(messagingServiceSid);
    }

    /**
     * {@return who sends it (a staff user's name or id), recorded on the message; empty if not
     * said}
     */
    public Optional<String> sentBy() {
        return Optional.ofNullable(sentBy);
    }

    /**
     * {@return whether the message goes out even past the tenant's SMS quota (audited and
     * alerted)}
     */
    public boolean isUrgent() {
        return urgent;
    }

    /**
     * {@return how long Twilio may keep the message in its queue before dropping it (its {@code
     * ValidityPeriod}, error 30036); empty: Twilio's default of 10 hours}
     */
    public Optional<Duration> validity() {
        return Optional.ofNullable(validity);
    }

    /** {@return a builder holding this request's values} */
    public Builder toBuilder() {
        Builder b = new Builder(to);
        b.body = body;
        b.media.addAll(media);
        b.from = from;
        b.messagingServiceSid = messagingServiceSid;
        b.sentBy = sentBy;
        b.urgent = urgent;
        b.validity = validity;
        return b;
    }

    @Override
    public String toString() {
        return "SmsRequest[media=" + media.size() + (from == null ? "" : ", from=" + from.masked())
                + (urgent ? ", urgent" : "") + "]";
    }

    /** Builds an {@link SmsRequest}. Not thread-safe. */
    public static final class Builder {
        private final String to;
        private String body = "";
        private final List<MediaItem> media = new ArrayList<>();
        private @Nullable PhoneNumber from;
        private @Nullable String messagingServiceSid;
        private @Nullable String sentBy;
        private boolean urgent;
        private @Nullable Duration validity;

        private Builder(String to) {
            this.to = Objects.requireNonNull(to, "to");
        }

        /**
         * The text of the message (empty unless set).
         *
         * @param body the text, up to {@value #MAX_BODY_LENGTH} characters
         * @return this builder
         */
        public Builder body(String body) {
            this.body = Objects.requireNonNull(body, "body");
            return this;
        }

        /**
         * Adds a media item by its public URL, which Twilio downloads to send an MMS; up to 10.
         *
         * @param url a URL Twilio can fetch without credentials
         * @param contentType its MIME type ({@code image/jpeg})
         * @return this builder
         */
        public Builder media(String url, String contentType) {
            media.add(MediaItem.of(url, contentType));
            return this;
        }

        /**
         * The tenant's number to send from, and the one the conversation is on; its default number
         * (the oldest active one) unless set. A number the tenant does not have fails the send
         * with {@link ErrorCode#NO_SENDER}.
         *
         * @param from one of the tenant's numbers; {@code null}: the default
         * @return this builder
         */
        public Builder from(@Nullable PhoneNumber from) {
            this.from = from;
            return this;
        }

        /**
         * Sends through this Messaging Service of the tenant rather than from the number itself;
         * the conversation stays on the {@linkplain #from(PhoneNumber) sending number}. A service
         * not registered for the tenant fails the send with {@link ErrorCode#NO_SENDER}.
         *
         * @param sid the service's SID ({@code MG…}); {@code null}: none
         * @return this builder
         */
        public Builder messagingServiceSid(@Nullable String sid) {
            this.messagingServiceSid = sid;
            return this;
        }

        /**
         * Who sends it, recorded on the message and in the audit trail of a quota override.
         *
         * @param sentBy a staff user's name or id; {@code null}: not said
         * @return this builder
         */
        public Builder sentBy(@Nullable String sentBy) {
            this.sentBy = sentBy;
            return this;
        }

        /**
         * Sends even when the tenant's SMS quota is used up (a cancelled appointment an hour
         * before): the quota counts it anyway, and the override is audited and alerted. Only the
         * application decides this, never by default.
         *
         * @param urgent whether to send past the quota
         * @return this builder
         */
        public Builder urgent(boolean urgent) {
            this.urgent = urgent;
            return this;
        }

        /**
         * How long Twilio may keep the message in its queue before dropping it unsent (error
         * 30036): a reminder that would arrive after its appointment is better not sent. Between
         * 1 second and 10 hours; rounded up to whole seconds.
         *
         * @param validity the time; {@code null}: Twilio's default (10 hours)
         * @return this builder
         */
        public Builder validFor(@Nullable Duration validity) {
            this.validity = validity;
            return this;
        }

        /**
         * The request.
         *
         * @return the request
         * @throws TenantTwilioException {@link ErrorCode#INVALID_MESSAGE} for an empty message (a
         *     blank body without media), a body over {@value #MAX_BODY_LENGTH} characters or more
         *     than 10 media
         */
        public SmsRequest build() {
            if (body.isBlank() && media.isEmpty()) {
                throw Problems.builder(ErrorCode.INVALID_MESSAGE)
                        .detail("message.empty")
                        .build();
            }
            if (body.length() > MAX_BODY_LENGTH) {
                throw Problems.builder(ErrorCode.INVALID_MESSAGE)
                        .detail("message.too-long", MAX_BODY_LENGTH, body.length())
                        .build();
            }
            if (validity != null
                    && (validity.compareTo(Duration.ofSeconds(1)) < 0
                            || validity.compareTo(Duration.ofSeconds(MAX_VALIDITY_SECONDS)) > 0)) {
                throw Problems.builder(ErrorCode.INVALID_MESSAGE)
                        .detail("message.validity", 1, MAX_VALIDITY_SECONDS)
                        .build();
            }
            if (media.size() > 10) {
                throw Problems.builder(ErrorCode.INVALID_MESSAGE)
                        .detail("message.too-much-media", 10)
                        .build();
            }
            return new SmsRequest(this);
        }
    }
}
