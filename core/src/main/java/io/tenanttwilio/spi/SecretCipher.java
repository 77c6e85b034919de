package io.tenanttwilio.spi;

import io.tenanttwilio.crypto.KeyRing;

/**
 * Encrypts the secrets a store keeps (auth tokens, API secrets, signing tokens) and decrypts them.
 * The default, {@link #aesGcm(KeyRing)}, is AES-256-GCM with a key ring: every ciphertext names
 * the key it was made with, new secrets use the ring's current key, older keys still decrypt.
 *
 * <p>{@code context} binds a ciphertext to where it belongs (a tenant and a field): a ciphertext
 * copied to another tenant's row does not decrypt. Implementations must be thread-safe and must
 * never put a secret or a key in an exception message.
 */
public interface SecretCipher {

    /** The ciphertext of {@code plaintext}, bound to {@code context}. */
    String encrypt(String plaintext, String context);

    /**
     * The plaintext of {@code ciphertext}.
     *
     * @throws io.tenanttwilio.TenantTwilioException {@link io.tenanttwilio.ErrorCode#CONFIGURATION_ERROR}
     *     when the key it names is not in the ring or does not decrypt it
     */
    String decrypt(String ciphertext, String context);

    /** The id of the key {@code ciphertext} was made with. */
    String keyIdOf(String ciphertext);

    /** The id of the key new ciphertexts are made with. */
    String currentKeyId();
}
