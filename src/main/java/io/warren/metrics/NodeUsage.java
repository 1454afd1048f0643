package io.warren.metrics;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the node's resource usage from the kernel; -1 when it cannot be read. */
final class NodeUsage {
  private NodeUsage() {}

  static double memoryUsedBytes() {
    try {
      long total = -1;
      long available = -1;
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          total = kib(line);
        } else if (line.startsWith("MemAvailable:")) {
          available = kib(line);
        }
      }
      return total < 0 || available < 0 ? -1 : (total - available) * 1024.0;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static double diskUsedBytes(Path dir) {
    try {
      FileStore fs = Files.getFileStore(dir);
      return (double) fs.getTotalSpace() - fs.getUnallocatedSpace();
    } catch (IOException e) {
      return -1;
    }
  }

  private static long kib(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }
}
