package io.warren.runtime.containerd;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.warren.runtime.RuntimeFailure;

/**
 * The one place containerd's gRPC errors are sorted into temporary (retry with back-off) and fatal
 * (no retry changes the outcome). Callers that expect a specific code ("not found" means "already
 * removed") test it with the predicates here before classifying.
 */
public final class ContainerdErrors {
  private ContainerdErrors() {}

  /** Classifies a failed call; {@code what} names the operation and object for the message. */
  public static RuntimeFailure classify(String what, Throwable t) {
    if (t instanceof RuntimeFailure rf) {
      return rf;
    }
    Status status = Status.fromThrowable(t);
    String msg = what + ": " + status.getCode() + (status.getDescription() == null ? ""
        : " " + status.getDescription());
    return switch (status.getCode()) {
      // daemon down or restarting, overloaded, our own deadline, or a lock held by a concurrent call
      case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, CANCELLED ->
          RuntimeFailure.temporary(msg, t);
      case UNKNOWN -> isDeadline(status) || isTransientUnknown(status)
          ? RuntimeFailure.temporary(msg, t)
          : new RuntimeFailure(RuntimeFailure.Kind.FATAL, msg, t);
      default -> new RuntimeFailure(RuntimeFailure.Kind.FATAL, msg, t);
    };
  }

  public static boolean isNotFound(Throwable t) {
    return code(t) == Status.Code.NOT_FOUND;
  }

  public static boolean isAlreadyExists(Throwable t) {
    return code(t) == Status.Code.ALREADY_EXISTS;
  }

  public static boolean isUnavailable(Throwable t) {
    return code(t) == Status.Code.UNAVAILABLE;
  }

  /** A Wait deadline can come back as UNKNOWN "context deadline exceeded" (facts §1). */
  public static boolean isDeadline(Throwable t) {
    return t instanceof StatusRuntimeException && isDeadline(Status.fromThrowable(t));
  }

  private static boolean isDeadline(Status s) {
    return s.getCode() == Status.Code.DEADLINE_EXCEEDED
        || (s.getCode() == Status.Code.UNKNOWN && s.getDescription() != null
            && s.getDescription().contains("deadline exceeded"));
  }

  /** The shim's ttrpc connection closing under us while containerd restarts. */
  private static boolean isTransientUnknown(Status s) {
    String d = s.getDescription();
    return d != null && (d.contains("ttrpc: closed") || d.contains("connection reset"));
  }

  private static Status.Code code(Throwable t) {
    return t instanceof StatusRuntimeException ? Status.fromThrowable(t).getCode() : null;
  }
}
