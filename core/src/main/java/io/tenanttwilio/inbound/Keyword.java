package io.tenanttwilio.inbound;

/**
 * The keywords an inbound message may be: a single word, any case, accents ignored. Immutable and
 * thread-safe.
 */
public enum Keyword {
    /** STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT, ARRET, ARRÊT, ARRETE. */
    OPT_OUT,
    /** START, YES, UNSTOP. */
    OPT_IN,
    /** HELP, AIDE, INFO. */
    HELP
}
