package io.warren.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warren.embedded.EmbeddedManager;
import io.warren.testing.LocalCluster;
import io.warren.runtime.ObservedContainer;
import io.warren.runtime.containerd.ContainerdRuntime;
import io.warren.runtime.testsupport.ContainerdExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in a loop: a child worker with three running tasks is killed (SIGKILL) and started
 * again ten times. After every restart each container is the same one (same PID, attempt 1) and
 * there is no duplicate: a worker crash never costs a container restart (guarantees 1 and 2).
 */
@Tag("slow")
class WorkerKillLoopTest {
  @RegisterExtension
  static final ContainerdExtension containerd = new ContainerdExtension();

  @TempDir
  Path dir;

  @Test
  void tenKillsKeepEveryContainerAndPid() throws Exception {
    ContainerdRuntime rt = containerd.runtime();
    ContainerdExtension.cleanNamespace(containerd.connection());
    String image = containerd.busybox();
    try (EmbeddedManager manager = LocalCluster.startManager(dir, "127.0.0.1:0")) {
      String addr = manager.address().toString();
      Process worker = ChildWorker.start(dir, containerd, addr, "", "run-0.log");
      try {
        LocalCluster.createSleeper(addr, "web", image, "--replicas", "3");
        await().atMost(Duration.ofSeconds(90)).until(() -> rt.listOwned().stream()
            .filter(c -> c.status() == ObservedContainer.TaskStatus.RUNNING).count() == 3);
        Map<String, Integer> pids = pids(rt.listOwned());
        assertEquals(3, pids.size());

        for (int i = 1; i <= 10; i++) {
          worker.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close
          worker.waitFor(30, TimeUnit.SECONDS);
          Path log = dir.resolve("run-" + i + ".log");
          worker = ChildWorker.start(dir, containerd, addr, "", log.getFileName().toString());
          await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(log)
              && Files.readString(log).contains("is syncing with"));
          List<ObservedContainer> now = rt.listOwned();
          assertEquals(pids, pids(now), "restart " + i + ": same containers, same PIDs");
          for (ObservedContainer c : now) {
            assertEquals(1, c.attempt(), "restart " + i + ": no container restarted: " + c);
            assertEquals(ObservedContainer.TaskStatus.RUNNING, c.status(), "restart " + i);
          }
        }
        await().atMost(Duration.ofSeconds(30))
            .until(() -> ChildWorker.journalProblems(dir).isEmpty());
      } finally {
        worker.destroy();
        if (!worker.waitFor(30, TimeUnit.SECONDS)) {
          worker.destroyForcibly().waitFor();
        }
        ContainerdExtension.cleanNamespace(containerd.connection());
      }
    }
  }

  private static Map<String, Integer> pids(List<ObservedContainer> containers) {
    Map<String, Integer> out = new TreeMap<>();
    for (ObservedContainer c : containers) {
      out.put(c.containerId(), c.pid());
    }
    return out;
  }
}
