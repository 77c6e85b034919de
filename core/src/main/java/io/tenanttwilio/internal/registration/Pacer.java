package io.tenanttwilio.internal.registration;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * At most one brand or campaign call per second and account, as Twilio asks. In this instance only:
 * a registration is carried on by one instance at a time (its lease), and one tenant is one account.
 */
final class Pacer {

    private static final long SPACING_NANOS = Duration.ofSeconds(1).toNanos();
    private final Map<String, Long> next = new HashMap<>();

    void await(String accountSid) {
        long wait;
        synchronized (next) {
            long now = System.nanoTime();
            long at = Math.max(now, next.getOrDefault(accountSid, now));
            next.put(accountSid, at + SPACING_NANOS);
            wait = at - now;
        }
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
