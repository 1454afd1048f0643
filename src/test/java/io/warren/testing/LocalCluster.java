package io.warren.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warren.cli.WarrenMain;
import io.warren.embedded.EmbeddedManager;
import io.warren.embedded.EmbeddedManagerConfig;
import io.warren.journal.SyncMode;
import io.warren.manager.SessionTimings;
import io.warren.manager.WorkerConfig;
import io.warren.runtime.ObservedContainer;
import io.warren.runtime.testsupport.ContainerdExtension;
import io.warren.task.ActualState;
import io.warren.task.TaskStatus;
import io.warren.worker.Worker;
import io.warren.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The pieces of a one-node cluster the in-process worker tests share: an embedded manager on
 * loopback (plaintext) keeping its state in {@code DIR/manager}, and a worker daemon in
 * {@code DIR/worker} on the test's private containerd and namespace, with short session timings.
 */
public final class LocalCluster {
  public static final SessionTimings FAST = new SessionTimings(Duration.ofMillis(300),
      Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5));

  private LocalCluster() {}

  public static EmbeddedManager startManager(Path dir, String listen) {
    return new EmbeddedManager(EmbeddedManagerConfig.builder()
        .listen(listen).dataDir(dir.resolve("manager")).tls(false).nodeId("node-1")
        .reconcileInterval(Duration.ofMillis(200)).build()).start();
  }

  /**
   * A worker (not started) embedded beside {@code manager}, as {@code warren up} runs one;
   * {@code drainOnStop} as the flag.
   */
  public static Worker worker(Path dir, EmbeddedManager manager, ContainerdExtension containerd,
      boolean drainOnStop) {
    return Worker.embedded(manager, WorkerConfig.builder()
        .nodeId("node-1")
        .dataDir(dir.resolve("worker"))
        .containerdSocket(containerd.socket().toString()),
        new WorkerOptions(containerd.namespace(), SyncMode.NONE, null,
        FAST, null, false, drainOnStop, Duration.ofSeconds(30), null), Clock.systemUTC());
  }

  /**
   * Creates service {@code name}, {@code sleep 100000} in {@code image}, through the CLI as a user
   * would; {@code flags} (replicas, stop timeout...) go before the command.
   */
  public static void createSleeper(String managerAddress, String name, String image,
      String... flags) {
    List<String> args = new ArrayList<>(List.of("service", "create", name, "--image", image));
    args.addAll(List.of(flags));
    args.addAll(List.of("--command", "sleep", "--command", "100000", "--manager", managerAddress));
    assertEquals(0, WarrenMain.run(args.toArray(String[]::new)), "warren " + args);
  }

  public static List<TaskStatus> running(Worker w) {
    return w.engine().statuses().stream()
        .filter(s -> s.actualState() == ActualState.RUNNING).collect(Collectors.toList());
  }

  /** Container id to PID of every running container. */
  public static Map<String, Integer> runningPids(List<ObservedContainer> containers) {
    Map<String, Integer> out = new TreeMap<>();
    for (ObservedContainer c : containers) {
      if (c.status() == ObservedContainer.TaskStatus.RUNNING) {
        out.put(c.containerId(), c.pid());
      }
    }
    return out;
  }
}
