package io.warren.manager;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.warren.api.v1.Container;
import io.warren.api.v1.ContainerStatus;
import io.warren.task.ActualState;
import io.warren.task.DesiredState;
import io.warren.task.TaskControl;
import io.warren.task.TaskSpec;
import io.warren.task.TaskStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The worker's conversation with its manager, on one thread:
 *
 * <ul>
 *   <li>RegisterNode at start and after every reconnect (Warren's manager upserts);
 *   <li>a heartbeat every {@link SessionTimings#heartbeat()} carrying every local task's status,
 *       including {@code complete} ones until the manager drops their record;
 *   <li>a sync every {@link SessionTimings#sync()}: ListContainers(node_id) drives
 *       {@link TaskControl#assign} / {@link TaskControl#setDesired}; a local task the manager no
 *       longer lists is stopped, and only after a complete, successful listing; a WatchContainers
 *       event from the manager brings the next sync forward ({@link AssignmentWatch});
 *   <li>each status change pushed at once with UpdateContainerStatus (error text included);
 *   <li>any failed call: exponential back-off with jitter up to {@link SessionTimings#maxBackoff()};
 *       tasks keep running; after reconnecting, every unacknowledged status is pushed again.
 * </ul>
 *
 * <p>Statuses the manager accepted are reported to an {@link AckJournal}; seeding them on restart
 * ({@link #seedAcknowledged}) means only unacknowledged ones are resent.
 *
 * <p>Bad input from the manager never stops the loop: a record whose spec cannot be built is
 * reported {@code failed} with the reason, and everything else goes to the engine, which fails
 * the task with its own reason.
 */
public final class ManagerSession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ManagerSession.class);

  private final ManagerClient client;
  private final TaskControl tasks;
  private final SessionTimings timings;
  private final Clock clock;
  private final AckJournal ackJournal;
  private final Backoff backoff;

  private final Map<String, AckedStatus> acked = new ConcurrentHashMap<>();
  private final Map<String, TaskStatus> unpushed = new ConcurrentHashMap<>();
  private final Map<String, TaskStatus> rejected = new ConcurrentHashMap<>();
  /** Session thread only: the desired state last handed to the engine, per task. */
  private final Map<String, DesiredState> handed = new HashMap<>();

  private final AssignmentWatch watch;
  /** Set by a WatchContainers event: sync at once, and again if it comes during a sync. */
  private final AtomicBoolean syncRequested = new AtomicBoolean();
  private final Object wake = new Object();
  private boolean wakeRequested;
  private volatile boolean running;
  private Thread thread;

  private boolean registered;
  private volatile boolean connected;
  private long backoffUntil;
  private long heartbeatDue;
  private long syncDue;

  private final AtomicLong registrations = new AtomicLong();
  private final AtomicLong heartbeats = new AtomicLong();
  private final AtomicLong heartbeatFailures = new AtomicLong();
  private final AtomicLong syncs = new AtomicLong();
  private final AtomicLong pushes = new AtomicLong();
  private final AtomicLong callFailures = new AtomicLong();
  private volatile long lastBackoffMillis;

  public ManagerSession(ManagerClient client, TaskControl tasks, SessionTimings timings, Clock clock,
      RandomGenerator random, AckJournal ackJournal) {
    this.client = client;
    this.tasks = tasks;
    this.timings = timings;
    this.clock = clock;
    this.ackJournal = ackJournal == null ? AckJournal.NONE : ackJournal;
    this.backoff = new Backoff(timings.initialBackoff(), timings.maxBackoff(), random);
    this.watch = new AssignmentWatch(client, this::syncSoon);
  }

  /**
   * Statuses the manager acknowledged before a restart (from journaled ManagerAck records). Call
   * before {@link #start()}; a task whose current status equals its seeded one is not resent.
   */
  public void seedAcknowledged(Collection<AckedStatus> statuses) {
    if (running) {
      throw new IllegalStateException("seedAcknowledged must be called before start()");
    }
    for (AckedStatus a : statuses) {
      acked.put(a.taskId(), a);
    }
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    tasks.onStatusChange(this::statusChanged);
    thread = new Thread(this::loop, "warren-manager-session");
    thread.setDaemon(true);
    thread.start();
  }

  public SessionStats stats() {
    return new SessionStats(connected, registrations.get(), heartbeats.get(), heartbeatFailures.get(),
        syncs.get(), pushes.get(), callFailures.get(), lastBackoffMillis, watch.open(),
        watch.events());
  }

  /** Stops talking to the manager. Tasks are left as they are (the next start reattaches). */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      running = false;
      t = thread;
    }
    watch.stop();
    wakeUp();
    if (t != null) {
      try {
        t.join(timings.rpcTimeout().toMillis() * 2 + 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void statusChanged(TaskStatus s) {
    if (!running || isAcked(s)) {
      return;
    }
    unpushed.put(s.taskId(), s);
    wakeUp();
  }

  private void syncSoon() {
    syncRequested.set(true);
    wakeUp();
  }

  private void wakeUp() {
    synchronized (wake) {
      wakeRequested = true;
      wake.notifyAll();
    }
  }

  private void loop() {
    while (running) {
      long now = clock.millis();
      if (now >= backoffUntil) {
        try {
          step(now);
          if (!connected) {
            log.info("connected to the manager");
          }
          connected = true;
          backoff.reset();
        } catch (StatusRuntimeException e) {
          failed(e);
        } catch (RuntimeException e) {
          // never let the loop die: an unexpected error is treated like an unreachable manager
          log.error("manager session step failed unexpectedly", e);
          failed(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
        }
      }
      sleepUntilNextWork();
    }
  }

  private void step(long now) {
    if (!registered) {
      client.registerNode();
      registrations.incrementAndGet();
      registered = true;
      heartbeatDue = now;
      syncDue = now;
      markUnacknowledged();
      watch.managerMayHaveChanged();
    }
    watch.ensureOpen();
    pushUnacknowledged();
    if (syncRequested.getAndSet(false) | clock.millis() >= syncDue) {
      sync();
      syncDue = clock.millis() + timings.sync().toMillis();
      pushUnacknowledged(); // what the sync changed goes out now, with its error text
    }
    if (clock.millis() >= heartbeatDue) {
      heartbeat();
      heartbeatDue = clock.millis() + timings.heartbeat().toMillis();
    }
  }

  private void failed(StatusRuntimeException e) {
    callFailures.incrementAndGet();
    long delay = backoff.nextDelay().toMillis();
    lastBackoffMillis = delay;
    backoffUntil = clock.millis() + delay;
    registered = false; // re-register on reconnect: the manager may have forgotten us
    if (connected || backoff.failures() == 1) {
      log.warn("manager unreachable or refusing ({}: {}); tasks keep running; retrying in {} ms",
          e.getStatus().getCode(), e.getStatus().getDescription(), delay);
    } else {
      log.debug("manager still unreachable ({}), retry {} in {} ms", e.getStatus().getCode(),
          backoff.failures(), delay);
    }
    connected = false;
  }

  private void sleepUntilNextWork() {
    long now = clock.millis();
    long until;
    if (now < backoffUntil) {
      until = backoffUntil;
    } else if (!unpushed.isEmpty()) {
      until = now;
    } else {
      until = Math.min(heartbeatDue, syncDue);
    }
    long waitMs = Math.max(0, until - now);
    synchronized (wake) {
      if (!wakeRequested && waitMs > 0 && running) {
        try {
          wake.wait(waitMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
      wakeRequested = false;
    }
  }

  // ---------------------------------------------------------------- statuses

  private boolean isAcked(TaskStatus s) {
    AckedStatus a = acked.get(s.taskId());
    return a != null && a.actualState().equals(s.actualState().wire())
        && a.error().equals(s.error() == null ? "" : s.error());
  }

  private void markUnacknowledged() {
    for (TaskStatus s : allStatuses()) {
      if (!isAcked(s)) {
        unpushed.put(s.taskId(), s);
      }
    }
  }

  private List<TaskStatus> allStatuses() {
    List<TaskStatus> all = new ArrayList<>(tasks.statuses());
    all.addAll(rejected.values());
    return all;
  }

  private void acknowledge(TaskStatus s) {
    AckedStatus a = new AckedStatus(s.taskId(), s.actualState().wire(), s.error());
    if (!a.equals(acked.get(s.taskId()))) {
      acked.put(s.taskId(), a);
      ackJournal.acked(a.taskId(), a.actualState(), a.error());
    }
    unpushed.remove(s.taskId(), s);
  }

  private void pushUnacknowledged() {
    for (TaskStatus s : new ArrayList<>(unpushed.values())) {
      if (isAcked(s)) {
        unpushed.remove(s.taskId(), s);
        continue;
      }
      try {
        client.updateContainerStatus(toProto(s));
        pushes.incrementAndGet();
        acknowledge(s);
      } catch (StatusRuntimeException e) {
        if (isNotFound(e)) {
          // the manager has no such record (dropped, or never had it): nothing to tell it
          unpushed.remove(s.taskId(), s);
        } else {
          throw e;
        }
      }
    }
  }

  private void heartbeat() {
    List<TaskStatus> statuses = allStatuses();
    List<ContainerStatus> wire = new ArrayList<>(statuses.size());
    for (TaskStatus s : statuses) {
      wire.add(toProto(s));
    }
    try {
      client.heartbeat(wire);
    } catch (StatusRuntimeException e) {
      heartbeatFailures.incrementAndGet();
      throw e;
    }
    heartbeats.incrementAndGet();
    for (TaskStatus s : statuses) {
      acknowledge(s);
    }
  }

  static ContainerStatus toProto(TaskStatus s) {
    return ContainerStatus.newBuilder()
        .setContainerId(s.taskId())
        .setActualState(s.actualState().wire())
        .setRuntimeContainerId(s.containerId() == null ? "" : s.containerId())
        .setError(s.error() == null ? "" : s.error())
        .build();
  }

  private static boolean isNotFound(StatusRuntimeException e) {
    if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
      return true;
    }
    // Warren's Go manager answers UNKNOWN with "container not found: <id>"
    String d = e.getStatus().getDescription();
    return e.getStatus().getCode() == Status.Code.UNKNOWN && d != null
        && d.startsWith("container not found");
  }

  // ---------------------------------------------------------------- sync

  private void sync() {
    List<Container> listing = client.listContainers().getContainersList();
    syncs.incrementAndGet();
    Map<String, TaskStatus> local = new HashMap<>();
    for (TaskStatus s : tasks.statuses()) {
      local.put(s.taskId(), s);
    }
    Set<String> listed = new HashSet<>();
    for (Container c : listing) {
      listed.add(c.getId());
      try {
        MDC.put("task", c.getId());
        apply(c, local.containsKey(c.getId()));
      } finally {
        MDC.remove("task");
      }
    }
    // The listing was complete and successful: what it lacks, the manager no longer wants.
    Set<String> mine = new HashSet<>(local.keySet());
    mine.addAll(handed.keySet());
    for (String id : mine) {
      if (!listed.contains(id)) {
        release(id, local.get(id));
      }
    }
    rejected.keySet().removeIf(id -> {
      if (!listed.contains(id)) {
        acked.remove(id);
        unpushed.remove(id);
        return true;
      }
      return false;
    });
  }

  private void apply(Container c, boolean knownLocally) {
    String id = c.getId();
    DesiredState desired;
    try {
      desired = AssignmentMapper.desired(c);
    } catch (InvalidAssignment e) {
      reject(id, e.getMessage());
      return;
    }
    if (knownLocally || handed.containsKey(id)) {
      if (handed.get(id) != desired) {
        tasks.setDesired(id, desired);
        handed.put(id, desired);
      }
      return;
    }
    if (rejected.containsKey(id) || desired != DesiredState.RUNNING) {
      return; // already reported failed, or a shutdown for a task we never ran
    }
    TaskSpec spec;
    try {
      spec = AssignmentMapper.toSpec(c);
    } catch (InvalidAssignment e) {
      reject(id, e.getMessage());
      return;
    }
    try {
      tasks.assign(spec, DesiredState.RUNNING);
      handed.put(id, DesiredState.RUNNING);
      log.info("assigned task {} ({} replica, image {})", id, c.getServiceName(), c.getImage());
    } catch (RuntimeException e) {
      reject(id, "the worker refused the task: " + e.getMessage());
    }
  }

  /** A task the manager stopped listing: stop it first; forget it once it is terminal. */
  private void release(String id, TaskStatus status) {
    if (status == null) {
      handed.remove(id);
      return;
    }
    if (handed.get(id) != DesiredState.SHUTDOWN) {
      log.info("task {} is no longer assigned to this node: stopping it", id);
      tasks.setDesired(id, DesiredState.SHUTDOWN);
      handed.put(id, DesiredState.SHUTDOWN);
      return;
    }
    if (status.actualState() == ActualState.COMPLETE || status.actualState() == ActualState.FAILED) {
      tasks.forget(id);
      handed.remove(id);
      acked.remove(id);
      unpushed.remove(id);
    }
  }

  private void reject(String id, String reason) {
    if (rejected.containsKey(id)) {
      return;
    }
    log.warn("task {}: cannot run what the manager sent: {}", id, reason);
    TaskStatus failed = new TaskStatus(id, ActualState.FAILED, "REJECTED", 0, "", reason,
        clock.millis());
    rejected.put(id, failed);
    unpushed.put(id, failed);
  }
}
