package io.tenanttwilio.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebhookResponseTest {

    @Test
    void theFactoriesAndTheBuilderMakeEqualValues() {
        WebhookResponse built = WebhookResponse.builder()
                .status(403)
                .contentType("text/plain; charset=UTF-8")
                .body("Forbidden")
                .build();

        assertThat(built).isEqualTo(WebhookResponse.text(403, "Forbidden"));
        assertThat(built.hashCode())
                .isEqualTo(WebhookResponse.text(403, "Forbidden").hashCode());
        assertThat(WebhookResponse.twiml(WebhookResponse.EMPTY_TWIML).status()).isEqualTo(200);
    }

    @Test
    void toStringLeavesTheBodyOut() {
        WebhookResponse reply =
                WebhookResponse.twiml("<Response><Message>Your appointment is at 9</Message></Response>");

        assertThat(reply.toString()).contains("200").contains("text/xml").doesNotContain("appointment");
    }

    @Test
    void refusesWhatIsNotAnHttpStatusOrHasNoContentType() {
        assertThatThrownBy(() -> WebhookResponse.text(0, "zero")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookResponse.builder().body("x").build()).isInstanceOf(NullPointerException.class);
    }
}
