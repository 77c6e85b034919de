package io.tenanttwilio.internal.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenanttwilio.inbound.Keyword;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OptOutWordingTest {

    @ParameterizedTest(name = "opt-out: {0}")
    @ValueSource(
            strings = {
                // English
                "Please stop texting me",
                "stop sending me messages",
                "unsubscribe me",
                "opt me out",
                "remove me from your list",
                "don't text me anymore",
                "Don’t text me anymore!",
                "no more texts",
                "I want to revoke consent",
                "STOP please",
                "please stop",
                "Stop, thank you.",
                "stop now!!",
                "STOP ALL",
                "Stop it",
                "stop all messages",
                "Stop texting",
                "Stop messaging me please",
                "Please remove me from your mailing list",
                "Take me off your list",
                "Do not contact me again",
                "Please don't message me again",
                "I no longer want to receive texts",
                "I don't want these messages",
                "How do I unsubscribe?",
                "opt out please",
                "Opt-out",
                "I'd like to unsubscribe",
                "Cancel all messages",
                "stop the reminders",
                "Leave me alone",
                "I withdraw my consent",
                "Please stop contacting me, I moved to another clinic",
                "Why won't you stop texting me",
                "If you don't stop texting me I will report you",
                "I have asked you many times already and I am asking again, please stop texting me now",
                "This is my third request this month and I would really like you to remove my number from your"
                        + " contact list",
                "unsubscribe please 🙏",
                // French
                "Arrêtez de m'envoyer des messages",
                "ne m'écrivez plus",
                "désabonnez-moi",
                "retirez-moi de la liste",
                "je ne veux plus recevoir de textos",
                "stop svp",
                "arrêt merci",
                "ARRÊT s'il vous plaît",
                "STOP s’il vous plaît",
                "Arrête de me texter",
                "Merci de ne plus m'écrire",
                "Je souhaite me désabonner",
                "Comment me désabonner ?",
                "Plus de messages svp",
                "Arrêtez les textos",
                "Stop aux messages",
                "Je retire mon consentement",
                "Ne m'envoyez plus de rappels",
                "Enlevez mon numéro de votre liste",
                "Laissez-moi tranquille",
                "Je ne veux plus de vos messages",
                "Veuillez me désinscrire",
                "Retirez-moi de la liste de diffusion",
                "Cessez de me contacter",
                "Bonjour, j'ai déjà demandé à plusieurs reprises à la clinique : arrêtez de m'envoyer des textos"
                        + " s'il vous plaît"
            })
    void anOptOutInOrdinaryWords(String body) {
        assertThat(InboundMessages.keyword(body, null)).isEqualTo(Keyword.OPT_OUT);
    }

    @ParameterizedTest(name = "not an opt-out: {0}")
    @ValueSource(
            strings = {
                // English
                "Can you stop by at 3?",
                "I need to cancel my appointment",
                "Don't stop",
                "the bus didn't stop",
                "end of the day works",
                "Should I stop taking my medication?",
                "Please cancel my appointment for Tuesday",
                "I'll stop by the pharmacy after work",
                "Yes, see you then",
                "Can I end my session early?",
                "Please don't unsubscribe me, I like the reminders",
                "I don't want to opt out",
                "How do I stop the bleeding after the extraction?",
                "Remove me from the waiting list please",
                "Remove me from the list for flu shots",
                "Please take me off the waitlist, I found another slot",
                "Don't send me the form, I'll pick it up",
                "I quit smoking last month!",
                "The reminders are great, keep them coming",
                "When does the clinic stop taking walk-ins?",
                "Please text me the address",
                "Stop by anytime",
                "I want to cancel and reschedule",
                "Don't stop the reminders please",
                "My husband wants to unsubscribe but I want to keep getting the reminders on this phone, thanks",
                // French
                "Je dois annuler mon rendez-vous",
                "Quelle est la fin de la journée ?",
                "Est-ce que je dois arrêter mon médicament ?",
                "Le bus ne s'arrête pas devant la clinique",
                "Je vais arrêter à la pharmacie",
                "N'arrêtez pas de m'envoyer des rappels, c'est pratique",
                "Retirez-moi de la liste d'attente, j'ai trouvé une place",
                "Envoyez-moi le formulaire svp",
                "Je ne veux pas me désabonner",
                "Pouvez-vous m'écrire plus tard ?",
                "Merci, à demain !",
                "J'arrive à la fin de ma journée de travail",
                "Annulez mon rendez-vous de mardi svp",
                "Je voudrais déplacer mon rendez-vous",
                "Ne me rappelez pas avant 10 h",
                "Ne me désabonnez pas",
                "Retirez-moi de la liste pour le vaccin",
                "Je veux arrêter de fumer"
            })
    void notAnOptOut(String body) {
        assertThat(InboundMessages.keyword(body, null)).isNotEqualTo(Keyword.OPT_OUT);
    }

    @Test
    void aLongMessageNeedsAnExplicitPhrase() {
        String looser = "no more texts";
        String padding = " about the appointment that my daughter had at your clinic last week";

        assertThat(OptOutWording.isOptOut(looser)).isTrue();
        assertThat(OptOutWording.isOptOut(looser + padding)).isFalse();
        assertThat(OptOutWording.isOptOut("please stop texting me" + padding)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Don’t text me!!            | do not text me
            Désabonnez-moi.            | desabonnez moi
            Arrêtez de m'envoyer ça    | arretez de m envoyer ca
            I can't; won't             | i can not will not
            Opt-out please             | optout please
            """)
    void normalization(String body, String normalized) {
        assertThat(OptOutWording.normalize(body)).isEqualTo(normalized);
    }
}
