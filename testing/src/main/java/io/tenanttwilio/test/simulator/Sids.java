package io.tenanttwilio.test.simulator;

import java.util.HashMap;
import java.util.Map;

/**
 * Deterministic identifiers: the n-th SID of a prefix depends only on the seed, the prefix and n,
 * so the same seed and the same sequence of operations give the same SIDs.
 */
final class Sids {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final long seed;
    private final Map<String, Long> counters = new HashMap<>();

    Sids(long seed) {
        this.seed = seed;
    }

    /** The next SID of {@code prefix}: the prefix and 32 lower-case hexadecimal characters. */
    synchronized String next(String prefix) {
        return prefix + hex32(prefix, nextCount(prefix));
    }

    /** The next secret of {@code kind}: 32 hexadecimal characters, like an auth token. */
    synchronized String nextToken(String kind) {
        return hex32("token:" + kind, nextCount("token:" + kind));
    }

    /** The next API key secret: 32 letters and digits. */
    synchronized String nextSecret() {
        long n = nextCount("secret");
        long state = mix(seed ^ "secret".hashCode() ^ (n * 0x9E3779B97F4A7C15L));
        char[] out = new char[32];
        for (int i = 0; i < out.length; i++) {
            state = mix(state + i);
            out[i] = ALNUM[(int) Long.remainderUnsigned(state, ALNUM.length)];
        }
        return new String(out);
    }

    synchronized void reset() {
        counters.clear();
    }

    private long nextCount(String key) {
        long n = counters.getOrDefault(key, 0L);
        counters.put(key, n + 1);
        return n;
    }

    private String hex32(String key, long n) {
        long a = mix(seed ^ ((long) key.hashCode() << 32) ^ n);
        long b = mix(a ^ 0xD1B54A32D192ED03L ^ n);
        char[] out = new char[32];
        for (int i = 0; i < 16; i++) {
            out[i] = HEX[(int) ((a >>> (60 - 4 * i)) & 0xF)];
            out[16 + i] = HEX[(int) ((b >>> (60 - 4 * i)) & 0xF)];
        }
        return new String(out);
    }

    /** SplitMix64's finalizer: a good bijective mix of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
