package io.tenanttwilio.numbers;

/** The kinds of numbers Twilio sells. Immutable and thread-safe. */
public enum NumberType {
    /** A geographic number of a city or area code. */
    LOCAL,
    /** A toll-free number (800, 833, 844 …). */
    TOLL_FREE,
    /** A mobile number (outside North America). */
    MOBILE
}
