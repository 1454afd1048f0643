package io.warren.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Warren's layout: nonce(12) || ciphertext || tag(16), AES-256-GCM, no AAD. */
class SecretCipherTest {
  final byte[] key = new byte[32];

  @Test
  void blobLayoutDecryptsWithAPlainGcmCipher() throws Exception {
    Arrays.fill(key, (byte) 7);
    byte[] plain = "pa55word".getBytes(StandardCharsets.UTF_8);
    byte[] blob = new SecretCipher(key, new SecureRandom()).encrypt(plain);
    assertEquals(12 + plain.length + 16, blob.length);
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, blob, 0, 12));
    assertArrayEquals(plain, c.doFinal(blob, 12, blob.length - 12));
  }

  @Test
  void wrongKeyTamperingAndEmptyAreRefused() {
    SecretCipher a = new SecretCipher(key, new SecureRandom());
    byte[] blob = a.encrypt(new byte[] {1, 2, 3});
    byte[] other = new byte[32];
    other[0] = 1;
    assertThrows(IllegalArgumentException.class, () -> new SecretCipher(other, new SecureRandom()).decrypt(blob));
    blob[14] ^= 1;
    assertThrows(IllegalArgumentException.class, () -> a.decrypt(blob));
    assertThrows(IllegalArgumentException.class, () -> a.encrypt(new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> new SecretCipher(new byte[16], new SecureRandom()));
  }
}
