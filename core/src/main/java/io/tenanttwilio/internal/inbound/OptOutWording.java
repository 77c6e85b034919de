package io.tenanttwilio.internal.inbound;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognizes an opt-out written in ordinary words, in English or French ("Please stop texting
 * me", "ne m'écrivez plus"): since April 2025 the FCC has any reasonable means of revoking consent
 * honoured, not only the keywords. Single-word keywords are recognized by {@link
 * InboundMessages#keyword}; this class answers for messages of more than one word, including
 * words joined by punctuation ("désabonnez-moi", "opt-out").
 *
 * <p>How a message is read:
 *
 * <ol>
 *   <li>It is normalized: accents removed, lower case, English contractions spelled out ({@code
 *       don't} becomes {@code do not}), then every character that is neither a letter nor a digit
 *       becomes a space ({@code m'envoyer} reads {@code m envoyer}, {@code désabonnez-moi} reads
 *       {@code desabonnez moi}); {@code opt-out} and {@code opt out} read {@code optout}.
 *   <li>A message that says not to stop ("don't stop", "N'arrêtez pas", "ne me désabonnez pas",
 *       "I don't want to unsubscribe") is never an opt-out, whatever else it says.
 *   <li>Explicit phrases, each of which names the person or their messages ("stop texting me",
 *       "do not contact me", "unsubscribe me", "remove me from your list", "revoke my consent",
 *       "arrêtez de m'envoyer", "ne m'écrivez plus", "désabonnez-moi", "retirez-moi de la liste",
 *       "je ne veux plus recevoir"), are opt-outs in a message of any length.
 *   <li>Looser phrases ("stop the messages", "no more texts", "how do I unsubscribe", "plus de
 *       messages", "leave me alone"), and a keyword with only politeness around it ("STOP please",
 *       "stop svp", "arrêt merci"), are opt-outs only in a message of at most {@value #MAX_WORDS}
 *       words: in a longer one such words are more often about something else.
 * </ol>
 *
 * <p>Words that also have an everyday meaning at a clinic are never enough on their own: "cancel"
 * (an appointment), "end" (of the day), "stop" (by the desk, taking a medication), "fin",
 * "annuler", "arrêter". A list is a list of contacts, never a waiting list ("liste d'attente").
 *
 * <p>Stateless and thread-safe.
 */
final class OptOutWording {

    /** The most words a message may have for the looser phrases to count. */
    static final int MAX_WORDS = 12;

    /** Messages, in the plural forms people use when they mean all of them. */
    private static final String MESSAGES = "(?:text messages|texts|txts|messages|msgs|sms|notifications|reminders"
            + "|alerts|textos|texto|textes|rappels|courriels)";

    /** Ways of sending people messages, as the object of "stop". */
    private static final String CONTACTING =
            "(?:texting|txting|messaging|msging|contacting|calling|emailing|spamming|bothering|harassing)";

    private static final String ME = "(?:me|us|my number|this number|my phone)";

    private static final List<Pattern> NOT_AN_OPT_OUT = patterns(
            // "If you do not stop texting me" still asks to stop.
            "(?<!\\bif you )(?<!\\bif u )(?<!\\bif you do )(?<!\\bif u do )\\b(?:do not|dont|never|not)\\s+(?:want to\\s+|wish to\\s+|need to\\s+)?"
                    + "(?:stop|unsubscribe|optout|cancel (?:the |my |these )?" + MESSAGES + ")\\b",
            "\\b(?:do not|dont|never)\\s+(?:remove|take|unsubscribe|optout)\\s+me\\b",
            "\\bne\\s+(?:veux|voulais|souhaite|voudrais|desire)\\s+pas\\s+(?:me\\s+)?"
                    + "(?:desabonner|desinscrire|arreter)\\b",
            "\\b(?:n|ne)\\s+(?:arretez|arrete|arretes|cessez|cesse|stoppez)\\s+pas\\b",
            "\\bne\\s+(?:me|m)\\s+(?:desabonnez|desinscrivez|retirez|enlevez)\\s+pas\\b");

    private static final List<Pattern> EXPLICIT = patterns(
            // English
            "\\b(?:stop|quit|cease|end)\\s+" + CONTACTING + "\\s+" + ME + "\\b",
            "\\b(?:stop|quit|cease)\\s+sending\\s+(?:me|us)\\b",
            "\\b(?:do not|dont|never|please do not)\\s+(?:ever\\s+)?"
                    + "(?:text|txt|message|msg|contact|sms|call|email)\\s+" + ME + "\\b",
            "\\b(?:do not|dont|never)\\s+send\\s+(?:me|us)\\s+(?:any\\s+)?(?:more\\s+)?" + MESSAGES + "\\b",
            "\\bunsubscribe\\s+" + ME + "\\b",
            "\\b(?:i|we)\\s+(?:want|would like|d like|wish|need|wanna)\\s+to\\s+"
                    + "(?:unsubscribe|optout|stop receiving|stop getting)\\b",
            "\\bplease\\s+(?:unsubscribe|optout)\\b",
            "\\bopt\\s+" + ME + "\\s+out\\b",
            "\\b(?:remove|take|delete|drop|erase)\\s+(?:me|us|my number|this number|my name)\\s+"
                    + "(?:from|off|out of)\\s+(?:your\\s+|the\\s+|this\\s+|their\\s+|all\\s+|any\\s+|all of your\\s+)?"
                    + "(?:(?:mailing|texting|text|sms|contact|messaging|message|call|distribution|contacts)\\s+)?"
                    + "(?:list|lists|database|system)\\b(?!\\s+(?:for|of|to)\\b)",
            "\\b(?:revoke|revoking|withdraw|withdrawing|rescind|rescinding)\\s+(?:my\\s+|all\\s+|the\\s+)?"
                    + "(?:consent|permission|authorization)\\b",
            "\\b(?:i|we)\\s+(?:do not|dont|no longer|do no longer)\\s+(?:want|wish)\\s+"
                    + "(?:to\\s+(?:receive|get)\\s+)?(?:any\\s+|these\\s+|those\\s+|your\\s+|the\\s+|more\\s+|anymore\\s+)*"
                    + MESSAGES + "\\b",
            "\\b(?:i|we)\\s+(?:do not|dont|no longer)\\s+(?:want|wish)\\s+to\\s+"
                    + "(?:be contacted|be texted|hear from you|receive|get)\\b",
            // French
            "\\b(?:arrete|arretez|arreter|arretes|cesse|cessez|cesser|stop|stoppez|stopper)\\s+(?:de|d)\\s+"
                    + "(?:me|m|nous)\\s+(?:envoyer|ecrire|texter|textoter|contacter|appeler|relancer|deranger"
                    + "|harceler|solliciter)\\b",
            "\\bne\\s+(?:me|m|nous)\\s+(?:ecrivez|envoyez|textez|contactez|appelez|relancez|derangez|ecris"
                    + "|envoie|envoies|texte|textes|contacte|appelle|relance)\\s+plus\\b",
            "\\bne\\s+plus\\s+(?:me|m|nous)\\s+(?:envoyer|ecrire|texter|contacter|appeler|relancer)\\b",
            "\\b(?:desabonnez|desabonne|desabonner|desinscrivez|desinscris|desinscrire)\\s+(?:moi|nous|mon numero)\\b",
            "\\b(?:je|j)\\s+(?:veux|voudrais|souhaite|souhaiterais|desire|aimerais)\\s+(?:me\\s+)?"
                    + "(?:desabonner|desinscrire|ne plus recevoir|ne plus etre contacte|ne plus etre contactee)\\b",
            "\\b(?:veuillez|merci de|pouvez vous|pourriez vous)\\s+me\\s+(?:desabonner|desinscrire)\\b",
            "\\b(?:retirez|enlevez|supprimez|otez|rayez|retire|enleve|supprime|ote|raye)\\s+"
                    + "(?:moi|nous|mon numero|mon nom)\\s+(?:de|des|du|d)\\s+"
                    + "(?:la\\s+|votre\\s+|vos\\s+|cette\\s+|ta\\s+|tes\\s+|ces\\s+|les\\s+)?"
                    + "(?:liste|listes|base|fichier|repertoire)\\b(?!\\s+(?:(?:d|de)\\s+attente|pour|du|des)\\b)",
            "\\b(?:je|j)\\s+(?:ne\\s+)?(?:veux|souhaite|desire|voudrais)\\s+plus\\s+"
                    + "(?:recevoir|etre contacte|etre contactee|etre texte)\\b",
            "\\b(?:je|j)\\s+ne\\s+(?:veux|souhaite|desire)\\s+(?:pas|plus)\\s+(?:recevoir\\s+)?"
                    + "(?:(?:de|d|vos|ces|les|des|aucun|aucuns)\\s+){1,2}" + MESSAGES + "\\b",
            "\\b(?:retire|retirer|revoque|revoquer)\\s+(?:mon|le|ce)\\s+consentement\\b");

    private static final List<Pattern> IN_SHORT_MESSAGES = patterns(
            "\\b(?:stop|cancel|end|quit|cease|no more)\\s+"
                    + "(?:all\\s+|the\\s+|these\\s+|those\\s+|your\\s+|this\\s+|any\\s+|of\\s+|my\\s+)*" + MESSAGES
                    + "\\b",
            "\\b(?:stop|quit|cease)\\s+(?:texting|txting|messaging|contacting)\\b",
            "\\b(?:stop|quit|cease)\\s+sending\\s+(?:any\\s+|the\\s+|these\\s+|more\\s+)*" + MESSAGES + "\\b",
            "\\b(?:optout|unsubscribe|unsubscribed)\\b",
            "\\bleave\\s+me\\s+alone\\b",
            "\\b(?:arrete|arretez|arreter|stop|stoppez|cessez)\\s+(?:les\\s+|vos\\s+|ces\\s+|tous\\s+les\\s+"
                    + "|toutes\\s+les\\s+|aux\\s+|a\\s+vos\\s+|avec\\s+les\\s+|avec\\s+vos\\s+)?" + MESSAGES + "\\b",
            "^(?:plus|pas|fini|finis)\\s+(?:de|d)\\s+" + MESSAGES + "\\b",
            "\\bne\\s+(?:veux|souhaite|desire)\\s+plus\\s+(?:(?:de|d|vos|ces|les)\\s+){1,2}" + MESSAGES + "\\b",
            "\\b(?:desabonner|desabonnement|desinscrire|desinscription|desabonnez|desinscrivez)\\b",
            "\\b(?:laissez|laisse|foutez|fichez|fiche)\\s+moi\\s+(?:tranquille|la paix)\\b");

    /** Opt-out keywords, which a short message may surround with politeness only. */
    private static final Set<String> KEYWORDS = Set.of(
            "stop",
            "stopall",
            "unsubscribe",
            "optout",
            "revoke",
            "arret",
            "arrete",
            "arretez",
            "stoppez",
            "desabonner",
            "desabonnement",
            "desinscription",
            "desinscrire");

    /** Politeness and emphasis around a keyword ("STOP please", "stop svp", "arrêt merci"). */
    private static final Set<String> POLITENESS = Set.of(
            "please",
            "pls",
            "plz",
            "pleas",
            "thanks",
            "thank",
            "you",
            "thx",
            "ty",
            "now",
            "asap",
            "immediately",
            "right",
            "away",
            "all",
            "it",
            "this",
            "ok",
            "okay",
            "already",
            "svp",
            "stp",
            "s",
            "il",
            "vous",
            "te",
            "plait",
            "merci",
            "maintenant",
            "tout",
            "de",
            "suite",
            "immediatement",
            "bien",
            "beaucoup");

    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern APOSTROPHES = Pattern.compile("[’‘`´ʼ]");
    private static final Pattern NEGATED_VERB = Pattern.compile("\\b(\\p{L}+)n't\\b");
    private static final Pattern OPT_OUT = Pattern.compile("\\bopt\\s+out\\b");

    private OptOutWording() {}

    /**
     * Whether {@code body} asks, in ordinary English or French words, not to be sent messages any
     * more.
     *
     * @param body the message as received
     * @return whether it is an opt-out
     */
    static boolean isOptOut(String body) {
        String words = spelledOut(body);
        // A single word is a keyword or nothing: InboundMessages knows the keywords.
        if (words.indexOf(' ') < 0) {
            return false;
        }
        String text = OPT_OUT.matcher(words).replaceAll("optout");
        if (matchesAny(NOT_AN_OPT_OUT, text)) {
            return false;
        }
        if (matchesAny(EXPLICIT, text)) {
            return true;
        }
        String[] split = text.split(" ");
        if (split.length > MAX_WORDS) {
            return false;
        }
        return matchesAny(IN_SHORT_MESSAGES, text) || keywordWithPolitenessOnly(split);
    }

    /** Lower case, no accents, contractions spelled out, words separated by single spaces. */
    static String normalize(String body) {
        return OPT_OUT.matcher(spelledOut(body)).replaceAll("optout");
    }

    private static String spelledOut(String body) {
        String text =
                MARKS.matcher(Normalizer.normalize(body, Normalizer.Form.NFD)).replaceAll("");
        text = APOSTROPHES.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("'");
        text = text.replace("won't", "will not").replace("can't", "can not");
        text = NEGATED_VERB.matcher(text).replaceAll("$1 not");
        return NOT_WORD.matcher(text).replaceAll(" ").strip();
    }

    private static boolean keywordWithPolitenessOnly(String[] words) {
        boolean keyword = false;
        for (String word : words) {
            if (KEYWORDS.contains(word)) {
                keyword = true;
            } else if (!POLITENESS.contains(word)) {
                return false;
            }
        }
        return keyword;
    }

    private static boolean matchesAny(List<Pattern> patterns, String text) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    private static List<Pattern> patterns(String... regexes) {
        return java.util.Arrays.stream(regexes).map(Pattern::compile).toList();
    }
}
