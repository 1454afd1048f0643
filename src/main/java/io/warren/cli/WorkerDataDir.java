package io.warren.cli;

import io.warren.journal.JournalReader;
import java.nio.file.Path;

/**
 * The worker data directory a reading command (`warren logs`, `warren journal ...`) was pointed
 * at: the directory itself when it holds a journal, else its {@code worker/} subdirectory when
 * that does (the layout {@code warren up --data-dir DIR} creates), so both the worker's
 * directory and the one given to {@code warren up} work.
 */
public final class WorkerDataDir {

  private WorkerDataDir() {}

  /** @throws UserError naming both places when neither holds a journal */
  public static Path resolve(Path dir) {
    if (JournalReader.exists(dir)) {
      return dir;
    }
    Path nested = dir.resolve("worker");
    if (JournalReader.exists(nested)) {
      return nested;
    }
    throw new UserError("--data-dir: no worker journal in " + dir + " nor in " + nested
        + " (pass the worker's data directory, or the one given to warren up)");
  }
}
