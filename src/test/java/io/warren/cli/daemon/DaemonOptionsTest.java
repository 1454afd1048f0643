package io.warren.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.cli.UserError;
import io.warren.journal.CheckpointPolicy;
import io.warren.manager.NodeResources;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DaemonOptionsTest {
  @TempDir Path dir;

  private DaemonOptions parse(String... extra) {
    WorkerCommand cmd = new WorkerCommand();
    String[] args = new String[extra.length + 4];
    args[0] = "--manager";
    args[1] = "127.0.0.1:8080";
    args[2] = "--data-dir";
    args[3] = dir.toString();
    System.arraycopy(extra, 0, args, 4, extra.length);
    new CommandLine(cmd).parseArgs(args);
    return cmd.daemon;
  }

  @Test
  void advertisedResourcesAreDetectedUnlessGiven() {
    NodeResources detected = NodeResources.detect(dir.resolve("worker"));
    assertEquals(detected, parse().resources());
    NodeResources given = parse("--cpus", "2", "--memory", "1g").resources();
    assertEquals(2, given.cpuCores());
    assertEquals(1L << 30, given.memoryBytes());
    assertEquals(detected.diskBytes(), given.diskBytes(), "what is not given stays detected");
    assertEquals(100L << 30, parse("--disk", "100g").resources().diskBytes());
  }

  @Test
  void badSizesNameTheFlag() {
    UserError e = assertThrows(UserError.class, () -> parse("--memory", "lots").resources());
    assertTrue(e.getMessage().startsWith("--memory: 'lots'"), e.getMessage());
    e = assertThrows(UserError.class, () -> parse("--cpus", "-1").resources());
    assertTrue(e.getMessage().contains("--cpus"), e.getMessage());
  }

  @Test
  void checkpointsComeEveryTenThousandRecordsUnlessGiven() {
    assertEquals(CheckpointPolicy.DEFAULT, parse().toWorkerOptions().checkpoints());
    assertEquals(10_000, CheckpointPolicy.DEFAULT.everyRecords());
    CheckpointPolicy given = parse("--checkpoint-every", "50000").toWorkerOptions().checkpoints();
    assertEquals(50_000, given.everyRecords());
    assertEquals(CheckpointPolicy.DEFAULT.every(), given.every(), "the interval stays the default");
    UserError e = assertThrows(UserError.class,
        () -> parse("--checkpoint-every", "10").toWorkerOptions());
    assertEquals("--checkpoint-every: must be at least 100 records, got 10", e.getMessage());
    CommandLine.ParameterException p = assertThrows(CommandLine.ParameterException.class,
        () -> parse("--checkpoint-every", "often"));
    assertTrue(p.getMessage().contains("--checkpoint-every") && p.getMessage().contains("often"),
        p.getMessage());
  }
}
