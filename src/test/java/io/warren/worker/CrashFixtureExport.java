package io.warren.worker;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.journal.JournalInspector;
import io.warren.journal.JournalRecord;
import io.warren.journal.RecordJson;
import io.warren.journal.TaskView;
import io.warren.testing.FixtureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a crash-matrix run into a replay fixture: when {@code -Dwarren.fixtures.export=DIR} is
 * set, the worker's journal is written to {@code DIR/<flow>-<crash point>.jsonl} (one record per
 * line, as {@code warren journal export --format jsonl} writes them, map keys sorted) and what the
 * run observed after recovery to {@code DIR/<flow>-<crash point>.expect.json}: the final state
 * and attempt of every task. {@code io.warren.replay.CrashFixturesTest} replays each pair.
 */
final class CrashFixtureExport {
  static final String PROPERTY = "warren.fixtures.export";

  private CrashFixtureExport() {}

  /** One task's end as the crash run observed it. */
  record Expected(String state, int attempt) {}

  static boolean requested() {
    return !System.getProperty(PROPERTY, "").isBlank();
  }

  /**
   * Exports once the journal agrees with what the run observed ({@code expected}: a state and
   * attempt for each task, by position of first appearance when ids are unknown to the test).
   */
  static void exportIfRequested(Path dir, String flow, String crashPoint,
      List<Expected> expected) {
    if (!requested()) {
      return;
    }
    Path journalDir = dir.resolve("worker");
    await().atMost(Duration.ofSeconds(30)).until(() -> observed(journalDir).equals(expected));
    List<JournalRecord> records = new ArrayList<>();
    Map<String, Expected> byTask = new TreeMap<>();
    try (JournalInspector j = JournalInspector.open(journalDir)) {
      j.forEach(e -> records.add(e.record()));
      for (TaskView t : j.tasks()) {
        byTask.put(t.taskId(), new Expected(t.state(), t.attempt()));
      }
    }
    String name = flow + "-" + crashPoint.replace(':', '-');
    Path out = Path.of(System.getProperty(PROPERTY));
    if (!out.isAbsolute()) {
      out = FixtureFiles.projectDir().resolve(out);
    }
    FixtureFiles.write(out.resolve(name + ".jsonl"), records);
    ObjectNode expect = RecordJson.mapper().createObjectNode();
    expect.put("flow", flow);
    expect.put("crashAfter", crashPoint);
    ObjectNode tasks = expect.putObject("tasks");
    byTask.forEach((id, x) -> tasks.putObject(id).put("state", x.state()).put("attempt", x.attempt()));
    try {
      Files.writeString(out.resolve(name + ".expect.json"),
          RecordJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(expect) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each task's state and attempt, in order of first appearance in the journal. */
  private static List<Expected> observed(Path journalDir) {
    try (JournalInspector j = JournalInspector.open(journalDir)) {
      List<TaskView> tasks = new ArrayList<>(j.tasks());
      tasks.sort((a, b) -> Long.compare(a.timeline().get(0).index(), b.timeline().get(0).index()));
      List<Expected> out = new ArrayList<>();
      tasks.forEach(t -> out.add(new Expected(t.state(), t.attempt())));
      return out;
    }
  }
}
