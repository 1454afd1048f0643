package io.warren.cli.journal;

import io.warren.cli.WorkerDataDir;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every {@code warren journal} verb takes. */
public final class JournalOptions {

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "/var/lib/warren/worker",
      description = "The worker's data directory, holding journal/ (default: ${DEFAULT-VALUE}, "
          + "where warren up keeps it). The directory given to warren up --data-dir works too: "
          + "its worker/ subdirectory is read.")
  Path dataDir;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Option(names = "--debug", description = "Print stack traces of errors.")
  boolean debug;

  /** The worker data directory to read: {@code --data-dir}, or its worker/ ({@link WorkerDataDir}). */
  Path workerDataDir() {
    return WorkerDataDir.resolve(dataDir);
  }
}
