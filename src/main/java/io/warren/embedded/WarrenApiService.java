package io.warren.embedded;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.warren.api.v1.*;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC face of the embedded manager: each RPC is one line handing over to
 * {@link WorkerFacingApi}, {@link AssignmentFeed} or {@link AdminApi}. RPCs we do not serve
 * (ingress, TLS certificates, Raft membership, StreamEvents, rollback) answer UNIMPLEMENTED through
 * the generated base class.
 */
final class WarrenApiService extends WarrenAPIGrpc.WarrenAPIImplBase {
  private static final Logger log = LoggerFactory.getLogger(WarrenApiService.class);

  private final WorkerFacingApi workers;
  private final AssignmentFeed feed;
  private final AdminApi admin;
  private final String nodeId;
  private final String address;

  WarrenApiService(WorkerFacingApi workers, AssignmentFeed feed, AdminApi admin, String nodeId,
      String address) {
    this.workers = workers;
    this.feed = feed;
    this.admin = admin;
    this.nodeId = nodeId;
    this.address = address;
  }

  private static <T> void unary(StreamObserver<T> out, Supplier<T> call) {
    T result;
    try {
      result = call.get();
    } catch (StatusRuntimeException e) {
      out.onError(e);
      return;
    } catch (RuntimeException e) {
      log.error("manager RPC failed", e);
      out.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
      return;
    }
    out.onNext(result);
    out.onCompleted();
  }

  // ---------------------------------------------------------------- worker-facing

  @Override
  public void requestCertificate(RequestCertificateRequest r, StreamObserver<RequestCertificateResponse> o) {
    unary(o, () -> workers.requestCertificate(r));
  }

  @Override
  public void registerNode(RegisterNodeRequest r, StreamObserver<RegisterNodeResponse> o) {
    unary(o, () -> workers.registerNode(r));
  }

  @Override
  public void heartbeat(HeartbeatRequest r, StreamObserver<HeartbeatResponse> o) {
    unary(o, () -> workers.heartbeat(r));
  }

  @Override
  public void listContainers(ListContainersRequest r, StreamObserver<ListContainersResponse> o) {
    unary(o, () -> workers.listContainers(r));
  }

  @Override
  public void updateContainerStatus(UpdateContainerStatusRequest r,
      StreamObserver<UpdateContainerStatusResponse> o) {
    unary(o, () -> {
      workers.updateContainerStatus(r);
      return UpdateContainerStatusResponse.newBuilder().setStatus("ok").build();
    });
  }

  @Override
  public void watchContainers(WatchContainersRequest r, StreamObserver<ContainerEvent> o) {
    feed.watch(r, o);
  }

  @Override
  public void getContainer(GetContainerRequest r, StreamObserver<GetContainerResponse> o) {
    unary(o, () -> workers.getContainer(r));
  }

  @Override
  public void reportContainerHealth(ReportContainerHealthRequest r,
      StreamObserver<ReportContainerHealthResponse> o) {
    unary(o, () -> {
      workers.reportHealth(r);
      return ReportContainerHealthResponse.newBuilder().setStatus("ok").build();
    });
  }

  @Override
  public void getSecretByName(GetSecretByNameRequest r, StreamObserver<GetSecretByNameResponse> o) {
    unary(o, () -> workers.secretByName(r));
  }

  @Override
  public void getVolumeByName(GetVolumeByNameRequest r, StreamObserver<GetVolumeByNameResponse> o) {
    unary(o, () -> workers.volumeByName(r));
  }

  // ---------------------------------------------------------------- nodes

  @Override
  public void listNodes(ListNodesRequest r, StreamObserver<ListNodesResponse> o) {
    unary(o, () -> ListNodesResponse.newBuilder().addAllNodes(admin.listNodes(r)).build());
  }

  @Override
  public void getNode(GetNodeRequest r, StreamObserver<GetNodeResponse> o) {
    unary(o, () -> GetNodeResponse.newBuilder().setNode(admin.getNode(r.getId())).build());
  }

