package io.warren.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.embedded.EmbeddedManager;
import io.warren.recovery.CrashPoint;
import io.warren.testing.LocalCluster;
import io.warren.runtime.ObservedContainer;
import io.warren.runtime.containerd.ContainerdRuntime;
import io.warren.runtime.testsupport.ContainerdExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The worker as a real child process, halted (like kill -9: no shutdown hooks) right after a
 * given journal append of the start flow, then started again on the same data directory. After
 * each restart: exactly one container for the task, at attempt 1 (the crash caused no restart
 * and no duplicate); a container that was already running kept its PID; the journal verifies.
 * With {@code -Dwarren.fixtures.export=DIR} each run's journal becomes a replay fixture
 * ({@link CrashFixtureExport}).
 */
@Tag("slow")
class WorkerCrashMatrixTest {
  @RegisterExtension
  static final ContainerdExtension containerd = new ContainerdExtension();

  @TempDir
  Path dir;

  @ParameterizedTest(name = "crash after {0}")
  @ValueSource(strings = {
      "TaskAssigned:1",
      "EffectIntent:pull:1",
      "EffectIntent:create:1",
      "EffectOutcome:create:1",
      "EffectIntent:start:1",
      "EffectOutcome:start:1",
      "Transition:running:1",
      "EffectIntent:watch:1"})
  void restartAfterCrashKeepsExactlyOneContainer(String crashPoint) throws Exception {
    ContainerdRuntime rt = containerd.runtime();
    ContainerdExtension.cleanNamespace(containerd.connection()); // nothing left by an earlier case
    String image = containerd.busybox();
    try (EmbeddedManager manager = LocalCluster.startManager(dir, "127.0.0.1:0")) {
      String addr = manager.address().toString();
      Process crashing = ChildWorker.start(dir, containerd, addr, crashPoint, "first.log");
      LocalCluster.createSleeper(addr, "web", image);
      assertTrue(crashing.waitFor(90, TimeUnit.SECONDS), "worker did not reach " + crashPoint);
      assertEquals(CrashPoint.HALT_STATUS, crashing.exitValue(),
          "the injected crash, not another failure (see " + dir.resolve("first.log") + ")");

      List<ObservedContainer> atCrash = rt.listOwned();
      Process worker = ChildWorker.start(dir, containerd, addr, "", "second.log");
      try {
        await().atMost(Duration.ofSeconds(90)).until(() -> rt.listOwned().stream()
            .anyMatch(c -> c.status() == ObservedContainer.TaskStatus.RUNNING));
        List<ObservedContainer> after = rt.listOwned();
        assertEquals(1, after.size(), "one container: " + after);
        ObservedContainer c = after.get(0);
        assertEquals(1, c.attempt(), "a crash must not cost a restart: " + c);
        for (ObservedContainer before : atCrash) {
          if (before.status() == ObservedContainer.TaskStatus.RUNNING) {
            assertEquals(before.pid(), c.pid(), "reattached to the same process");
          }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ChildWorker.journalProblems(dir).isEmpty());
        CrashFixtureExport.exportIfRequested(dir, "start", crashPoint,
            List.of(new CrashFixtureExport.Expected("running", 1)));
      } finally {
        worker.destroy(); // SIGTERM: a clean stop, containers keep running
        worker.waitFor(30, TimeUnit.SECONDS);
        ContainerdExtension.cleanNamespace(containerd.connection());
      }
    }
  }
}
