package io.warren.runtime.image;

import io.warren.runtime.ContainerRuntime.PullProgress;
import io.warren.runtime.containerd.ImageStore;
import io.warren.runtime.containerd.ResolvedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports images from an OCI layout (directory or tar archive, e.g. {@code skopeo copy
 * oci-archive:} or {@code ctr images export}) or a Docker archive ({@code docker save}) into
 * containerd natively: content, image record, unpacked snapshots.
 */
public final class ImageImporter {
  private final ImageStore store;

  public ImageImporter(ImageStore store) {
    this.store = store;
  }

  /**
   * Imports every image of the archive.
   *
   * @param nameOverride name to store the image under (only for single-image archives), or null
   * @return the images stored
   */
  public List<ResolvedImage> importFile(Path file, String nameOverride, PullProgress progress)
      throws IOException {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("file: '" + file + "' does not exist");
    }
    boolean isDir = Files.isDirectory(file);
    Path dir = isDir ? file : ArchiveExtractor.extract(file);
    try {
      if (!Files.exists(dir.resolve("index.json")) && Files.exists(dir.resolve("manifest.json"))) {
        DockerArchive.convertToLayout(dir);
      }
      OciLayout layout = new OciLayout(dir);
      List<OciLayout.Entry> entries = layout.entries();
      if (entries.isEmpty()) {
        throw new IllegalArgumentException("file: " + file + " holds no image");
      }
      if (nameOverride != null && entries.size() > 1) {
        throw new IllegalArgumentException("name: the archive holds " + entries.size()
            + " images; a name can only be given for one");
      }
      List<ResolvedImage> out = new ArrayList<>();
      for (OciLayout.Entry e : entries) {
        String name = nameOverride != null ? nameOverride : e.name();
        if (name == null) {
          throw new IllegalArgumentException("name: image " + e.descriptor().digest()
              + " in the archive has no name annotation; give one with --name");
        }
        String normalised = ImageReference.parse(name).toString();
        Descriptor manifest = e.descriptor();
        if (MediaTypes.isIndex(manifest.mediaType())) {
          manifest = OciJson.selectPlatform(OciJson.indexEntries(layout.readSmall(manifest)),
              "image " + normalised);
        }
        out.add(store.store(normalised, manifest, layout, progress));
      }
      return out;
    } finally {
      if (!isDir) {
        ArchiveExtractor.delete(dir);
      }
    }
  }
}
