package io.warren.cli.daemon;

import io.warren.worker.WorkerPreload;
import java.util.Set;

/**
 * Hands the {@link WorkerPreload} that {@code main} begins, before picocli parses anything, to the
 * command that runs the worker: the preload then overlaps the parsing, logging set-up and
 * configuration instead of following them (docs/benchmarks-recovery.md).
 */
public final class DaemonPreload {
  /** The subcommands that run a worker in this process. */
  private static final Set<String> RUN_A_WORKER = Set.of("worker", "up");

  private static WorkerPreload begun;

  private DaemonPreload() {}

  /**
   * Begins the preload when the first argument names a command that runs a worker, unless
   * {@code -Dwarren.preload=false} (for comparisons: then it begins after parsing and
   * configuration, right before the worker starts).
   */
  public static synchronized void beginFor(String[] args) {
    if (begun == null && args.length > 0 && RUN_A_WORKER.contains(args[0])
        && !"false".equals(System.getProperty("warren.preload"))) {
      begun = WorkerPreload.begin();
    }
  }

  /** The preload begun for this process, or a new one (a test, or a run that did not begin one). */
  static synchronized WorkerPreload take() {
    WorkerPreload p = begun != null ? begun : WorkerPreload.begin();
    begun = null;
    return p;
  }
}
