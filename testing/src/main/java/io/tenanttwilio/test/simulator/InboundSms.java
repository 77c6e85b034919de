package io.tenanttwilio.test.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Describes an inbound SMS or MMS, then {@linkplain #send() sends} it; see {@link
 * TwilioSimulator#sendInboundSms(String, String, String)}. Not thread-safe.
 */
public final class InboundSms {

    private final TwilioSimulator simulator;
    private String from = "";
    private String to = "";
    private String body = "";
    private final List<String> mediaUrls = new ArrayList<>();
    private final List<String> mediaTypes = new ArrayList<>();
    private final List<byte[]> hostedContent = new ArrayList<>();
    private final List<String> hostedTypes = new ArrayList<>();

    InboundSms(TwilioSimulator simulator) {
        this.simulator = simulator;
    }

    /**
     * The sender, E.164.
     *
     * @param from the sender's number, E.164
     * @return this description
     */
    public InboundSms from(String from) {
        this.from = Objects.requireNonNull(from);
        return this;
    }

    /**
     * The simulated number that receives it, E.164.
     *
     * @param to the receiving number, E.164; one the simulator sold
     * @return this description
     */
    public InboundSms to(String to) {
        this.to = Objects.requireNonNull(to);
        return this;
    }

    /**
     * The text.
     *
     * @param body the message text
     * @return this description
     */
    public InboundSms body(String body) {
        this.body = Objects.requireNonNull(body);
        return this;
    }

    /**
     * Adds a media item (an MMS).
     *
     * @param url the media's URL, sent as is in {@code MediaUrlN}
     * @param contentType its MIME type, such as {@code image/jpeg}
     * @return this description
     */
    public InboundSms media(String url, String contentType) {
        mediaUrls.add(Objects.requireNonNull(url));
        mediaTypes.add(Objects.requireNonNull(contentType));
        return this;
    }

    /**
     * Adds a media file the simulator keeps itself: its URL is a Twilio media URL that answers,
     * with the account's credentials, a redirect to storage that serves {@code content}.
     *
     * @param content the file's bytes
     * @param contentType its MIME type, such as {@code image/jpeg}
     * @return this description
     */
    public InboundSms media(byte[] content, String contentType) {
        hostedContent.add(content.clone());
        hostedTypes.add(Objects.requireNonNull(contentType));
        return this;
    }

    /**
     * Posts the webhook and returns what happened.
     *
     * @return the delivery, with the answer the webhook got
     */
    public WebhookDelivery send() {
        if (from.isEmpty() || to.isEmpty()) {
            throw new IllegalStateException("An inbound message needs from() and to()");
        }
        return simulator.deliverInbound(from, to, body, mediaUrls, mediaTypes, hostedContent, hostedTypes);
    }
}
