package io.warren.manager;

import io.grpc.ManagedChannel;
import io.grpc.stub.ClientResponseObserver;
import io.warren.api.v1.ContainerEvent;
import io.warren.api.v1.ContainerStatus;
import io.warren.api.v1.GetSecretByNameRequest;
import io.warren.api.v1.GetVolumeByNameRequest;
import io.warren.api.v1.HeartbeatRequest;
import io.warren.api.v1.HeartbeatResponse;
import io.warren.api.v1.ListContainersRequest;
import io.warren.api.v1.ListContainersResponse;
import io.warren.api.v1.RegisterNodeRequest;
import io.warren.api.v1.RegisterNodeResponse;
import io.warren.api.v1.ReportContainerHealthRequest;
import io.warren.api.v1.RequestCertificateRequest;
import io.warren.api.v1.RequestCertificateResponse;
import io.warren.api.v1.Secret;
import io.warren.api.v1.UpdateContainerStatusRequest;
import io.warren.api.v1.Volume;
import io.warren.api.v1.WarrenAPIGrpc;
import io.warren.api.v1.WatchContainersRequest;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's calls to the manager, each with a deadline. {@link #connect} joins the cluster on
 * first use (RequestCertificate with the token) and then talks mutual TLS; or plaintext on
 * loopback when the config asks for it.
 */
public final class ManagerClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ManagerClient.class);
  private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

  private final WorkerConfig config;
  private final ManagedChannel channel;
  private final WarrenAPIGrpc.WarrenAPIBlockingStub stub;
  private final Duration timeout;

  ManagerClient(WorkerConfig config, ManagedChannel channel, Duration timeout) {
    this.config = config;
    this.channel = channel;
    this.stub = WarrenAPIGrpc.newBlockingStub(channel);
    this.timeout = timeout;
  }

  /**
   * Opens the connection the config describes. With TLS and no certificate yet, joins first: the
   * token is sent once, to RequestCertificate, and the returned certificate, key and CA are kept
   * in {@code <dataDir>/certs}.
   *
   * @throws IllegalStateException when there is no certificate and no join token
   * @throws io.grpc.StatusRuntimeException when the join call fails
   */
  public static ManagerClient connect(WorkerConfig config, Duration rpcTimeout) {
    if (config.plaintext()) {
      return new ManagerClient(config, ManagerChannels.plaintext(config.managerAddress()), rpcTimeout);
    }
    CertStore certs = new CertStore(config.certDir());
    if (!certs.complete()) {
      String token = config.joinToken().orElseThrow(() -> new IllegalStateException(
          "join_token: required for the first start (no certificate in " + certs.dir() + ")"));
      join(config, token, certs);
    }
    var cert = Pem.certificates(certs.read(CertStore.CERT)).get(0);
    var key = Pem.privateKey(certs.read(CertStore.KEY));
    var ca = Pem.certificates(certs.read(CertStore.CA));
    ManagedChannel ch = ManagerChannels.mutualTls(config.managerAddress(), cert, key, ca,
        config.serverNameOverride());
    return new ManagerClient(config, ch, rpcTimeout);
  }

  private static void join(WorkerConfig config, String token, CertStore certs) {
    log.info("joining the manager at {} as node {} (requesting a certificate)",
        config.managerAddress(), config.nodeId());
    ManagedChannel ch = ManagerChannels.joinChannel(config.managerAddress());
    try {
      RequestCertificateResponse resp = WarrenAPIGrpc.newBlockingStub(ch)
          .withDeadlineAfter(JOIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .requestCertificate(RequestCertificateRequest.newBuilder()
              .setNodeId(config.nodeId()).setToken(token).build());
      certs.save(resp.getCertificate().toByteArray(), resp.getPrivateKey().toByteArray(),
          resp.getCaCert().toByteArray());
      log.info("certificate for node {} stored in {}", config.nodeId(), certs.dir());
    } finally {
      ch.shutdownNow();
    }
  }

  private WarrenAPIGrpc.WarrenAPIBlockingStub call() {
    return stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public String nodeId() {
    return config.nodeId();
  }

  public RegisterNodeResponse registerNode() {
    return call().registerNode(RegisterNodeRequest.newBuilder()
        .setId(config.nodeId())
        .setRole("worker")
        .setAddress(advertisedAddress())
        .setResources(config.resources().toProto())
        .build());
  }

  public HeartbeatResponse heartbeat(List<ContainerStatus> statuses) {
    return call().heartbeat(HeartbeatRequest.newBuilder()
        .setNodeId(config.nodeId()).addAllContainerStatuses(statuses).build());
  }

  public ListContainersResponse listContainers() {
    return call().listContainers(ListContainersRequest.newBuilder().setNodeId(config.nodeId()).build());
  }

  /**
   * Opens WatchContainers(node_id), without a deadline: the stream lives as long as the manager
   * keeps it; events and its end go to the observer, which can cancel it.
   */
  void watchContainers(ClientResponseObserver<WatchContainersRequest, ContainerEvent> observer) {
    WarrenAPIGrpc.newStub(channel).watchContainers(
        WatchContainersRequest.newBuilder().setNodeId(config.nodeId()).build(), observer);
  }

  public void updateContainerStatus(ContainerStatus s) {
    call().updateContainerStatus(UpdateContainerStatusRequest.newBuilder()
        .setContainerId(s.getContainerId())
        .setNodeId(config.nodeId())
        .setActualState(s.getActualState())
        .setRuntimeContainerId(s.getRuntimeContainerId())
        .setError(s.getError())
        .build());
  }

  public void reportHealth(ReportContainerHealthRequest request) {
    call().reportContainerHealth(request);
  }

  /** The secret with its ciphertext (nonce || ciphertext || tag). */
  public Secret secretByName(String name) {
    return call().getSecretByName(GetSecretByNameRequest.newBuilder().setName(name).build()).getSecret();
  }

  public Volume volumeByName(String name) {
    return call().getVolumeByName(GetVolumeByNameRequest.newBuilder().setName(name).build()).getVolume();
  }

  /**
   * The configured address, else the local address this host reaches the manager from (what the
   * manager sees; the host name often resolves to 127.0.1.1), else the host name's address.
   */
  private String advertisedAddress() {
    if (!config.advertiseAddress().isEmpty()) {
      return config.advertiseAddress();
    }
    HostPort manager = config.managerAddress();
    try (DatagramSocket probe = new DatagramSocket()) {
      probe.connect(InetAddress.getByName(manager.host()), manager.port()); // no packet is sent
      InetAddress local = probe.getLocalAddress();
      if (!local.isAnyLocalAddress()) {
        return local.getHostAddress();
      }
    } catch (IOException e) {
      log.debug("no route to the manager at {} to pick an address from: {}", manager, e.toString());
    }
    try {
      return InetAddress.getLocalHost().getHostAddress();
    } catch (UnknownHostException e) {
      return "127.0.0.1";
    }
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
