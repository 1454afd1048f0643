package io.warren.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.cli.WarrenMain;
import io.warren.embedded.EmbeddedManager;
import io.warren.journal.JournalInspector;
import io.warren.journal.TaskView;
import io.warren.recovery.CrashPoint;
import io.warren.testing.LocalCluster;
import io.warren.runtime.ObservedContainer;
import io.warren.runtime.containerd.ContainerdRuntime;
import io.warren.runtime.testsupport.ContainerdExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The crash matrix continued past the start flow: a child worker halted right after each journal
 * point of the shutdown flow (service removed) and of the restart-policy flow (a container that
 * exits 3), then started again on the same data directory. With
 * {@code -Dwarren.fixtures.export=DIR} each run's journal becomes a replay fixture
 * ({@link CrashFixtureExport}).
 */
@Tag("slow")
class WorkerStopRestartCrashMatrixTest {
  @RegisterExtension
  static final ContainerdExtension containerd = new ContainerdExtension();

  @TempDir
  Path dir;

  private void awaitCrash(Process crashing, String crashPoint) throws InterruptedException {
    assertTrue(crashing.waitFor(90, TimeUnit.SECONDS), "worker did not reach " + crashPoint);
    assertEquals(CrashPoint.HALT_STATUS, crashing.exitValue(),
        "the injected crash, not another failure (see " + dir.resolve("first.log") + ")");
  }

  /**
   * Shutdown flow: after the restart the stop is finished, not forgotten and not repeated into a
   * failure: the task ends removed and no container of it remains.
   */
  @ParameterizedTest(name = "shutdown, crash after {0}")
  @ValueSource(strings = {
      "Transition:stopping:1",
      "EffectIntent:stop:1",
      "EffectOutcome:stop:1",
      "EffectIntent:remove:1"})
  void crashDuringShutdownLeavesNoContainer(String crashPoint) throws Exception {
    ContainerdRuntime rt = containerd.runtime();
    ContainerdExtension.cleanNamespace(containerd.connection());
    String image = containerd.busybox();
    try (EmbeddedManager manager = LocalCluster.startManager(dir, "127.0.0.1:0")) {
      String addr = manager.address().toString();
      Process crashing = ChildWorker.start(dir, containerd, addr, crashPoint, "first.log");
      try {
        LocalCluster.createSleeper(addr, "web", image, "--stop-timeout", "1s");
        await().atMost(Duration.ofSeconds(90)).until(() -> rt.listOwned().stream()
            .anyMatch(c -> c.status() == ObservedContainer.TaskStatus.RUNNING));
        assertEquals(0, WarrenMain.run("service", "rm", "web", "--manager", addr));
        awaitCrash(crashing, crashPoint);
      } finally {
        crashing.destroyForcibly().waitFor();
      }

      Process worker = ChildWorker.start(dir, containerd, addr, "", "second.log");
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> rt.listOwned().isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> onlyTask().map(TaskView::state)
            .orElse("").equals("removed"));
        assertEquals(1, onlyTask().orElseThrow().attempt(), "a stop is not a restart");
        await().atMost(Duration.ofSeconds(30))
            .until(() -> ChildWorker.journalProblems(dir).isEmpty());
        assertEquals(List.of(), rt.listOwned(), "no container of a stopped task remains");
        CrashFixtureExport.exportIfRequested(dir, "shutdown", crashPoint,
            List.of(new CrashFixtureExport.Expected("removed", 1)));
      } finally {
        ChildWorker.stop(worker);
        ContainerdExtension.cleanNamespace(containerd.connection());
      }
    }
  }

  /**
   * Restart-policy flow: {@code exit 3} under on-failure with one restart allowed. Whatever the
   * crash point, the task ends failed at attempt 2 exactly (the crash neither skipped nor added an
   * attempt), every container of it is removed, and the journal verifies.
   */
  @ParameterizedTest(name = "restart policy, crash after {0}")
  @ValueSource(strings = {
      "EffectOutcome:watch:1",
      "Transition:backing-off:1",
      "EffectIntent:create:2",
      "EffectOutcome:create:2"})
  void crashDuringRestartPolicyKeepsOneContainerPerAttempt(String crashPoint) throws Exception {
    ContainerdRuntime rt = containerd.runtime();
    ContainerdExtension.cleanNamespace(containerd.connection());
    String image = containerd.busybox();
    try (EmbeddedManager manager = LocalCluster.startManager(dir, "127.0.0.1:0")) {
      String addr = manager.address().toString();
      Process crashing = ChildWorker.start(dir, containerd, addr, crashPoint, "first.log");
      try {
        assertEquals(0, WarrenMain.run("service", "create", "flaky", "--image", image,
            "--restart", "on-failure", "--restart-max-attempts", "1", "--restart-delay", "1s",
            "--command", "sh", "--command", "-c", "--command", "exit 3", "--manager", addr));
        awaitCrash(crashing, crashPoint);
      } finally {
        crashing.destroyForcibly().waitFor();
      }
      String taskId = firstTask().orElseThrow().taskId();
      List<ObservedContainer> atCrash = rt.listOwned();
      assertTrue(atCrash.stream().filter(c -> c.taskId().equals(taskId)).count() <= 1,
          "one container of the task at a time: " + atCrash);

      Process worker = ChildWorker.start(dir, containerd, addr, "", "second.log");
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> task(taskId).map(TaskView::state)
            .orElse("").equals("failed"));
        assertEquals(2, task(taskId).orElseThrow().attempt(),
            "one restart allowed: exactly two attempts, whatever the crash point");
        await().atMost(Duration.ofSeconds(30)).until(() -> rt.listOwned().stream()
            .noneMatch(c -> c.taskId().equals(taskId)));
        await().atMost(Duration.ofSeconds(30))
            .until(() -> ChildWorker.journalProblems(dir).isEmpty());
        CrashFixtureExport.exportIfRequested(dir, "restart-policy", crashPoint,
            List.of(new CrashFixtureExport.Expected("failed", 2)));
      } finally {
        ChildWorker.stop(worker);
        ContainerdExtension.cleanNamespace(containerd.connection());
      }
    }
  }

  private Optional<TaskView> onlyTask() {
    return ChildWorker.onlyTask(dir);
  }

  private Optional<TaskView> firstTask() {
    try (JournalInspector j = JournalInspector.open(dir.resolve("worker"))) {
      return j.tasks().stream().min((a, b) -> Long.compare(a.timeline().get(0).index(),
          b.timeline().get(0).index()));
    }
  }

  private Optional<TaskView> task(String taskId) {
    try (JournalInspector j = JournalInspector.open(dir.resolve("worker"))) {
      return j.task(taskId);
    }
  }
}
