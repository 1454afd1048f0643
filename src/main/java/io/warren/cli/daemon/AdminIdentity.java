package io.warren.cli.daemon;

import io.warren.embedded.EmbeddedManager;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * With TLS every admin call needs a client certificate from the cluster CA. A manager started
 * here hands one to the local admin CLI: in {@code ~/.warren/certs/cli} (Warren's location, where
 * the CLI looks) unless that already holds another cluster's, else in DATA-DIR/manager/cli.
 */
final class AdminIdentity {
  private AdminIdentity() {}

  static void provide(EmbeddedManager manager, Path managerDir, PrintWriter out) {
    Path home = Path.of(System.getProperty("user.home"), ".warren", "certs", "cli");
    byte[] ca = manager.caCertificatePem();
    if (Files.isRegularFile(home.resolve("ca.crt"))) {
      if (Arrays.equals(read(home.resolve("ca.crt")), ca)) {
        out.println("Admin CLI certificate: " + home + " (the CLI finds it there)");
        return;
      }
      Path own = managerDir.resolve("cli");
      manager.writeClientCertificate(own, "admin");
      out.println("Admin CLI certificate: " + own + " (" + home + " holds another cluster's): pass "
          + "--ca " + own.resolve("ca.crt") + " --cert " + own.resolve("node.crt") + " --key "
          + own.resolve("node.key"));
      return;
    }
    manager.writeClientCertificate(home, "admin");
    out.println("Admin CLI certificate written to " + home + " (the CLI finds it there)");
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }
}
