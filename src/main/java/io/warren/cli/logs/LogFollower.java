package io.warren.cli.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one plain log file: its last lines, then (following) whatever is appended. The worker
 * rotates task logs by copy-and-truncate ({@code TaskLogRotator}) and the shim writes with
 * O_APPEND, so a file that becomes shorter than what was read has been truncated and the next
 * bytes start at offset 0: the follower then restarts from the beginning and loses nothing
 * written after the truncation.
 */
final class LogFollower {
  private static final int CHUNK = 8192;

  private final Path file;
  private final OutputStream out;
  private long position;

  LogFollower(Path file, OutputStream out) {
    this.file = file;
    this.out = out;
  }

  /** Prints the whole file, or only its last {@code tailLines} lines when that is >= 0. */
  void printInitial(int tailLines) throws IOException {
    long size = Files.size(file);
    position = tailLines < 0 ? 0 : startOfLastLines(tailLines, size);
    copyUpTo(size);
  }

  /**
   * Prints what was appended since the last call; returns true if anything was printed. A file
   * found shorter than the read position was truncated: reading restarts at 0.
   */
  boolean poll() throws IOException {
    if (!Files.exists(file)) {
      return false; // between a rotation's steps, or removed with its container
    }
    long size = Files.size(file);
    if (size < position) {
      position = 0;
    }
    if (size == position) {
      return false;
    }
    copyUpTo(size);
    return true;
  }

  private void copyUpTo(long end) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      raf.seek(position);
      byte[] buf = new byte[CHUNK];
      while (position < end) {
        int n = raf.read(buf, 0, (int) Math.min(buf.length, end - position));
        if (n < 0) {
          break; // truncated while reading; the next poll sees the shorter size
        }
        out.write(buf, 0, n);
        position += n;
      }
    }
    out.flush();
  }

  /** Offset where the last {@code lines} lines begin (a final line without newline counts). */
  private long startOfLastLines(int lines, long size) throws IOException {
    if (lines == 0 || size == 0) {
      return size;
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long pos = size;
      int newlines = 0;
      byte[] buf = new byte[CHUNK];
      // a trailing newline ends the last line rather than starting an empty one
      raf.seek(size - 1);
      boolean endsWithNewline = raf.read() == '\n';
      int wanted = endsWithNewline ? lines + 1 : lines;
      while (pos > 0) {
        int n = (int) Math.min(buf.length, pos);
        pos -= n;
        raf.seek(pos);
        raf.readFully(buf, 0, n);
        for (int i = n - 1; i >= 0; i--) {
          if (buf[i] == '\n' && ++newlines == wanted) {
            return pos + i + 1;
          }
        }
      }
      return 0;
    }
  }
}
