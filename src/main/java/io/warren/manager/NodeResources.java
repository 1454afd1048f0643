package io.warren.manager;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the node offers, as RegisterNode carries it. Warren's manager dereferences this message
 * without a nil check, so the worker always sends one.
 */
public record NodeResources(long cpuCores, long memoryBytes, long diskBytes) {

  public NodeResources {
    if (cpuCores < 0) {
      throw new IllegalArgumentException("resources.cpu_cores must be >= 0, got " + cpuCores);
    }
    if (memoryBytes < 0) {
      throw new IllegalArgumentException("resources.memory_bytes must be >= 0, got " + memoryBytes);
    }
    if (diskBytes < 0) {
      throw new IllegalArgumentException("resources.disk_bytes must be >= 0, got " + diskBytes);
    }
  }

  /** CPU cores the JVM sees, physical memory, and the size of the file system of {@code dataDir}. */
  public static NodeResources detect(Path dataDir) {
    long cpus = Runtime.getRuntime().availableProcessors();
    long memory = 0;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      memory = os.getTotalMemorySize();
    }
    long disk = 0;
    try {
      Path existing = dataDir.toAbsolutePath();
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      if (existing != null) {
        disk = Files.getFileStore(existing).getTotalSpace();
      }
    } catch (IOException e) {
      disk = 0;
    }
    return new NodeResources(cpus, memory, disk);
  }

  public io.warren.api.v1.NodeResources toProto() {
    return io.warren.api.v1.NodeResources.newBuilder()
        .setCpuCores(cpuCores).setMemoryBytes(memoryBytes).setDiskBytes(diskBytes).build();
  }
}
