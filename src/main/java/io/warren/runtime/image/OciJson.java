package io.warren.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads index, manifest and config JSON (OCI and Docker schema 2). */
public final class OciJson {
  public static final String PLATFORM = "linux/amd64";
  static final ObjectMapper MAPPER = new ObjectMapper();

  private OciJson() {}

  /** The media type a document declares, or {@code fallback} when it declares none. */
  public static String mediaTypeOf(byte[] json, String fallback) {
    JsonNode n = tree(json, "document");
    String mt = n.path("mediaType").asText("");
    if (!mt.isEmpty()) {
      return mt;
    }
    return n.has("manifests") ? MediaTypes.OCI_INDEX : fallback;
  }

  public static List<Descriptor> indexEntries(byte[] json) {
    List<Descriptor> out = new ArrayList<>();
    for (JsonNode m : tree(json, "index").path("manifests")) {
      out.add(descriptor(m));
    }
    return out;
  }

  public static Manifest manifest(byte[] json) {
    JsonNode n = tree(json, "manifest");
    if (n.path("schemaVersion").asInt() != 2 || !n.has("config")) {
      throw new IllegalArgumentException("manifest is not an OCI or Docker schema-2 manifest");
    }
    List<Descriptor> layers = new ArrayList<>();
    for (JsonNode l : n.path("layers")) {
      Descriptor d = descriptor(l);
      if (!MediaTypes.LAYERS.contains(d.mediaType())) {
        throw new IllegalArgumentException("layer " + d.digest() + " has unsupported media type '"
            + d.mediaType() + "'");
      }
      layers.add(d);
    }
    return new Manifest(n.path("mediaType").asText(MediaTypes.OCI_MANIFEST), descriptor(n.path("config")),
        layers);
  }

  public static ImageConfig config(byte[] json) {
    JsonNode n = tree(json, "image config");
    JsonNode c = n.path("config");
    List<String> diffIds = strings(n.path("rootfs").path("diff_ids"));
    return new ImageConfig(strings(c.path("Env")), strings(c.path("Entrypoint")), strings(c.path("Cmd")),
        c.path("WorkingDir").asText(""), c.path("User").asText(""), diffIds,
        n.path("os").asText(""), n.path("architecture").asText(""));
  }

  /**
   * Picks the linux/amd64 manifest of an index.
   *
   * @throws IllegalArgumentException naming the platforms offered when there is none for this node
   */
  public static Descriptor selectPlatform(List<Descriptor> entries, String what) {
    List<String> offered = new ArrayList<>();
    for (Descriptor d : entries) {
      if (d.platform() == null) {
        continue;
      }
      offered.add(d.platform());
      if (d.platform().equals(PLATFORM) || d.platform().startsWith(PLATFORM + "/")) {
        return d;
      }
    }
    if (offered.isEmpty()) {
      // single-manifest index without platforms (what OCI layout exports often are)
      for (Descriptor d : entries) {
        if (MediaTypes.isManifest(d.mediaType())) {
          return d;
        }
      }
    }
    throw new IllegalArgumentException("platform: " + what + " has no manifest for " + PLATFORM
        + " (offers " + offered + ")");
  }

  /** Checks a config's own os/architecture (single-platform images). */
  public static void requirePlatform(ImageConfig config, String what) {
    String p = config.os() + "/" + config.architecture();
    if (!config.os().isEmpty() && !p.equals(PLATFORM)) {
      throw new IllegalArgumentException("platform: " + what + " is built for " + p + ", this node runs "
          + PLATFORM);
    }
  }

  private static Descriptor descriptor(JsonNode n) {
    String platform = null;
    if (n.has("platform")) {
      JsonNode p = n.get("platform");
      platform = p.path("os").asText() + "/" + p.path("architecture").asText()
          + (p.hasNonNull("variant") ? "/" + p.get("variant").asText() : "");
    }
    Map<String, String> ann = new LinkedHashMap<>();
    n.path("annotations").fields().forEachRemaining(e -> ann.put(e.getKey(), e.getValue().asText()));
    return new Descriptor(n.path("mediaType").asText(""),
        Digests.require(n.path("digest").asText(null), "descriptor digest"), n.path("size").asLong(), platform,
        ann);
  }

  private static List<String> strings(JsonNode arr) {
    List<String> out = new ArrayList<>();
    if (arr != null && arr.isArray()) {
      arr.forEach(e -> out.add(e.asText()));
    }
    return out;
  }

  private static JsonNode tree(byte[] json, String what) {
    try {
      JsonNode n = MAPPER.readTree(json);
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException(what + " is not a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new IllegalArgumentException(what + " is not valid JSON: " + e.getMessage(), e);
    }
  }
}
