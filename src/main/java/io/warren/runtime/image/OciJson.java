package io.warren.runtime.image;

import io.warren.runtime.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads index, manifest and config JSON (OCI and Docker schema 2). */
public final class OciJson {
  public static final String PLATFORM = "linux/amd64";

  private OciJson() {}

  /** The media type a document declares, or {@code fallback} when it declares none. */
  public static String mediaTypeOf(byte[] json, String fallback) {
    Map<String, Object> n = Json.parseObject(json, "document");
    String mt = Json.text(n, "mediaType", "");
    if (!mt.isEmpty()) {
      return mt;
    }
    return n.containsKey("manifests") ? MediaTypes.OCI_INDEX : fallback;
  }

  public static List<Descriptor> indexEntries(byte[] json) {
    List<Descriptor> out = new ArrayList<>();
    for (Object m : Json.array(Json.parseObject(json, "index"), "manifests")) {
      out.add(descriptor(m));
    }
    return out;
  }

  public static Manifest manifest(byte[] json) {
    Map<String, Object> n = Json.parseObject(json, "manifest");
    if (Json.number(n, "schemaVersion", 0) != 2 || !n.containsKey("config")) {
      throw new IllegalArgumentException("manifest is not an OCI or Docker schema-2 manifest");
    }
    List<Descriptor> layers = new ArrayList<>();
    for (Object l : Json.array(n, "layers")) {
      Descriptor d = descriptor(l);
      if (!MediaTypes.LAYERS.contains(d.mediaType())) {
        throw new IllegalArgumentException("layer " + d.digest() + " has unsupported media type '"
            + d.mediaType() + "'");
      }
      layers.add(d);
    }
    return new Manifest(Json.text(n, "mediaType", MediaTypes.OCI_MANIFEST), descriptor(n.get("config")),
        layers);
  }

  public static ImageConfig config(byte[] json) {
    Map<String, Object> n = Json.parseObject(json, "image config");
    Map<String, Object> c = Json.object(n, "config");
    List<String> diffIds = Json.strings(Json.array(Json.object(n, "rootfs"), "diff_ids"));
    return new ImageConfig(Json.strings(Json.array(c, "Env")), Json.strings(Json.array(c, "Entrypoint")),
        Json.strings(Json.array(c, "Cmd")), Json.text(c, "WorkingDir", ""), Json.text(c, "User", ""),
        diffIds, Json.text(n, "os", ""), Json.text(n, "architecture", ""));
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

  private static Descriptor descriptor(Object json) {
    if (!(json instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("descriptor is not a JSON object: " + json);
    }
    Map<String, Object> n = Json.asObject(json);
    String platform = null;
    if (n.get("platform") instanceof Map<?, ?>) {
      Map<String, Object> p = Json.object(n, "platform");
      String variant = Json.text(p, "variant", null);
      platform = Json.text(p, "os", "") + "/" + Json.text(p, "architecture", "")
          + (variant != null ? "/" + variant : "");
    }
    Map<String, String> ann = new LinkedHashMap<>();
    Json.object(n, "annotations").forEach((k, v) -> ann.put(k, v == null ? "" : v.toString()));
    return new Descriptor(Json.text(n, "mediaType", ""),
        Digests.require(Json.text(n, "digest", null), "descriptor digest"), Json.number(n, "size", 0),
        platform, ann);
  }
}
