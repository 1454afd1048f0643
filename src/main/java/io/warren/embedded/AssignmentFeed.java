package io.warren.embedded;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.warren.api.v1.ContainerEvent;
import io.warren.api.v1.WatchContainersRequest;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WatchContainers: tells each watching worker at once when one of its containers is added,
 * changes desired state or is dropped, so it need not wait for its next 3 s ListContainers poll.
 * Warren's own manager declares this RPC but does not serve it.
 *
 * <p>An event is a hint, never the truth: the worker answers it with a complete ListContainers,
 * and still polls. So a watcher that is not reading (its stream not ready) is skipped rather
 * than buffered for, and nothing is replayed to a watcher that connects late.
 */
final class AssignmentFeed {
  private final Map<String, Set<ServerCallStreamObserver<ContainerEvent>>> watchers =
      new ConcurrentHashMap<>();

  void watch(WatchContainersRequest request, StreamObserver<ContainerEvent> out) {
    String node = request.getNodeId();
    if (node.isEmpty()) {
      out.onError(Status.INVALID_ARGUMENT.withDescription("node_id: required").asRuntimeException());
      return;
    }
    ServerCallStreamObserver<ContainerEvent> stream = (ServerCallStreamObserver<ContainerEvent>) out;
    Set<ServerCallStreamObserver<ContainerEvent>> mine =
        watchers.computeIfAbsent(node, k -> ConcurrentHashMap.newKeySet());
    stream.setOnCancelHandler(() -> mine.remove(stream));
    mine.add(stream);
  }

  /** One of a node's containers changed ("add", "update" or "delete"). */
  void publish(String type, TaskRecord task) {
    Set<ServerCallStreamObserver<ContainerEvent>> mine = watchers.get(task.nodeId);
    if (mine == null || mine.isEmpty()) {
      return;
    }
    ContainerEvent event = ContainerEvent.newBuilder().setType(type).setContainer(task.toProto()).build();
    for (ServerCallStreamObserver<ContainerEvent> stream : mine) {
      synchronized (stream) { // a stream takes one message at a time
        if (!stream.isCancelled() && stream.isReady()) {
          stream.onNext(event);
        }
      }
    }
  }

  /** Ends every watch (the manager is stopping): workers fall back to polling until it is back. */
  void close() {
    for (Set<ServerCallStreamObserver<ContainerEvent>> mine : watchers.values()) {
      for (ServerCallStreamObserver<ContainerEvent> stream : mine) {
        synchronized (stream) {
          if (!stream.isCancelled()) {
            stream.onCompleted();
          }
        }
      }
      mine.clear();
    }
  }

  int watching(String nodeId) {
    Set<ServerCallStreamObserver<ContainerEvent>> mine = watchers.get(nodeId);
    return mine == null ? 0 : mine.size();
  }
}
