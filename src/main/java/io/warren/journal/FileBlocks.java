package io.warren.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Disk space a (possibly sparse) file really uses, as {@code du} counts it. The JDK exposes no
 * {@code st_blocks}, so this asks {@code stat(1)}; without it, the apparent size is returned.
 */
final class FileBlocks {
  private FileBlocks() {}

  static long allocatedBytes(Path file) throws IOException {
    try {
      Process p = new ProcessBuilder("stat", "-c", "%b %B", file.toString())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (p.waitFor() == 0) {
        String[] parts = out.split("\\s+");
        return Long.parseLong(parts[0]) * Long.parseLong(parts[1]);
      }
    } catch (IOException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
      // no stat(1): fall back below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Files.size(file);
  }
}
