package io.warren.manager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The worker's identity on disk: {@code <dataDir>/certs/{node.crt,node.key,ca.crt}}, as
 * RequestCertificate returned them (PEM; the key PKCS#1). Directory 0700, files 0600, written
 * atomically so a crash never leaves half a key.
 */
public final class CertStore {
  public static final String CERT = "node.crt";
  public static final String KEY = "node.key";
  public static final String CA = "ca.crt";

  private final Path dir;

  public CertStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** Whether all three files are present. */
  public boolean complete() {
    return Files.isRegularFile(dir.resolve(CERT)) && Files.isRegularFile(dir.resolve(KEY))
        && Files.isRegularFile(dir.resolve(CA));
  }

  public void save(byte[] certPem, byte[] keyPem, byte[] caPem) {
    // parse before writing: never keep something we could not use
    Pem.certificates(certPem);
    Pem.privateKey(keyPem);
    Pem.certificates(caPem);
    try {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      write(CA, caPem);
      write(KEY, keyPem);
      write(CERT, certPem);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write certificates in " + dir, e);
    }
  }

  public byte[] read(String name) {
    try {
      return Files.readAllBytes(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(name), e);
    }
  }

  private void write(String name, byte[] content) throws IOException {
    Path tmp = dir.resolve(name + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(tmp, content);
    try {
      Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
