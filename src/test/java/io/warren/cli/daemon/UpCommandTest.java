package io.warren.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpCommandTest {

  @Test
  void theDefaultInstanceNeedsNoFlags() {
    assertEquals(List.of(
        "Deploy something (from another terminal):",
        "  tools/warren image import FILE.tar      # or: tools/warren image pull REF",
        "  tools/warren service create web --image REF --replicas 2",
        "  tools/warren ps"), UpCommand.deployHints(null, "warren", "127.0.0.1:8080"));
  }

  @Test
  void aDataDirNamespaceOrAddressOfItsOwnIsSpelledOutInEveryCommand() {
    List<String> hints = UpCommand.deployHints(Path.of("/tmp/d/containerd/containerd.sock"),
        "lab", "127.0.0.1:18080");
    assertEquals("  tools/warren image import FILE.tar --containerd /tmp/d/containerd/containerd.sock"
        + " --namespace lab      # or: tools/warren image pull REF --containerd "
        + "/tmp/d/containerd/containerd.sock --namespace lab", hints.get(1));
    assertEquals("  tools/warren service create web --image REF --replicas 2"
        + " --manager 127.0.0.1:18080", hints.get(2));
    assertEquals("  tools/warren ps --manager 127.0.0.1:18080", hints.get(3));
  }
}
