package io.tenanttwilio.crypto;

import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.internal.text.Problems;
import io.tenanttwilio.spi.SecretCipher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a random 96-bit nonce per secret and the context as associated data. A
 * ciphertext reads {@code v1:<keyId>:<base64(nonce | ciphertext | tag)>}.
 *
 * <p>Immutable and thread-safe.
 */
public final class AesGcmSecretCipher implements SecretCipher {

    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyRing keys;

    /**
     * A cipher that encrypts with the ring's current key and decrypts with any of its keys.
     *
     * @param keys the keys; the ring's current key encrypts
     * @return the cipher, to give to the stores
     */
    public static AesGcmSecretCipher of(KeyRing keys) {
        return new AesGcmSecretCipher(keys);
    }

    private AesGcmSecretCipher(KeyRing keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public String encrypt(String plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        String keyId = keys.currentKeyId();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.key(keyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(keyId, context));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out =
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed);
            return VERSION + ":" + keyId + ":" + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    }

    @Override
    public String decrypt(String ciphertext, String context) {
        String[] parts = split(ciphertext);
        String keyId = parts[1];
        SecretKey key = keys.key(keyId);
        if (key == null) {
            throw problem("key-absent", keyId);
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw problem("ciphertext-malformed");
        }
        if (data.length <= NONCE_BYTES) {
            throw problem("ciphertext-malformed");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            cipher.updateAAD(aad(keyId, context));
            return new String(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw problem("key-wrong", keyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    }

    @Override
    public String keyIdOf(String ciphertext) {
        return split(ciphertext)[1];
    }

    @Override
    public String currentKeyId() {
        return keys.currentKeyId();
    }

    private static String[] split(String ciphertext) {
        String[] parts = ciphertext == null ? new String[0] : ciphertext.split(":", 3);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            throw problem("ciphertext-malformed");
        }
        return parts;
    }

    private static byte[] aad(String keyId, String context) {
        return (VERSION + ":" + keyId + ":" + context).getBytes(StandardCharsets.UTF_8);
    }

    private static TenantTwilioException problem(String detail, Object... arguments) {
        return Problems.builder(ErrorCode.CONFIGURATION_ERROR)
                .detail("keys." + detail, arguments)
                .build();
    }

    @Override
    public String toString() {
        return "AesGcmSecretCipher[" + keys + "]";
    }
}
