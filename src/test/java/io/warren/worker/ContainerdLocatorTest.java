package io.warren.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A given --containerd socket must answer; the error names the option and the socket. */
class ContainerdLocatorTest {
  @TempDir Path dir;

  @Test
  void aSocketThatDoesNotExistIsRefusedNamingTheOption() {
    Path missing = dir.resolve("missing.sock");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ContainerdLocator.connect(missing.toString(), dir.resolve("containerd"), "warren"));
    assertEquals("--containerd: no containerd answers on " + missing
        + " (use 'auto' to start a private one)", e.getMessage());
  }

  @Test
  void aFileThatIsNotASocketIsRefusedTheSameWay() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a.sock"), "x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ContainerdLocator.connect(file.toString(), dir.resolve("containerd"), "warren"));
    assertEquals("--containerd: no containerd answers on " + file
        + " (use 'auto' to start a private one)", e.getMessage());
  }
}
