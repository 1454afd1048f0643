package io.warren.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.runtime.ContainerRuntime;
import io.warren.runtime.ContainerRuntime.PullPolicy;
import io.warren.runtime.ContainerSpec;
import io.warren.runtime.RuntimeFailure;
import io.warren.runtime.containerd.ContainerdRuntime;
import io.warren.runtime.testsupport.ContainerdExtension;
import io.warren.runtime.testsupport.LocalRegistry;
import io.warren.runtime.testsupport.TestImages;
import io.warren.runtime.testsupport.TokenServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Native pulls from real docker-registry instances on 127.0.0.1 (plain HTTP; HTTPS + token auth). */
@Tag("slow")
class RegistryPullTest {
  @RegisterExtension
  static final ContainerdExtension CTD = new ContainerdExtension();
  static LocalRegistry plain;
  static TokenServer tokens;
  static LocalRegistry secured;
  static Path multi;

  @BeforeAll
  static void registries() throws Exception {
    plain = LocalRegistry.plain(Files.createDirectories(CTD.work().resolve("reg-plain")));
    tokens = new TokenServer(Files.createDirectories(CTD.work().resolve("tokens")));
    secured = LocalRegistry.tokenAuth(Files.createDirectories(CTD.work().resolve("reg-token")), tokens);
    multi = TestImages.multiLayerGzip(CTD.work().resolve("multi.tar"), "warren.test/multi:2");
    plain.push(multi, "warren/multi:2", null);
    secured.push(multi, "warren/private:1", TokenServer.USER + ":" + TokenServer.PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (secured != null) {
      secured.close();
    }
    if (tokens != null) {
      tokens.close();
    }
    if (plain != null) {
      plain.close();
    }
  }

  static ContainerdRuntime runtime(RegistryConfig cfg) {
    return CTD.runtime(new RegistryPuller(new RegistryClient(cfg)));
  }

  @Test
  void pullsMultiLayerGzipImageWithPolicyAndProgress() throws Exception {
    ContainerdRuntime rt = runtime(new RegistryConfig(Set.of(plain.host()), Set.of(), Map.of()));
    String ref = plain.host() + "/warren/multi:2";
    List<long[]> progress = new ArrayList<>();
    var pulled = rt.ensureImage(ref, PullPolicy.IF_NOT_PRESENT,
        (done, total, ld, lt) -> progress.add(new long[] {done, total, ld, lt}));
    assertFalse(pulled.alreadyDone());
    assertEquals(ref, pulled.value().reference());
    assertTrue(pulled.value().digest().startsWith("sha256:"));
    long[] last = progress.get(progress.size() - 1);
    assertEquals(last[1], last[0]);
    assertEquals(2, last[2]);
    assertEquals(2, last[3]);
    assertTrue(last[1] > 500_000, "the busybox layer was transferred: " + last[1]);

    assertTrue(rt.ensureImage(ref, PullPolicy.IF_NOT_PRESENT, ContainerRuntime.PullProgress.NONE).alreadyDone());
    assertFalse(rt.ensureImage(ref, PullPolicy.ALWAYS, ContainerRuntime.PullProgress.NONE).alreadyDone());

    Path out = CTD.work().resolve("pulled.out");
    rt.create(new ContainerSpec("pulled", ref, Map.of(), List.of("cat", "/hello.txt"), Map.of(), "", "", "",
        null, List.of(), null, null, out, CTD.work().resolve("pulled.err")));
    rt.start("pulled");
    assertEquals(0, rt.awaitExit("pulled").get(30, TimeUnit.SECONDS).exitCode());
    assertEquals("hello from layer 2\n", Files.readString(out));
    rt.remove("pulled");
  }

  @Test
  void pullsThroughTokenAuthOverHttps() throws Exception {
    String ref = secured.host() + "/warren/private:1";
    ContainerdRuntime anonymous = runtime(new RegistryConfig(Set.of(), Set.of(secured.host()), Map.of()));
    RuntimeFailure denied = assertThrows(RuntimeFailure.class,
        () -> anonymous.ensureImage(ref, PullPolicy.ALWAYS, ContainerRuntime.PullProgress.NONE));
    assertEquals(RuntimeFailure.Kind.FATAL, denied.kind());
    assertTrue(denied.getMessage().contains("refused a token"), denied.getMessage());

    int before = tokens.issued();
    ContainerdRuntime rt = runtime(new RegistryConfig(Set.of(), Set.of(secured.host()), Map.of(secured.host(),
        new RegistryConfig.Credentials(TokenServer.USER, TokenServer.PASSWORD))));
    var pulled = rt.ensureImage(ref, PullPolicy.ALWAYS, ContainerRuntime.PullProgress.NONE);
    assertEquals(ref, pulled.value().reference());
    assertTrue(tokens.issued() > before, "a bearer token was used");
    assertTrue(rt.images().unpacked(rt.images().resolve(ref).orElseThrow()));
  }

  @Test
  void httpsWithoutTrustIsRefused() {
    ContainerdRuntime rt = runtime(RegistryConfig.DEFAULT);
    RuntimeFailure f = assertThrows(RuntimeFailure.class, () -> rt.ensureImage(secured.host() + "/warren/private:1",
        PullPolicy.ALWAYS, ContainerRuntime.PullProgress.NONE));
    assertTrue(f.getMessage().contains(secured.host()), f.getMessage());
  }

  @Test
  void badReferencesAndRegistriesAreNamed() throws Exception {
    ContainerdRuntime rt = runtime(new RegistryConfig(Set.of(plain.host()), Set.of(), Map.of()));
    RuntimeFailure unknown = assertThrows(RuntimeFailure.class, () -> rt.ensureImage(
        "no-such-registry.invalid/x/y:1", PullPolicy.ALWAYS, ContainerRuntime.PullProgress.NONE));
    assertEquals(RuntimeFailure.Kind.FATAL, unknown.kind(), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("registry 'no-such-registry.invalid' is unknown"), unknown.getMessage());

    RuntimeFailure missing = assertThrows(RuntimeFailure.class, () -> rt.ensureImage(
        plain.host() + "/warren/absent:1", PullPolicy.ALWAYS, ContainerRuntime.PullProgress.NONE));
    assertEquals(RuntimeFailure.Kind.FATAL, missing.kind());
    assertTrue(missing.getMessage().contains("not found"), missing.getMessage());

    plain.push(TestImages.foreignPlatform(CTD.work().resolve("arm.tar"), "warren.test/arm:1"), "warren/arm:1", null);
    RuntimeFailure platform = assertThrows(RuntimeFailure.class, () -> rt.ensureImage(
        plain.host() + "/warren/arm:1", PullPolicy.ALWAYS, ContainerRuntime.PullProgress.NONE));
    assertEquals(RuntimeFailure.Kind.FATAL, platform.kind());
    assertTrue(platform.getMessage().contains("platform") && platform.getMessage().contains("linux/arm64"),
        platform.getMessage());
  }

  @Test
  void corruptedBlobFailsDigestVerification() throws Exception {
    Path img = TestImages.busybox(CTD.work().resolve("corrupt.tar"), "warren.test/corrupt:1");
    // a distinct layer: append a file so this image's layer differs from the others in the registry
    plain.push(img, "warren/corrupt:1", null);
    ContainerdRuntime rt = runtime(new RegistryConfig(Set.of(plain.host()), Set.of(), Map.of()));
    RegistryClient client = new RegistryClient(new RegistryConfig(Set.of(plain.host()), Set.of(), Map.of()));
    ImageReference ref = ImageReference.parse(plain.host() + "/warren/corrupt:1");
    Manifest m = OciJson.manifest(client.manifest(ref, "1").body());
    Path data = plain.blobFile(m.config().digest());
    byte[] bytes = Files.readAllBytes(data);
    bytes[bytes.length / 2] ^= 1;
    Files.write(data, bytes);
    RuntimeFailure f = assertThrows(RuntimeFailure.class, () -> rt.ensureImage(ref.toString(), PullPolicy.ALWAYS,
        ContainerRuntime.PullProgress.NONE));
    assertTrue(f.getMessage().contains("digest mismatch") || f.getMessage().contains("verification"),
        f.getMessage());
  }
}
