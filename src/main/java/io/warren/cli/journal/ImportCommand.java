package io.warren.cli.journal;

import io.warren.cli.UserError;
import io.warren.journal.ChronicleJournal;
import io.warren.journal.JournalRecord;
import io.warren.journal.RecordJson;
import io.warren.journal.SyncMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = {
        "Append the records of a JSON-lines file (as written by export) to the journal of "
            + "--data-dir, which must be empty and not locked by a running worker.",
        "Every line is checked before anything is written."})
final class ImportCommand implements Runnable {
  @CommandLine.Mixin JournalOptions opts;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "JSON-lines file, one record per line.")
  Path file;

  @Override
  public void run() {
    List<JournalRecord> records = parse(file);
    try (ChronicleJournal j = ChronicleJournal.builder(opts.dataDir).sync(SyncMode.BATCH)
        .open()) {
      if (j.openReport().records() > 0) {
        throw new UserError("data directory " + opts.dataDir + " already has "
            + j.openReport().records() + " journal records; import into an empty one");
      }
      records.forEach(j::append);
    }
    if (opts.json) {
      Cli.printJson(spec.commandLine().getOut(), Cli.JSON.createObjectNode()
          .put("imported", records.size()).put("dataDir", opts.dataDir.toString()));
    } else {
      spec.commandLine().getOut().println("imported " + records.size() + " records into "
          + opts.dataDir);
      spec.commandLine().getOut().flush();
    }
  }

  /** Parses every line first, so a bad file writes nothing. */
  static List<JournalRecord> parse(Path file) {
    List<JournalRecord> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(RecordJson.fromLine(line));
        } catch (IllegalArgumentException e) {
          throw new UserError(file + " line " + n + ": " + e.getMessage());
        }
      }
    } catch (NoSuchFileException e) {
      throw new UserError("FILE: no such file " + file);
    } catch (IOException e) {
      throw new UserError("FILE: cannot read " + file + ": " + e.getMessage());
    }
    return out;
  }
}
