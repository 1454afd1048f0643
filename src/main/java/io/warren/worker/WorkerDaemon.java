package io.warren.worker;

import io.warren.journal.Checkpoint;
import io.warren.journal.ChronicleJournal;
import io.warren.journal.JournalEntry;
import io.warren.journal.JournalReader;
import io.warren.journal.JournalRecord;
import io.warren.journal.ManagerAck;
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
import io.warren.runtime.ContainerRuntime;
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
import io.warren.task.load.TaskMachineLoader;
import io.warren.task.machine.MachineDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker node daemon, assembled: journal, engine, containerd, recovery, manager session.
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
public final class WorkerDaemon implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkerDaemon.class);
  private static final Duration RPC_TIMEOUT = Duration.ofSeconds(10);

  private final WorkerConfig config;
  private final WorkerOptions options;
  private final Clock clock;
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
  private volatile String failStopReason;

  public WorkerDaemon(WorkerConfig config, WorkerOptions options, Clock clock) {
    this.config = config;
    this.options = options;
    this.clock = clock;
  }

  /** Runs recovery and starts talking to the manager; returns when both are under way. */
  public synchronized RecoveryReport start() {
    long t0 = System.nanoTime();
    Path dataDir = config.dataDir();
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("data_dir: cannot create " + dataDir + ": " + e.getMessage(), e);
    }

    journal = ChronicleJournal.builder(dataDir).sync(options.sync())
        .checkpoints(options.checkpoints()).clock(clock).open();
    log.info("journal open: {}", journal.openReport());

    machine = TaskMachineLoader.taskMachine();
    CheckpointSource checkpoints = new CheckpointSource(
        new JournalMetricsWriter(CrashPoint.wrapIfRequested(journal), metrics),
        machine.initial(), config.nodeId());
    Checkpoint checkpoint = null;
    List<JournalRecord> after = new ArrayList<>();
    long replayStart = System.nanoTime();
    try (JournalReader reader = JournalReader.open(dataDir);
         Stream<JournalEntry> entries = reader.readFromLastCheckpoint()) {
      for (JournalEntry e : (Iterable<JournalEntry>) entries::iterator) {
        if (checkpoint == null && after.isEmpty() && e.record() instanceof Checkpoint c) {
          checkpoint = c;
        } else {
          after.add(e.record());
        }
      }
    }
    if (checkpoint != null) {
      checkpoints.seed(List.of(checkpoint));
    }
    checkpoints.seed(after);
    long replayMillis = (System.nanoTime() - replayStart) / 1_000_000;

    Path socket = ContainerdLocator.resolve(config.containerdSocket(), dataDir.resolve("containerd"));
    runtime = new ContainerdRuntime(new ContainerdConnection(socket, options.namespace()),
        new RegistryPuller(new RegistryClient(options.registries())), dataDir);
    log.info("containerd at {}, namespace {}", socket, options.namespace());

    scheduler = new ExecutorTaskScheduler(clock);
    engine = new TaskEngine(new SpringTaskMachineFactory(machine), checkpoints, runtime, scheduler,
        config.nodeId());
    engine.onFailStop(f -> failStop("journal append failed for task " + f.taskId() + " ("
        + f.what() + "): " + f.error().getMessage()));
    engine.onStatusChange(new StatusMetrics(metrics));
    metrics.bindNode(dataDir);
    TaskEngine.RestoreReport restored = engine.restore(checkpoint, after);
    log.info("replayed {} records{} into {} tasks in {} ms; {} intents without outcome",
        after.size(), checkpoint == null ? "" : " after a checkpoint", restored.tasks().size(),
        replayMillis, restored.openIntents().size());

    EngineRecovery target = new EngineRecovery(engine);
    Reaper reaper = new Reaper(runtime, checkpoints, clock, 4, Duration.ofSeconds(30),
        Duration.ofSeconds(2));
    recoveryReport = recoverWithRetry(new Recovery(target, runtime, reaper, options.reapDryRun(),
        System::nanoTime));
    recoveryReport.phaseMillis().forEach((phase, ms) ->
        metrics.recoveryPhaseSeconds.labelValues(phase).set(ms / 1000.0));
    metrics.recoveryPhaseSeconds.labelValues("replay").set(replayMillis / 1000.0);
    metrics.recoveryReattached.set(recoveryReport.reattached());
    metrics.recoveryReaped.inc(recoveryReport.reaped().size());
    target.resumeAll();
    recoveredAtMillis = clock.millis();
    journal.onCheckpointDue(checkpoints::snapshot);
    // The next start replays from here. Taken under the source's lock: engine appends lock the
    // source, then the journal; checkpointNow alone would lock them the other way round.
    synchronized (checkpoints) {
      journal.checkpointNow();
    }

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
    log.info("worker {} recovered in {} ms (replay {} ms, {}) and is syncing with {}",
        config.nodeId(), (System.nanoTime() - t0) / 1_000_000, replayMillis,
        recoveryReport.phaseMillis(), config.managerAddress());
    return recoveryReport;
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

  /** When recovery finished (before which the manager is never called); 0 before. */
  public long recoveredAtMillis() {
    return recoveredAtMillis;
  }

  public RecoveryReport recoveryReport() {
    return recoveryReport;
  }

  /** Stops the daemon. Containers keep running unless the options say to drain. */
  @Override
  public synchronized void close() {
    if (session != null) {
      session.close();
    }
    if (options.drainOnStop() && engine != null && failStopReason == null) {
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
