package io.warren.cli.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.warren.cli.ExitCodes;
import io.warren.cli.TextTable;
import io.warren.cli.UserError;
import io.warren.journal.EffectIntent;
import io.warren.journal.JournalRecord;
import io.warren.journal.RecordJson;
import io.warren.replay.JsonlRecords;
import io.warren.replay.ReplayResult;
import io.warren.replay.Replayer;
import io.warren.replay.Violation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warren replay PATH}: re-drive a recorded journal through fresh machines and check it. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
        "Re-drive a recorded journal (a JSON-lines export or fixture) through fresh task state "
            + "machines built from statemachines/task.yaml, with no side effects, print each "
            + "task's final state and check the invariants: only legal transitions; every "
            + "effect intent has an outcome or is reported open; at most one live container per "
            + "task attempt; nothing leaves a terminal state.",
        "Exit status: 0 when every invariant holds, 1 on any violation (each names its record), "
            + "2 for a bad path or unreadable input."})
public final class ReplayCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PATH",
      description = "A JSON-lines journal export (one record per line, as journal/fixtures/*.jsonl).")
  Path path;

  @Option(names = "--json", description = "Print one JSON object: {records, tasks:[{task,state,"
      + "status,attempt,reason}], violations:[{record,type,task,message}], openIntents:[...]}.")
  boolean json;

  @Override
  public Integer call() throws JsonProcessingException {
    List<JournalRecord> records = load(path);
    ReplayResult result = Replayer.standard().replay(records);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(RecordJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(toJson(result)));
    } else {
      printText(result, out);
    }
    out.flush();
    return result.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  static List<JournalRecord> load(Path path) {
    if (!Files.exists(path)) {
      throw new UserError("PATH: no such file: " + path);
    }
    if (Files.isDirectory(path)) {
      throw new UserError("PATH: " + path + " is a directory; this version replays JSON-lines "
          + "files (export a data directory with 'warren journal export')");
    }
    return JsonlRecords.read(path);
  }

  static Map<String, Object> toJson(ReplayResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("records", r.records());
    m.put("tasks", r.tasks());
    m.put("violations", r.violations());
    m.put("openIntents", r.openIntents());
    return m;
  }

  private static void printText(ReplayResult r, PrintWriter out) {
    out.println("replayed " + r.records() + " records, " + r.tasks().size() + " tasks");
    if (!r.tasks().isEmpty()) {
      TextTable.print(out, List.of("TASK", "STATE", "STATUS", "ATTEMPT", "REASON"),
          r.tasks().stream().map(t -> List.of(t.task(), t.state(), t.status(),
              Integer.toString(t.attempt()), t.reason())).toList());
    }
    for (EffectIntent i : r.openIntents()) {
      out.println("open intent: " + i.taskId() + " #" + i.effectSeq() + " " + i.effect() + " "
          + i.containerId() + " (attempt " + i.attempt() + "): no outcome journaled");
    }
    if (r.ok()) {
      out.println("all invariants hold");
    } else {
      for (Violation v : r.violations()) {
        out.println("VIOLATION " + v);
      }
    }
  }
}
