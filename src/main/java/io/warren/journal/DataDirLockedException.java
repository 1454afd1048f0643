package io.warren.journal;

import java.nio.file.Path;

/** Another process (or another writer in this one) holds the data directory. */
public class DataDirLockedException extends JournalException {
  private final String holderPid;

  public DataDirLockedException(Path dataDir, String holderPid) {
    super("data directory " + dataDir + " is locked by PID " + holderPid);
    this.holderPid = holderPid;
  }

  public String holderPid() {
    return holderPid;
  }
}
