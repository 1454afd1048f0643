package io.warren.cli.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.cli.WarrenMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warren manager} as a user runs it: a child JVM, stopped by SIGTERM, restarted. */
class ManagerCommandTest {
  @TempDir Path dir;
  Process manager;
  String address;

  @AfterEach
  void tearDown() throws InterruptedException {
    if (manager != null && manager.isAlive()) {
      manager.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void servesTheApiKeepsItsStateAndStopsCleanly() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      address = "127.0.0.1:" + s.getLocalPort();
    }
    Path log = start("first.log");
    String banner = Files.readString(log);
    assertTrue(banner.contains("Warren manager is up on " + address), banner);
    assertTrue(banner.contains("worker --manager " + address + " --insecure --data-dir DIR"),
        "loopback: the join hint says plaintext; got " + banner);

    assertEquals(0, warren("service", "create", "web", "--image", "registry.local/web:1",
        "--replicas", "2"));

    manager.destroy(); // SIGTERM, as a supervisor or Ctrl-C stops it
    assertTrue(manager.waitFor(30, TimeUnit.SECONDS), "manager did not stop on SIGTERM");
    // the JVM's status after a SIGTERM is 128 + 15 once the shutdown hooks have run
    assertEquals(143, manager.exitValue(), Files.readString(log));
    assertTrue(Files.readString(log).contains("Warren manager stopped"), Files.readString(log));

    start("second.log");
    StringWriter out = new StringWriter();
    assertEquals(0, warren(out, "service", "ls", "--json"));
    assertTrue(out.toString().contains("\"web\""), "service kept across a restart: " + out);
    assertTrue(Files.isDirectory(dir.resolve("manager")), "state under DATA-DIR/manager");
  }

  private Path start(String logName) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-")) {
        cmd.add(a);
      }
    }
    cmd.addAll(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1", "-Dchronicle.analytics.disable=true",
        "-cp", System.getProperty("java.class.path"), WarrenMain.class.getName(),
        "manager", "--data-dir", dir.toString(), "--listen", address));
    Path log = dir.resolve(logName);
    manager = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    await().atMost(Duration.ofSeconds(60)).until(() -> !manager.isAlive()
        || Files.readString(log).contains("Ctrl-C stops the manager"));
    assertTrue(manager.isAlive(), () -> "manager exited: " + read(log));
    return log;
  }

  private int warren(String... args) {
    return warren(new StringWriter(), args);
  }

  private int warren(StringWriter out, String... args) {
    var cl = WarrenMain.newCommandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(new StringWriter()));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--manager", address));
    return cl.execute(all.toArray(new String[0]));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
