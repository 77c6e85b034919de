package io.tenanttwilio.spi;

/**
 * Encrypts the secrets a store keeps (auth tokens, API secrets, signing tokens) and decrypts them.
 * The built-in one, {@link
 * io.tenanttwilio.crypto.AesGcmSecretCipher#of(io.tenanttwilio.crypto.KeyRing)}, is AES-256-GCM
 * with a key ring: every ciphertext names the key it was made with, new secrets use the ring's
 * current key, older keys still decrypt.
 *
 * <p>{@code context} binds a ciphertext to where it belongs (a tenant and a field): a ciphertext
 * copied to another tenant's row does not decrypt. Implementations must be thread-safe and must
 * never put a secret or a key in an exception message.
 */
public interface SecretCipher {

    /**
     * The ciphertext of {@code plaintext}, bound to {@code context}, made with the {@linkplain
     * #currentKeyId() current key}.
     *
     * @param plaintext the secret
     * @param context where the ciphertext will be kept (a tenant and a field); the same text must
     *     be given to {@link #decrypt}
     * @return the ciphertext, as text a store can keep, naming the key it was made with
     */
    String encrypt(String plaintext, String context);

    /**
     * The plaintext of {@code ciphertext}.
     *
     * @param ciphertext what {@link #encrypt} returned
     * @param context the context it was encrypted with
     * @return the secret
     * @throws io.tenanttwilio.TenantTwilioException {@link io.tenanttwilio.ErrorCode#CONFIGURATION_ERROR}
     *     when the key it names is not in the ring, does not decrypt it, the context differs,
     *     or the text is not a ciphertext of this cipher
     */
    String decrypt(String ciphertext, String context);

    /**
     * The id of the key {@code ciphertext} was made with, read without decrypting (to tell the
     * secrets still made with an older key).
     *
     * @param ciphertext what {@link #encrypt} returned
     * @return the key's id
     * @throws io.tenanttwilio.TenantTwilioException {@link
     *     io.tenanttwilio.ErrorCode#CONFIGURATION_ERROR} when the text is not a ciphertext of this
     *     cipher
     */
    String keyIdOf(String ciphertext);

    /** {@return the id of the key new ciphertexts are made with} */
    String currentKeyId();
}
