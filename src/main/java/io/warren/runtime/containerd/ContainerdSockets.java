package io.warren.runtime.containerd;

import com.google.protobuf.Empty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Finds the containerd socket for {@code --containerd auto|SOCKET}: "auto" takes the system
 * containerd when it answers, else the private one {@code tools/containerd-up} starts by default.
 */
public final class ContainerdSockets {
  public static final Path SYSTEM = Path.of("/run/containerd/containerd.sock");
  /** Where {@code tools/containerd-up} is pointed by default (tools/containerd-up /var/lib/warren/containerd). */
  public static final Path PRIVATE = Path.of("/var/lib/warren/containerd/containerd.sock");

  private ContainerdSockets() {}

  /**
   * @throws IllegalArgumentException naming the option value when nothing answers there
   */
  public static Path resolve(String option) {
    return resolve(option, PRIVATE, ContainerdSockets::answers);
  }

  /**
   * {@code auto} takes the system containerd if it {@code answers}, else {@code privateSocket}
   * (the private containerd of a given data dir, say); a socket given by path must exist.
   *
   * @throws IllegalArgumentException naming the option value and where it looked
   */
  public static Path resolve(String option, Path privateSocket, Predicate<Path> answers) {
    if (option == null || option.isBlank() || option.equals("auto")) {
      for (Path p : List.of(SYSTEM, privateSocket)) {
        if (answers.test(p)) {
          return p;
        }
      }
      throw new IllegalArgumentException("--containerd auto: no containerd answers at " + SYSTEM
          + " or " + privateSocket + "; start one with tools/containerd-up DIR and pass "
          + "--containerd DIR/containerd.sock");
    }
    Path p = Path.of(option);
    if (!Files.exists(p)) {
      throw new IllegalArgumentException("--containerd '" + option + "': no such socket");
    }
    return p;
  }

  /** True when a containerd answers Version on the socket within 2 s. */
  public static boolean answers(Path socket) {
    if (!Files.exists(socket)) {
      return false;
    }
    try (ContainerdConnection c = new ContainerdConnection(socket, ContainerdConnection.DEFAULT_NAMESPACE)) {
      c.version().withDeadlineAfter(2, TimeUnit.SECONDS).version(Empty.getDefaultInstance());
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
