package io.tenanttwilio.internal.support;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Identifiers of stored rows (contacts, conversations, messages), for the SDK and for stores that
 * create rows: UUIDs of version 7 (RFC 9562),
 * whose first 48 bits are the Unix time in milliseconds and whose other 74 free bits are random.
 * Rows created one after another get neighbouring keys, so a database inserts them at the end of
 * its primary-key index instead of at a random page of it (version 4 keys make every insert touch
 * a page of the whole index, which stops fitting in memory at a few million rows). They stay as
 * hard to guess as {@link UUID#randomUUID()}'s, from the same kind of generator; they do reveal when
 * the row was created, which the row itself stores anyway. Thread-safe.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    /** A new identifier, as its 36-character text. */
    public static String next() {
        return next(System.currentTimeMillis());
    }

    /** A new identifier for the time {@code epochMillis} (for tests). */
    public static String next(long epochMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long high = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16
                | 0x7000L // version 7
                | ((random[0] & 0x0FL) << 8)
                | (random[1] & 0xFFL);
        long low = 0x8000_0000_0000_0000L | ((random[2] & 0x3FL) << 56); // variant 10
        for (int i = 3; i < 10; i++) {
            low |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        return new UUID(high, low).toString();
    }
}
