package io.warren.cli.journal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.cli.ExitCodes;
import io.warren.journal.Finding;
import io.warren.journal.JournalInspector;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {
        "Check integrity (checksums, versions, torn tails) and invariants (legal transitions, "
            + "nothing leaves a terminal state, every intent has an outcome, at most one live "
            + "container per task attempt).",
        "Exit 1 when a problem is found. Open intents are reported as notes (recovery resolves "
            + "them); --strict makes them fail too."})
final class VerifyCommand implements Callable<Integer> {
  @CommandLine.Mixin JournalOptions opts;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--strict", description = "Fail on notes (open intents) as well.")
  boolean strict;

  @Override
  public Integer call() {
    List<Finding> findings;
    long records;
    try (JournalInspector j = JournalInspector.open(opts.workerDataDir())) {
      findings = j.verify(Cli.transitionRules());
      records = j.reader().lastIndex() < 0 ? 0 : countQuietly(j);
    }
    long problems = findings.stream().filter(f -> f.problem() || strict).count();
    PrintWriter out = spec.commandLine().getOut();
    if (opts.json) {
      ObjectNode n = Cli.JSON.createObjectNode();
      n.put("ok", problems == 0);
      n.put("records", records);
      n.put("problems", problems);
      ArrayNode arr = n.putArray("findings");
      for (Finding f : findings) {
        arr.addObject().put("index", f.index()).put("task", f.taskId()).put("check", f.check())
            .put("problem", f.problem()).put("message", f.message());
      }
      Cli.printJson(out, n);
    } else {
      findings.forEach(out::println);
      out.printf("%s: %d records, %d problems, %d notes%n", problems == 0 ? "ok" : "FAILED",
          records, findings.stream().filter(Finding::problem).count(),
          findings.stream().filter(f -> !f.problem()).count());
      out.flush();
    }
    return problems == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  /** Whole records readable before any damage (for the summary line only). */
  private static long countQuietly(JournalInspector j) {
    long[] n = {0};
    try {
      j.forEach(e -> n[0]++);
    } catch (RuntimeException e) {
      // the damage is already a finding; the count is what was readable before it
    }
    return n[0];
  }
}
