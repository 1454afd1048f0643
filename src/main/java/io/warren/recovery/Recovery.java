package io.warren.recovery;

import io.warren.runtime.ContainerRuntime;
import io.warren.runtime.ObservedContainer;
import io.warren.runtime.RuntimeFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovery after the journal has been replayed into the engine, as named phases:
 * <ol>
 *   <li>{@code reconcile}: list every owned container and its task (one Containers.List plus one
 *       Tasks.List, never a call per container) and plan against the journal
 *       ({@link ReconcilePlanner});
 *   <li>{@code resolve}: hand open-intent answers, reattaches, exits while down and vanished
 *       containers to the engine, which journals them;
 *   <li>{@code reap}: stop and remove what the journal does not own ({@link Reaper}).
 * </ol>
 * Locking and replay happen before (the journal's and engine's job); talking to the manager only
 * after {@link #run()} returns. Phase durations use an injected monotonic clock.
 */
public final class Recovery {
  private static final Logger log = LoggerFactory.getLogger(Recovery.class);

  private final RecoveryTarget target;
  private final ContainerRuntime runtime;
  private final Reaper reaper;
  private final boolean dryRunReap;
  private final LongSupplier nanoTime;
  private Future<List<ObservedContainer>> firstListing;

  public Recovery(RecoveryTarget target, ContainerRuntime runtime, Reaper reaper,
      boolean dryRunReap, LongSupplier nanoTime) {
    this.target = target;
    this.runtime = runtime;
    this.reaper = reaper;
    this.dryRunReap = dryRunReap;
    this.nanoTime = nanoTime;
  }

  /**
   * A listing of the owned containers taken after the data directory was locked, beside the
   * journal's scan (the worker does this): the first {@link #run()} reconciles against it instead
   * of listing again; a retry lists afresh. Taken after the lock, it sees every container any
   * earlier owner of the directory created; what changes between it and reconcile is only exits,
   * which the reattached Wait reports as it would a minute later.
   */
  public Recovery firstListing(Future<List<ObservedContainer>> listing) {
    this.firstListing = listing;
    return this;
  }

  /**
   * Runs reconcile, resolve and reap.
   *
   * @throws RuntimeFailure if containerd cannot be listed: recovery cannot decide anything
   *     without it, and the caller retries (the worker does not talk to the manager meanwhile)
   */
  public RecoveryReport run() throws RuntimeFailure {
    Map<String, Long> phases = new LinkedHashMap<>();

    long t0 = nanoTime.getAsLong();
    List<JournaledTask> tasks = target.journaledTasks();
    List<ObservedContainer> observed = takeFirstListing();
    if (observed == null) {
      observed = runtime.listOwned();
    }
    List<Resolution> plan = ReconcilePlanner.plan(tasks, observed);
    phases.put("reconcile", millisSince(t0));

    long t1 = nanoTime.getAsLong();
    int reattached = 0;
    int exited = 0;
    int vanished = 0;
    int intents = 0;
    List<Resolution.Reap> reaps = new ArrayList<>();
    for (Resolution r : plan) {
      if (r instanceof Resolution.Reap reap) {
        reaps.add(reap);
        continue;
      }
      if (r instanceof Resolution.Reattach) {
        reattached++;
      } else if (r instanceof Resolution.ExitedWhileDown) {
        exited++;
      } else if (r instanceof Resolution.Vanished) {
        vanished++;
      } else if (r instanceof Resolution.IntentResolved i
          && !ReconcilePlanner.WATCH.equals(i.effect())) {
        intents++; // a cut-short wait is no effect to answer: see ReconcilePlanner
      }
      target.apply(r);
    }
    phases.put("resolve", millisSince(t1));

    long t2 = nanoTime.getAsLong();
    List<Reaper.Outcome> reaped = reaper.reap(reaps, dryRunReap);
    phases.put("reap", millisSince(t2));

    RecoveryReport report = new RecoveryReport(phases, tasks.size(), reattached, exited, vanished,
        intents, reaped, plan);
    log.info("recovered {} tasks in {} ms {}: {} reattached, {} exited while down, {} vanished, "
            + "{} cut-short effects answered, {} reaped{}",
        tasks.size(), report.totalMillis(), phases, reattached, exited, vanished, intents,
        reaped.size(), dryRunReap ? " (dry run)" : "");
    return report;
  }

  /** The first listing if one was given and succeeded, else null (then reconcile lists). */
  private List<ObservedContainer> takeFirstListing() {
    Future<List<ObservedContainer>> f = firstListing;
    firstListing = null;
    if (f == null) {
      return null;
    }
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeFailure) {
        return null; // listed again now: the same failure then goes to the caller's retry
      }
      throw e.getCause() instanceof RuntimeException r ? r
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for containerd's listing", e);
    }
  }

  private long millisSince(long startNanos) {
    return (nanoTime.getAsLong() - startNanos) / 1_000_000;
  }
}
