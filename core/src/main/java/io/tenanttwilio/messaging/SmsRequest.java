package io.tenanttwilio.messaging;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.phone.PhoneNumber;
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

    /** The longest body Twilio accepts. */
    public static final int MAX_BODY_LENGTH = 1600;

    private final String to;
    private final String body;
    private final List<MediaItem> media;
    private final @Nullable PhoneNumber from;
    private final @Nullable String messagingServiceSid;
    private final @Nullable String sentBy;
    private final boolean urgent;

    private SmsRequest(Builder b) {
        this.to = b.to;
        this.body = b.body;
        this.media = List.copyOf(b.media);
        this.from = b.from;
        this.messagingServiceSid = b.messagingServiceSid;
        this.sentBy = b.sentBy;
        this.urgent = b.urgent;
    }

    /** Starts a message to {@code recipient}, as typed. */
    public static Builder to(String recipient) {
        return new Builder(recipient);
    }

    /** The recipient as given. */
    public String recipient() {
        return to;
    }

    public String body() {
        return body;
    }

    public List<MediaItem> media() {
        return media;
    }

    /** The tenant's number to send from; its default number otherwise. */
    public Optional<PhoneNumber> from() {
        return Optional.ofNullable(from);
    }

    /** A Messaging Service of the tenant to send through, instead of a number. */
    public Optional<String> messagingServiceSid() {
        return Optional.ofNullable(messagingServiceSid);
    }

    public Optional<String> sentBy() {
        return Optional.ofNullable(sentBy);
    }

    /** Whether the message goes out even past the tenant's SMS quota (audited and alerted). */
    public boolean isUrgent() {
        return urgent;
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

        private Builder(String to) {
            this.to = Objects.requireNonNull(to, "to");
        }

        public Builder body(String body) {
            this.body = Objects.requireNonNull(body, "body");
            return this;
        }

        /** Adds a media item by its public URL (an MMS). */
        public Builder media(String url, String contentType) {
            media.add(new MediaItem(url, contentType));
            return this;
        }

        public Builder from(@Nullable PhoneNumber from) {
            this.from = from;
            return this;
        }

        public Builder messagingServiceSid(@Nullable String sid) {
            this.messagingServiceSid = sid;
            return this;
        }

        public Builder sentBy(@Nullable String sentBy) {
            this.sentBy = sentBy;
            return this;
        }

        /**
         * Sends even when the tenant's SMS quota is used up (a cancelled appointment an hour
         * before): the quota counts it anyway, and the override is audited and alerted. Only the
         * application decides this, never by default.
         */
        public Builder urgent(boolean urgent) {
            this.urgent = urgent;
            return this;
        }

        /**
         * The request.
         *
         * @throws TenantTwilioException {@link ErrorCode#INVALID_MESSAGE} for an empty message or a
         *     body over {@value #MAX_BODY_LENGTH} characters
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
            if (media.size() > 10) {
                throw Problems.builder(ErrorCode.INVALID_MESSAGE)
                        .detail("message.too-much-media", 10)
                        .build();
            }
            return new SmsRequest(this);
        }
    }
}
