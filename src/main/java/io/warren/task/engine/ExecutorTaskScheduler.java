package io.warren.task.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production scheduler: lanes are serial queues over a shared worker pool, timers on one
 * daemon thread.
 *
 * <p>The pool is a {@link ForkJoinPool} as wide as the machine has CPUs: lane work is short
 * (a transition, a journal append) except runtime calls, which block, so those run through
 * {@link #blocking} and the pool stands in for each thread blocked there with another one, an
 * idle one or a new one ({@link ForkJoinPool#managedBlock}), up to {@value #MAX_THREADS}
 * threads. So a burst of work on many lanes,
 * a recovery resuming 100 tasks, runs on a few threads instead of starting one per lane (which
 * took most of the resume phase, docs/benchmarks-recovery.md), and ten image pulls at once
 * still leave the other lanes their threads.
 */
public final class ExecutorTaskScheduler implements TaskScheduler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorTaskScheduler.class);

  /** Threads at most, the ones standing in for blocked ones included. */
  static final int MAX_THREADS = 256;
  private static final long KEEP_ALIVE_SECONDS = 60;

  private final Clock clock;
  private final ForkJoinPool pool;
  private final ScheduledExecutorService timers;
  private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

  public ExecutorTaskScheduler(Clock clock) {
    this(clock, Math.max(2, Runtime.getRuntime().availableProcessors()));
  }

  /** With {@code parallelism} threads running lane work (tests choose it). */
  ExecutorTaskScheduler(Clock clock, int parallelism) {
    this.clock = clock;
    AtomicInteger n = new AtomicInteger();
    ForkJoinPool.ForkJoinWorkerThreadFactory threads = p -> {
      ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
      t.setName("warren-task-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    // FIFO for the lanes' drains; a thread blocked in a managed call is stood in for while
    // fewer than `parallelism` others can run (minimumRunnable; with 1 the pool would run on a
    // single thread beside blocked pulls), and once MAX_THREADS are reached a blocked call just
    // blocks (the saturate predicate) rather than failing
    this.pool = new ForkJoinPool(parallelism, threads, null, true, 0, MAX_THREADS, parallelism,
        pool -> true, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
    this.timers = Executors.newSingleThreadScheduledExecutor(daemon("warren-timer-"));
  }

  @Override
  public long nowMillis() {
    return clock.millis();
  }

  @Override
  public void execute(String lane, Runnable work) {
    while (!lanes.computeIfAbsent(lane, Lane::new).submit(work)) {
      Thread.onSpinWait(); // that lane just closed itself; the next one is fresh
    }
  }

  /** Lanes currently holding work (idle lanes close themselves, so this stays bounded). */
  int openLanes() {
    return lanes.size();
  }

  @Override
  public Cancellable schedule(String lane, Duration delay, Runnable work) {
    ScheduledFuture<?> f = timers.schedule(() -> execute(lane, work), delay.toMillis(),
        TimeUnit.MILLISECONDS);
    return () -> f.cancel(false);
  }

  /**
   * Runs {@code call} as a {@link ForkJoinPool.ManagedBlocker} when the caller is one of this
   * pool's threads, so the pool runs other lanes on a thread it adds while the call blocks.
   */
  @Override
  public <T> T blocking(Callable<T> call) throws Exception {
    if (!(Thread.currentThread() instanceof ForkJoinWorkerThread w) || w.getPool() != pool) {
      return call.call();
    }
    BlockingCall<T> blocker = new BlockingCall<>(call);
    ForkJoinPool.managedBlock(blocker);
    return blocker.result();
  }

  /** Threads the pool has now, standing-in ones included (tests). */
  int threads() {
    return pool.getPoolSize();
  }

  @Override
  public void close() {
    timers.shutdownNow();
    pool.shutdown();
  }

  /** One blocking call, run once by {@link ForkJoinPool#managedBlock}. */
  private static final class BlockingCall<T> implements ForkJoinPool.ManagedBlocker {
    private final Callable<T> call;
    private T result;
    private Exception error;
    private boolean done;

    BlockingCall(Callable<T> call) {
      this.call = call;
    }

    @Override
    public boolean block() {
      try {
        result = call.call();
      } catch (Exception e) {
        error = e;
      } finally {
        done = true;
      }
      return true;
    }

    @Override
    public boolean isReleasable() {
      return done;
    }

    T result() throws Exception {
      if (error != null) {
        throw error;
      }
      return result;
    }
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * A serial queue: at most one of its pieces of work runs at a time, in submission order. When it
   * runs dry it closes and leaves the map (under its lock, so no work is lost: a submit that finds
   * it closed retries on a fresh lane, which cannot overlap with this one since this one is done).
   */
  private final class Lane {
    private final String name;
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private boolean running;
    private boolean closed;

    Lane(String name) {
      this.name = name;
    }

    /** False if the lane is closed: the caller must get a fresh one. */
    boolean submit(Runnable work) {
      synchronized (this) {
        if (closed) {
          return false;
        }
        queue.add(work);
        if (running) {
          return true;
        }
        running = true;
      }
      pool.execute(this::drain);
      return true;
    }

    private void drain() {
      while (true) {
        Runnable next;
        synchronized (this) {
          next = queue.poll();
          if (next == null) {
            running = false;
            closed = true;
            lanes.remove(name, this);
            return;
          }
        }
        try {
          next.run();
        } catch (RuntimeException | Error e) {
          LOG.error("task lane work failed", e);
        }
      }
    }
  }
}