  @Override
  public void removeNode(RemoveNodeRequest r, StreamObserver<RemoveNodeResponse> o) {
    unary(o, () -> {
      admin.removeNode(r.getId());
      return RemoveNodeResponse.newBuilder().setStatus("ok").build();
    });
  }

  // ---------------------------------------------------------------- services

  @Override
  public void createService(CreateServiceRequest r, StreamObserver<CreateServiceResponse> o) {
    unary(o, () -> CreateServiceResponse.newBuilder().setService(admin.createService(r)).build());
  }

  @Override
  public void updateService(UpdateServiceRequest r, StreamObserver<UpdateServiceResponse> o) {
    unary(o, () -> UpdateServiceResponse.newBuilder().setService(admin.updateService(r)).build());
  }

  @Override
  public void updateServiceImage(UpdateServiceImageRequest r, StreamObserver<UpdateServiceImageResponse> o) {
    unary(o, () -> {
      admin.updateImage(r.getId(), r.getImage());
      return UpdateServiceImageResponse.newBuilder().setStatus("deployment initiated").build();
    });
  }

  @Override
  public void deleteService(DeleteServiceRequest r, StreamObserver<DeleteServiceResponse> o) {
    unary(o, () -> {
      admin.deleteService(r.getId());
      return DeleteServiceResponse.newBuilder().setStatus("ok").build();
    });
  }

  @Override
  public void getService(GetServiceRequest r, StreamObserver<GetServiceResponse> o) {
    unary(o, () -> GetServiceResponse.newBuilder()
        .setService(admin.getService(r.getId(), r.getName())).build());
  }

  @Override
  public void listServices(ListServicesRequest r, StreamObserver<ListServicesResponse> o) {
    unary(o, () -> ListServicesResponse.newBuilder().addAllServices(admin.listServices()).build());
  }

  // ---------------------------------------------------------------- secrets, volumes

  @Override
  public void createSecret(CreateSecretRequest r, StreamObserver<CreateSecretResponse> o) {
    unary(o, () -> CreateSecretResponse.newBuilder().setSecret(admin.createSecret(r)).build());
  }

  @Override
  public void deleteSecret(DeleteSecretRequest r, StreamObserver<DeleteSecretResponse> o) {
    unary(o, () -> {
      admin.deleteSecret(r.getId());
      return DeleteSecretResponse.newBuilder().setStatus("ok").build();
    });
  }

  @Override
  public void listSecrets(ListSecretsRequest r, StreamObserver<ListSecretsResponse> o) {
    unary(o, () -> ListSecretsResponse.newBuilder().addAllSecrets(admin.listSecrets()).build());
  }

  @Override
  public void createVolume(CreateVolumeRequest r, StreamObserver<CreateVolumeResponse> o) {
    unary(o, () -> CreateVolumeResponse.newBuilder().setVolume(admin.createVolume(r)).build());
  }

  @Override
  public void deleteVolume(DeleteVolumeRequest r, StreamObserver<DeleteVolumeResponse> o) {
    unary(o, () -> {
      admin.deleteVolume(r.getId());
      return DeleteVolumeResponse.newBuilder().setStatus("ok").build();
    });
  }

  @Override
  public void listVolumes(ListVolumesRequest r, StreamObserver<ListVolumesResponse> o) {
    unary(o, () -> ListVolumesResponse.newBuilder().addAllVolumes(admin.listVolumes()).build());
  }

  // ---------------------------------------------------------------- cluster

  @Override
  public void generateJoinToken(GenerateJoinTokenRequest r, StreamObserver<GenerateJoinTokenResponse> o) {
    unary(o, () -> admin.generateJoinToken(r));
  }

  @Override
  public void getClusterInfo(GetClusterInfoRequest r, StreamObserver<GetClusterInfoResponse> o) {
    unary(o, () -> GetClusterInfoResponse.newBuilder().setLeaderId(nodeId).setLeaderAddr(address)
        .addServers(ClusterServer.newBuilder().setId(nodeId).setAddress(address).setSuffrage("Voter"))
        .build());
  }
}
