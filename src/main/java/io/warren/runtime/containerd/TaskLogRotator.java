package io.warren.runtime.containerd;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Size-based rotation of a live task log by copy-and-truncate. The shim keeps the plain log path
 * open with O_APPEND (verified: {@code ContainerdRuntimeTest.logFilesAreAppendedNotOverwritten}),
 * so after the truncation its next write lands at offset 0 of the same file: no sparse holes, no
 * reopen needed. Output written between the copy and the truncate (microseconds) is lost; that is
 * the price of rotating without a logging binary between the shim and the file.
 */
public final class TaskLogRotator {
  private final long maxBytes;
  private final int keep;

  /**
   * @param maxBytes rotate once a file is larger than this
   * @param keep rotated generations kept ({@code log.1} newest .. {@code log.<keep>})
   */
  public TaskLogRotator(long maxBytes, int keep) {
    if (maxBytes <= 0 || keep < 1) {
      throw new IllegalArgumentException("log rotation needs maxBytes > 0 and keep >= 1, got " + maxBytes + ", "
          + keep);
    }
    this.maxBytes = maxBytes;
    this.keep = keep;
  }

  /** Rotates {@code log} if it has grown past the limit; returns true when it did. */
  public boolean rotateIfNeeded(Path log) throws IOException {
    if (!Files.exists(log) || Files.size(log) <= maxBytes) {
      return false;
    }
    Files.deleteIfExists(generation(log, keep));
    for (int i = keep - 1; i >= 1; i--) {
      Path g = generation(log, i);
      if (Files.exists(g)) {
        Files.move(g, generation(log, i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.copy(log, generation(log, 1), StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
      ch.truncate(0);
    }
    return true;
  }

  static Path generation(Path log, int n) {
    return log.resolveSibling(log.getFileName() + "." + n);
  }
}
