package io.warren.manager;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything a worker needs to join a manager, validated at construction: a bad value fails with
 * a message naming the field and the value. Mirrors the seed's {@code worker.Config}.
 *
 * <p>The join token and the encryption key are never part of {@link #toString()}: they must not
 * reach logs.
 */
public final class WorkerConfig {
  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

  /** The containerd socket value meaning "find it" (see {@link #containerdSocket()}). */
  public static final String AUTO = "auto";

  private final String nodeId;
  private final HostPort managerAddress;
  private final Path dataDir;
  private final NodeResources resources;
  private final byte[] encryptionKey;
  private final String containerdSocket;
  private final Path privateContainerdDir;
  private final String joinToken;
  private final boolean plaintext;
  private final String advertiseAddress;
  private final String serverNameOverride;

  private WorkerConfig(Builder b) {
    nodeId = requireNodeId(b.nodeId);
    managerAddress = HostPort.parse("manager_address", b.managerAddress);
    if (b.dataDir == null) {
      throw new IllegalArgumentException("data_dir: a directory is required");
    }
    dataDir = b.dataDir.toAbsolutePath().normalize();
    resources = b.resources;
    if (b.encryptionKey != null && b.encryptionKey.length != 32) {
      throw new IllegalArgumentException("encryption_key: must be 32 bytes (AES-256), got "
          + b.encryptionKey.length + " bytes");
    }
    encryptionKey = b.encryptionKey == null ? null : b.encryptionKey.clone();
    String socket = b.containerdSocket == null || b.containerdSocket.isBlank()
        ? AUTO : b.containerdSocket.trim();
    if (!socket.equals(AUTO) && !socket.startsWith("/")) {
      throw new IllegalArgumentException("containerd_socket: '" + socket
          + "' must be an absolute path or 'auto'");
    }
    containerdSocket = socket;
    privateContainerdDir = b.privateContainerdDir != null
        ? b.privateContainerdDir.toAbsolutePath().normalize() : dataDir.resolve("containerd");
    if (b.joinToken != null && (b.joinToken.isBlank() || b.joinToken.chars().anyMatch(c -> c <= ' '))) {
      // the value itself is not echoed: it is a credential
      throw new IllegalArgumentException("join_token: must be a non-empty token without spaces");
    }
    joinToken = b.joinToken;
    plaintext = b.plaintext;
    if (plaintext && !managerAddress.isLoopback()) {
      throw new IllegalArgumentException("plaintext: only allowed with a loopback manager address, got '"
          + managerAddress + "'");
    }
    advertiseAddress = b.advertiseAddress == null || b.advertiseAddress.isBlank()
        ? "" : b.advertiseAddress.trim();
    if (advertiseAddress.contains(" ")) {
      throw new IllegalArgumentException("advertise_address: '" + advertiseAddress + "' contains a space");
    }
    serverNameOverride = b.serverNameOverride;
  }

  private static String requireNodeId(String id) {
    if (id == null || !NODE_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("node_id: '" + id
          + "' is not a valid node id (letters, digits, '_', '.', '-'; at most 63 characters)");
    }
    return id;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String nodeId() {
    return nodeId;
  }

  public HostPort managerAddress() {
    return managerAddress;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The configured resources, or the detected ones (CPU cores, memory, disk of the data dir). */
  public NodeResources resources() {
    return resources != null ? resources : NodeResources.detect(dataDir);
  }

  /** The cluster key that decrypts secrets, if configured. */
  public Optional<byte[]> encryptionKey() {
    return Optional.ofNullable(encryptionKey).map(byte[]::clone);
  }

  /** An absolute socket path, or {@link #AUTO}. */
  public String containerdSocket() {
    return containerdSocket;
  }

  /**
   * Where a private containerd lives (and is started) when {@link #containerdSocket()} is
   * {@link #AUTO} and no system containerd answers; by default DATA-DIR/containerd.
   */
  public Path privateContainerdDir() {
    return privateContainerdDir;
  }

  /** Needed only until the worker holds a certificate. */
  public Optional<String> joinToken() {
    return Optional.ofNullable(joinToken);
  }

  /** Plaintext gRPC (loopback development only): no join, no certificates. */
  public boolean plaintext() {
    return plaintext;
  }

  /** The address sent in RegisterNode ("" means: the local host name). */
  public String advertiseAddress() {
    return advertiseAddress;
  }

  /** TLS server name to verify instead of the manager host (Warren's SANs: localhost, manager-ID). */
  public Optional<String> serverNameOverride() {
    return Optional.ofNullable(serverNameOverride);
  }

  public Path certDir() {
    return dataDir.resolve("certs");
  }

  @Override
  public String toString() {
    return "WorkerConfig{nodeId=" + nodeId + ", manager=" + managerAddress + ", dataDir=" + dataDir
        + ", containerd=" + containerdSocket + ", plaintext=" + plaintext
        + ", joinToken=" + (joinToken == null ? "none" : "<redacted>")
        + ", encryptionKey=" + (encryptionKey == null ? "none" : "<redacted>") + "}";
  }

  /** Fluent builder; {@link #build()} validates. */
  public static final class Builder {
    private String nodeId;
    private String managerAddress = "127.0.0.1:8080";
    private Path dataDir;
    private NodeResources resources;
    private byte[] encryptionKey;
    private String containerdSocket = AUTO;
    private Path privateContainerdDir;
    private String joinToken;
    private boolean plaintext;
    private String advertiseAddress;
    private String serverNameOverride;

    public Builder nodeId(String v) {
      nodeId = v;
      return this;
    }

    public Builder managerAddress(String v) {
      managerAddress = v;
      return this;
    }

    public Builder dataDir(Path v) {
      dataDir = v;
      return this;
    }

    /** Overrides detection; null means detect. */
    public Builder resources(NodeResources v) {
      resources = v;
      return this;
    }

    public Builder encryptionKey(byte[] v) {
      encryptionKey = v == null ? null : Arrays.copyOf(v, v.length);
      return this;
    }

    public Builder containerdSocket(String v) {
      containerdSocket = v;
      return this;
    }

    /** See {@link WorkerConfig#privateContainerdDir()}; null means DATA-DIR/containerd. */
    public Builder privateContainerdDir(Path v) {
      privateContainerdDir = v;
      return this;
    }

    public Builder joinToken(String v) {
      joinToken = v;
      return this;
    }

    public Builder plaintext(boolean v) {
      plaintext = v;
      return this;
    }

    public Builder advertiseAddress(String v) {
      advertiseAddress = v;
      return this;
    }

    public Builder serverNameOverride(String v) {
      serverNameOverride = v;
      return this;
    }

    public WorkerConfig build() {
      return new WorkerConfig(this);
    }
  }
}
