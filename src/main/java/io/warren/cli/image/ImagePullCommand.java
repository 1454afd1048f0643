package io.warren.cli.image;

import io.warren.runtime.ContainerRuntime;
import io.warren.runtime.containerd.ContainerdConnection;
import io.warren.runtime.containerd.ImageStore;
import io.warren.runtime.containerd.ResolvedImage;
import io.warren.runtime.image.ImageReference;
import io.warren.runtime.image.RegistryClient;
import io.warren.runtime.image.RegistryConfig;
import io.warren.runtime.image.RegistryPuller;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warren image pull REF}. */
@Command(name = "pull", mixinStandardHelpOptions = true,
    description = "Pull an image from a registry (OCI distribution API) into containerd, with a progress bar "
        + "on stderr. Short names are normalised like Docker: busybox = docker.io/library/busybox:latest.")
public final class ImagePullCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  ContainerdOptions containerd;

  @Parameters(paramLabel = "REF", description = "image reference, e.g. busybox or 127.0.0.1:5000/app:1")
  String reference;

  @Option(names = "--plain-http", description = "talk plain HTTP to the image's registry")
  boolean plainHttp;

  @Option(names = "--insecure-registry", paramLabel = "HOST",
      description = "HTTPS registry (host[:port]) whose certificate is not verified; repeatable")
  List<String> insecure = List.of();

  @Option(names = "--username", description = "registry user name (password from --password-stdin)")
  String username;

  @Option(names = "--password-stdin", description = "read the registry password from standard input")
  boolean passwordStdin;

  @Option(names = "--if-not-present", description = "do nothing when the image is already present")
  boolean ifNotPresent;

  @Option(names = {"-q", "--quiet"}, description = "no progress bar")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    ImageReference ref = ImageReference.parse(reference);
    Set<String> plain = new HashSet<>();
    if (plainHttp) {
      plain.add(ref.registry());
    }
    Map<String, RegistryConfig.Credentials> creds = Map.of();
    if (username != null) {
      if (!passwordStdin) {
        throw new IllegalArgumentException("--username needs --password-stdin (passwords never go on the command line)");
      }
      String pw = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      creds = Map.of(ref.registry(), new RegistryConfig.Credentials(username, pw == null ? "" : pw));
    }
    RegistryPuller puller = new RegistryPuller(new RegistryClient(new RegistryConfig(plain, Set.copyOf(insecure),
        creds)));
    try (ContainerdConnection conn = containerd.connect()) {
      ImageStore store = new ImageStore(conn);
      if (ifNotPresent) {
        var local = store.resolve(ref.toString());
        if (local.isPresent() && store.unpacked(local.get())) {
          print(local.get(), "present");
          return 0;
        }
      }
      ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), ref.toString());
      ResolvedImage img = puller.pull(ref, store, quiet ? ContainerRuntime.PullProgress.NONE : bar);
      bar.finish();
      print(img, "pulled");
      return 0;
    }
  }

  private void print(ResolvedImage img, String what) {
    spec.commandLine().getOut().println(what + " " + img.name() + " " + img.manifestDescriptor().digest());
    spec.commandLine().getOut().flush();
  }
}
