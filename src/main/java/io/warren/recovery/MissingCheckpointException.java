package io.warren.recovery;

import io.warren.journal.JournalException;
import java.nio.file.Path;

/**
 * The retained journal starts after generations that are gone, and no checkpoint covers them:
 * the history is incomplete and replaying it would lose tasks. Start-up stops; the message says
 * which data directory, what is missing and what the operator can do.
 */
public final class MissingCheckpointException extends JournalException {
  private final Path dataDir;
  private final int firstGeneration;

  MissingCheckpointException(Path dataDir, Path journalDir, int firstGeneration, Path firstFile) {
    super("journal " + journalDir + " has no checkpoint and starts at generation "
        + firstGeneration + " (" + firstFile.getFileName() + "), not at generation " + StartupReplay.FIRST_GENERATION + ": the cycle files before it"
        + " and the checkpoint that covered them are missing, so replay would forget tasks and"
        + " reap their containers. Refusing to start on data dir " + dataDir + ". Restore the"
        + " missing cycle files from a backup; or, to start this node afresh, move " + journalDir
        + " aside: the worker will then reap every container in its namespace and the manager"
        + " will schedule the tasks again.");
    this.dataDir = dataDir;
    this.firstGeneration = firstGeneration;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The generation the retained journal starts at. */
  public int firstGeneration() {
    return firstGeneration;
  }
}
