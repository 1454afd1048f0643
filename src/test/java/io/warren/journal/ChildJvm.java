package io.warren.journal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a test main in a child JVM with the Chronicle flags of this JVM. */
final class ChildJvm implements AutoCloseable {
  final Process process;
  private final BufferedReader out;

  private ChildJvm(Process process) {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  static ChildJvm start(Class<?> main, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-") || a.startsWith("-Xmx")) {
        cmd.add(a);
      }
    }
    cmd.add("-Dchronicle.analytics.disable=true");
    cmd.add("-Dchronicle.announcer.disable=true");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    return new ChildJvm(pb.start());
  }

  /** Blocks until the child prints {@code line} (or fails if it exits first). */
  void awaitLine(String line) throws IOException {
    String l;
    while ((l = out.readLine()) != null) {
      if (l.equals(line)) {
        return;
      }
    }
    throw new IllegalStateException("child exited before printing " + line + ", exit "
        + process.exitValue());
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL, and wait until the process is gone. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("child " + pid() + " did not die");
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        kill9();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
