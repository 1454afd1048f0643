package io.warren.cli.journal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.cli.WarrenMain;
import io.warren.journal.ChronicleJournal;
import io.warren.journal.EffectIntent;
import io.warren.journal.EffectOutcome;
import io.warren.journal.JournalRecord;
import io.warren.journal.ManagerAck;
import io.warren.journal.NodeIdentity;
import io.warren.journal.SyncMode;
import io.warren.journal.TaskAssigned;
import io.warren.journal.Transition;
import io.warren.task.TaskSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every {@code warren journal} verb, through the real command line, output and exit code. */
class JournalCliTest {

  static final long T0 = 1_700_000_000_000L;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;
  @TempDir Path other;

  record Result(int exit, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = WarrenMain.newCommandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  static List<JournalRecord> lifecycle() {
    return List.of(
        new NodeIdentity(T0, "node-a", "127.0.0.1:2377", "warren"),
        new TaskAssigned(T0, TaskSpec.of("t1", "busybox:1.36", List.of("sleep", "100"))),
        new Transition(T0 + 1000, "t1", 1, "preparing", "pulling", "prepared", ""),
        new EffectIntent(T0 + 1000, "t1", 1, 1, "pull", ""),
        new EffectOutcome(T0 + 3000, "t1", 1, 1, "pull", "", EffectOutcome.Result.OK, "",
            Map.of("digest", "sha256:1")),
        new Transition(T0 + 3000, "t1", 1, "pulling", "creating", "pulled", ""),
        new EffectIntent(T0 + 3000, "t1", 1, 2, "create", "t1-1"),
        new EffectOutcome(T0 + 4000, "t1", 1, 2, "create", "t1-1", EffectOutcome.Result.OK, "",
            Map.of()),
        new Transition(T0 + 4000, "t1", 1, "creating", "starting", "created", "pid 42"),
        new TaskAssigned(T0 + 5000, TaskSpec.of("t2", "nginx:1.27", List.of())),
        new Transition(T0 + 5000, "t2", 1, "preparing", "pulling", "prepared", ""),
        new EffectIntent(T0 + 5000, "t2", 1, 1, "pull", ""),
        new ManagerAck(T0 + 6000, "t1", "running", ""));
  }

  static void write(Path dir, List<JournalRecord> records) {
    try (ChronicleJournal j = ChronicleJournal.builder(dir).sync(SyncMode.NONE).open()) {
      records.forEach(j::append);
    }
  }

  @BeforeEach
  void journal() {
    write(dataDir, lifecycle());
  }

  @Test
  void lsListsEveryTaskAsJson() throws Exception {
    Result r = run("journal", "ls", "--data-dir", dataDir.toString(), "--json");
    assertEquals(0, r.exit(), r.err());
    JsonNode arr = JSON.readTree(r.out());
    assertEquals(2, arr.size());
    JsonNode t1 = arr.get(0);
    assertEquals("t1", t1.get("task").asText());
    assertEquals("starting", t1.get("state").asText());
    assertEquals(1, t1.get("attempt").asInt());
    assertEquals("t1-1", t1.get("containerId").asText());
    assertEquals(Instant.ofEpochMilli(T0 + 4000).toString(), t1.get("updatedAt").asText());
    assertEquals("pulling", arr.get(1).get("state").asText());
  }

  @Test
  void lsPrintsATable() {
    Result r = run("journal", "ls", "--data-dir", dataDir.toString());
    assertEquals(0, r.exit(), r.err());
    String[] lines = r.out().split("\n");
    assertTrue(lines[0].startsWith("TASK"), r.out());
    assertTrue(lines[1].matches("t1\\s+starting\\s+1\\s+t1-1\\s+2023-11-14T22:13:24Z"), lines[1]);
  }

  @Test
  void showPrintsTheTimelineWithTimeInEachState() throws Exception {
    Result r = run("journal", "show", "t1", "--data-dir", dataDir.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("preparing -> pulling on prepared"), r.out());
    assertTrue(r.out().contains("outcome #2 create t1-1: OK"), r.out());
    assertTrue(r.out().matches("(?s).*pulling\\s+2\\.000s.*"), r.out());
    assertTrue(r.out().matches("(?s).*creating\\s+1\\.000s.*"), r.out());
    assertTrue(r.out().contains("starting         2.000s  (current: up to the journal's last "
        + "record, 2023-11-14T22:13:26Z)"), r.out());
    assertTrue(r.out().matches("(?s).*pulling\\s+2\\.000s\n.*"), "only the current state is marked");

    JsonNode j = JSON.readTree(run("journal", "show", "t1", "--json", "--data-dir",
        dataDir.toString()).out());
    assertEquals(2000, j.get("timeInStatesMillis").get("pulling").asLong());
    assertEquals(2000, j.get("timeInStatesMillis").get("starting").asLong(), "until the last record");
    assertEquals(9, j.get("timeline").size(), "assigned, 3 transitions, 2 intents, 2 outcomes, ack");

    Result missing = run("journal", "show", "nope", "--data-dir", dataDir.toString());
    assertEquals(2, missing.exit(), "a usage error");
    assertTrue(missing.err().startsWith("warren: error: TASK: no task 'nope' in the worker journal"
        + " of " + dataDir), missing.err());
    // a prefix names a task as in 'warren logs': here both tasks start with "t"
    Result ambiguous = run("journal", "show", "t", "--data-dir", dataDir.toString());
    assertEquals(2, ambiguous.exit());
    assertTrue(ambiguous.err().contains("'t' is ambiguous, it matches t1, t2"), ambiguous.err());
  }

  @Test
  void tailPrintsTheLastRecordsAndFollowsNewOnes() throws Exception {
    Result r = run("journal", "tail", "-n", "2", "--json", "--data-dir", dataDir.toString());
    assertEquals(0, r.exit(), r.err());
    String[] lines = r.out().trim().split("\n");
    assertEquals(2, lines.length);
    assertEquals("EffectIntent", JSON.readTree(lines[0]).get("type").asText());
    assertEquals("ManagerAck", JSON.readTree(lines[1]).get("type").asText());

    CompletableFuture<Result> follow = CompletableFuture.supplyAsync(() -> run("journal", "tail",
        "-f", "-n", "0", "--max-records", "3", "--json", "--data-dir", dataDir.toString()));
    // the "daemon" writes while tail -f runs
    try (ChronicleJournal j = ChronicleJournal.builder(dataDir).sync(SyncMode.NONE).open()) {
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
        j.append(new ManagerAck(T0 + 7000, "t2", "pending", ""));
        return follow.isDone();
      });
    }
    Result f = follow.get();
    assertEquals(0, f.exit(), f.err());
    String[] followed = f.out().trim().split("\n");
    assertEquals(3, followed.length, f.out());
    for (String l : followed) {
      assertEquals("t2", JSON.readTree(l).get("taskId").asText());
    }
  }

  @Test
  void statsCountsRecordsByType() throws Exception {
    Result r = run("journal", "stats", "--json", "--data-dir", dataDir.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode s = JSON.readTree(r.out());
    assertEquals(13, s.get("records").asLong());
    assertEquals(4, s.get("countsByType").get("Transition").asLong());
    assertEquals(3, s.get("countsByType").get("EffectIntent").asLong());
    assertEquals(6000, s.get("spanMillis").asLong());
    assertEquals(-1, s.get("lastCheckpointIndex").asLong());
    assertTrue(s.get("allocatedBytes").asLong() > 0);
    Result text = run("journal", "stats", "--data-dir", dataDir.toString());
    assertTrue(text.out().contains("records            13"), text.out());
  }

  @Test
  void verifyPassesACleanJournalAndReportsOpenIntents() {
    Result r = run("journal", "verify", "--data-dir", dataDir.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("open-intent task t2: effect #1 pull"), r.out());
    assertTrue(r.out().contains("ok: 13 records, 0 problems, 1 notes"), r.out());
    assertEquals(1, run("journal", "verify", "--strict", "--data-dir", dataDir.toString()).exit());
  }

  @Test
  void verifyFailsOnInvariantViolations() throws Exception {
    write(other, List.of(
        new Transition(T0, "t1", 1, "preparing", "starting", "start", ""),
        new Transition(T0 + 1, "t1", 1, "pulling", "starting", "oops", ""),
        new EffectIntent(T0 + 2, "t1", 1, 1, "create", "t1-1"),
        new EffectOutcome(T0 + 3, "t1", 1, 1, "create", "t1-1", EffectOutcome.Result.OK, "", null),
        new EffectIntent(T0 + 4, "t1", 1, 2, "create", "t1-1b"),
        new EffectOutcome(T0 + 5, "t1", 1, 2, "create", "t1-1b", EffectOutcome.Result.OK, "", null),
        new EffectOutcome(T0 + 6, "t1", 1, 9, "stop", "t1-1", EffectOutcome.Result.OK, "", null)));
    Result r = run("journal", "verify", "--json", "--data-dir", other.toString());
    assertEquals(1, r.exit(), r.out() + r.err());
    JsonNode v = JSON.readTree(r.out());
    // 2 transitions the task machine has no row for, a gap, two live containers, an orphan outcome.
    assertEquals(5, v.get("problems").asInt(), r.out());
    String checks = v.get("findings").toString();
    assertTrue(checks.contains("\"check\":\"continuity\""), checks);
    assertTrue(checks.contains("\"check\":\"legal\""), checks);
    assertTrue(checks.contains("\"check\":\"one-container\""), checks);
    assertTrue(checks.contains("has no intent"), checks);
  }

  @Test
  void verifyFailsOnCorruptionNamingTheIndex() throws Exception {
    Path file;
    try (var files = Files.list(dataDir.resolve("journal"))) {
      file = files.filter(p -> p.toString().endsWith("F.cq4")).findFirst().orElseThrow();
    }
    // overwrite bytes inside an early record's body (found by its text)
    byte[] bytes = Files.readAllBytes(file);
    int at = indexOf(bytes, "busybox:1.36".getBytes(StandardCharsets.UTF_8));
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap("XXXX".getBytes(StandardCharsets.UTF_8)), at);
    }
    Result r = run("journal", "verify", "--data-dir", dataDir.toString());
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("PROBLEM integrity at index 4294967297"), r.out());
    assertTrue(r.out().contains(file.toString()), r.out());
  }

  @Test
  void exportThenImportReproducesTheJournal() throws Exception {
    Result exported = run("journal", "export", "--format", "jsonl", "--data-dir",
        dataDir.toString());
    assertEquals(0, exported.exit(), exported.err());
    String[] lines = exported.out().trim().split("\n");
    assertEquals(13, lines.length);
    assertEquals("NodeIdentity", JSON.readTree(lines[0]).get("type").asText());

    Path file = other.resolve("fixture.jsonl");
    assertEquals(0, run("journal", "export", "--output", file.toString(), "--data-dir",
        dataDir.toString()).exit());
    assertEquals(exported.out(), Files.readString(file));

    Path target = other.resolve("imported");
    Result imported = run("journal", "import", file.toString(), "--data-dir", target.toString());
    assertEquals(0, imported.exit(), imported.err());
    assertEquals("imported 13 records into " + target + "\n", imported.out());
    assertEquals(run("journal", "ls", "--json", "--data-dir", dataDir.toString()).out(),
        run("journal", "ls", "--json", "--data-dir", target.toString()).out());
    assertEquals(exported.out(), run("journal", "export", "--data-dir", target.toString()).out());

    Result again = run("journal", "import", file.toString(), "--data-dir", target.toString());
    assertEquals(2, again.exit());
    assertTrue(again.err().contains("already has 13 journal records"), again.err());
  }

  @Test
  void importRefusesALockedDataDirAndBadInput() throws Exception {
    Path file = other.resolve("in.jsonl");
    Files.writeString(file, "{\"type\":\"ManagerAck\",\"v\":1,\"timeMillis\":1,\"taskId\":\"t\","
        + "\"actualState\":\"running\",\"error\":\"\"}\n{\"type\":\"Bogus\"}\n");
    Result bad = run("journal", "import", file.toString(), "--data-dir", other.resolve("d").toString());
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("line 2: unknown record type 'Bogus'"), bad.err());

    Files.writeString(file, "{\"type\":\"ManagerAck\",\"v\":2,\"timeMillis\":1}\n");
    Result future = run("journal", "import", file.toString(), "--data-dir", other.resolve("d").toString());
    assertEquals(2, future.exit());
    assertTrue(future.err().contains("has version 2"), future.err());

    Files.writeString(file, "{\"type\":\"ManagerAck\",\"v\":1,\"timeMillis\":1,\"taskId\":\"t\","
        + "\"actualState\":\"running\",\"error\":\"\"}\n");
    try (ChronicleJournal daemon = ChronicleJournal.open(other.resolve("busy"))) {
      Result locked = run("journal", "import", file.toString(), "--data-dir",
          other.resolve("busy").toString());
      assertEquals(1, locked.exit());
      assertEquals("warren: error: data directory " + other.resolve("busy") + " is locked by PID "
          + ProcessHandle.current().pid() + "\n", locked.err());
    }
  }

  @Test
  void atShowsEveryTaskAtAPastInstant() throws Exception {
    Result r = run("journal", "at", Instant.ofEpochMilli(T0 + 3500).toString(), "--json",
        "--data-dir", dataDir.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode arr = JSON.readTree(r.out());
    assertEquals(1, arr.size(), "t2 was not assigned yet");
    assertEquals("creating", arr.get(0).get("state").asText());

    JsonNode millis = JSON.readTree(run("journal", "at", Long.toString(T0 + 5000), "--json",
        "--data-dir", dataDir.toString()).out());
    assertEquals(2, millis.size());

    Result bad = run("journal", "at", "yesterday", "--data-dir", dataDir.toString());
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("TIME: cannot parse 'yesterday'"), bad.err());
  }

  @Test
  void everyVerbHasHelpAndAMissingJournalIsOneClearLine() {
    for (String verb : List.of("ls", "show", "tail", "stats", "verify", "export", "import", "at")) {
      Result h = run("journal", verb, "--help");
      assertEquals(0, h.exit(), verb);
      assertTrue(h.out().contains("--data-dir"), verb + ": " + h.out());
    }
    Result r = run("journal", "ls", "--data-dir", other.resolve("none").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("warren: error: --data-dir: no worker journal in "
        + other.resolve("none")), r.err());
    assertEquals(1, r.err().split("\n").length);
  }

  /** The directory given to warren up holds the worker's in worker/: every reading verb takes it. */
  @Test
  void theDirectoryGivenToUpWorksToo() throws Exception {
    Path upRoot = other.resolve("up");
    write(upRoot.resolve("worker"), lifecycle());
    for (String verb : List.of("ls", "stats", "verify", "export")) {
      Result r = run("journal", verb, "--data-dir", upRoot.toString());
      assertEquals(0, r.exit(), verb + ": " + r.err());
    }
    Result ls = run("journal", "ls", "--json", "--data-dir", upRoot.toString());
    assertTrue(ls.out().contains("\"t1\""), ls.out());
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (hay[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("not found");
  }
}
