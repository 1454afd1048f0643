package io.warren.cli.image;

import io.warren.runtime.containerd.ContainerdConnection;
import io.warren.runtime.containerd.ImageStore;
import io.warren.runtime.containerd.ResolvedImage;
import io.warren.runtime.image.ImageImporter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warren image import FILE}. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Import an OCI layout (directory or tar, e.g. from 'skopeo copy ... oci-archive:') or a "
        + "Docker archive ('docker save') into containerd, unpacked and ready to run.")
public final class ImageImportCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  ContainerdOptions containerd;

  @Parameters(paramLabel = "FILE", description = "the archive or layout directory")
  Path file;

  @Option(names = "--name", paramLabel = "REF",
      description = "store the image under this reference (single-image archives; default: the archive's name)")
  String name;

  @Override
  public Integer call() throws Exception {
    try (ContainerdConnection conn = containerd.connect()) {
      ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "import");
      List<ResolvedImage> images = new ImageImporter(new ImageStore(conn)).importFile(file, name, bar);
      bar.finish();
      for (ResolvedImage i : images) {
        spec.commandLine().getOut().println(i.name() + " " + i.manifestDescriptor().digest());
      }
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
