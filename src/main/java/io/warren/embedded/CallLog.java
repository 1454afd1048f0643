package io.warren.embedded;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The order in which RPCs reached the manager (bounded, newest kept). Crash tests use it to check
 * that a recovering worker's first call came only after its recovery finished.
 */
public final class CallLog implements ServerInterceptor {
  /** One received call: the bare RPC name (e.g. {@code RegisterNode}) and when it arrived. */
  public record Call(String method, long atMillis) {}

  private static final int CAPACITY = 10_000;
  private final Deque<Call> calls = new ArrayDeque<>();
  private final Clock clock;

  public CallLog(Clock clock) {
    this.clock = clock;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getBareMethodName();
    synchronized (calls) {
      if (calls.size() == CAPACITY) {
        calls.removeFirst();
      }
      calls.addLast(new Call(method, clock.millis()));
    }
    return next.startCall(call, headers);
  }

  public List<Call> calls() {
    synchronized (calls) {
      return new ArrayList<>(calls);
    }
  }

  /** The calls' method names, oldest first. */
  public List<String> methods() {
    return calls().stream().map(Call::method).toList();
  }
}
