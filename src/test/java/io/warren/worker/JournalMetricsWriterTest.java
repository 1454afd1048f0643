package io.warren.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.warren.journal.EffectOutcome;
import io.warren.journal.JournalException;
import io.warren.journal.JournalRecord;
import io.warren.journal.Transition;
import io.warren.metrics.WorkerMetrics;
import io.warren.task.machine.Effects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JournalMetricsWriterTest {
  final WorkerMetrics metrics = new WorkerMetrics();
  final List<JournalRecord> written = new ArrayList<>();

  @Test
  void countsRecordsByTypeAndOomKilledExits() {
    var writer = new JournalMetricsWriter(r -> {
      written.add(r);
      return written.size();
    }, metrics);
    writer.append(watch("t1", "true"));
    writer.append(watch("t2", "false"));
    writer.append(new Transition(1, "t1", 1, "running", "exited", "exited", "exit code 137"));

    assertEquals(3, written.size(), "every record reaches the journal");
    assertEquals(1, metrics.containerOomKills.get());
    assertEquals(2, metrics.journalRecords.labelValues("EffectOutcome").get());
    assertEquals(1, metrics.journalRecords.labelValues("Transition").get());
  }

  @Test
  void aFailedAppendIsNotCounted() {
    var writer = new JournalMetricsWriter(r -> {
      throw new JournalException("disk full");
    }, metrics);
    assertThrows(JournalException.class, () -> writer.append(watch("t1", "true")));
    assertEquals(0, metrics.containerOomKills.get());
  }

  private static EffectOutcome watch(String task, String oomKilled) {
    return new EffectOutcome(1, task, 1, 7, Effects.WATCH, task + "-a1", EffectOutcome.Result.OK, "",
        Map.of("exitCode", "137", "oomKilled", oomKilled, "exitedAt", "1"));
  }
}
