package io.warren.runtime.containerd;

import io.grpc.stub.StreamObserver;
import io.warren.runtime.ExitStatus;
import io.warren.runtime.RuntimeFailure;
import io.warren.runtime.containerd.proto.tasks.WaitRequest;
import io.warren.runtime.containerd.proto.tasks.WaitResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Futures that complete when a task exits, driven by Tasks.Wait (the state, not events). A Wait
 * cut off by a containerd restart is re-issued after resetting the connect back-off, with back-off
 * between attempts, until the task's exit is known or the runtime closes. One Wait per container
 * is shared by all callers.
 */
final class ExitWaiter implements AutoCloseable {
  private final ContainerdConnection conn;
  private final OomMonitor oom;
  private final ExecutorService waiters;
  private final ScheduledExecutorService scheduler;
  private final Map<String, CompletableFuture<ExitStatus>> pending = new ConcurrentHashMap<>();
  private volatile boolean closed;

  ExitWaiter(ContainerdConnection conn, OomMonitor oom, ExecutorService waiters,
      ScheduledExecutorService scheduler) {
    this.conn = conn;
    this.oom = oom;
    this.waiters = waiters;
    this.scheduler = scheduler;
  }

  CompletableFuture<ExitStatus> await(String containerId) {
    return pending.computeIfAbsent(containerId, id -> {
      CompletableFuture<ExitStatus> f = new CompletableFuture<>();
      f.whenComplete((v, t) -> pending.remove(id, f));
      attempt(id, f, 0);
      return f;
    });
  }

  private void attempt(String id, CompletableFuture<ExitStatus> f, int failures) {
    if (closed) {
      f.completeExceptionally(RuntimeFailure.temporary("runtime closed while waiting for " + id, null));
      return;
    }
    // async Wait: no thread is parked per waiting container
    conn.tasksAsync().wait(WaitRequest.newBuilder().setContainerId(id).build(), new StreamObserver<>() {
      @Override
      public void onNext(WaitResponse r) {
        waiters.execute(() -> f.complete(new ExitStatus((int) r.getExitStatus(),
            Timestamps.millis(r.getExitedAt()), oom.oomKilled(id))));
      }

      @Override
      public void onError(Throwable e) {
        if (closed || f.isDone()) {
          return; // the runtime closed (and failed f): this is its channel going away
        }
        if (ContainerdErrors.isNotFound(e)) {
          f.completeExceptionally(new RuntimeFailure(RuntimeFailure.Kind.FATAL,
              "container " + id + " or its task no longer exists in containerd", e));
          return;
        }
        RuntimeFailure rf = ContainerdErrors.classify("wait for " + id, e);
        if (!rf.temporary()) {
          f.completeExceptionally(rf);
          return;
        }
        // containerd restarting: make the channel retry now, and wait again
        conn.kick();
        long delay = Math.min(2000, 100L << Math.min(failures, 5));
        try {
          scheduler.schedule(() -> attempt(id, f, failures + 1), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
          f.completeExceptionally(RuntimeFailure.temporary("runtime closed while waiting for " + id,
              closing));
        }
      }

      @Override
      public void onCompleted() {
        // the single response already completed the future
      }
    });
  }

  @Override
  public void close() {
    closed = true;
    pending.values().forEach(f -> f.completeExceptionally(
        RuntimeFailure.temporary("runtime closed", null)));
  }
}
