package io.tenanttwilio.internal.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenanttwilio.inbound.Keyword;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookParsingTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            STOP          | OPT_OUT
            stop          | OPT_OUT
            ' Stop. '     | OPT_OUT
            STOPALL       | OPT_OUT
            unsubscribe   | OPT_OUT
            Cancel        | OPT_OUT
            END           | OPT_OUT
            quit          | OPT_OUT
            REVOKE        | OPT_OUT
            optout        | OPT_OUT
            ARRET         | OPT_OUT
            arrêt         | OPT_OUT
            Arrête        | OPT_OUT
            ARRÊT!        | OPT_OUT
            START         | OPT_IN
            yes           | OPT_IN
            Unstop        | OPT_IN
            HELP          | HELP
            aide          | HELP
            Info          | HELP
            """)
    void recognisesSingleWordKeywordsInAnyCaseAndWithoutAccents(String body, Keyword expected) {
        assertThat(InboundMessages.keyword(body, null)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stopp", "", "arrêtez", "Je veux arrêter", "help me please", "START again"})
    void ignoresAnythingButASingleKeyword(String body) {
        assertThat(InboundMessages.keyword(body, null)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"STOP, bonjour, OPT_OUT", "START, STOP, OPT_IN", "HELP, x, HELP"})
    void honoursTwiliosOptOutType(String type, String body, Keyword expected) {
        assertThat(InboundMessages.keyword(body, type)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void parsesRepeatedNamesAndEncodedUtf8() throws Exception {
        Map<String, List<String>> params =
                WebhookForm.parseForm("Body=%C3%A9t%C3%A9+ici&MediaUrl=a&MediaUrl=b&Empty=&Flag");

        assertThat(params)
                .containsEntry("Body", List.of("été ici"))
                .containsEntry("MediaUrl", List.of("a", "b"))
                .containsEntry("Empty", List.of(""))
                .containsEntry("Flag", List.of(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Body=%ZZ", "Body=%C3", "Body=%C3%28", "=value"})
    void refusesMalformedEncoding(String form) {
        assertThatThrownBy(() -> WebhookForm.parseForm(form)).hasMessageNotContaining("Body=");
    }
}
