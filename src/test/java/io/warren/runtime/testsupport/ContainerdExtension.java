package io.warren.runtime.testsupport;

import io.grpc.StatusRuntimeException;
import io.warren.runtime.ContainerRuntime;
import io.warren.runtime.containerd.ContainerdConnection;
import io.warren.runtime.containerd.ContainerdRuntime;
import io.warren.runtime.containerd.ImageStore;
import io.warren.runtime.containerd.proto.containers.Container;
import io.warren.runtime.containerd.proto.containers.DeleteContainerRequest;
import io.warren.runtime.containerd.proto.containers.ListContainersRequest;
import io.warren.runtime.containerd.proto.images.DeleteImageRequest;
import io.warren.runtime.containerd.proto.images.Image;
import io.warren.runtime.containerd.proto.snapshots.RemoveSnapshotRequest;
import io.warren.runtime.containerd.proto.tasks.DeleteTaskRequest;
import io.warren.runtime.containerd.proto.tasks.KillRequest;
import io.warren.runtime.containerd.proto.tasks.WaitRequest;
import io.warren.runtime.image.ImageImporter;
import io.warren.testing.ScratchDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One private containerd for the whole test run (started with {@code tools/containerd-up}, reused
 * when already up), and a fresh namespace per test class: runc keeps state per namespace across
 * daemons (facts §12.8), so namespaces are never shared. After the class, everything in the
 * namespace is killed and removed. Register as a static field with {@code @RegisterExtension}.
 *
 * <p>Needs root, containerd and runc; fails (never skips) with a clear message without them.
 */
public final class ContainerdExtension implements BeforeAllCallback, AfterAllCallback {
  public static final String BUSYBOX = "warren.test/busybox:1";
  private static final Path DIR = Path.of(System.getProperty("warren.test.containerdDir",
      "/tmp/warren-test-containerd"));
  private static volatile Path socket;

  private String namespace;
  private ContainerdConnection conn;
  private Path work;
  private final List<ContainerdRuntime> runtimes = new ArrayList<>();

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    socket = up();
    String cls = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT);
    namespace = "wt-" + cls.replaceAll("[^a-z0-9]", "") + "-" + UUID.randomUUID().toString().substring(0, 6);
    conn = new ContainerdConnection(socket, namespace);
    work = Files.createTempDirectory("warren-rt-" + cls + "-");
  }

  /** Starts (or finds) the shared private containerd; returns its socket. */
  public static synchronized Path up() throws IOException, InterruptedException {
    for (String bin : List.of("containerd", "runc", "ctr", "containerd-shim-runc-v2")) {
      if (!onPath(bin)) {
        throw new IllegalStateException("'" + bin + "' is not installed: run tools/setup (packages containerd, runc)");
      }
    }
    if (!Files.isRegularFile(TestImages.BUSYBOX)) {
      throw new IllegalStateException(TestImages.BUSYBOX + " is missing: install the busybox-static package");
    }
    String out = run(tool("containerd-up").toString(), DIR.toString());
    return Path.of(out.strip());
  }

  /** Stops the shared containerd (running tasks survive: their shims own them). */
  public static void stopDaemon() throws IOException, InterruptedException {
    run(tool("containerd-up").toString(), "--stop", DIR.toString());
  }

  public static Path tool(String name) {
    return Path.of(System.getProperty("warren.projectDir", ".")).resolve("tools").resolve(name).toAbsolutePath();
  }

  public static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
    return out;
  }

  private static boolean onPath(String bin) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(d, bin))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", bin)) || Files.isExecutable(Path.of("/sbin", bin));
  }

  public Path socket() {
    return socket;
  }

  public String namespace() {
    return namespace;
  }

  public ContainerdConnection connection() {
    return conn;
  }

  /** A per-class scratch directory. */
  public Path work() {
    return work;
  }

  /** A runtime on this namespace; closed after the class. Pulls go through {@code puller}. */
  public ContainerdRuntime runtime(ContainerdRuntime.ImagePuller puller) {
    ContainerdRuntime r = new ContainerdRuntime(new ContainerdConnection(socket, namespace), puller,
        work.resolve("data"));
    runtimes.add(r);
    return r;
  }

  public ContainerdRuntime runtime() {
    return runtime((ref, store, progress) -> {
      throw new IOException("this test runtime has no registry");
    });
  }

  /** Imports the busybox test image (idempotent) and returns its name. */
  public String busybox() throws IOException {
    Path tar = TestImages.busybox(work.resolve("busybox.tar"), BUSYBOX);
    new ImageImporter(new ImageStore(conn)).importFile(tar, null, ContainerRuntime.PullProgress.NONE);
    return io.warren.runtime.image.ImageReference.parse(BUSYBOX).toString();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    for (ContainerdRuntime r : runtimes) {
      r.close();
    }
    try {
      cleanNamespace(conn);
    } finally {
      conn.close();
      for (String ctl : List.of("memory", "cpu", "pids", "cpuacct", "cpuset", "devices", "freezer", "blkio",
          "systemd", "unified", "")) {
        Path p = Path.of("/sys/fs/cgroup", ctl, namespace);
        p.toFile().delete();
      }
    }
    // holds only the class's scratch files (image tars, task logs): containerd keeps its own
    try {
      ScratchDirs.delete(work);
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove " + work, e);
    }
  }

  /** Kills and removes every container and image in the connection's namespace. */
  public static void cleanNamespace(ContainerdConnection conn) {
    for (Container c : conn.containers().list(ListContainersRequest.getDefaultInstance()).getContainersList()) {
      String id = c.getId();
      ignore(() -> conn.tasks().kill(KillRequest.newBuilder().setContainerId(id).setSignal(9).setAll(true).build()));
      ignore(() -> conn.tasks().withDeadlineAfter(10, TimeUnit.SECONDS)
          .wait(WaitRequest.newBuilder().setContainerId(id).build()));
      ignore(() -> conn.tasks().delete(DeleteTaskRequest.newBuilder().setContainerId(id).build()));
      ignore(() -> conn.containers().delete(DeleteContainerRequest.newBuilder().setId(id).build()));
      ignore(() -> conn.snapshots().remove(RemoveSnapshotRequest.newBuilder()
          .setSnapshotter(c.getSnapshotter().isEmpty() ? "overlayfs" : c.getSnapshotter())
          .setKey(c.getSnapshotKey()).build()));
    }
    List<Image> images = new ImageStore(conn).list();
    for (int n = 0; n < images.size(); n++) {
      String name = images.get(n).getName();
      boolean last = n == images.size() - 1;
      // the last delete runs a synchronous GC, so the namespace is empty afterwards
      ignore(() -> conn.images().delete(DeleteImageRequest.newBuilder().setName(name).setSync(last).build()));
    }
    ignore(() -> io.warren.runtime.containerd.proto.namespaces.NamespacesGrpc.newBlockingStub(conn.channel())
        .withDeadlineAfter(10, TimeUnit.SECONDS).delete(
            io.warren.runtime.containerd.proto.namespaces.DeleteNamespaceRequest.newBuilder()
                .setName(conn.namespace()).build()));
  }

  private static void ignore(Runnable r) {
    try {
      r.run();
    } catch (StatusRuntimeException ignored) {
      // already gone
    }
  }

}
