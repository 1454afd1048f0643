package io.warren.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.cli.WarrenMain;
import io.warren.embedded.EmbeddedManager;
import io.warren.journal.EffectIntent;
import io.warren.journal.EffectOutcome;
import io.warren.journal.JournalEntry;
import io.warren.journal.JournalReader;
import io.warren.journal.JournalRecord;
import io.warren.journal.TaskView;
import io.warren.runtime.testsupport.ContainerdExtension;
import io.warren.testing.LocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container that fails at once, under a restart policy without a delay, on real containerd:
 * the worker waits 100 ms, then 200, then 400 before its restarts, instead of restarting it as
 * fast as it can.
 */
class WorkerRestartBackOffTest {
  @RegisterExtension
  static final ContainerdExtension containerd = new ContainerdExtension();

  @TempDir
  Path dir;

  @Test
  void quickExitsInARowDoubleTheWaitBeforeEachRestart() throws Exception {
    ContainerdExtension.cleanNamespace(containerd.connection());
    String image = containerd.busybox();
    try (EmbeddedManager manager = LocalCluster.startManager(dir, "127.0.0.1:0")) {
      String addr = manager.address().toString();
      Process worker = ChildWorker.start(dir, containerd, addr, "", "worker.log");
      try {
        assertEquals(0, WarrenMain.run("service", "create", "crashy", "--image", image,
            "--restart", "on-failure", "--restart-max-attempts", "3",
            "--command", "sh", "--command", "-c", "--command", "exit 3", "--manager", addr));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions() // until the journal exists
            .until(() -> onlyTask().map(TaskView::state).orElse("").equals("failed"));
        assertEquals(4, onlyTask().orElseThrow().attempt(), "the first run and 3 restarts");

        List<JournalRecord> records;
        try (JournalReader r = JournalReader.open(dir.resolve("worker"));
            Stream<JournalEntry> s = r.readAll()) {
          records = s.map(JournalEntry::record).collect(Collectors.toList());
        }
        Map<Long, EffectIntent> intents = records.stream()
            .filter(r -> r instanceof EffectIntent i && i.effect().equals("backoff"))
            .map(r -> (EffectIntent) r)
            .collect(Collectors.toMap(EffectIntent::effectSeq, Function.identity()));
        List<EffectOutcome> waits = records.stream()
            .filter(r -> r instanceof EffectOutcome o && o.effect().equals("backoff"))
            .map(r -> (EffectOutcome) r).toList();
        assertEquals(List.of("100", "200", "400"),
            waits.stream().map(o -> o.details().get("delayMillis")).toList());
        for (EffectOutcome o : waits) {
          long waited = o.timeMillis() - intents.get(o.effectSeq()).timeMillis();
          assertTrue(waited >= Long.parseLong(o.details().get("delayMillis")),
              "restarted after " + waited + " ms, before its back-off of "
                  + o.details().get("delayMillis") + " ms");
        }
      } finally {
        ChildWorker.stop(worker);
        ContainerdExtension.cleanNamespace(containerd.connection());
      }
    }
  }

  private Optional<TaskView> onlyTask() {
    return ChildWorker.onlyTask(dir);
  }
}
