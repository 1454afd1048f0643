package io.warren.runtime.image;

import io.warren.runtime.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns an extracted Docker archive ({@code docker save}: manifest.json, config JSON, layer tars)
 * into an OCI layout in place: blobs under blobs/sha256, a Docker schema-2 manifest per image,
 * and index.json naming each image by its first RepoTag.
 */
final class DockerArchive {
  private DockerArchive() {}

  static void convertToLayout(Path dir) throws IOException {
    Object images = OciLayout.json(dir.resolve("manifest.json"));
    if (!(images instanceof List<?> list)) {
      throw new IllegalArgumentException("file: the Docker archive's manifest.json is not a JSON array");
    }
    Path blobs = Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
    List<Object> entries = new ArrayList<>();
    for (Object o : list) {
      Map<String, Object> img = Json.asObject(o);
      Descriptor config = addBlob(dir, blobs, Json.text(img, "Config", ""), MediaTypes.DOCKER_CONFIG);
      List<Object> layers = new ArrayList<>();
      for (String path : Json.strings(Json.array(img, "Layers"))) {
        layers.add(json(addBlob(dir, blobs, path, gzip(dir.resolve(path))
            ? MediaTypes.DOCKER_LAYER_GZIP : MediaTypes.DOCKER_LAYER)));
      }
      Map<String, Object> manifest = Json.object();
      manifest.put("schemaVersion", 2);
      manifest.put("mediaType", MediaTypes.DOCKER_MANIFEST);
      manifest.put("config", json(config));
      manifest.put("layers", layers);
      byte[] mbytes = Json.write(manifest);
      String digest = Digests.of(mbytes);
      Files.write(blobs.resolve(digest.substring(7)), mbytes);
      Map<String, Object> entry = json(Descriptor.of(MediaTypes.DOCKER_MANIFEST, digest, mbytes.length));
      List<String> tags = Json.strings(Json.array(img, "RepoTags"));
      if (!tags.isEmpty()) {
        entry.put("annotations", Map.of(OciLayout.NAME_ANNOTATION, tags.get(0)));
      }
      entries.add(entry);
    }
    Map<String, Object> index = Json.object();
    index.put("schemaVersion", 2);
    index.put("manifests", entries);
    Files.write(dir.resolve("index.json"), Json.write(index));
  }

  private static boolean gzip(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  private static Descriptor addBlob(Path dir, Path blobs, String rel, String mediaType) throws IOException {
    Path src = dir.resolve(rel).normalize();
    if (!src.startsWith(dir) || !Files.isRegularFile(src)) {
      throw new IllegalArgumentException("file: Docker archive entry '" + rel + "' is missing");
    }
    MessageDigest md = Digests.sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(src), md)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    String digest = Digests.hex(md);
    Path target = blobs.resolve(digest.substring(7));
    if (!Files.exists(target)) {
      Files.move(src, target);
    }
    return Descriptor.of(mediaType, digest, Files.size(target));
  }

  private static Map<String, Object> json(Descriptor d) {
    Map<String, Object> n = Json.object();
    n.put("mediaType", d.mediaType());
    n.put("digest", d.digest());
    n.put("size", d.size());
    return n;
  }
}
