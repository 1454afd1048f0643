package io.warren.cli.daemon;

import io.warren.embedded.EmbeddedManager;
import io.warren.embedded.EmbeddedManagerConfig;
import io.warren.manager.HostPort;
import java.nio.file.Path;

/**
 * Starts the embedded manager as {@code warren up} and {@code warren manager} run it: state in
 * DATA-DIR/manager; plaintext on a loopback address (the admin CLI's default, so 'warren service
 * create' works out of the box; the manager refuses plaintext anywhere else), mutual TLS on any
 * other address.
 */
final class LocalManager {
  private LocalManager() {}

  static EmbeddedManager start(String listen, Path dataDir, String nodeId) {
    return new EmbeddedManager(EmbeddedManagerConfig.builder()
        .listen(listen)
        .dataDir(dataDir.resolve("manager"))
        .tls(!HostPort.parse("--listen", listen).isLoopback())
        .nodeId(nodeId)
        .build()).start();
  }
}
