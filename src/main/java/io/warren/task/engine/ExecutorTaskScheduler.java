package io.warren.task.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production scheduler: lanes are serial queues over a shared worker pool (runtime calls block,
 * so the pool may grow; lanes keep each task's work in order), timers on one daemon thread.
 */
public final class ExecutorTaskScheduler implements TaskScheduler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorTaskScheduler.class);

  private final Clock clock;
  private final ExecutorService pool;
  private final ScheduledExecutorService timers;
  private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

  public ExecutorTaskScheduler(Clock clock) {
    this.clock = clock;
    this.pool = Executors.newCachedThreadPool(daemon("warren-task-"));
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

  @Override
  public void close() {
    timers.shutdownNow();
    pool.shutdown();
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
