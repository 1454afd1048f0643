package io.warren.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.warren.journal.ChronicleJournal;
import io.warren.journal.EffectIntent;
import io.warren.journal.Finding;
import io.warren.journal.JournalInspector;
import io.warren.journal.JournalRecord;
import io.warren.journal.RecordJson;
import io.warren.journal.SyncMode;
import io.warren.task.load.TaskMachineLoader;
import io.warren.testing.FixtureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every journal the crash matrices recorded (journal/fixtures/crash/, regenerated with
 * {@code -Dwarren.fixtures.export}, see docs/replay.md) run again, offline and deterministically:
 * replay through the task machines finds no violation and ends each task exactly where the crash
 * run saw it after recovery; an engine restored from the records agrees; the only intent left
 * open is the wait on a running container (recovery answered every other one); and
 * {@code warren journal verify}'s checks pass on the records written back into a real journal.
 */
class CrashFixturesTest {
  /** The crash points of WorkerCrashMatrixTest and WorkerStopRestartCrashMatrixTest. */
  private static final int CRASH_POINTS = 16;

  @TempDir
  Path tmp;

  static Path crashDir() {
    return FixtureFiles.fixtureDir().resolve("crash");
  }

  @TestFactory
  Stream<DynamicTest> everyCrashRunReplaysToWhatTheRunObserved() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(crashDir())) {
      files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().collect(Collectors.toList());
    }
    assertEquals(CRASH_POINTS, files.size(), "one fixture per crash point in " + crashDir());
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
        () -> check(f)));
  }

  private void check(Path fixture) throws IOException {
    String base = fixture.getFileName().toString().replace(".jsonl", "");
    JsonNode expect = RecordJson.mapper().readTree(
        fixture.resolveSibling(base + ".expect.json").toFile());
    Map<String, String> expectedStates = new TreeMap<>();
    Map<String, Integer> expectedAttempts = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = expect.get("tasks").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> t = it.next();
      expectedStates.put(t.getKey(), t.getValue().get("state").asText());
      expectedAttempts.put(t.getKey(), t.getValue().get("attempt").asInt());
    }
    assertTrue(!expectedStates.isEmpty(), base + ": no task expected");

    List<JournalRecord> records = JsonlRecords.read(fixture);
    ReplayRun run = ReplayFixtureExtension.run(records); // fails if restore and replay disagree
    ReplayResult r = run.replay();
    assertEquals(List.of(), r.violations(), base);
    assertEquals(expectedStates, new TreeMap<>(r.states()), base + ": final states");
    for (Map.Entry<String, Integer> e : expectedAttempts.entrySet()) {
      assertEquals(e.getValue(), r.task(e.getKey()).attempt(), base + ": attempt of " + e.getKey());
    }
    for (EffectIntent open : r.openIntents()) {
      assertEquals("watch", open.effect(), base + ": recovery left an intent open: " + open);
      assertEquals("running", r.state(open.taskId()), base + ": open watch of a task not running");
    }

    Path dataDir = tmp.resolve(base);
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE).open()) {
      records.forEach(j::append);
    }
    try (JournalInspector in = JournalInspector.open(dataDir)) {
      List<Finding> problems = new ArrayList<>(in.verify(TaskMachineLoader.taskMachine()));
      problems.removeIf(p -> !p.problem());
      assertEquals(List.of(), problems, base + ": journal verify");
    }
  }
}
