package io.tenanttwilio.internal.numbers;

import io.tenanttwilio.TenantId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/** The webhook URLs of numbers, their opaque keys, and the friendly names that tag purchases. */
public final class Webhooks {

    /** The path segment of inbound messages: {@code {base}/sms/{key}}. */
    public static final String SMS_PATH = "/sms/";
    /** The path segment of status callbacks: {@code {base}/status/{key}}. */
    public static final String STATUS_PATH = "/status/";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_FRIENDLY_NAME = 64;

    private Webhooks() {}

    /** A new opaque webhook key: 128 random bits, URL-safe. */
    public static String newKey() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String smsUrl(URI base, String key) {
        return base + SMS_PATH + key;
    }

    public static String statusUrl(URI base, String key) {
        return base + STATUS_PATH + key;
    }

    /**
     * The friendly name a purchase gives its number: the tenant's id (so the owner shows in the
     * Twilio Console) and a short hash of the purchase key (so a lost answer can be found again).
     */
    public static String purchaseTag(TenantId tenant, String purchaseKey) {
        String hash = hash(tenant.value() + '\n' + purchaseKey).substring(0, 10);
        String name = tenant.value();
        int room = MAX_FRIENDLY_NAME - hash.length() - 2;
        if (name.length() > room) {
            name = name.substring(0, room);
        }
        return name + " #" + hash;
    }

    /** The friendly name of a tenant's managed subaccount. */
    public static String subaccountName(TenantId tenant) {
        String name = "tenant-twilio " + tenant.value();
        return name.length() <= MAX_FRIENDLY_NAME
                ? name
                : "tenant-twilio #" + hash(tenant.value()).substring(0, 20);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(digest)
                    .replace('-', 'x')
                    .replace('_', 'y')
                    .toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
