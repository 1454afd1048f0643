package io.warren.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The worker's seam to the container runtime (containerd in production, a behavioural fake in
 * unit and replay tests). Every operation is idempotent and keyed by a deterministic container id
 * ({@link ContainerIds}): calling it again after it already took effect returns an
 * {@link Applied} with {@code alreadyDone == true}, never an error. Failures are thrown as
 * {@link RuntimeFailure}, classed temporary or fatal in one place ({@link RuntimeFailure.Kind}).
 *
 * <p>Only containers in this runtime's namespace carrying {@link ContainerLabels#MANAGED_BY} are
 * ever listed or touched.
 */
public interface ContainerRuntime extends AutoCloseable {

  /**
   * Makes the image available locally: pulls it when absent (or always, per policy).
   *
   * @return the resolved, fully qualified image reference and its manifest digest
   */
  Applied<ImageInfo> ensureImage(String reference, PullPolicy policy, PullProgress progress)
      throws RuntimeFailure;

  /** Creates the container (snapshot and container record), not its task. */
  Applied<Void> create(ContainerSpec spec) throws RuntimeFailure;

  /** Creates and starts the container's task; returns its PID. Already running = already done. */
  Applied<Integer> start(String containerId) throws RuntimeFailure;

  /**
   * Stops the task: SIGTERM to all its processes, up to {@code grace}, then SIGKILL to all, then
   * waits. Returns the exit status. A task already stopped (or absent) is already done.
   */
  Applied<ExitStatus> stop(String containerId, Duration grace) throws RuntimeFailure;

  /**
   * Deletes the task (only once it is not running), then the container record and its snapshot,
   * in the order that never leaves a running task behind a deleted container. Absent = already done.
   */
  Applied<Void> remove(String containerId) throws RuntimeFailure;

  /** The observed state of one owned container, or empty if it does not exist. */
  Optional<ObservedContainer> inspect(String containerId) throws RuntimeFailure;

  /** Every container this worker owns in its namespace, with its task state. */
  List<ObservedContainer> listOwned() throws RuntimeFailure;

  /**
   * Completes when the container's task exits (immediately if it already has). Survives a
   * containerd restart by re-issuing the wait.
   */
  CompletableFuture<ExitStatus> awaitExit(String containerId);

  /** Runs a command inside the running container (health checks). */
  ExecResult exec(String containerId, List<String> command, Duration timeout) throws RuntimeFailure;

  @Override
  void close();

  /** When to pull. */
  enum PullPolicy {
    /** Pull only when the image is not present locally. */
    IF_NOT_PRESENT,
    /** Always ask the registry. */
    ALWAYS,
    /** Never pull; fail if absent. */
    NEVER
  }

  /** Pull progress callbacks; implementations must be cheap. */
  interface PullProgress {
    PullProgress NONE = (done, total, layersDone, layersTotal) -> {};

    void update(long bytesDone, long bytesTotal, int layersDone, int layersTotal);
  }

  /**
   * The result of an idempotent operation.
   *
   * @param alreadyDone true when the operation had already taken effect before this call
   */
  record Applied<T>(T value, boolean alreadyDone) {
    public static <T> Applied<T> done(T value) {
      return new Applied<>(value, false);
    }

    public static <T> Applied<T> already(T value) {
      return new Applied<>(value, true);
    }
  }

  record ImageInfo(String reference, String digest) {}

  record ExecResult(int exitCode, String stdout, String stderr) {}
}
