package io.warren.runtime.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real {@code docker-registry} (distribution 2.8) on 127.0.0.1, configured under a temp dir:
 * plain HTTP without auth, or HTTPS (self-signed) with token auth served by a {@link TokenServer}.
 */
public final class LocalRegistry implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path root;

  private LocalRegistry(Process process, int port, Path root) {
    this.process = process;
    this.port = port;
    this.root = root;
  }

  public static LocalRegistry plain(Path dir) throws IOException {
    return start(dir, "", false);
  }

  /** HTTPS with {@code cert}/{@code key}, token auth against {@code tokens}. */
  public static LocalRegistry tokenAuth(Path dir, TokenServer tokens) throws IOException {
    String extra = "  tls:\n    certificate: " + tokens.certFile() + "\n    key: " + tokens.keyFile() + "\n"
        + "auth:\n  token:\n    realm: " + tokens.realm() + "\n    service: " + TokenServer.SERVICE + "\n"
        + "    issuer: " + TokenServer.ISSUER + "\n    rootcertbundle: " + tokens.certFile() + "\n";
    return start(dir, extra, true);
  }

  private static LocalRegistry start(Path dir, String extra, boolean tls) throws IOException {
    if (!Files.isExecutable(Path.of("/usr/bin/docker-registry"))) {
      throw new IllegalStateException("docker-registry is not installed: run tools/setup (package docker-registry)");
    }
    int port = freePort();
    Path root = Files.createDirectories(dir.resolve("storage"));
    Path cfg = dir.resolve("config.yml");
    Files.writeString(cfg, "version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\n"
        + "storage:\n  filesystem:\n    rootdirectory: " + root + "\n"
        + "http:\n  addr: 127.0.0.1:" + port + "\n" + extra);
    Process p = new ProcessBuilder("docker-registry", "serve", cfg.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
    LocalRegistry r = new LocalRegistry(p, port, root);
    HttpClient http = HttpClient.newBuilder().sslContext(TokenServer.trustAllContext()).build();
    URI ping = URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port + "/v2/");
    try {
      Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
          http.send(HttpRequest.newBuilder(ping).build(), HttpResponse.BodyHandlers.discarding()).statusCode() > 0);
    } catch (RuntimeException e) {
      r.close();
      throw new IOException("docker-registry did not come up; see " + dir.resolve("registry.log"), e);
    }
    return r;
  }

  public String host() {
    return "127.0.0.1:" + port;
  }

  /** The registry's blob data file (to corrupt in tests). */
  public Path blobFile(String digest) {
    String hex = digest.substring(7);
    return root.resolve("docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
  }

  /** Pushes an OCI archive with skopeo. */
  public void push(Path ociArchive, String repoTag, String creds) throws IOException, InterruptedException {
    if (creds == null) {
      ContainerdExtension.run("skopeo", "copy", "--quiet", "--dest-tls-verify=false", "oci-archive:" + ociArchive,
          "docker://" + host() + "/" + repoTag);
    } else {
      ContainerdExtension.run("skopeo", "copy", "--quiet", "--dest-tls-verify=false", "--dest-creds", creds,
          "oci-archive:" + ociArchive, "docker://" + host() + "/" + repoTag);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
