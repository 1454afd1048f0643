package io.warren.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warren.embedded.EmbeddedManager;
import io.warren.testing.LocalCluster;
import io.warren.runtime.testsupport.ContainerdExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code --drain-on-stop}: stopping the daemon stops and removes every task's container first. */
class WorkerDrainTest {
  @RegisterExtension
  static final ContainerdExtension containerd = new ContainerdExtension();

  @TempDir
  Path dir;

  @Test
  void drainOnStopLeavesNoContainerBehind() throws Exception {
    String image = containerd.busybox();
    try (EmbeddedManager manager = LocalCluster.startManager(dir, "127.0.0.1:0")) {
      Worker worker = LocalCluster.worker(dir, manager, containerd, true);
      worker.start();
      LocalCluster.createSleeper(manager.address().toString(), "web", image, "--replicas", "2",
          "--stop-timeout", "1s");
      await().atMost(Duration.ofSeconds(60))
          .until(() -> LocalCluster.running(worker).size() == 2);
      assertEquals(2, containerd.runtime().listOwned().size());

      worker.stop(); // Warren's Stop(): with drain-on-stop, a graceful shutdown with task cleanup

      assertEquals(List.of(), containerd.runtime().listOwned(), "drained: nothing left running");
    }
  }
}
