package io.warren.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * Turns an extracted Docker archive ({@code docker save}: manifest.json, config JSON, layer tars)
 * into an OCI layout in place: blobs under blobs/sha256, a Docker schema-2 manifest per image,
 * and index.json naming each image by its first RepoTag.
 */
final class DockerArchive {
  private DockerArchive() {}

  static void convertToLayout(Path dir) throws IOException {
    JsonNode images = OciLayout.json(dir.resolve("manifest.json"));
    Path blobs = Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
    ObjectNode index = OciJson.MAPPER.createObjectNode();
    index.put("schemaVersion", 2);
    ArrayNode entries = index.putArray("manifests");
    for (JsonNode img : images) {
      Descriptor config = addBlob(dir, blobs, img.path("Config").asText(), MediaTypes.DOCKER_CONFIG);
      ObjectNode manifest = OciJson.MAPPER.createObjectNode();
      manifest.put("schemaVersion", 2);
      manifest.put("mediaType", MediaTypes.DOCKER_MANIFEST);
      manifest.set("config", json(config));
      ArrayNode layers = manifest.putArray("layers");
      for (JsonNode l : img.path("Layers")) {
        String path = l.asText();
        layers.add(json(addBlob(dir, blobs, path, gzip(dir.resolve(path))
            ? MediaTypes.DOCKER_LAYER_GZIP : MediaTypes.DOCKER_LAYER)));
      }
      byte[] mbytes = OciJson.MAPPER.writeValueAsBytes(manifest);
      String digest = Digests.of(mbytes);
      Files.write(blobs.resolve(digest.substring(7)), mbytes);
      ObjectNode entry = json(Descriptor.of(MediaTypes.DOCKER_MANIFEST, digest, mbytes.length));
      JsonNode tags = img.path("RepoTags");
      if (tags.isArray() && tags.size() > 0) {
        entry.putObject("annotations").put(OciLayout.NAME_ANNOTATION, tags.get(0).asText());
      }
      entries.add(entry);
    }
    OciJson.MAPPER.writeValue(dir.resolve("index.json").toFile(), index);
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

  private static ObjectNode json(Descriptor d) {
    ObjectNode n = OciJson.MAPPER.createObjectNode();
    n.put("mediaType", d.mediaType());
    n.put("digest", d.digest());
    n.put("size", d.size());
    return n;
  }
}
