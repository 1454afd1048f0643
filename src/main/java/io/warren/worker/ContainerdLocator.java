package io.warren.worker;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Decides which containerd the worker talks to: {@code --containerd SOCKET} must answer;
 * {@code --containerd auto} takes the system containerd if it answers, else a private one under
 * the data directory ({@link PrivateContainerd}).
 */
public final class ContainerdLocator {
  public static final Path SYSTEM_SOCKET = Path.of("/run/containerd/containerd.sock");

  private ContainerdLocator() {}

  public static Path resolve(String setting, Path dataDir) {
    if (setting == null || setting.isBlank() || setting.equals("auto")) {
      if (PrivateContainerd.answers(SYSTEM_SOCKET)) {
        return SYSTEM_SOCKET;
      }
      return PrivateContainerd.ensureRunning(dataDir.resolve("containerd"), Duration.ofSeconds(20));
    }
    Path socket = Path.of(setting);
    if (!PrivateContainerd.answers(socket)) {
      throw new IllegalArgumentException("--containerd: no containerd answers on " + socket
          + " (use 'auto' to start a private one)");
    }
    return socket;
  }
}
