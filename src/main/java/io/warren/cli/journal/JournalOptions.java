package io.warren.cli.journal;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every {@code warren journal} verb takes. */
public final class JournalOptions {

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "/var/lib/warren/worker",
      description = "The worker's data directory, holding journal/: DATA-DIR/worker of "
          + "'warren up' and 'warren worker' (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Option(names = "--debug", description = "Print stack traces of errors.")
  boolean debug;
}
