package io.warren.worker;

import io.warren.journal.ChronicleJournal;
import io.warren.runtime.containerd.ContainerdConnection;
import io.warren.statemachine.SpringTaskMachineFactory;
import io.warren.task.load.TaskMachineLoader;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library start-up a worker's recovery waits on, begun on threads of its own as soon as the
 * process knows it will run a worker, so that it overlaps the argument parsing, logging set-up and
 * configuration on the main thread instead of following them:
 * <ul>
 *   <li>Chronicle's class initialisers ({@link ChronicleJournal#initialiseLibrary()}), about 200 ms
 *       of a small journal's 400 ms open on a cold JVM;
 *   <li>the containerd client's initialisers ({@link ContainerdConnection#initialiseLibrary()}):
 *       netty's epoll transport, the service descriptors, gRPC's channel and HTTP/2 codec;
 *   <li>the task machine's definition, from its packed form (Spring Statemachine's configuration
 *       is built after recovery, {@link Worker}).
 * </ul>
 * Nothing here reads or locks the data directory, or talks to containerd or the manager: the
 * journal is opened under its lock, and recovery's phases run, in {@link Worker#start()}.
 * Measured in docs/benchmarks-recovery.md.
 */
public final class WorkerPreload {
  private final CompletableFuture<SpringTaskMachineFactory> machines = new CompletableFuture<>();
  /** When each part finished, as JVM uptime in ms; -1 until then (the recovery-figures line). */
  private volatile long journalDoneAt = -1;
  private volatile long machinesDoneAt = -1;
  private volatile long containerdDoneAt = -1;

  private WorkerPreload() {}

  /**
   * Starts the preload on two daemon threads and returns at once: {@code worker-preload-journal}
   * (logging's set-up, then Chronicle, then the task machine: the journal's open comes first) and,
   * once logging is set up, {@code worker-preload-containerd} (the containerd client, connected
   * to beside the open). Nothing runs on the calling thread: logging's set-up alone is ~100 ms.
   */
  public static WorkerPreload begin() {
    WorkerPreload preload = new WorkerPreload();
    start("worker-preload-journal", () -> {
      try {
        // Logging first, and on this thread alone: while SLF4J initialises, it hands every other
        // thread that logs a stand-in logger and afterwards replays their calls with a warning
        // on stderr; Chronicle's and netty's initialisers log (at debug level) as they run.
        LoggerFactory.getILoggerFactory();
        start("worker-preload-containerd", () -> {
          containerdClient();
          preload.containerdDoneAt = uptimeMillis();
        });
        initialiseJournal();
        preload.journalDoneAt = uptimeMillis();
      } finally {
        preload.buildMachine(); // always completes the future the worker waits on
      }
    });
    return preload;
  }

  private static void start(String name, Runnable work) {
    Thread t = new Thread(work, name);
    t.setDaemon(true);
    t.start();
  }

  private static void initialiseJournal() {
    try {
      ChronicleJournal.initialiseLibrary();
    } catch (RuntimeException | LinkageError e) {
      // the journal's open meets the same failure and reports it, with the data dir in context
      log().debug("Chronicle's initialisation failed ahead of the journal's open", e);
    }
  }

  private void buildMachine() {
    SpringTaskMachineFactory factory;
    try {
      factory = new SpringTaskMachineFactory(TaskMachineLoader.taskMachine());
    } catch (RuntimeException | Error e) {
      machinesDoneAt = uptimeMillis();
      machines.completeExceptionally(e);
      return;
    }
    machinesDoneAt = uptimeMillis(); // before the future: whoever it wakes sees the time
    machines.complete(factory);
  }

  private static void containerdClient() {
    try {
      ContainerdConnection.initialiseLibrary();
    } catch (RuntimeException | LinkageError e) {
      // the connection to containerd meets the same failure and reports it
      log().debug("the containerd client's initialisation failed ahead of its connection", e);
    }
  }

  private static Logger log() {
    return LoggerFactory.getLogger(WorkerPreload.class);
  }

  private static long uptimeMillis() {
    return ManagementFactory.getRuntimeMXBean().getUptime();
  }

  /**
   * When the journal's, the task machine's and the containerd client's parts finished, as
   * {@code preloadJournalAtMs=… preloadMachinesAtMs=… preloadContainerdAtMs=…} in JVM uptime
   * (-1: not yet): set beside the recovery window's start, they show what the window waited for.
   */
  String timeline() {
    return "preloadJournalAtMs=" + journalDoneAt + " preloadMachinesAtMs=" + machinesDoneAt
        + " preloadContainerdAtMs=" + containerdDoneAt;
  }

  /** The task machine factory, done or being built; its failure is building's failure. */
  Future<SpringTaskMachineFactory> machines() {
    return machines;
  }
}
