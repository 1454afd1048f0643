package io.warren.testing;

import io.warren.runtime.ContainerLabels;
import io.warren.runtime.ContainerRuntime;
import io.warren.runtime.ContainerSpec;
import io.warren.runtime.ExitStatus;
import io.warren.runtime.ObservedContainer;
import io.warren.runtime.RuntimeFailure;
import io.warren.task.engine.TaskScheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A behavioural container runtime for unit and replay tests: it holds containers and images,
 * answers idempotently like the real one ("already done" is not an error), and follows a script:
 * failures for the next calls of an operation, latencies (advancing the injected virtual clock),
 * exits after a time, containers that ignore SIGTERM, and a simulated worker death during a call.
 * Calls are synchronized, so engines on real threads may use it too (scripts then need the clock's
 * owner to run its timers).
 */
public final class FakeRuntime implements ContainerRuntime {
  /** Thrown out of a runtime call to simulate the worker process dying mid-call. */
  public static final class WorkerDeath extends Error {
    public WorkerDeath(String op) {
      super("worker killed during " + op);
    }
  }

  private final ManualScheduler clock;
  private final Map<String, Box> containers = new LinkedHashMap<>();
  private final Set<String> images = new HashSet<>();
  private final Map<String, Deque<RuntimeFailure>> nextFailures = new HashMap<>();
  private final Map<String, Duration> latency = new HashMap<>();
  private final Map<String, Script> scripts = new HashMap<>();
  private final Set<String> dieOn = new HashSet<>();
  private final List<String> calls = new ArrayList<>();
  private Script defaultScript = new Script(null, 0);
  private int nextPid = 1000;

  public FakeRuntime(ManualScheduler clock) {
    this.clock = clock;
  }

  // ---- script ----

  /** The next call of {@code op} (pull, create, start, stop, remove) fails like this. */
  public FakeRuntime failNext(String op, RuntimeFailure failure) {
    nextFailures.computeIfAbsent(op, k -> new ArrayDeque<>()).add(failure);
    return this;
  }

  /** Calls of {@code op} take this long (the virtual clock advances during the call). */
  public FakeRuntime latency(String op, Duration d) {
    latency.put(op, d);
    return this;
  }

  /** Once started, container {@code containerId} exits with {@code code} after {@code after}. */
  public FakeRuntime exitAfter(String containerId, Duration after, int code) {
    scripts.put(containerId, new Script(after, code));
    return this;
  }

  /** Every container without its own script exits like this once started. */
  public FakeRuntime exitAllAfter(Duration after, int code) {
    defaultScript = new Script(after, code);
    return this;
  }

  /** The container ignores SIGTERM: stop needs SIGKILL after the grace period. */
  public FakeRuntime ignoresSigterm(String containerId) {
    scripts.merge(containerId, new Script(null, 0, true),
        (a, b) -> new Script(a.after, a.code, true));
    return this;
  }

  /** The worker dies during the next call of {@code op} (after the intent was journaled). */
  public FakeRuntime dieDuring(String op) {
    dieOn.add(op);
    return this;
  }

  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  /** Containers that exist, by id, with their task status. */
  public synchronized Map<String, ObservedContainer.TaskStatus> containers() {
    Map<String, ObservedContainer.TaskStatus> m = new LinkedHashMap<>();
    containers.forEach((k, v) -> m.put(k, v.status));
    return m;
  }

  // ---- ContainerRuntime ----

  @Override
  public synchronized Applied<ImageInfo> ensureImage(String reference, PullPolicy policy, PullProgress progress)
      throws RuntimeFailure {
    enter("pull", reference);
    boolean had = !images.add(reference);
    ImageInfo info = new ImageInfo(reference, "sha256:" + Integer.toHexString(reference.hashCode()));
    return had ? Applied.already(info) : Applied.done(info);
  }

  @Override
  public synchronized Applied<Void> create(ContainerSpec spec) throws RuntimeFailure {
    enter("create", spec.containerId());
    if (containers.containsKey(spec.containerId())) {
      return Applied.already(null);
    }
    if (!spec.labels().containsKey(ContainerLabels.MANAGED_BY)) {
      throw RuntimeFailure.fatal("create " + spec.containerId() + ": missing ownership label");
    }
    containers.put(spec.containerId(), new Box(spec));
    return Applied.done(null);
  }

