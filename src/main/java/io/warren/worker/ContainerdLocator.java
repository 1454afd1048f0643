package io.warren.worker;

import io.warren.runtime.containerd.ContainerdSockets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Decides which containerd the worker talks to: {@code --containerd SOCKET} must answer;
 * {@code --containerd auto} takes the system containerd if it answers, else a private one under
 * the data directory ({@link PrivateContainerd}).
 */
public final class ContainerdLocator {
  private ContainerdLocator() {}

  /**
   * @param privateDir where a private containerd lives (and is started if none answers)
   */
  public static Path resolve(String setting, Path privateDir) {
    if (setting == null || setting.isBlank() || setting.equals("auto")) {
      if (ContainerdSockets.answers(ContainerdSockets.SYSTEM)) {
        return ContainerdSockets.SYSTEM;
      }
      return PrivateContainerd.ensureRunning(privateDir, Duration.ofSeconds(20));
    }
    Path socket = Path.of(setting);
    if (!ContainerdSockets.answers(socket)) {
      throw new IllegalArgumentException("--containerd: no containerd answers on " + socket
          + " (use 'auto' to start a private one)");
    }
    return socket;
  }
}
