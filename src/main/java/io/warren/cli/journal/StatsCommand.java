package io.warren.cli.journal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.journal.JournalIndex;
import io.warren.journal.JournalInspector;
import io.warren.journal.JournalStats;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Counts by record type, bytes on disk, time span, rate and checkpoint position.")
final class StatsCommand implements Runnable {
  @CommandLine.Mixin JournalOptions opts;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    JournalStats s;
    try (JournalInspector j = JournalInspector.open(opts.workerDataDir())) {
      s = j.stats();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (opts.json) {
      ObjectNode n = Cli.JSON.createObjectNode();
      n.put("records", s.records());
      ObjectNode c = n.putObject("countsByType");
      s.countsByType().forEach(c::put);
      n.put("apparentBytes", s.apparentBytes());
      n.put("allocatedBytes", s.allocatedBytes());
      s.files().forEach(n.putArray("files")::add);
      n.put("firstIndex", s.firstIndex());
      n.put("lastIndex", s.lastIndex());
      n.put("firstTime", Cli.time(s.firstTimeMillis()));
      n.put("lastTime", Cli.time(s.lastTimeMillis()));
      n.put("spanMillis", Math.max(0, s.lastTimeMillis() - s.firstTimeMillis()));
      n.put("ratePerSecond", s.ratePerSecond());
      n.put("lastCheckpointIndex", s.lastCheckpointIndex());
      n.put("lastCheckpointTime", Cli.time(s.lastCheckpointTimeMillis()));
      n.put("tornTails", s.tornTails().size());
      Cli.printJson(out, n);
      return;
    }
    out.printf("records            %d%n", s.records());
    s.countsByType().forEach((t, n) -> out.printf("  %-16s %d%n", t, n));
    out.printf("bytes              %d allocated, %d apparent, in %d files %s%n", s.allocatedBytes(),
        s.apparentBytes(), s.files().size(), s.files());
    out.printf("time span          %s .. %s (%s)%n", Cli.time(s.firstTimeMillis()),
        Cli.time(s.lastTimeMillis()),
        Cli.duration(Math.max(0, s.lastTimeMillis() - s.firstTimeMillis())));
    out.printf("rate               %.1f records/s%n", s.ratePerSecond());
    out.printf("indexes            %d .. %d%n", s.firstIndex(), s.lastIndex());
    out.printf("last checkpoint    %s%n", s.lastCheckpointIndex() < 0 ? "none"
        : "index " + s.lastCheckpointIndex() + " (" + JournalIndex.describe(s.lastCheckpointIndex())
            + ") at " + Cli.time(s.lastCheckpointTimeMillis()));
    s.tornTails().forEach(t -> out.println("WARNING " + t));
    out.flush();
  }
}
