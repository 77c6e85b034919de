package io.tenanttwilio.internal.inbound;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Message;
import io.tenanttwilio.inbound.WebhookResponse;

/** The TwiML that answers Twilio's webhooks, written by twilio-java. */
final class TwimlReplies {

    /** The empty answer: nearly every webhook gets it, so it is rendered once. */
    static final WebhookResponse EMPTY =
            WebhookResponse.twiml(new MessagingResponse.Builder().build().toXml());

    private TwimlReplies() {}

    /** An answer that sends {@code text} back to the sender of an inbound message. */
    static WebhookResponse message(String text) {
        return WebhookResponse.twiml(new MessagingResponse.Builder()
                .message(new Message.Builder(xmlText(text)).build())
                .build()
                .toXml());
    }

    /**
     * The text without what XML 1.0 cannot carry: control characters other than tab, line feed and
     * carriage return are left out, and a lone surrogate becomes {@code ?} (as encoding it to UTF-8
     * would make it); twilio-java would otherwise write an invalid document, or fail.
     */
    static String xmlText(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                out.append('?'); // only a lone surrogate is a code point of its own
            } else if (c >= 0x20 || c == '\n' || c == '\r' || c == '\t') {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