  @Override
  public synchronized Applied<Integer> start(String containerId) throws RuntimeFailure {
    enter("start", containerId);
    Box b = box(containerId);
    if (b.status == ObservedContainer.TaskStatus.RUNNING) {
      return Applied.already(b.pid);
    }
    if (b.status == ObservedContainer.TaskStatus.STOPPED) {
      throw RuntimeFailure.fatal("start " + containerId + ": task already exited");
    }
    b.status = ObservedContainer.TaskStatus.RUNNING;
    b.pid = nextPid++;
    Script s = scripts.getOrDefault(containerId, defaultScript);
    if (s.after != null) {
      clock.schedule("runtime", s.after, () -> b.exit(s.code, clock.nowMillis()));
    }
    return Applied.done(b.pid);
  }

  @Override
  public synchronized Applied<ExitStatus> stop(String containerId, Duration grace) throws RuntimeFailure {
    enter("stop", containerId);
    Box b = containers.get(containerId);
    if (b == null || b.status != ObservedContainer.TaskStatus.RUNNING) {
      return Applied.already(b == null ? null : b.exitStatus);
    }
    boolean ignores = scripts.getOrDefault(containerId, defaultScript).ignoresSigterm;
    if (ignores) {
      clock.advanceClock(grace);
      b.exit(137, clock.nowMillis());
    } else {
      b.exit(143, clock.nowMillis());
    }
    return Applied.done(b.exitStatus);
  }

  @Override
  public synchronized Applied<Void> remove(String containerId) throws RuntimeFailure {
    enter("remove", containerId);
    Box b = containers.get(containerId);
    if (b == null) {
      return Applied.already(null);
    }
    if (b.status == ObservedContainer.TaskStatus.RUNNING) {
      throw RuntimeFailure.fatal("remove " + containerId + ": task is running");
    }
    containers.remove(containerId);
    return Applied.done(null);
  }

  @Override
  public synchronized Optional<ObservedContainer> inspect(String containerId) {
    Box b = containers.get(containerId);
    return Optional.ofNullable(b == null ? null : b.observed());
  }

  @Override
  public synchronized List<ObservedContainer> listOwned() {
    return containers.values().stream().map(Box::observed).toList();
  }

  @Override
  public synchronized CompletableFuture<ExitStatus> awaitExit(String containerId) {
    Box b = containers.get(containerId);
    if (b == null) {
      return CompletableFuture.failedFuture(
          RuntimeFailure.fatal("wait " + containerId + ": no such container"));
    }
    return b.exited;
  }

  @Override
  public ExecResult exec(String containerId, List<String> command, Duration timeout)
      throws RuntimeFailure {
    enter("exec", containerId);
    return new ExecResult(0, "", "");
  }

  @Override
  public void close() {}

  private void enter(String op, String what) throws RuntimeFailure {
    calls.add(op + " " + what);
    Duration d = latency.get(op);
    if (d != null) {
      clock.advanceClock(d);
    }
    if (dieOn.remove(op)) {
      throw new WorkerDeath(op + " " + what);
    }
    Deque<RuntimeFailure> q = nextFailures.get(op);
    if (q != null && !q.isEmpty()) {
      throw q.poll();
    }
  }

  private Box box(String id) throws RuntimeFailure {
    Box b = containers.get(id);
    if (b == null) {
      throw RuntimeFailure.fatal("no such container " + id);
    }
    return b;
  }

  private record Script(Duration after, int code, boolean ignoresSigterm) {
    Script(Duration after, int code) {
      this(after, code, false);
    }
  }

  private final class Box {
    final ContainerSpec spec;
    ObservedContainer.TaskStatus status = ObservedContainer.TaskStatus.NO_TASK;
    int pid;
    ExitStatus exitStatus;
    final CompletableFuture<ExitStatus> exited = new CompletableFuture<>();

    Box(ContainerSpec spec) {
      this.spec = spec;
    }

    void exit(int code, long at) {
      if (status != ObservedContainer.TaskStatus.RUNNING) {
        return;
      }
      status = ObservedContainer.TaskStatus.STOPPED;
      exitStatus = new ExitStatus(code, at, false);
      exited.complete(exitStatus);
    }

    ObservedContainer observed() {
      return new ObservedContainer(spec.containerId(), spec.labels(), status,
          status == ObservedContainer.TaskStatus.RUNNING ? pid : 0, exitStatus);
    }
  }

  /** Keeps the scheduler type visible to users wiring an engine from this fake's clock. */
  public TaskScheduler scheduler() {
    return clock;
  }
}
