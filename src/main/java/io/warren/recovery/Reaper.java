package io.warren.recovery;

import io.warren.journal.JournalWriter;
import io.warren.journal.Reap;
import io.warren.runtime.ContainerRuntime;
import io.warren.runtime.RuntimeFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops and removes containers that the journal does not own (or owns but should not be running).
 * Each reap is journaled with its reason before anything is touched, so a crash mid-reap leaves a
 * record and the next recovery simply finds the container again and finishes the job.
 *
 * <p>Bounded: at most {@code parallelism} containers at once, each with its own deadline, so one
 * hung container cannot stall recovery; it is reported and left for the next recovery.
 */
public final class Reaper {
  private static final Logger log = LoggerFactory.getLogger(Reaper.class);

  private final ContainerRuntime runtime;
  private final JournalWriter journal;
  private final Clock clock;
  private final int parallelism;
  private final Duration perContainerTimeout;
  private final Duration stopGrace;

  public Reaper(ContainerRuntime runtime, JournalWriter journal, Clock clock, int parallelism,
      Duration perContainerTimeout, Duration stopGrace) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("reap parallelism must be >= 1, got " + parallelism);
    }
    this.runtime = runtime;
    this.journal = journal;
    this.clock = clock;
    this.parallelism = parallelism;
    this.perContainerTimeout = perContainerTimeout;
    this.stopGrace = stopGrace;
  }

  /** What happened to each container. */
  public record Outcome(String containerId, String reason, boolean removed, String error) {}

  /**
   * Reaps the given containers. In dry-run mode the Reap records are journaled (flagged dry-run)
   * and reported, and nothing is touched.
   */
  public List<Outcome> reap(List<Resolution.Reap> reaps, boolean dryRun) {
    List<Outcome> outcomes = new ArrayList<>();
    if (reaps.isEmpty()) {
      return outcomes;
    }
    for (Resolution.Reap r : reaps) {
      journal.append(new Reap(clock.millis(), r.containerId(), r.taskId(), r.reason(), dryRun));
      log.info("{} container {}: {}", dryRun ? "would reap" : "reaping", r.containerId(), r.reason());
    }
    if (dryRun) {
      for (Resolution.Reap r : reaps) {
        outcomes.add(new Outcome(r.containerId(), r.reason(), false, "dry run"));
      }
      return outcomes;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, reaps.size()), run -> {
      Thread t = new Thread(run, "reaper");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Resolution.Reap r : reaps) {
        futures.add(pool.submit(() -> {
          runtime.stop(r.containerId(), stopGrace);
          runtime.remove(r.containerId());
          return null;
        }));
      }
      for (int i = 0; i < reaps.size(); i++) {
        Resolution.Reap r = reaps.get(i);
        outcomes.add(await(r, futures.get(i)));
      }
    } finally {
      pool.shutdownNow();
    }
    return outcomes;
  }

  private Outcome await(Resolution.Reap r, Future<?> f) {
    try {
      f.get(perContainerTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return new Outcome(r.containerId(), r.reason(), true, "");
    } catch (TimeoutException e) {
      f.cancel(true);
      String msg = "timed out after " + perContainerTimeout.toMillis() + " ms; left for the next recovery";
      log.warn("reap of {} {}", r.containerId(), msg);
      return new Outcome(r.containerId(), r.reason(), false, msg);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String msg = cause instanceof RuntimeFailure rf
          ? rf.kind() + ": " + rf.getMessage() : String.valueOf(cause);
      log.warn("reap of {} failed: {}", r.containerId(), msg);
      return new Outcome(r.containerId(), r.reason(), false, msg);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(r.containerId(), r.reason(), false, "interrupted");
    }
  }
}
