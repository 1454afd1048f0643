package io.warren.manager;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.warren.api.v1.Container;
import io.warren.api.v1.HeartbeatRequest;
import io.warren.api.v1.HeartbeatResponse;
import io.warren.api.v1.ListContainersRequest;
import io.warren.api.v1.ListContainersResponse;
import io.warren.api.v1.RegisterNodeRequest;
import io.warren.api.v1.RegisterNodeResponse;
import io.warren.api.v1.UpdateContainerStatusRequest;
import io.warren.api.v1.UpdateContainerStatusResponse;
import io.warren.api.v1.WarrenAPIGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A manager whose answers the test scripts: a fixed container listing (which may hold bad
 * records), listing failures on demand, and a record of every request. Plaintext on loopback.
 */
final class ScriptedManager extends WarrenAPIGrpc.WarrenAPIImplBase implements AutoCloseable {
  volatile List<Container> listing = List.of();
  volatile boolean failListing;
  final List<UpdateContainerStatusRequest> pushes = new CopyOnWriteArrayList<>();
  final List<HeartbeatRequest> heartbeats = new CopyOnWriteArrayList<>();
  final List<RegisterNodeRequest> registrations = new CopyOnWriteArrayList<>();
  private final Server server;

  ScriptedManager() throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(this)
        .build().start();
  }

  int port() {
    return server.getPort();
  }

  @Override
  public void registerNode(RegisterNodeRequest r, StreamObserver<RegisterNodeResponse> o) {
    registrations.add(r);
    o.onNext(RegisterNodeResponse.newBuilder().setOverlayIp("10.0.0.1").build());
    o.onCompleted();
  }

  @Override
  public void heartbeat(HeartbeatRequest r, StreamObserver<HeartbeatResponse> o) {
    heartbeats.add(r);
    o.onNext(HeartbeatResponse.newBuilder().setStatus("ok").build());
    o.onCompleted();
  }

  @Override
  public void listContainers(ListContainersRequest r, StreamObserver<ListContainersResponse> o) {
    if (failListing) {
      o.onError(Status.UNAVAILABLE.withDescription("scripted failure").asRuntimeException());
      return;
    }
    o.onNext(ListContainersResponse.newBuilder().addAllContainers(listing).build());
    o.onCompleted();
  }

  @Override
  public void updateContainerStatus(UpdateContainerStatusRequest r,
      StreamObserver<UpdateContainerStatusResponse> o) {
    pushes.add(r);
    o.onNext(UpdateContainerStatusResponse.newBuilder().setStatus("ok").build());
    o.onCompleted();
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
