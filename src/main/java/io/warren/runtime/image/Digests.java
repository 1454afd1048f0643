package io.warren.runtime.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** sha256 digests in the {@code sha256:<hex>} form. */
public final class Digests {
  private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");

  private Digests() {}

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String of(byte[] data) {
    return "sha256:" + HexFormat.of().formatHex(sha256().digest(data));
  }

  public static String hex(MessageDigest md) {
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }

  /** Only sha256 digests are accepted: a digest is later used as a file name. */
  public static String require(String digest, String field) {
    if (digest == null || !SHA256.matcher(digest).matches()) {
      throw new IllegalArgumentException(field + " '" + digest + "' is not a sha256 digest");
    }
    return digest;
  }

  /** chainID of a layer stack from its diffIDs (OCI image spec). */
  public static String[] chainIds(java.util.List<String> diffIds) {
    String[] chain = new String[diffIds.size()];
    for (int i = 0; i < chain.length; i++) {
      chain[i] = i == 0 ? diffIds.get(0)
          : of((chain[i - 1] + " " + diffIds.get(i)).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    return chain;
  }
}
