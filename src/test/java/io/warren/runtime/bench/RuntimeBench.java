package io.warren.runtime.bench;

import io.warren.runtime.ContainerRuntime;
import io.warren.runtime.ContainerSpec;
import io.warren.runtime.containerd.ContainerdConnection;
import io.warren.runtime.containerd.ContainerdRuntime;
import io.warren.runtime.containerd.ImageStore;
import io.warren.runtime.containerd.proto.images.DeleteImageRequest;
import io.warren.runtime.containerd.proto.leases.CreateRequest;
import io.warren.runtime.containerd.proto.leases.DeleteRequest;
import io.warren.runtime.image.ImageImporter;
import io.warren.runtime.image.RegistryClient;
import io.warren.runtime.image.RegistryConfig;
import io.warren.runtime.image.RegistryPuller;
import io.warren.runtime.testsupport.ContainerdExtension;
import io.warren.runtime.testsupport.LocalRegistry;
import io.warren.runtime.testsupport.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Native runtime vs {@code ctr}, same daemon, same image, same run, alternating samples so drift
 * (more shims, warmer caches) hits both sides equally. Run with {@code tools/bench-runtime}.
 *
 * <ol>
 *   <li>create+start to running: {@code create} + {@code start} vs {@code ctr run -d --log-uri file://}
 *   <li>stop+delete of a container whose PID 1 ignores SIGTERM: {@code stop(grace 0)} + {@code remove}
 *       vs {@code ctr task kill -s SIGKILL} + {@code ctr task rm -f} + {@code ctr c rm}
 *   <li>pull of a 2-layer gzip image from a local registry (content GC'd between samples):
 *       {@code ensureImage(ALWAYS)} vs {@code ctr images pull --plain-http}
 * </ol>
 */
public final class RuntimeBench {
  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 21;
    int pullRuns = args.length > 1 ? Integer.parseInt(args[1]) : 11;
    Path sock = ContainerdExtension.up();
    String ns = "bench-" + UUID.randomUUID().toString().substring(0, 6);
    Path work = Files.createTempDirectory("warren-bench-");
    ContainerdConnection conn = new ContainerdConnection(sock, ns);
    try (LocalRegistry reg = LocalRegistry.plain(Files.createDirectories(work.resolve("reg")));
         ContainerdRuntime rt = new ContainerdRuntime(new ContainerdConnection(sock, ns),
             new RegistryPuller(new RegistryClient(new RegistryConfig(Set.of(reg.host()), Set.of(), Map.of()))),
             work.resolve("data"))) {
      String image = "warren.test/bench:1";
      new ImageImporter(new ImageStore(conn)).importFile(TestImages.busybox(work.resolve("bb.tar"), image), null,
          ContainerRuntime.PullProgress.NONE);
      String[] ctr = {"ctr", "--address", sock.toString(), "--namespace", ns};

      // warm-up (JIT, connection, shim binary in page cache), not counted
      for (int i = 0; i < 5; i++) {
        javaStart(rt, image, work, "warm" + i);
        rt.stop("warm" + i, Duration.ZERO);
        rt.remove("warm" + i);
        sh(cat(ctr, "run", "-d", "--log-uri", "file://" + work.resolve("w.log"), image, "cwarm" + i, "sleep", "1000"));
        sh(cat(ctr, "task", "kill", "-s", "SIGKILL", "cwarm" + i));
        sh(cat(ctr, "task", "rm", "-f", "cwarm" + i));
        sh(cat(ctr, "c", "rm", "cwarm" + i));
      }

      List<Double> jStart = new ArrayList<>();
      List<Double> cStart = new ArrayList<>();
      List<Double> jStop = new ArrayList<>();
      List<Double> cStop = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        String j = "j" + i;
        String c = "c" + i;
        jStart.add(time(() -> javaStart(rt, image, work, j)));
        cStart.add(time(() -> sh(cat(ctr, "run", "-d", "--log-uri", "file://" + work.resolve(c + ".log"), image, c,
            "sleep", "1000"))));
        jStop.add(time(() -> {
          rt.stop(j, Duration.ZERO);
          rt.remove(j);
        }));
        cStop.add(time(() -> {
          sh(cat(ctr, "task", "kill", "-s", "SIGKILL", c));
          sh(cat(ctr, "task", "rm", "-f", c));
          sh(cat(ctr, "c", "rm", c));
        }));
      }

      Path multi = TestImages.multiLayerGzip(work.resolve("multi.tar"), "warren.test/multi:1");
      reg.push(multi, "bench/multi:1", null);
      String ref = reg.host() + "/bench/multi:1";
      for (int i = 0; i < 2; i++) { // warm-up: HTTP client, first registry connection
        dropImage(conn, ref);
        rt.ensureImage(ref, ContainerRuntime.PullPolicy.ALWAYS, ContainerRuntime.PullProgress.NONE);
        dropImage(conn, ref);
        sh(cat(ctr, "images", "pull", "--plain-http", ref));
      }
      List<Double> jPull = new ArrayList<>();
      List<Double> cPull = new ArrayList<>();
      for (int i = 0; i < pullRuns; i++) {
        dropImage(conn, ref);
        jPull.add(time(() -> rt.ensureImage(ref, ContainerRuntime.PullPolicy.ALWAYS,
            ContainerRuntime.PullProgress.NONE)));
        dropImage(conn, ref);
        cPull.add(time(() -> sh(cat(ctr, "images", "pull", "--plain-http", ref))));
      }

      System.out.println("| measurement (ms) | warren median | warren min | ctr median | ctr min | ratio |");
      System.out.println("|---|---|---|---|---|---|");
      row("create+start to running (n=" + runs + ")", jStart, cStart);
      row("stop+delete, PID 1 ignores SIGTERM (n=" + runs + ")", jStop, cStop);
      row("pull 2-layer gzip image, local registry (n=" + pullRuns + ")", jPull, cPull);
    } finally {
      ContainerdExtension.cleanNamespace(conn);
      conn.close();
    }
    System.exit(0);
  }

  private static void javaStart(ContainerdRuntime rt, String image, Path work, String id) throws Exception {
    rt.create(new ContainerSpec(id, image, Map.of(), List.of("sleep", "1000"), Map.of(), "", "", "", null,
        List.of(), null, null, work.resolve(id + ".out"), work.resolve(id + ".err")));
    rt.start(id);
  }

  /** Deletes the image and runs a synchronous GC, so the next pull transfers and unpacks everything. */
  private static void dropImage(ContainerdConnection conn, String ref) {
    try {
      conn.images().delete(DeleteImageRequest.newBuilder().setName(ref).setSync(true).build());
    } catch (RuntimeException ignored) {
      // not there yet
    }
    conn.leases().create(CreateRequest.newBuilder().setId("bench-gc").build());
    conn.leases().delete(DeleteRequest.newBuilder().setId("bench-gc").setSync(true).build());
  }

  interface Step {
    void run() throws Exception;
  }

  private static double time(Step s) throws Exception {
    long t0 = System.nanoTime();
    s.run();
    return (System.nanoTime() - t0) / 1e6;
  }

  private static void sh(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed");
    }
  }

  private static String[] cat(String[] a, String... b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void row(String name, List<Double> java, List<Double> ctr) {
    double jm = median(java);
    double cm = median(ctr);
    System.out.printf("| %s | %.1f | %.1f | %.1f | %.1f | %.2f |%n", name, jm,
        java.stream().mapToDouble(d -> d).min().orElse(0), cm, ctr.stream().mapToDouble(d -> d).min().orElse(0),
        jm / cm);
  }

  private static double median(List<Double> v) {
    double[] a = v.stream().mapToDouble(d -> d).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }
}
