package io.warren.cli.logs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.cli.WarrenMain;
import io.warren.embedded.EmbeddedManager;
import io.warren.testing.LocalCluster;
import io.warren.runtime.testsupport.ContainerdExtension;
import io.warren.task.ActualState;
import io.warren.task.TaskStatus;
import io.warren.worker.Worker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code warren logs} against a real worker: embedded manager over gRPC, the assembled
 * Worker, real containerd; the service's output is what the busybox shell really wrote.
 * Tagged slow: the class setup (manager, worker, first container) took ~30 s on a loaded machine.
 */
@Tag("slow")
class LogsCommandTest {
  @RegisterExtension
  static final ContainerdExtension containerd = new ContainerdExtension();

  @TempDir
  static Path dir;

  private static EmbeddedManager manager;
  private static Worker worker;
  private static TaskStatus task;

  /** Result of one CLI run: exit code, captured stdout and stderr. */
  private record Run(int code, String out, String err) {}

  @BeforeAll
  static void startWorkerWithAService() throws Exception {
    manager = LocalCluster.startManager(dir, "127.0.0.1:0");
    worker = LocalCluster.worker(dir, manager, containerd, false);
    worker.start();
    // two lines up front on each stream, then one numbered stdout line every 0.2 s
    assertEquals(0, WarrenMain.run("service", "create", "talker", "--image", containerd.busybox(),
        "--command", "sh", "-c", "echo out-1; echo out-2; echo err-1 >&2; echo err-2 >&2;"
            + " i=0; while true; do i=$((i+1)); echo tick-$i; sleep 0.2; done",
        "--manager", manager.address().toString()));
    await().atMost(Duration.ofSeconds(60)).until(() -> running().size() == 1);
    task = running().get(0);
  }

  @AfterAll
  static void stop() {
    if (manager != null) {
      WarrenMain.run("service", "rm", "talker", "--manager", manager.address().toString());
    }
    if (worker != null && worker.engine() != null) {
      await().atMost(Duration.ofSeconds(30)).until(() -> running().isEmpty());
      worker.close();
    }
    if (manager != null) {
      manager.close();
    }
  }

  private static List<TaskStatus> running() {
    return worker.engine().statuses().stream()
        .filter(s -> s.actualState() == ActualState.RUNNING).collect(Collectors.toList());
  }

  private static Run logs(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = WarrenMain.newCommandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 1];
    all[0] = "logs";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = cl.execute(all);
    return new Run(code, out.toString(), err.toString());
  }

  private static String upRoot() {
    return dir.toString(); // the layout warren up makes: <root>/worker holds the worker's data
  }

  @Test
  void printsStdoutAndStderrOfTheCurrentAttemptByIdPrefix() {
    await().atMost(Duration.ofSeconds(20)).until(() -> logs(task.taskId().substring(0, 12),
        "--data-dir", upRoot()).out().contains("tick-2\n"));
    Run r = logs(task.taskId().substring(0, 12), "--data-dir", upRoot());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("out-1\nout-2\ntick-1\n"), r.out());
    assertFalse(r.out().contains("err-1"), "stderr stays on stderr: " + r.out());
    assertTrue(r.err().contains("err-1\nerr-2\n"), r.err());
    assertTrue(r.err().contains("==> task " + task.taskId() + " attempt 1, container "
        + task.containerId()), r.err());
  }

  @Test
  void stderrOnlyAndTailWithTheWorkerDirectoryItself() {
    Run errOnly = logs(task.taskId(), "--stderr", "--data-dir", dir.resolve("worker").toString());
    assertEquals(0, errOnly.code(), errOnly.err());
    assertEquals("", errOnly.out());
    assertTrue(errOnly.err().endsWith("err-1\nerr-2\n"), errOnly.err());

    Run last = logs(task.taskId(), "--stderr", "--tail", "1", "--data-dir", upRoot());
    assertTrue(last.err().endsWith(")\nerr-2\n"), "only the last line after the header: "
        + last.err());
  }

  @Test
  void followPrintsNewOutputUntilInterrupted() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cl = WarrenMain.newCommandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(new StringWriter(), true));
    int[] code = {-1};
    Thread follower = new Thread(() -> code[0] = cl.execute("logs", task.taskId(), "-f",
        "--stdout", "--tail", "0", "--data-dir", upRoot()));
    follower.start();
    // with --tail 0 only lines written after the start can appear, two of them in a row
    await().atMost(Duration.ofSeconds(20)).until(() -> out.toString().split("\n").length >= 2);
    follower.interrupt();
    follower.join(Duration.ofSeconds(10).toMillis());
    assertFalse(follower.isAlive(), "follow ends when interrupted");
    assertEquals(0, code[0]);
    String[] lines = out.toString().split("\n");
    int first = Integer.parseInt(lines[0].substring("tick-".length()));
    assertEquals("tick-" + (first + 1), lines[1], "consecutive lines: " + out);
  }

  @Test
  void unknownTaskAndMissingLogAreClearErrors() throws Exception {
    Run unknown = logs("no-such-task", "--data-dir", upRoot());
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("no task 'no-such-task' in the worker journal of "
        + dir.resolve("worker")), unknown.err());

    Run noJournal = logs(task.taskId(), "--data-dir", dir.resolve("manager").resolve("nothing").toString());
    assertEquals(2, noJournal.code());
    assertTrue(noJournal.err().contains("--data-dir: no worker journal in"), noJournal.err());

    Path stdout = dir.resolve("worker").resolve("logs").resolve(task.containerId() + ".stdout.log");
    Path aside = stdout.resolveSibling("aside");
    Files.move(stdout, aside); // the shim keeps writing to the moved inode; put it back below
    try {
      Run missing = logs(task.taskId(), "--stdout", "--data-dir", upRoot());
      assertEquals(1, missing.code());
      assertTrue(missing.err().contains("log file " + stdout + " does not exist"), missing.err());
    } finally {
      Files.move(aside, stdout);
    }
  }
}
