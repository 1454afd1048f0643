package io.warren.cli.image;

import io.warren.runtime.containerd.ContainerdConnection;
import io.warren.runtime.containerd.ContainerdSockets;
import picocli.CommandLine.Option;

/** The options every command that talks to containerd takes. */
public final class ContainerdOptions {
  @Option(names = "--containerd", paramLabel = "auto|SOCKET", defaultValue = "auto",
      description = "containerd socket, or 'auto': the system containerd, else the private one that "
          + "tools/containerd-up starts under /var/lib/warren/containerd (default: ${DEFAULT-VALUE})")
  String containerd;

  @Option(names = "--namespace", paramLabel = "NS", defaultValue = ContainerdConnection.DEFAULT_NAMESPACE,
      description = "containerd namespace (default: ${DEFAULT-VALUE})")
  String namespace;

  public ContainerdConnection connect() {
    return new ContainerdConnection(ContainerdSockets.resolve(containerd), namespace);
  }
}
