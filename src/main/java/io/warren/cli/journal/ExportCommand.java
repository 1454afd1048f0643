package io.warren.cli.journal;

import io.warren.journal.JournalInspector;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write every retained record as JSON lines (one record per line), to stdout or "
        + "a file: the form of journal/fixtures/.")
final class ExportCommand implements Runnable {
  enum Format { jsonl }

  @CommandLine.Mixin JournalOptions opts;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--format", defaultValue = "jsonl", paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here, not stdout.")
  Path output;

  @Override
  public void run() {
    try (JournalInspector j = JournalInspector.open(opts.workerDataDir())) {
      if (output == null) {
        j.exportJsonl(spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
        return;
      }
      Path tmp = output.resolveSibling(output.getFileName() + ".tmp");
      long n;
      try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
        n = j.exportJsonl(w);
      }
      Files.move(tmp, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      if (!opts.json) {
        spec.commandLine().getErr().println("exported " + n + " records to " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
    }
  }
}
