package io.warren.embedded;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Warren's secret encryption: AES-256-GCM, blob = nonce(12) || ciphertext || tag(16), no AAD.
 * Java's GCM output is ciphertext || tag, so the blob is the nonce followed by it.
 */
public final class SecretCipher {
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random;

  public SecretCipher(byte[] key, SecureRandom random) {
    if (key == null || key.length != 32) {
      throw new IllegalArgumentException("cluster key must be 32 bytes (AES-256), got "
          + (key == null ? 0 : key.length));
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
    this.random = random;
  }

  public byte[] encrypt(byte[] plaintext) {
    if (plaintext == null || plaintext.length == 0) {
      throw new IllegalArgumentException("data: a secret cannot be empty");
    }
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] body = c.doFinal(plaintext);
      byte[] out = Arrays.copyOf(nonce, NONCE + body.length);
      System.arraycopy(body, 0, out, NONCE, body.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** @throws IllegalArgumentException when the blob is too short or fails authentication */
  public byte[] decrypt(byte[] blob) {
    if (blob == null || blob.length < NONCE + TAG_BITS / 8) {
      throw new IllegalArgumentException("secret blob too short to be nonce || ciphertext || tag");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 0, NONCE));
      return c.doFinal(blob, NONCE, blob.length - NONCE);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new IllegalArgumentException("secret does not decrypt with this key (wrong key or tampered)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }
}
