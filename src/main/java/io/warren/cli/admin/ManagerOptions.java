package io.warren.cli.admin;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How an admin command reaches the manager; mixed into every admin verb. */
public final class ManagerOptions {
  /** Where {@code warren up} and {@code warren manager} listen unless told otherwise. */
  public static final String DEFAULT_ADDRESS = "127.0.0.1:8080";

  @Option(names = "--manager", defaultValue = DEFAULT_ADDRESS, paramLabel = "HOST:PORT",
      description = "Manager API address (default: ${DEFAULT-VALUE}). Plaintext on loopback unless "
          + "TLS files are given.")
  String manager;

  @Option(names = "--ca", paramLabel = "FILE", description = "CA certificate (PEM) to verify the manager.")
  Path ca;

  @Option(names = "--cert", paramLabel = "FILE", description = "Client certificate (PEM).")
  Path cert;

  @Option(names = "--key", paramLabel = "FILE", description = "Client key (PEM, PKCS#1 or PKCS#8).")
  Path key;
}
