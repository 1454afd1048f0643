package io.warren.manager;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * PEM in the shapes Warren uses: certificates as "CERTIFICATE", RSA keys as PKCS#1 "RSA PRIVATE
 * KEY" (which the JDK and Netty cannot read on their own, hence BouncyCastle's parser).
 */
public final class Pem {
  private Pem() {}

  /** Reads every certificate in a PEM bundle. */
  public static List<X509Certificate> certificates(byte[] pem) {
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      List<X509Certificate> out = new ArrayList<>();
      for (var c : cf.generateCertificates(new ByteArrayInputStream(pem))) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new IllegalArgumentException("no CERTIFICATE block in PEM");
      }
      return out;
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a PEM certificate: " + e.getMessage(), e);
    }
  }

  /** Reads a private key in PKCS#1 ("RSA PRIVATE KEY") or PKCS#8 ("PRIVATE KEY") PEM. */
  public static PrivateKey privateKey(byte[] pem) {
    try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
      Object o = parser.readObject();
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
      if (o instanceof PEMKeyPair kp) {
        return conv.getPrivateKey(kp.getPrivateKeyInfo());
      }
      if (o instanceof PrivateKeyInfo info) {
        return conv.getPrivateKey(info);
      }
      throw new IllegalArgumentException("no private key in PEM (found "
          + (o == null ? "nothing" : o.getClass().getSimpleName()) + ")");
    } catch (IOException e) {
      throw new IllegalArgumentException("not a PEM private key: " + e.getMessage(), e);
    }
  }

  /** Encodes a certificate, or an RSA private key as PKCS#1 "RSA PRIVATE KEY", like Warren. */
  public static byte[] encode(Object certOrKey) {
    StringWriter sw = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
      w.writeObject(certOrKey);
    } catch (IOException e) {
      throw new IllegalStateException("cannot PEM-encode " + certOrKey.getClass().getSimpleName(), e);
    }
    return sw.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
