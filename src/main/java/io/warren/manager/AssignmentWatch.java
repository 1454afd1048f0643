package io.warren.manager;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.warren.api.v1.ContainerEvent;
import io.warren.api.v1.WatchContainersRequest;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a WatchContainers stream open to the manager and turns each event into "sync now", so a
 * new assignment starts within milliseconds instead of at the next 3 s ListContainers poll.
 * An event is only a nudge: what the worker does still comes from a complete listing, and the
 * poll goes on, so a lost event or a dropped stream costs latency, never correctness.
 *
 * <p>Warren's own manager declares the RPC but fails it ("not yet implemented"); then the watch
 * stays off until the session registers again (a manager restart may bring one that serves it).
 */
final class AssignmentWatch {
  private static final Logger log = LoggerFactory.getLogger(AssignmentWatch.class);

  private enum State { CLOSED, OPENING_OR_OPEN, UNSUPPORTED }

  private final ManagerClient client;
  private final Runnable onEvent;
  private final AtomicLong events = new AtomicLong();
  private State state = State.CLOSED;
  private ClientCallStreamObserver<WatchContainersRequest> call;
  private boolean stopped;

  AssignmentWatch(ManagerClient client, Runnable onEvent) {
    this.client = client;
    this.onEvent = onEvent;
  }

  /** Opens the stream unless it is open, known unsupported, or the watch is stopped. */
  synchronized void ensureOpen() {
    if (stopped || state != State.CLOSED) {
      return;
    }
    state = State.OPENING_OR_OPEN;
    client.watchContainers(new Observer());
  }

  /** The session registered anew: the manager may be another one, so ask it again. */
  synchronized void managerMayHaveChanged() {
    if (state == State.UNSUPPORTED) {
      state = State.CLOSED;
    }
  }

  synchronized void stop() {
    stopped = true;
    if (call != null) {
      call.cancel("worker stopping", null);
    }
  }

  long events() {
    return events.get();
  }

  synchronized boolean open() {
    return state == State.OPENING_OR_OPEN;
  }

  private synchronized void ended(Status status) {
    call = null;
    if (unsupported(status)) {
      if (state != State.UNSUPPORTED) {
        log.info("the manager does not stream assignments (WatchContainers: {}); polling every sync"
            + " period", status.getDescription() != null ? status.getDescription() : status.getCode());
      }
      state = State.UNSUPPORTED;
    } else {
      state = State.CLOSED; // reopened on the session's next step
      if (!stopped) {
        log.debug("assignment watch ended: {}", status);
      }
    }
  }

  /** UNIMPLEMENTED from a gRPC server; UNKNOWN "... not yet implemented" from Warren's. */
  static boolean unsupported(Status status) {
    String d = status.getDescription();
    return status.getCode() == Status.Code.UNIMPLEMENTED
        || (status.getCode() == Status.Code.UNKNOWN && d != null && d.contains("not yet implemented"));
  }

  private final class Observer implements ClientResponseObserver<WatchContainersRequest, ContainerEvent> {
    @Override
    public void beforeStart(ClientCallStreamObserver<WatchContainersRequest> requestStream) {
      synchronized (AssignmentWatch.this) {
        call = requestStream;
      }
    }

    @Override
    public void onNext(ContainerEvent event) {
      events.incrementAndGet();
      onEvent.run();
    }

    @Override
    public void onError(Throwable t) {
      ended(Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
      ended(Status.OK);
    }
  }
}
