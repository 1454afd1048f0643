package io.warren.runtime;

/**
 * A runtime call failed. Its {@link Kind} says whether retrying can help; the one place that
 * decides this for containerd's errors is the containerd adapter's error classifier.
 */
public class RuntimeFailure extends Exception {

  public enum Kind {
    /** The runtime is unreachable, busy or timed out: retry with back-off. */
    TEMPORARY,
    /** Bad input or a state no retry changes (bad image reference, no such image): fail the task. */
    FATAL
  }

  private final Kind kind;

  public RuntimeFailure(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public RuntimeFailure(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public boolean temporary() {
    return kind == Kind.TEMPORARY;
  }

  public static RuntimeFailure temporary(String message, Throwable cause) {
    return new RuntimeFailure(Kind.TEMPORARY, message, cause);
  }

  public static RuntimeFailure fatal(String message) {
    return new RuntimeFailure(Kind.FATAL, message);
  }
}
