package io.tenanttwilio.inbound;

/**
 * The keywords an inbound message may be: a single word, any case, accents ignored (or, for an
 * opt-out, ordinary words). Immutable and thread-safe.
 */
public enum Keyword {
    /**
     * STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT, ARRET, ARRÊT, ARRETE; or an
     * opt-out in ordinary words, in English or French ("Please stop texting me", "STOP please",
     * "remove me from your list", "ne m'écrivez plus", "désabonnez-moi"), as the FCC has any
     * reasonable means of revoking consent honoured. Words with an everyday meaning at a clinic
     * ("cancel my appointment", "stop by at 3", "annuler mon rendez-vous") are not opt-outs, and a
     * long message is one only when it says so explicitly.
     */
    OPT_OUT,
    /** START, YES, UNSTOP. */
    OPT_IN,
    /** HELP, AIDE, INFO. */
    HELP
}
