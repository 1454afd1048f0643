package io.warren.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.runtime.ContainerRuntime;
import io.warren.runtime.ContainerSpec;
import io.warren.runtime.containerd.ContainerdRuntime;
import io.warren.runtime.containerd.ImageStore;
import io.warren.runtime.containerd.ResolvedImage;
import io.warren.runtime.containerd.proto.leases.CreateRequest;
import io.warren.runtime.containerd.proto.leases.DeleteRequest;
import io.warren.runtime.testsupport.ContainerdExtension;
import io.warren.runtime.testsupport.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Native import of OCI and Docker archives into a real containerd; content survives GC. */
class ImageImportTest {
  @RegisterExtension
  static final ContainerdExtension CTD = new ContainerdExtension();

  @Test
  void multiLayerGzipImportSurvivesGcAndRuns() throws Exception {
    Path tar = TestImages.multiLayerGzip(CTD.work().resolve("ml.tar"), "warren.test/multi:2");
    ImageStore store = new ImageStore(CTD.connection());
    List<long[]> progress = new ArrayList<>();
    List<ResolvedImage> imported = new ImageImporter(store).importFile(tar, null,
        (done, total, ld, lt) -> progress.add(new long[] {done, total, ld, lt}));
    assertEquals(1, imported.size());
    ResolvedImage img = imported.get(0);
    assertEquals("warren.test/multi:2", img.name());
    assertEquals(2, img.chainIds().size());
    long[] last = progress.get(progress.size() - 1);
    assertEquals(last[1], last[0], "all bytes reported");
    assertEquals(2, last[2]);

    forceGc();
    assertTrue(store.unpacked(store.resolve("warren.test/multi:2").orElseThrow()), "snapshots survive GC");
    for (Descriptor l : img.manifest().layers()) {
      assertTrue(store.content().exists(l.digest()), "layer " + l.digest() + " survives GC");
    }

    ContainerdRuntime rt = CTD.runtime();
    assertTrue(rt.ensureImage("warren.test/multi:2", ContainerRuntime.PullPolicy.NEVER,
        ContainerRuntime.PullProgress.NONE).alreadyDone());
    Path out = CTD.work().resolve("ml.out");
    rt.create(new ContainerSpec("ml", "warren.test/multi:2", Map.of(), List.of("sh", "-c", "cat /hello.txt; id -u"),
        Map.of(), "", "app", "", null, List.of(), null, null, out, CTD.work().resolve("ml.err")));
    rt.start("ml");
    assertEquals(0, rt.awaitExit("ml").get(30, TimeUnit.SECONDS).exitCode());
    assertEquals("hello from layer 2\n1000\n", Files.readString(out));
    rt.remove("ml");

    // importing again is idempotent (everything already there)
    assertEquals(img.manifestDescriptor().digest(),
        new ImageImporter(store).importFile(tar, null, ContainerRuntime.PullProgress.NONE).get(0)
            .manifestDescriptor().digest());
  }

  @Test
  void dockerArchiveFromSkopeoImports() throws Exception {
    Path oci = TestImages.busybox(CTD.work().resolve("bb.tar"), "warren.test/bb:1");
    Path docker = CTD.work().resolve("bb-docker.tar");
    ContainerdExtension.run("skopeo", "copy", "--quiet", "oci-archive:" + oci,
        "docker-archive:" + docker + ":warren.test/fromdocker:3");
    ImageStore store = new ImageStore(CTD.connection());
    ResolvedImage img = new ImageImporter(store).importFile(docker, null, ContainerRuntime.PullProgress.NONE).get(0);
    assertEquals("warren.test/fromdocker:3", img.name());
    assertTrue(store.unpacked(img));
  }

  @Test
  void foreignPlatformAndMissingFilesAreRejected() throws Exception {
    Path arm = TestImages.foreignPlatform(CTD.work().resolve("arm.tar"), "warren.test/arm:1");
    ImageImporter importer = new ImageImporter(new ImageStore(CTD.connection()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> importer.importFile(arm, null, ContainerRuntime.PullProgress.NONE));
    assertTrue(e.getMessage().contains("platform") && e.getMessage().contains("linux/arm64"), e.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> importer.importFile(CTD.work().resolve("nope.tar"), null, ContainerRuntime.PullProgress.NONE));
    assertTrue(missing.getMessage().startsWith("file: "), missing.getMessage());
  }

  /** A lease deleted with sync=true runs a garbage collection and waits for it (facts §7). */
  static void forceGc() {
    var leases = CTD.connection().leases();
    leases.create(CreateRequest.newBuilder().setId("gc-trigger").build());
    leases.delete(DeleteRequest.newBuilder().setId("gc-trigger").setSync(true).build());
  }
}
