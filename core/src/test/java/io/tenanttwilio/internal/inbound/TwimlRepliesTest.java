package io.tenanttwilio.internal.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.inbound.WebhookResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

class TwimlRepliesTest {

    @Test
    void theEmptyAnswerIsThePublishedEmptyTwiml() {
        assertThat(TwimlReplies.EMPTY.status()).isEqualTo(200);
        assertThat(TwimlReplies.EMPTY.contentType()).startsWith("text/xml");
        assertThat(TwimlReplies.EMPTY.body()).isEqualTo(WebhookResponse.EMPTY_TWIML);
    }

    @Test
    void aReplyIsAnEscapedMessage() {
        WebhookResponse reply = TwimlReplies.message("Ouvert de 8 h à 17 h <lun-ven> & sam");

        assertThat(reply.contentType()).startsWith("text/xml");
        assertThat(reply.body())
                .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>"
                        + "Ouvert de 8 h à 17 h &lt;lun-ven&gt; &amp; sam</Message></Response>");
    }

    @Test
    void aReplyLeavesOutWhatXmlCannotCarry() throws Exception {
        String text = "a\u0001b\u0000c\td\ne \uD83D\uDE00 f\uD800g";

        String body = TwimlReplies.message(text).body();

        String parsed = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement()
                .getTextContent();
        assertThat(parsed).isEqualTo("abc\td\ne \uD83D\uDE00 f?g");
    }
}
