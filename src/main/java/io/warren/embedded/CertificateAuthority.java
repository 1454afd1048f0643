package io.warren.embedded;

import io.warren.manager.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The cluster CA, kept in {@code <dataDir>/ca/} (directory 0700, key 0600), and the certificates
 * it issues. Shapes follow Warren: CA CN "Warren Root CA", O "Warren Cluster", 10 years; node
 * certificates RSA-2048, 90 days, CN "&lt;role&gt;-&lt;nodeId&gt;", client and server auth, the key as
 * PKCS#1 PEM.
 */
public final class CertificateAuthority {
  private static final String ORG = "Warren Cluster";
  private static final Duration CA_VALIDITY = Duration.ofDays(3650);
  private static final Duration NODE_VALIDITY = Duration.ofDays(90);

  private final X509Certificate caCert;
  private final PrivateKey caKey;
  private final Clock clock;
  private final SecureRandom random;

  private CertificateAuthority(X509Certificate caCert, PrivateKey caKey, Clock clock,
      SecureRandom random) {
    this.caCert = caCert;
    this.caKey = caKey;
    this.clock = clock;
    this.random = random;
  }

  /** Loads the CA from {@code dir}, or creates it there. */
  public static CertificateAuthority loadOrCreate(Path dir, int keyBits, Clock clock,
      SecureRandom random) {
    Path crt = dir.resolve("ca.crt");
    Path key = dir.resolve("ca.key");
    try {
      if (Files.isRegularFile(crt) && Files.isRegularFile(key)) {
        return new CertificateAuthority(Pem.certificates(Files.readAllBytes(crt)).get(0),
            Pem.privateKey(Files.readAllBytes(key)), clock, random);
      }
      KeyPair kp = rsa(keyBits, random);
      X500Name name = new X500Name("CN=Warren Root CA, O=" + ORG);
      Instant now = clock.instant();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(random),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(CA_VALIDITY)), name,
          kp.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
      b.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
      b.addExtension(Extension.subjectKeyIdentifier, false,
          new JcaX509ExtensionUtils().createSubjectKeyIdentifier(kp.getPublic()));
      X509Certificate cert = sign(b, kp.getPrivate());
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      writePrivate(key, Pem.encode(kp.getPrivate()));
      Files.write(crt, Pem.encode(cert));
      return new CertificateAuthority(cert, kp.getPrivate(), clock, random);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load or create the CA in " + dir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create the CA: " + e.getMessage(), e);
    }
  }

  private static void writePrivate(Path p, byte[] content) throws IOException {
    Files.deleteIfExists(p);
    Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(p, content);
  }

  public X509Certificate certificate() {
    return caCert;
  }

  public byte[] certificatePem() {
    return Pem.encode(caCert);
  }

  /** A fresh RSA-2048 key and certificate for a node (or the manager's own server identity). */
  public Issued issue(String commonName, List<String> dnsNames, List<String> ipAddresses) {
    try {
      KeyPair kp = rsa(2048, random);
      Instant now = clock.instant();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCert, serial(random),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(NODE_VALIDITY)),
          new X500Name("CN=" + commonName + ", O=" + ORG), kp.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
          new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}));
      List<GeneralName> sans = new ArrayList<>();
      dnsNames.forEach(n -> sans.add(new GeneralName(GeneralName.dNSName, n)));
      ipAddresses.forEach(ip -> sans.add(new GeneralName(GeneralName.iPAddress, ip)));
      if (!sans.isEmpty()) {
        b.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(sans.toArray(new GeneralName[0])));
      }
      return new Issued(sign(b, caKey), kp.getPrivate());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot issue a certificate for " + commonName, e);
    }
  }

  /** An issued certificate and its key. */
  public record Issued(X509Certificate certificate, PrivateKey key) {
    public byte[] certificatePem() {
      return Pem.encode(certificate);
    }

    /** PKCS#1 "RSA PRIVATE KEY", the form Warren's manager sends. */
    public byte[] keyPem() {
      return Pem.encode(key);
    }
  }

  private static KeyPair rsa(int bits, SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(bits, random);
    return g.generateKeyPair();
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(127, random).add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
      throws GeneralSecurityException {
    try {
      ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(key);
      return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }
}
