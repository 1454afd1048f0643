package io.warren.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WorkerConfigTest {
  WorkerConfig.Builder valid() {
    return WorkerConfig.builder().nodeId("w1").managerAddress("10.0.0.5:8080")
        .dataDir(Path.of("/tmp/w1")).joinToken("abc123");
  }

  String error(WorkerConfig.Builder b) {
    return assertThrows(IllegalArgumentException.class, b::build).getMessage();
  }

  @Test
  void badValuesNameTheFieldAndValue() {
    assertTrue(error(valid().nodeId("../x")).startsWith("node_id: '../x'"));
    assertTrue(error(valid().managerAddress("nohost")).startsWith("manager_address: 'nohost'"));
    assertTrue(error(valid().managerAddress("h:99999")).contains("99999"));
    assertTrue(error(valid().dataDir(null)).startsWith("data_dir"));
    assertTrue(error(valid().encryptionKey(new byte[5])).startsWith("encryption_key: must be 32 bytes"));
    assertTrue(error(valid().containerdSocket("relative.sock")).startsWith("containerd_socket: 'relative.sock'"));
    assertTrue(error(valid().plaintext(true)).startsWith("plaintext: only allowed with a loopback"));
    assertThrows(IllegalArgumentException.class, () -> new NodeResources(-1, 0, 0));
  }

  @Test
  void tokenIsNeverPrintedNorEchoedInErrors() {
    WorkerConfig c = valid().joinToken("topsecret-token").build();
    assertFalse(c.toString().contains("topsecret-token"), c.toString());
    String e = error(valid().joinToken("top secret"));
    assertFalse(e.contains("top secret"), e);
  }

  @Test
  void defaultsAndDetection() {
    WorkerConfig c = valid().build();
    assertEquals(WorkerConfig.AUTO, c.containerdSocket());
    assertEquals(Path.of("/tmp/w1/certs"), c.certDir());
    assertEquals(Path.of("/tmp/w1/containerd"), c.privateContainerdDir());
    assertEquals(Path.of("/var/lib/warren/containerd"),
        valid().privateContainerdDir(Path.of("/var/lib/warren/./containerd")).build()
            .privateContainerdDir());
    NodeResources r = WorkerConfig.builder().nodeId("w").managerAddress("127.0.0.1:1")
        .dataDir(Path.of("/tmp/does/not/exist/yet")).plaintext(true).build().resources();
    assertTrue(r.cpuCores() > 0 && r.memoryBytes() > 0 && r.diskBytes() > 0, r.toString());
  }

  @Test
  void backoffGrowsWithJitterUpToTheCap() {
    Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new Random(3));
    long previousCeiling = 0;
    for (int i = 0; i < 12; i++) {
      long ceiling = Math.min(30_000, 500L << i);
      long d = b.nextDelay().toMillis();
      assertTrue(d >= ceiling / 2 && d <= ceiling, "delay " + d + " within [" + ceiling / 2 + "," + ceiling + "]");
      assertTrue(ceiling >= previousCeiling);
      previousCeiling = ceiling;
    }
    assertEquals(12, b.failures());
    b.reset();
    assertTrue(b.nextDelay().toMillis() <= 500);
  }
}
