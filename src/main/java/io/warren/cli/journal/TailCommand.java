package io.warren.cli.journal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.journal.JournalEntry;
import io.warren.journal.JournalInspector;
import io.warren.journal.JournalTailer;
import io.warren.journal.RecordJson;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "tail", mixinStandardHelpOptions = true,
    description = "Print the last records; with -f, keep printing records as they are written.")
final class TailCommand implements Runnable {
  @CommandLine.Mixin JournalOptions opts;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-n", "--lines"}, defaultValue = "10", paramLabel = "N",
      description = "How many of the last records to print first (default: ${DEFAULT-VALUE}).")
  int lines;

  @Option(names = {"-f", "--follow"}, description = "Follow: print new records as they are written.")
  boolean follow;

  @Option(names = "--max-records", paramLabel = "N", defaultValue = "0",
      description = "With -f: stop after printing N new records (0: never stop).")
  long maxRecords;

  @Override
  public void run() {
    if (lines < 0) {
      throw new IllegalArgumentException("--lines must be >= 0, got " + lines);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (JournalInspector j = JournalInspector.open(opts.workerDataDir())) {
      Deque<JournalEntry> last = new ArrayDeque<>();
      long lastIndex = -1;
      try (JournalTailer t = j.reader().tail(true)) {
        Optional<JournalEntry> e;
        while ((e = t.poll()).isPresent()) {
          lastIndex = e.get().index();
          if (lines > 0) {
            if (last.size() == lines) {
              last.removeFirst();
            }
            last.addLast(e.get());
          }
        }
        last.forEach(x -> print(out, x));
        out.flush();
        if (!follow) {
          return;
        }
        long printed = 0;
        while (!Thread.currentThread().isInterrupted()
            && (maxRecords == 0 || printed < maxRecords)) {
          Optional<JournalEntry> next = t.next(Duration.ofMillis(200));
          if (next.isPresent() && next.get().index() > lastIndex) {
            print(out, next.get());
            out.flush();
            printed++;
          }
        }
      }
    }
  }

  private void print(PrintWriter out, JournalEntry e) {
    if (opts.json) {
      ObjectNode n = Cli.JSON.createObjectNode();
      n.put("index", e.index());
      try {
        n.setAll((ObjectNode) RecordJson.mapper().readTree(RecordJson.toLine(e.record())));
        out.println(RecordJson.mapper().writeValueAsString(n));
      } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
        throw new IllegalStateException("cannot encode record " + e.index(), ex);
      }
    } else {
      out.printf("%-24s %12d %s%n", Cli.time(e.record().timeMillis()), e.index(),
          RecordJson.toLine(e.record()));
    }
  }
}
