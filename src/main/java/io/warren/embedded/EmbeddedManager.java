package io.warren.embedded;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.warren.manager.HostPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Warren manager in this process (Warren's hybrid mode; the single-machine default):
 * the Warren API over gRPC, desired state event-sourced on the journal library, a CA for workers,
 * and a scheduler. Build with a config, {@link #start()}, {@link #close()}.
 */
public final class EmbeddedManager implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedManager.class);

  private final EmbeddedManagerConfig config;
  private final CallLog callLog;
  private final JoinTokens tokens;
  private final SecureRandom random = new SecureRandom();
  private ManagerStore store;
  private Scheduler scheduler;
  private CertificateAuthority ca;
  private Server server;
  private ScheduledExecutorService loop;
  private final AtomicBoolean kickPending = new AtomicBoolean();
  private final AssignmentFeed feed = new AssignmentFeed();

  public EmbeddedManager(EmbeddedManagerConfig config) {
    this.config = config;
    this.callLog = new CallLog(config.clock());
    this.tokens = new JoinTokens(config.clock(), random);
  }

  /** Recovers the desired state from the log, then starts serving. */
  public synchronized EmbeddedManager start() {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    Path dataDir = config.dataDir();
    ManagerLog managerLog = dataDir == null ? new InMemoryManagerLog()
        : new ChronicleManagerLog(dataDir.resolve("manager-log"));
    store = new ManagerStore(managerLog, config.clock());
    long events = store.recover();
    log.info("manager state recovered: {} events, {} services, {} tasks", events,
        store.services.size(), store.tasks.size());
    store.feedTaskChangesTo(feed);
    scheduler = new Scheduler(store, config.nodeDownAfter(), config.taskRetention(),
        config.restartDelay(), null);
    SecretCipher cipher = new SecretCipher(clusterKey(dataDir), random);
    if (config.tls()) {
      Path caDir = dataDir != null ? dataDir.resolve("ca") : tempCaDir();
      ca = CertificateAuthority.loadOrCreate(caDir, config.caKeyBits(), config.clock(), random);
    }
    loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "warren-embedded-scheduler");
      t.setDaemon(true);
      return t;
    });
    Runnable kick = this::kick;
    WorkerFacingApi workers = new WorkerFacingApi(store, ca, tokens, kick);
    AdminApi admin = new AdminApi(store, cipher, tokens, kick);
    WarrenApiService api = new WarrenApiService(workers, feed, admin, config.nodeId(),
        config.listen().toString());
    NettyServerBuilder b = NettyServerBuilder.forAddress(
        new InetSocketAddress(config.listen().host(), config.listen().port()));
    if (config.tls()) {
      b.sslContext(serverSsl()).addService(ServerInterceptors.intercept(api,
          new ClientCertificateRequired(), callLog));
    } else {
      log.warn("INSECURE: the manager API on {} is plaintext gRPC without authentication; "
          + "loopback development only", config.listen());
      b.addService(ServerInterceptors.intercept(api, callLog));
    }
    try {
      server = b.build().start();
    } catch (IOException e) {
      loop.shutdownNow();
      store.close();
      throw new UncheckedIOException("cannot listen on " + config.listen() + ": " + e.getMessage(), e);
    }
    long every = config.reconcileInterval().toMillis();
    loop.scheduleWithFixedDelay(this::reconcileSafely, 0, every, TimeUnit.MILLISECONDS);
    log.info("Warren manager listening on {} ({})", address(), config.tls() ? "mutual TLS" : "plaintext");
    return this;
  }

  private SslContext serverSsl() {
    List<String> dns = new ArrayList<>(List.of("localhost", "manager-" + config.nodeId()));
    List<String> ips = new ArrayList<>(List.of("127.0.0.1", "::1"));
    String host = config.listen().host();
    if (host.matches("[0-9.]+") || host.contains(":")) {
      if (!host.equals("0.0.0.0") && !host.equals("::")) {
        ips.add(host);
      }
    } else {
      dns.add(host);
    }
    dns.addAll(config.serverNames());
    var issued = ca.issue("manager-" + config.nodeId(), dns, ips);
    try {
      return GrpcSslContexts.configure(SslContextBuilder.forServer(issued.key(), issued.certificate()))
          .trustManager(ca.certificate())
          .clientAuth(ClientAuth.OPTIONAL)
          .protocols("TLSv1.3")
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot set up the manager's TLS: " + e.getMessage(), e);
    }
  }

  private byte[] clusterKey(Path dataDir) {
    if (config.clusterKey() != null) {
      return config.clusterKey();
    }
    byte[] key = new byte[32];
    if (dataDir == null) {
      random.nextBytes(key);
      return key;
    }
    Path file = dataDir.resolve("cluster.key");
    try {
      if (Files.isRegularFile(file)) {
        byte[] k = Files.readAllBytes(file);
        if (k.length != 32) {
          throw new IllegalStateException(file + " holds " + k.length + " bytes; a cluster key is 32");
        }
        return k;
      }
      Files.createDirectories(dataDir);
      random.nextBytes(key);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(file, key);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load or create the cluster key " + file, e);
    }
  }

  private static Path tempCaDir() {
    try {
      Path d = Files.createTempDirectory("warren-ca-");
      d.toFile().deleteOnExit();
      return d.resolve("ca");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the scheduler soon (coalesced): called after every change. */
  void kick() {
    ScheduledExecutorService l = loop;
    if (l != null && kickPending.compareAndSet(false, true)) {
      try {
        l.execute(() -> {
          kickPending.set(false);
          reconcileSafely();
        });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        kickPending.set(false);
      }
    }
  }

  private void reconcileSafely() {
    try {
      scheduler.reconcile();
    } catch (RuntimeException e) {
      log.error("scheduler pass failed", e);
    }
  }

  /** The address actually listened on (the real port when 0 was asked for). */
  public HostPort address() {
    return new HostPort(config.listen().host(), server.getPort());
  }

  public CallLog callLog() {
    return callLog;
  }

  /** A worker join token, for the in-process (hybrid) worker or for printing at start-up. */
  public JoinTokens.Token generateJoinToken(String role) {
    return tokens.generate(role);
  }

  /** The CA certificate as PEM (TLS mode only). */
  public byte[] caCertificatePem() {
    if (ca == null) {
      throw new IllegalStateException("the manager runs without TLS");
    }
    return ca.certificatePem();
  }

  /** Issues a client certificate (for the admin CLI) without a token: the caller is local. */
  public CertificateAuthority.Issued issueClientCertificate(String name) {
    if (ca == null) {
      throw new IllegalStateException("the manager runs without TLS");
    }
    return ca.issue("cli-" + name, List.of(), List.of());
  }

  /**
   * Writes a client identity for the admin CLI into {@code dir} ({@code ca.crt}, {@code node.crt},
   * {@code node.key}; dir 0700, files 0600), e.g. {@code ~/.warren/certs/cli}, Warren's location.
   */
  public void writeClientCertificate(Path dir, String name) {
    var issued = issueClientCertificate(name);
    new io.warren.manager.CertStore(dir).save(issued.certificatePem(), issued.keyPem(), caCertificatePem());
  }

  @Override
  public synchronized void close() {
    if (server == null) {
      return;
    }
    feed.close();
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    loop.shutdownNow();
    try {
      loop.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
    server = null;
    log.info("Warren manager stopped");
  }

  /** For tests: how long until a node silent from now would be marked down. */
  public Duration nodeDownAfter() {
    return config.nodeDownAfter();
  }
}
