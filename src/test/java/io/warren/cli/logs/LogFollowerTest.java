package io.warren.cli.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.runtime.containerd.TaskLogRotator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFollowerTest {
  @TempDir
  Path dir;

  private Path log(String content) throws Exception {
    Path p = dir.resolve("t.stdout.log");
    Files.writeString(p, content);
    return p;
  }

  private static String text(ByteArrayOutputStream out) {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsEverythingOrTheLastLines() throws Exception {
    Path p = log("a\nb\nc\n");
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    new LogFollower(p, all).printInitial(-1);
    assertEquals("a\nb\nc\n", text(all));

    ByteArrayOutputStream two = new ByteArrayOutputStream();
    new LogFollower(p, two).printInitial(2);
    assertEquals("b\nc\n", text(two));

    ByteArrayOutputStream many = new ByteArrayOutputStream();
    new LogFollower(p, many).printInitial(10);
    assertEquals("a\nb\nc\n", text(many));

    ByteArrayOutputStream none = new ByteArrayOutputStream();
    new LogFollower(p, none).printInitial(0);
    assertEquals("", text(none));
  }

  @Test
  void tailCountsAnUnterminatedLastLine() throws Exception {
    Path p = log("a\nb\npartial");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new LogFollower(p, out).printInitial(2);
    assertEquals("b\npartial", text(out));
  }

  @Test
  void tailWorksAcrossReadChunks() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      sb.append("line-").append(i).append('\n');
    }
    Path p = log(sb.toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new LogFollower(p, out).printInitial(3);
    assertEquals("line-4997\nline-4998\nline-4999\n", text(out));
  }

  @Test
  void followsAppendsAndRestartsAfterCopyTruncateRotation() throws Exception {
    Path p = log("first\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LogFollower f = new LogFollower(p, out);
    f.printInitial(-1);
    assertFalse(f.poll(), "nothing new");

    Files.writeString(p, "second\n", StandardOpenOption.APPEND);
    assertTrue(f.poll());
    assertEquals("first\nsecond\n", text(out));

    // the worker's own rotation: copy to .1, truncate in place; the shim appends at 0 afterwards
    assertTrue(new TaskLogRotator(5, 2).rotateIfNeeded(p));
    assertEquals("first\nsecond\n", Files.readString(p.resolveSibling("t.stdout.log.1")));
    Files.writeString(p, "third\n", StandardOpenOption.APPEND);
    assertTrue(f.poll());
    assertEquals("first\nsecond\nthird\n", text(out), "nothing repeated, nothing lost");
  }

  @Test
  void decodesUtf8SplitAcrossWrites() throws Exception {
    java.io.StringWriter w = new java.io.StringWriter();
    DecodingOutputStream d = new DecodingOutputStream(w);
    byte[] euro = "x€y".getBytes(StandardCharsets.UTF_8); // € is 3 bytes
    d.write(euro, 0, 2);
    d.write(euro, 2, euro.length - 2);
    d.flush();
    assertEquals("x€y", w.toString());
  }
}
