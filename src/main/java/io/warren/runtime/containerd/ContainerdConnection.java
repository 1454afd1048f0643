package io.warren.runtime.containerd;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.warren.internal.ClassInitialisation;
import io.warren.runtime.containerd.proto.containers.ContainersGrpc;
import io.warren.runtime.containerd.proto.content.ContentGrpc;
import io.warren.runtime.containerd.proto.diff.DiffGrpc;
import io.warren.runtime.containerd.proto.events.EventsGrpc;
import io.warren.runtime.containerd.proto.images.ImagesGrpc;
import io.warren.runtime.containerd.proto.leases.LeasesGrpc;
import io.warren.runtime.containerd.proto.snapshots.SnapshotsGrpc;
import io.warren.runtime.containerd.proto.tasks.TasksGrpc;
import io.warren.runtime.containerd.proto.version.VersionGrpc;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One gRPC channel to containerd over its unix socket (netty epoll), with every call carrying the
 * {@code containerd-namespace} header. Stubs are cheap views over the one channel; a lease-scoped
 * view adds the {@code containerd-lease} header so everything created through it joins the lease.
 *
 * <p>The channel reconnects by itself when containerd restarts; {@link #kick()} resets gRPC's
 * connect back-off so that happens within about a second instead of after up to two minutes.
 */
public final class ContainerdConnection implements AutoCloseable {
  public static final String DEFAULT_NAMESPACE = "warren";
  private static final Metadata.Key<String> NAMESPACE_HEADER =
      Metadata.Key.of("containerd-namespace", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> LEASE_HEADER =
      Metadata.Key.of("containerd-lease", Metadata.ASCII_STRING_MARSHALLER);
  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.-]{0,74}[A-Za-z0-9])?");

  private final Path socket;
  private final String namespace;
  private final EventLoopGroup loop;
  private final ManagedChannel channel;
  private final Channel namespaced;

  public ContainerdConnection(Path socket, String namespace) {
    if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException("namespace '" + namespace
          + "' is not a valid containerd namespace (letters, digits, '_', '.', '-')");
    }
    this.socket = socket;
    this.namespace = namespace;
    // Daemon threads: an unowned event loop must never keep the JVM alive (facts/deps.md §4).
    this.loop = new MultiThreadIoEventLoopGroup(1,
        new DefaultThreadFactory("containerd-io", true), EpollIoHandler.newFactory());
    this.channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
        .eventLoopGroup(loop)
        .channelType(EpollDomainSocketChannel.class)
        .withOption(ChannelOption.SO_KEEPALIVE, null)
        .usePlaintext()
        .overrideAuthority("localhost")
        .maxInboundMessageSize(64 * 1024 * 1024)
        .build();
    Metadata headers = new Metadata();
    headers.put(NAMESPACE_HEADER, namespace);
    this.namespaced = ClientInterceptors.intercept(channel,
        MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  /**
   * Runs the static initialisers of what a first connection and recovery's first calls go
   * through, without touching any socket: netty's epoll transport (it loads its native library),
   * the descriptors of the containerd services recovery calls (protobuf builds them, with its own
   * descriptor protos, from their files), the gRPC channel and netty's HTTP/2 codec. On a cold JVM
   * that was most of the first connection's ~250 ms, inside recovery; a daemon runs this on
   * another thread while it parses its arguments (io.warren.worker.WorkerPreload). Safe from any
   * thread, any number of times.
   *
   * @return how many of the named client classes are initialised (a test checks all exist)
   */
  public static int initialiseLibrary() {
    io.netty.channel.epoll.Epoll.ensureAvailability();
    io.warren.runtime.containerd.proto.version.VersionOuterClass.getDescriptor();
    io.warren.runtime.containerd.proto.containers.ContainersOuterClass.getDescriptor();
    io.warren.runtime.containerd.proto.tasks.TasksOuterClass.getDescriptor();
    return ClassInitialisation.initialise(ContainerdConnection.class.getClassLoader(),
        CLIENT_CLASSES);
  }

  /** Client classes with costly static initialisers; by name, as some are package-private. */
  static final String[] CLIENT_CLASSES = {
      "io.grpc.netty.NettyChannelBuilder",
      "io.grpc.internal.ManagedChannelImpl",
      "io.grpc.netty.NettyClientHandler",
      "io.grpc.netty.Utils",
      "io.netty.handler.codec.http2.Http2CodecUtil",
      "io.netty.handler.codec.http2.HpackStaticTable",
      "io.netty.handler.codec.http2.HpackHuffmanDecoder",
      "io.netty.handler.codec.http2.DefaultHttp2Connection",
      "io.netty.buffer.PooledByteBufAllocator",
      "io.netty.channel.epoll.EpollDomainSocketChannel",
  };

  public Path socket() {
    return socket;
  }

  public String namespace() {
    return namespace;
  }

  /** Resets the connect back-off, so a restarted containerd is found again at once. */
  public void kick() {
    channel.resetConnectBackoff();
  }

  /** True when the channel is connected right now (does not start a connection). */
  public boolean connected() {
    return channel.getState(false) == ConnectivityState.READY;
  }

  /** A channel view whose calls also carry the given lease. */
  public Channel leased(String leaseId) {
    Metadata headers = new Metadata();
    headers.put(LEASE_HEADER, leaseId);
    return ClientInterceptors.intercept(namespaced, MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  public Channel channel() {
    return namespaced;
  }

  public VersionGrpc.VersionBlockingStub version() {
    return deadline(VersionGrpc.newBlockingStub(namespaced));
  }

  public ContainersGrpc.ContainersBlockingStub containers() {
    return deadline(ContainersGrpc.newBlockingStub(namespaced));
  }

  public ContainersGrpc.ContainersBlockingStub containers(Channel ch) {
    return deadline(ContainersGrpc.newBlockingStub(ch));
  }

  public TasksGrpc.TasksBlockingStub tasks() {
    return deadline(TasksGrpc.newBlockingStub(namespaced));
  }

  /** Tasks stub without a deadline: for Wait, which blocks as long as the task runs. */
  public TasksGrpc.TasksBlockingStub tasksNoDeadline() {
    return TasksGrpc.newBlockingStub(namespaced);
  }

  public TasksGrpc.TasksStub tasksAsync() {
    return TasksGrpc.newStub(namespaced);
  }

  public ImagesGrpc.ImagesBlockingStub images() {
    return deadline(ImagesGrpc.newBlockingStub(namespaced));
  }

  public ContentGrpc.ContentBlockingStub content() {
    return deadline(ContentGrpc.newBlockingStub(namespaced));
  }

  public ContentGrpc.ContentStub contentAsync(Channel ch) {
    return ContentGrpc.newStub(ch);
  }

  public ContentGrpc.ContentBlockingStub content(Channel ch) {
    return deadline(ContentGrpc.newBlockingStub(ch));
  }

  public SnapshotsGrpc.SnapshotsBlockingStub snapshots() {
    return deadline(SnapshotsGrpc.newBlockingStub(namespaced));
  }

  public SnapshotsGrpc.SnapshotsBlockingStub snapshots(Channel ch) {
    return deadline(SnapshotsGrpc.newBlockingStub(ch));
  }

  public DiffGrpc.DiffBlockingStub diff(Channel ch) {
    return DiffGrpc.newBlockingStub(ch).withDeadlineAfter(10, TimeUnit.MINUTES);
  }

  public LeasesGrpc.LeasesBlockingStub leases() {
    return deadline(LeasesGrpc.newBlockingStub(namespaced));
  }

  public EventsGrpc.EventsStub events() {
    return EventsGrpc.newStub(namespaced);
  }

  private static <S extends AbstractStub<S>> S deadline(S stub) {
    // Unary calls to a local daemon; a minute covers a loaded 2-core box and still unsticks a hang.
    return stub.withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
