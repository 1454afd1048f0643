package io.warren.task.engine;

import io.warren.journal.EffectOutcome;
import io.warren.runtime.RuntimeFailure;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The one place an effect's error is sorted: {@code TEMPORARY} (retry with back-off) or
 * {@code FATAL} (fail the task). The runtime classes its own errors ({@link RuntimeFailure.Kind});
 * anything else the engine did not expect is fatal, a timeout is temporary.
 */
public enum ErrorClass {
  TEMPORARY,
  FATAL;

  public static ErrorClass of(Throwable error) {
    Throwable e = unwrap(error);
    if (e instanceof RuntimeFailure f) {
      return f.temporary() ? TEMPORARY : FATAL;
    }
    if (e instanceof TimeoutException) {
      return TEMPORARY;
    }
    return FATAL;
  }

  public EffectOutcome.Result result() {
    return this == TEMPORARY ? EffectOutcome.Result.FAILED_TEMPORARY
        : EffectOutcome.Result.FAILED_FATAL;
  }

  /** The error's own message, without the wrappers futures add. */
  public static String message(Throwable error) {
    Throwable e = unwrap(error);
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
