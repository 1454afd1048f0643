package io.warren.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.embedded.EmbeddedManager;
import io.warren.testing.LocalCluster;
import io.warren.runtime.containerd.ContainerdRuntime;
import io.warren.runtime.testsupport.ContainerdExtension;
import io.warren.task.ActualState;
import io.warren.task.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * containerd restarted under a running worker: no task is reported failed or lost, the same
 * processes keep running, and the waits resume (an exit after the restart is still noticed and
 * handled by the restart policy).
 */
@Tag("slow")
class WorkerContainerdRestartTest {
  @RegisterExtension
  static final ContainerdExtension containerd = new ContainerdExtension();

  @TempDir
  Path dir;

  @Test
  void containerdRestartLosesNoTaskAndWaitsResume() throws Exception {
    String image = containerd.busybox();
    ContainerdRuntime rt = containerd.runtime();
    try (EmbeddedManager manager = LocalCluster.startManager(dir, "127.0.0.1:0");
         Worker worker = LocalCluster.worker(dir, manager, containerd, false)) {
      worker.start();
      List<TaskStatus> bad = new CopyOnWriteArrayList<>();
      worker.engine().onStatusChange(s -> {
        if (s.actualState() == ActualState.FAILED || s.machineState().equals("failed")) {
          bad.add(s);
        }
      });
      LocalCluster.createSleeper(manager.address().toString(), "web", image, "--replicas", "2");
      await().atMost(Duration.ofSeconds(60)).until(() -> LocalCluster.running(worker).size() == 2);
      Map<String, Integer> before = LocalCluster.runningPids(rt.listOwned());

      ContainerdExtension.stopDaemon();
      await().atMost(Duration.ofSeconds(10)).until(() -> !rt.connection().connected());
      ContainerdExtension.up();
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
          .until(() -> LocalCluster.runningPids(rt.listOwned()).equals(before));

      assertEquals(List.of(), bad, "no task reported failed because containerd restarted");
      List<TaskStatus> statuses = worker.engine().statuses();
      assertTrue(statuses.stream().allMatch(s -> s.actualState() == ActualState.RUNNING
          && s.attempt() == 1), statuses.toString());

      // The waits were re-issued: an exit now is noticed and the restart policy runs.
      String victim = before.keySet().iterator().next();
      ProcessHandle.of(before.get(victim)).orElseThrow().destroyForcibly();
      String victimTask = victim.substring(0, victim.lastIndexOf("-a"));
      await().atMost(Duration.ofSeconds(60)).until(() -> worker.engine().statuses().stream()
          .anyMatch(s -> s.taskId().equals(victimTask) && s.attempt() == 2
              && s.actualState() == ActualState.RUNNING));
      String survivor = before.keySet().stream().filter(id -> !id.equals(victim)).findFirst()
          .orElseThrow();
      assertEquals(before.get(survivor), LocalCluster.runningPids(rt.listOwned()).get(survivor), "survivor untouched");
      assertEquals(List.of(), bad);
    } finally {
      ContainerdExtension.cleanNamespace(containerd.connection());
    }
  }

}
