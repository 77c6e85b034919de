package io.tenanttwilio.crypto;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.spi.SecretCipher;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The keys of {@link AesGcmSecretCipher}, the default {@link SecretCipher}: 256-bit AES keys,
 * each with an id, one of them current. Keys come from configuration (Base64), never from the
 * database.
 *
 * <pre>{@code
 * KeyRing keys = KeyRing.builder()
 *         .key("2026-11", System.getenv("TENANT_TWILIO_KEY_2026_11"))   // new secrets use it
 *         .key("2025-06", System.getenv("TENANT_TWILIO_KEY_2025_06"))   // old ones still decrypt
 *         .current("2026-11")
 *         .build();
 * }</pre>
 *
 * <p>{@link #toString()} shows the ids, never a key. Immutable and thread-safe.
 */
public final class KeyRing {

    private final Map<String, SecretKey> keys;
    private final String current;

    private KeyRing(Map<String, SecretKey> keys, String current) {
        this.keys = Map.copyOf(keys);
        this.current = current;
    }

    /**
     * Starts a key ring: add its keys, name the current one, then build it.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The key with this id, or {@code null}. */
    @Nullable
    SecretKey key(String id) {
        return keys.get(id);
    }

    /** {@return the id of the key new secrets are encrypted with} */
    public String currentKeyId() {
        return current;
    }

    /** {@return the ids of every key} */
    public Set<String> keyIds() {
        return keys.keySet();
    }

    @Override
    public String toString() {
        return "KeyRing[current=" + current + ", keys=" + keys.keySet() + "]";
    }

    /** Builds a {@link KeyRing}; every problem is a clear configuration error. Not thread-safe. */
    public static final class Builder {
        private final Map<String, SecretKey> keys = new LinkedHashMap<>();
        private @Nullable String current;

        private Builder() {}

        /**
         * Adds a key.
         *
         * @param id a short name, letters, digits, {@code -}, {@code _} or {@code .}
         * @param base64 32 random bytes, Base64-encoded (for example {@code openssl rand -base64 32})
         * @return this builder
         * @throws TenantTwilioException with {@link ErrorCode#CONFIGURATION_ERROR} if the id is not
         *     a short name, or the key is missing, not Base64 or not 32 bytes long
         */
        public Builder key(String id, @Nullable String base64) {
            Objects.requireNonNull(id, "id");
            if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
                throw problem("key-id", id);
            }
            if (base64 == null || base64.isBlank()) {
                throw problem("key-missing", id);
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(base64.strip());
            } catch (IllegalArgumentException e) {
                throw problem("key-not-base64", id);
            }
            if (bytes.length != 32) {
                throw problem("key-length", id, bytes.length);
            }
            keys.put(id, new SecretKeySpec(bytes, "AES"));
            return this;
        }

        /**
         * Which key encrypts new secrets; the first added by default.
         *
         * @param id the id of a key added to this builder
         * @return this builder
         */
        public Builder current(String id) {
            this.current = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * Builds the ring.
         *
         * @return the ring, immutable
         * @throws TenantTwilioException with {@link ErrorCode#CONFIGURATION_ERROR} if no key was
         *     added or the current key is not one of them
         */
        public KeyRing build() {
            if (keys.isEmpty()) {
                throw problem("no-keys");
            }
            String chosen = current != null ? current : keys.keySet().iterator().next();
            if (!keys.containsKey(chosen)) {
                throw problem("current-unknown", chosen);
            }
            return new KeyRing(keys, chosen);
        }

        private static TenantTwilioException problem(String detail, Object... arguments) {
            return Problems.builder(ErrorCode.CONFIGURATION_ERROR)
                    .detail("keys." + detail, arguments)
                    .build();
        }
    }
}
