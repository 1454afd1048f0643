package io.warren.task.engine;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Where the engine's work runs and what time it is. Work is queued on named lanes: each lane runs
 * its work one piece at a time, in order (one lane per task, so a task's machine only ever sees one
 * thread at a time, as Spring Statemachine requires). Injected, so tests and replay run on virtual
 * time, deterministically.
 */
public interface TaskScheduler {

  /** Epoch milliseconds now. */
  long nowMillis();

  /** Queues work on a lane. */
  void execute(String lane, Runnable work);

  /** Queues work on a lane after a delay; the returned handle cancels it if it has not run. */
  Cancellable schedule(String lane, Duration delay, Runnable work);

  /**
   * Runs {@code call} on the calling thread and returns its result. Lane work wraps whatever may
   * block its thread for long (a runtime call: a pull can take minutes) in this, so a scheduler
   * whose lanes share a few threads can add one while it blocks and the other lanes keep
   * running. Schedulers that run work on the caller's thread (tests, replay) just call it.
   *
   * @throws Exception whatever {@code call} throws
   */
  default <T> T blocking(Callable<T> call) throws Exception {
    return call.call();
  }

  /** A scheduled piece of work that can be cancelled. */
  interface Cancellable {
    void cancel();
  }
}
