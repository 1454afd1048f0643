package io.warren.worker;

import com.google.protobuf.Empty;
import io.warren.runtime.containerd.ContainerdConnection;
import io.warren.runtime.containerd.ContainerdSockets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Decides which containerd the worker talks to and connects to it: {@code --containerd SOCKET}
 * must answer; {@code --containerd auto} takes the system containerd if it answers, else a private
 * one under the data directory ({@link PrivateContainerd}). The connection that answered is the
 * one returned: on a cold JVM each gRPC channel costs tens of milliseconds to build and tear down,
 * inside recovery.
 */
public final class ContainerdLocator {
  private ContainerdLocator() {}

  /**
   * @param setting {@code auto} (or blank) or a socket path
   * @param privateDir where a private containerd lives (and is started if none answers)
   * @param namespace the containerd namespace the connection works in
   * @return a connection whose containerd answered Version within 2 s
   * @throws IllegalArgumentException naming {@code --containerd} and the socket when a given
   *     socket does not answer
   */
  public static ContainerdConnection connect(String setting, Path privateDir, String namespace) {
    if (setting == null || setting.isBlank() || setting.equals("auto")) {
      ContainerdConnection system = answering(ContainerdSockets.SYSTEM, namespace);
      if (system != null) {
        return system;
      }
      // one started by an earlier run (it outlives the worker), else a new one
      ContainerdConnection running = answering(PrivateContainerd.socket(privateDir), namespace);
      if (running != null) {
        return running;
      }
      Path socket = PrivateContainerd.start(privateDir, Duration.ofSeconds(20));
      ContainerdConnection started = answering(socket, namespace);
      if (started == null) {
        throw new IllegalStateException("the private containerd on " + socket
            + " stopped answering right after it started; see its log in " + privateDir);
      }
      return started;
    }
    Path socket = Path.of(setting);
    ContainerdConnection given = answering(socket, namespace);
    if (given == null) {
      throw new IllegalArgumentException("--containerd: no containerd answers on " + socket
          + " (use 'auto' to start a private one)");
    }
    return given;
  }

  /** A connection to {@code socket} if a containerd answers Version there within 2 s, else null. */
  private static ContainerdConnection answering(Path socket, String namespace) {
    if (!Files.exists(socket)) {
      return null;
    }
    ContainerdConnection c = new ContainerdConnection(socket, namespace);
    try {
      c.version().withDeadlineAfter(2, TimeUnit.SECONDS).version(Empty.getDefaultInstance());
      return c;
    } catch (RuntimeException e) {
      c.close();
      return null;
    }
  }
}
