package io.warren.runtime.image;

import io.warren.runtime.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An OCI image layout directory (oci-layout, index.json, blobs/sha256/...) as a blob source. */
public final class OciLayout implements BlobSource {
  public static final String NAME_ANNOTATION = "io.containerd.image.name";
  public static final String REF_ANNOTATION = "org.opencontainers.image.ref.name";
  private final Path dir;

  public OciLayout(Path dir) throws IOException {
    this.dir = dir;
    if (!Files.isRegularFile(dir.resolve("index.json"))) {
      throw new IllegalArgumentException("file: " + dir + " is not an OCI image layout (no index.json)");
    }
  }

  @Override
  public InputStream open(Descriptor d) throws IOException {
    String hex = Digests.require(d.digest(), "blob digest").substring("sha256:".length());
    try {
      return Files.newInputStream(dir.resolve("blobs").resolve("sha256").resolve(hex));
    } catch (NoSuchFileException e) {
      throw new IOException("the archive lacks blob " + d.digest(), e);
    }
  }

  /** One image named in index.json: its name (may be null) and its top descriptor. */
  public record Entry(String name, Descriptor descriptor) {}

  public List<Entry> entries() throws IOException {
    List<Entry> out = new ArrayList<>();
    byte[] index = Files.readAllBytes(dir.resolve("index.json"));
    for (Descriptor d : OciJson.indexEntries(index)) {
      String name = d.annotations().get(NAME_ANNOTATION);
      if (name == null) {
        name = d.annotations().get(REF_ANNOTATION);
      }
      out.add(new Entry(name, d));
    }
    return out;
  }

  /** Parses JSON from a layout file (for Docker archives' manifest.json). */
  static Object json(Path p) throws IOException {
    return Json.parse(Files.readAllBytes(p), p.getFileName().toString());
  }
}
