package io.warren.worker;

import io.warren.embedded.EmbeddedManager;
import io.warren.journal.ChronicleJournal;
import io.warren.journal.ManagerAck;
import io.warren.journal.OpenReport;
import io.warren.manager.AckedStatus;
import io.warren.manager.ManagerClient;
import io.warren.manager.ManagerSession;
import io.warren.manager.WorkerConfig;
import io.warren.metrics.MetricsServer;
import io.warren.metrics.WorkerMetrics;
import io.warren.recovery.CrashPoint;
import io.warren.recovery.Reaper;
import io.warren.recovery.Recovery;
import io.warren.recovery.RecoveryReport;
import io.warren.recovery.StartupReplay;
import io.warren.runtime.ContainerRuntime;
import io.warren.runtime.ObservedContainer;
import io.warren.runtime.RuntimeFailure;
import io.warren.runtime.containerd.ContainerdConnection;
import io.warren.runtime.containerd.ContainerdRuntime;
import io.warren.runtime.image.RegistryClient;
import io.warren.runtime.image.RegistryPuller;
import io.warren.statemachine.SpringTaskMachineFactory;
import io.warren.task.DesiredState;
import io.warren.task.TaskStatus;
import io.warren.task.engine.CheckpointSource;
import io.warren.task.engine.EngineRecovery;
import io.warren.task.engine.ExecutorTaskScheduler;
import io.warren.task.engine.TaskEngine;
import io.warren.task.machine.Effects;
import io.warren.task.machine.MachineDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Warren worker node, assembled: journal, engine, containerd, recovery, manager session. The
 * Java face of the Warren worker package's {@code NewWorker(cfg)}, {@code Start()} and
 * {@code Stop()}: {@code new Worker(config, options, clock)}, {@link #start()}, {@link #stop()};
 * {@link #embedded} is its {@code NewEmbeddedWorker}, beside a manager in the same process.
 *
 * <p>Start-up order is the crash-resilience contract (docs/guarantees.md):
 * <ol>
 *   <li>lock the data directory and open the journal (a torn tail is cut and reported; damage in
 *       the middle stops start-up);
 *   <li>replay from the last checkpoint into machines restored by reset (no action runs);
 *   <li>connect to containerd, then recovery: reconcile, resolve open intents, reap;
 *   <li>resume every task (reattach = wait again on the same container);
 *   <li>only then register, heartbeat and sync with the manager.
 * </ol>
 * Stopping leaves containers running (the next start reattaches) unless {@code drainOnStop}.
 */
public final class Worker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Worker.class);
  private static final Duration RPC_TIMEOUT = Duration.ofSeconds(10);

  private final WorkerConfig config;
  private final WorkerOptions options;
  private final Clock clock;
  private final WorkerPreload preload;
  private final WorkerMetrics metrics = new WorkerMetrics();
  private final CountDownLatch failStopped = new CountDownLatch(1);

  private ChronicleJournal journal;
  private ContainerRuntime runtime;
  private ExecutorTaskScheduler scheduler;
  private TaskEngine engine;
  private MachineDefinition machine;
  private ManagerSession session;
  private MetricsServer metricsServer;
  private RecoveryReport recoveryReport;
  private volatile long recoveredAtMillis;
  private volatile Path containerdSocket;
  private volatile String failStopReason;
  private boolean started;
  private boolean closed;

  public Worker(WorkerConfig config, WorkerOptions options, Clock clock) {
    this(config, options, clock, null);
  }

  /**
   * @param preload library start-up begun earlier in this process ({@link WorkerPreload#begin()}),
   *     or null to begin it in {@link #start()}
   */
  public Worker(WorkerConfig config, WorkerOptions options, Clock clock, WorkerPreload preload) {
    this.config = config;
    this.options = options;
    this.clock = clock;
    this.preload = preload;
  }

  /**
   * Runs recovery and starts talking to the manager; returns when both are under way. If start-up
   * fails (damaged journal, missing checkpoint, containerd refusing), what it opened is closed
   * again (the data dir's lock is released) and the error is thrown; nothing was reaped.
   */
  public synchronized RecoveryReport start() {
    try {
      RecoveryReport report = startUp();
      started = true;
      return report;
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  private RecoveryReport startUp() {
    long t0 = System.nanoTime();
    long startUptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
    long cpu0 = processCpuNanos();
    Path dataDir = config.dataDir();
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("data_dir: cannot create " + dataDir + ": " + e.getMessage(), e);
    }

    // The library start-up recovery needs (Chronicle's, the containerd client's, the task
    // machine) was begun by the CLI before this (WorkerPreload), or begins now. containerd is
    // connected to beside the journal's open, and listed for reconcile as soon as the data dir is
    // locked (before that another worker might still be creating containers), beside the scan.
    // Replay folds what the open's scan reads (it verifies every retained record anyway), so the
    // journal is read once and its records are not held.
    WorkerPreload preloaded = preload != null ? preload : WorkerPreload.begin();
    ExecutorService connector = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "recovery-containerd-connect");
      t.setDaemon(true);
      return t;
    });
    StartupReplay replay = new StartupReplay();
    SpringTaskMachineFactory machines;
    long openMillis;
    long replayMillis;
    Future<ContainerRuntime> containerd = connector.submit(this::connectContainerd);
    CompletableFuture<Future<List<ObservedContainer>>> listing = new CompletableFuture<>();
    try {
      journal = ChronicleJournal.builder(dataDir).sync(options.sync())
          .checkpoints(options.checkpoints()).clock(clock).replayInto(replay)
          .onLocked(() -> listing.complete(connector.submit(() -> join(containerd).listOwned())))
          .open();
      openMillis = (System.nanoTime() - t0) / 1_000_000;
      // fields, not the record's toString: its first call links an invokedynamic (~10 ms cold)
      OpenReport opened = journal.openReport();
      log.info("journal open: {} records verified, last checkpoint at index {}, {} torn tails, "
          + "generation {}", opened.records(), opened.lastCheckpointIndex(),
          opened.tornTails().size(), opened.generation());
      long replayStart = System.nanoTime();
      replay.checkOpened(journal, dataDir);
      replayMillis = (System.nanoTime() - replayStart) / 1_000_000;
      machines = join(preloaded.machines());
      machine = machines.definition();
      replay.initialState(machine.initial());
      runtime = join(containerd);
      connector.shutdown(); // the listing may still be running: its thread ends after it
    } catch (RuntimeException | Error e) {
      connector.shutdownNow();
      closeWhenConnected(containerd);
      throw e;
    }
    long waitMillis = (System.nanoTime() - t0) / 1_000_000 - openMillis;

    CheckpointSource checkpoints = new CheckpointSource(
        new JournalMetricsWriter(CrashPoint.wrapIfRequested(journal), metrics),
        replay.checkpointFold(), config.nodeId());
    long replayed = replay.recordsRead();

    scheduler = new ExecutorTaskScheduler(clock);
    engine = new TaskEngine(machines, checkpoints, runtime, scheduler, config.nodeId());
    engine.onFailStop(f -> failStop("journal append failed for task " + f.taskId() + " ("
        + f.what() + "): " + f.error().getMessage()));
    engine.onStatusChange(new StatusMetrics(metrics));
    metrics.bindNode(dataDir);
    long restoreStart = System.nanoTime();
    TaskEngine.RestoreReport restored = engine.restore(replay.engineFold());
    long restoreMillis = (System.nanoTime() - restoreStart) / 1_000_000;
    long waits = restored.openIntents().stream().filter(i -> Effects.WATCH.equals(i.effect()))
        .count();
    log.info("replayed {} records{} into {} tasks in {} ms; {} intents without outcome ({} of "
            + "them waits for a container's exit)",
        replayed - (replay.fromCheckpoint() ? 1 : 0),
        replay.fromCheckpoint() ? " after a checkpoint" : "", restored.tasks().size(),
        replayMillis, restored.openIntents().size(), waits);

    EngineRecovery target = new EngineRecovery(engine);
    Reaper reaper = new Reaper(runtime, checkpoints, clock, 4, Duration.ofSeconds(30),
        Duration.ofSeconds(2));
    recoveryReport = recoverWithRetry(new Recovery(target, runtime, reaper, options.reapDryRun(),
        System::nanoTime).firstListing(listing.join()));
    recoveryReport.phaseMillis().forEach((phase, ms) ->
        metrics.recoveryPhaseSeconds.labelValues(phase).set(ms / 1000.0));
    metrics.recoveryPhaseSeconds.labelValues("replay").set(replayMillis / 1000.0);
    metrics.recoveryReattached.set(recoveryReport.reattached());
    metrics.recoveryReaped.inc(recoveryReport.reaped().size());
    long resumeStart = System.nanoTime();
    target.resumeAll();
    long resumeMillis = (System.nanoTime() - resumeStart) / 1_000_000;
    long recoveredNanos = System.nanoTime();
    long recoveredCpu = processCpuNanos();
    recoveredAtMillis = clock.millis();
    journal.onCheckpointDue(checkpoints::snapshot);
    prepareMachinesInBackground(machines);

    if (options.metrics() != null) {
      metricsServer = MetricsServer.start(metrics, options.metrics());
      log.info("metrics on http://{}:{}/metrics", options.metrics().getHostString(),
          metricsServer.port());
    }

    session = new ManagerSession(ManagerClient.connect(config, RPC_TIMEOUT), engine,
        options.timings(), clock, RandomGenerator.getDefault(),
        (taskId, state, error) -> checkpoints.append(
            new ManagerAck(clock.millis(), taskId, state, error)));
    List<AckedStatus> acked = new ArrayList<>();
    for (ManagerAck a : checkpoints.acknowledged()) {
      acked.add(new AckedStatus(a.taskId(), a.actualState(), a.error()));
    }
    session.seedAcknowledged(acked);
    metrics.bindSession(session::stats);
    session.start();
    // The next start replays from here. Written while the session makes its first calls: the
    // checkpoint is not needed before them (a crash now only means a longer replay), and it takes
    // ~100 ms with a few hundred tasks. Taken under the source's lock: engine appends lock the
    // source, then the journal; checkpointNow alone would lock them the other way round.
    long checkpointStart = System.nanoTime();
    synchronized (checkpoints) {
      journal.checkpointNow();
    }
    long checkpointMillis = (System.nanoTime() - checkpointStart) / 1_000_000;
    // One machine-readable line for tools/bench-recovery and for operators' log scrapers: where
    // the time from "start" (before the data dir lock) to "recovered" (every task resumed) went.
    log.info("recovery-figures recoveredMs={} openMs={} waitMs={} replayMs={} "
            + "restoreMs={} {} resumeMs={} checkpointMs={} retainedRecords={} replayedRecords={} "
            + "tasks={} reattached={} exitedWhileDown={} reaped={} recoveredEpochMs={} "
            + "jvmUptimeMs={} cpuMs={} jvmCpuMs={} jvmJitMs={} jvmGcMs={} startAtMs={} {}",
        (recoveredNanos - t0) / 1_000_000, openMillis, waitMillis, replayMillis,
        restoreMillis,
        phaseFigures(recoveryReport), resumeMillis, checkpointMillis,
        journal.openReport().records(), replayed, restored.tasks().size(),
        recoveryReport.reattached(), recoveryReport.exitedWhileDown(),
        recoveryReport.reaped().size(), recoveredAtMillis,
        java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime(),
        (recoveredCpu - cpu0) / 1_000_000, recoveredCpu / 1_000_000,
        java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime(),
        java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
            .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum(),
        startUptime, preloaded.timeline());
    log.info("worker {} recovered in {} ms (replay {} ms, {}) and is syncing with {}",
        config.nodeId(), (System.nanoTime() - t0) / 1_000_000, replayMillis,
        recoveryReport.phaseMillis(), config.managerAddress());
    return recoveryReport;
  }

  /**
   * Builds Spring Statemachine's configuration off the start-up path: recovery creates no machine
   * (restored tasks reset theirs when they first get an event), so the ~80 ms it costs a cold JVM
   * are spent after "recovered", beside the manager session, and the first event rarely waits
   * for them. The definition was validated before recovery; should Spring still reject the table,
   * the worker fail-stops, as it cannot move any task.
   */
  private void prepareMachinesInBackground(SpringTaskMachineFactory factory) {
    Thread t = new Thread(() -> {
      try {
        factory.prepare();
      } catch (RuntimeException | Error e) {
        failStop("the task machine cannot be built: " + e.getMessage());
      }
    }, "task-machine-prepare");
    t.setDaemon(true);
    t.start();
  }

  /** CPU time of the whole process so far, all threads (JIT and GC included). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Finds (or starts) containerd and connects to it: the connection answered Version. */
  private ContainerRuntime connectContainerd() {
    ContainerdConnection connection = ContainerdLocator.connect(config.containerdSocket(),
        config.privateContainerdDir(), options.namespace());
    log.info("containerd at {}, namespace {}", connection.socket(), options.namespace());
    containerdSocket = connection.socket();
    return new ContainerdRuntime(connection,
        new RegistryPuller(new RegistryClient(options.registries())), config.dataDir());
  }

  /** Start-up failed before the runtime was taken: its connection, if it comes, is closed. */
  private static void closeWhenConnected(Future<ContainerRuntime> containerd) {
    try {
      containerd.get(30, TimeUnit.SECONDS).close();
    } catch (ExecutionException | TimeoutException e) {
      // never connected, or too slow to wait for: nothing to close here
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static <T> T join(Future<T> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during start-up", e);
    }
  }

  private static String phaseFigures(RecoveryReport report) {
    StringBuilder b = new StringBuilder();
    report.phaseMillis().forEach((phase, ms) -> b.append(b.length() == 0 ? "" : " ")
        .append(phase).append("Ms=").append(ms));
    return b.toString();
  }

  private RecoveryReport recoverWithRetry(Recovery recovery) {
    Duration delay = Duration.ofMillis(200);
    while (true) {
      try {
        return recovery.run();
      } catch (RuntimeFailure e) {
        if (!e.temporary()) {
          throw new IllegalStateException("recovery failed: " + e.getMessage(), e);
        }
        log.warn("recovery cannot reach containerd ({}); retrying in {} ms", e.getMessage(),
            delay.toMillis());
        try {
          failStopped.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted during recovery", ie);
        }
        delay = delay.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
            ? Duration.ofSeconds(5) : delay.multipliedBy(2);
      }
    }
  }

  /**
   * A journal append failed: whether the record landed is unknown, so the worker must not go on
   * (STYLE.md: fail-stop, then replay). {@link #awaitFailStop} returns; the caller exits.
   */
  private void failStop(String why) {
    failStopReason = why;
    log.error("fail-stop: {}; stopping so that a restart replays the journal", why);
    failStopped.countDown();
  }

  /** Blocks until a fail-stop happens; returns its reason. */
  public String awaitFailStop() throws InterruptedException {
    failStopped.await();
    return failStopReason;
  }

  public TaskEngine engine() {
    return engine;
  }

  public WorkerMetrics metrics() {
    return metrics;
  }

  /** The socket of the containerd this worker drives; null until {@link #start} connected. */
  public Path containerdSocket() {
    return containerdSocket;
  }

  /** When recovery finished (before which the manager is never called); 0 before. */
  public long recoveredAtMillis() {
    return recoveredAtMillis;
  }

  public RecoveryReport recoveryReport() {
    return recoveryReport;
  }

  /** What opening the journal found (records, torn tails); null before {@link #start}. */
  public io.warren.journal.OpenReport journalOpenReport() {
    return journal == null ? null : journal.openReport();
  }

  /**
   * A worker that runs in-process beside {@code manager} (Warren's hybrid mode, what
   * {@code warren up} runs). It joins that manager through its listener like any other worker:
   * plaintext when the manager listens on loopback, else with a join token it asks the manager
   * for and mutual TLS from then on. {@code config} supplies the rest (node id, data dir,
   * containerd, resources).
   */
  public static Worker embedded(EmbeddedManager manager, WorkerConfig.Builder config,
      WorkerOptions options, Clock clock) {
    return embedded(manager, config, options, clock, null);
  }

  /** {@link #embedded(EmbeddedManager, WorkerConfig.Builder, WorkerOptions, Clock)} with a preload. */
  public static Worker embedded(EmbeddedManager manager, WorkerConfig.Builder config,
      WorkerOptions options, Clock clock, WorkerPreload preload) {
    boolean loopback = manager.address().isLoopback();
    config.managerAddress(manager.address().toString()).plaintext(loopback);
    if (!loopback) {
      config.joinToken(manager.generateJoinToken("worker").value());
    }
    return new Worker(config.build(), options, clock, preload);
  }

  /**
   * Stops the worker: it stops talking to the manager and lets go of its data directory.
   * Containers keep running, for the next start to reattach, unless the options say to drain
   * (then every task is stopped gracefully first: Warren's "graceful shutdown with task cleanup").
   */
  public void stop() {
    close();
  }

  /** The same as {@link #stop()}, for try-with-resources. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (session != null) {
      session.close();
    }
    if (options.drainOnStop() && started && failStopReason == null) {
      drain();
    }
    if (metricsServer != null) {
      metricsServer.close();
    }
    if (scheduler != null) {
      scheduler.close();
    }
    if (runtime != null) {
      runtime.close();
    }
    if (journal != null) {
      journal.close();
    }
    log.info("worker {} stopped{}", config.nodeId(),
        options.drainOnStop() ? "" : "; containers left running for the next start to reattach");
  }

  private void drain() {
    List<TaskStatus> all = engine.statuses();
    log.info("draining {} tasks before stopping", all.size());
    CountDownLatch settled = new CountDownLatch(1);
    engine.onStatusChange(s -> {
      if (allSettled()) {
        settled.countDown();
      }
    });
    all.forEach(s -> engine.setDesired(s.taskId(), DesiredState.SHUTDOWN));
    try {
      if (!allSettled() && !settled.await(options.drainTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("drain did not finish within {} s; stopping anyway",
            options.drainTimeout().toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Every task in a terminal state: "complete" is not enough, since a stopped task still removes
   * its container before it reaches {@code removed}.
   */
  private boolean allSettled() {
    return engine.statuses().stream().allMatch(s -> machine.isTerminal(s.machineState()));
  }
}
