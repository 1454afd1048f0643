package io.warren.worker;

import io.warren.runtime.containerd.ContainerdSockets;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A containerd of the worker's own, with its root, state, socket and log under one directory:
 * what {@code --containerd auto} falls back to when no system containerd answers (the same thing
 * {@code tools/containerd-up} does for the tests). It is started in its own session so it outlives
 * the worker, exactly like a system containerd: a worker restart must not take containers down.
 */
public final class PrivateContainerd {
  private static final Logger log = LoggerFactory.getLogger(PrivateContainerd.class);
  private static final List<String> BINARIES = List.of("containerd", "runc",
      "containerd-shim-runc-v2");

  private PrivateContainerd() {}

  /** The socket of the private containerd under {@code dir}. */
  public static Path socket(Path dir) {
    return dir.resolve("containerd.sock");
  }

  /**
   * Starts a containerd under {@code dir} and waits until it answers; returns its socket. The
   * caller has found that none answers there (a second one would fail on the socket).
   *
   * @throws IllegalStateException with what to do when binaries are missing, the process is not
   *     root, or containerd does not come up in {@code timeout}
   */
  public static Path start(Path dir, Duration timeout) {
    Path socket = socket(dir);
    for (String bin : BINARIES) {
      if (which(bin).isEmpty()) {
        throw new IllegalStateException("'" + bin + "' is not installed; run tools/setup "
            + "(packages containerd and runc)");
      }
    }
    try {
      Files.createDirectories(dir.resolve("root"));
      Files.createDirectories(dir.resolve("state"));
      Path config = dir.resolve("config.toml");
      Files.writeString(config, String.join("\n",
          "version = 2",
          "root = \"" + dir.resolve("root") + "\"",
          "state = \"" + dir.resolve("state") + "\"",
          // The CRI plugin is Kubernetes' and only adds start-up noise here.
          "disabled_plugins = [\"io.containerd.grpc.v1.cri\"]",
          "[grpc]",
          "  address = \"" + socket + "\"",
          "[ttrpc]",
          "  address = \"" + socket + ".ttrpc\"",
          "[debug]",
          "  level = \"warn\"", ""), StandardCharsets.UTF_8);
      Files.deleteIfExists(socket);
      Path logFile = dir.resolve("containerd.log");
      log.info("no containerd answers; starting a private one under {} (log: {})", dir, logFile);
      Process p = new ProcessBuilder("setsid", "containerd", "--config", config.toString())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .redirectErrorStream(true)
          .start();
      Files.writeString(dir.resolve("containerd.pid"), Long.toString(p.pid()));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (ContainerdSockets.answers(socket)) {
          log.info("private containerd (pid {}) answers on {}", p.pid(), socket);
          return socket;
        }
        if (!p.isAlive()) {
          throw new IllegalStateException("containerd exited during start (status " + p.exitValue()
              + "); see " + logFile);
        }
        p.waitFor(100, TimeUnit.MILLISECONDS); // a bounded poll interval, not a sleep: wakes on exit
      }
      throw new IllegalStateException("containerd did not answer on " + socket + " within "
          + timeout.toSeconds() + " s; see " + logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start containerd under " + dir + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting containerd", e);
    }
  }

  private static Optional<Path> which(String bin) {
    String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    for (String d : path.split(File.pathSeparator)) {
      Path p = Path.of(d, bin);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
