package io.warren.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.warren.cli.WarrenMain;
import io.warren.journal.RecordJson;
import io.warren.testing.FixtureFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReplayCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = WarrenMain.newCommandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void replaysAFixture() {
    int code = run("replay", FixtureFiles.fixture("on-failure-max-attempts").toString());
    assertEquals(0, code, err.toString());
    assertEquals(List.of("replayed 58 records, 1 tasks",
        "TASK      STATE   STATUS  ATTEMPT  REASON",
        "crashy-1  failed  failed  3        exit code 1",
        "all invariants hold"), out.toString().lines().toList());
  }

  @Test
  void jsonListsTasksAndViolations() throws Exception {
    int code = run("replay", "--json", FixtureFiles.fixture("desired-flapping").toString());
    assertEquals(0, code, err.toString());
    JsonNode n = RecordJson.mapper().readTree(out.toString());
    assertEquals(3, n.get("tasks").size());
    assertEquals("flap-1", n.get("tasks").get(0).get("task").asText());
    assertEquals("removed", n.get("tasks").get(0).get("state").asText());
    assertEquals(0, n.get("violations").size());
  }

  @Test
  void aViolationExitsOneNamingTheRecord(@TempDir Path dir) throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(
        FixtureFiles.fixture("image-pull-failure")));
    lines.add("{\"type\":\"Transition\",\"v\":1,\"timeMillis\":9,\"taskId\":\"web-1\",\"attempt\":1,"
        + "\"from\":\"failed\",\"to\":\"preparing\",\"event\":\"run\",\"reason\":\"\"}");
    Path f = dir.resolve("bad.jsonl");
    Files.write(f, lines);
    assertEquals(1, run("replay", f.toString()));
    assertTrue(out.toString().contains("VIOLATION record " + lines.size() + " (Transition web-1): "
        + "task leaves terminal state 'failed'"), out.toString());
    out.getBuffer().setLength(0);
    assertEquals(1, run("replay", "--json", f.toString()));
    JsonNode n = RecordJson.mapper().readTree(out.toString());
    assertEquals(lines.size(), n.get("violations").get(0).get("record").asInt());
  }

  @Test
  void badInputIsAUsageError(@TempDir Path dir) throws Exception {
    assertEquals(2, run("replay", dir.resolve("missing.jsonl").toString()));
    assertTrue(err.toString().contains("no such file"), err.toString());
    Path junk = dir.resolve("junk.jsonl");
    Files.writeString(junk, "{\"type\":\"TaskAssigned\"}\nnot json\n");
    assertEquals(2, run("replay", junk.toString()));
    assertTrue(err.toString().contains("junk.jsonl:"), err.toString());
    assertEquals(2, run("replay", dir.toString()));
    assertTrue(err.toString().contains("is a directory"), err.toString());
  }
}
