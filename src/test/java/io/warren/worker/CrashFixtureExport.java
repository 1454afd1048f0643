package io.warren.worker;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.journal.Checkpoint;
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
import java.util.stream.Collectors;

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
   * Exports once the journal agrees with what the run observed: {@code expected} holds a state
   * and attempt for each task the run followed, in order of first appearance (the test does not
   * know the ids the manager makes up). Tasks the run did not follow (a replacement the manager
   * schedules for a failed task, still in flight) are left out of the fixture, checkpoints
   * included, so the fixture describes a settled history.
   */
  static void exportIfRequested(Path dir, String flow, String crashPoint,
      List<Expected> expected) {
    if (!requested()) {
      return;
    }
    Path journalDir = dir.resolve("worker");
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      List<Expected> seen = observed(journalDir);
      return seen.size() >= expected.size()
          && seen.subList(0, expected.size()).equals(expected);
    });
    List<JournalRecord> all = new ArrayList<>();
    List<TaskView> tasks;
    try (JournalInspector j = JournalInspector.open(journalDir)) {
      j.forEach(e -> all.add(e.record()));
      tasks = inOrder(j.tasks());
    }
    Map<String, Expected> byTask = new TreeMap<>();
    for (TaskView t : tasks.subList(0, expected.size())) {
      byTask.put(t.taskId(), new Expected(t.state(), t.attempt()));
    }
    List<JournalRecord> records = new ArrayList<>();
    for (JournalRecord r : all) {
      if (r instanceof Checkpoint c) {
        records.add(new Checkpoint(c.timeMillis(), c.nodeId(), c.tasks().stream()
            .filter(t -> byTask.containsKey(t.taskId())).collect(Collectors.toList())));
      } else if (r.taskId().isEmpty() || byTask.containsKey(r.taskId())) {
        records.add(r);
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
    ObjectNode json = expect.putObject("tasks");
    byTask.forEach((id, x) -> json.putObject(id).put("state", x.state()).put("attempt", x.attempt()));
    try {
      Files.writeString(out.resolve(name + ".expect.json"),
          RecordJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(expect) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<TaskView> inOrder(List<TaskView> tasks) {
    List<TaskView> out = new ArrayList<>(tasks);
    out.sort((a, b) -> Long.compare(a.timeline().get(0).index(), b.timeline().get(0).index()));
    return out;
  }

  /** Each task's state and attempt, in order of first appearance in the journal. */
  private static List<Expected> observed(Path journalDir) {
    try (JournalInspector j = JournalInspector.open(journalDir)) {
      List<Expected> out = new ArrayList<>();
      inOrder(j.tasks()).forEach(t -> out.add(new Expected(t.state(), t.attempt())));
      return out;
    }
  }
}
