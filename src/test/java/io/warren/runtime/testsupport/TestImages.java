package io.warren.runtime.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.runtime.image.Digests;
import io.warren.runtime.image.MediaTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Builds test images from the host's static busybox ({@code busybox-static}) as OCI layout tar
 * archives: deterministic (mtime 0), so the same image has the same digests in every run.
 */
public final class TestImages {
  public static final Path BUSYBOX = Path.of("/bin/busybox");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> APPLETS = List.of("sh", "sleep", "cat", "id", "echo", "ls", "env",
      "dd", "true", "false", "hostname", "mkdir", "touch", "head", "wc", "kill", "ps", "grep", "stat",
      "mount", "whoami", "printf", "seq", "test", "pwd", "rm", "httpd", "awk", "tail");
  public static final String PASSWD = "root:x:0:0:root:/root:/bin/sh\n"
      + "app:x:1000:1000:app:/home/app:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n";
  public static final String GROUP = "root:x:0:\napp:x:1000:\nstaff:x:50:app\nnogroup:x:65534:\n";

  private TestImages() {}

  /** A layer blob with its diff id. */
  public record Layer(byte[] blob, String mediaType, String diffId) {}

  /**
   * One-layer busybox image (uncompressed layer) with /etc/passwd and /etc/group.
   *
   * @param name stored in the index as io.containerd.image.name
   */
  public static Path busybox(Path out, String name) throws IOException {
    return write(out, name, List.of(layer(rootfs(true), false)), "amd64");
  }

  /** Two gzip layers: busybox, then /etc files and /hello.txt. */
  public static Path multiLayerGzip(Path out, String name) throws IOException {
    return write(out, name, List.of(layer(rootfs(false), true), layer(etcLayer(), true)), "amd64");
  }

  /** A busybox image whose config claims another architecture. */
  public static Path foreignPlatform(Path out, String name) throws IOException {
    return write(out, name, List.of(layer(rootfs(true), false)), "arm64");
  }

  private static byte[] rootfs(boolean withEtc) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarWriter t = new TarWriter(bytes)) {
      for (String d : List.of("bin", "etc", "tmp", "proc", "sys", "dev", "run", "home", "home/app", "root")) {
        t.dir(d);
      }
      t.file("bin/busybox", Files.readAllBytes(BUSYBOX), 0755);
      for (String a : APPLETS) {
        t.symlink("bin/" + a, "busybox");
      }
      if (withEtc) {
        t.file("etc/passwd", PASSWD.getBytes(StandardCharsets.UTF_8), 0644);
        t.file("etc/group", GROUP.getBytes(StandardCharsets.UTF_8), 0644);
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] etcLayer() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarWriter t = new TarWriter(bytes)) {
      t.dir("etc");
      t.file("etc/passwd", PASSWD.getBytes(StandardCharsets.UTF_8), 0644);
      t.file("etc/group", GROUP.getBytes(StandardCharsets.UTF_8), 0644);
      t.file("hello.txt", "hello from layer 2\n".getBytes(StandardCharsets.UTF_8), 0644);
    }
    return bytes.toByteArray();
  }

  private static Layer layer(byte[] tar, boolean gzip) throws IOException {
    if (!gzip) {
      return new Layer(tar, MediaTypes.OCI_LAYER, Digests.of(tar));
    }
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
      g.write(tar);
    }
    return new Layer(gz.toByteArray(), MediaTypes.OCI_LAYER_GZIP, Digests.of(tar));
  }

  private static Path write(Path out, String name, List<Layer> layers, String arch) throws IOException {
    List<byte[]> blobs = new ArrayList<>();
    ObjectNode config = JSON.createObjectNode();
    config.put("architecture", arch);
    config.put("os", "linux");
    ObjectNode c = config.putObject("config");
    c.putArray("Env").add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
        .add("IMAGE_VAR=from-image");
    c.putArray("Cmd").add("sh");
    c.put("WorkingDir", "/");
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode diffIds = rootfs.putArray("diff_ids");
    layers.forEach(l -> diffIds.add(l.diffId()));
    byte[] configBytes = JSON.writeValueAsBytes(config);
    blobs.add(configBytes);

    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
    manifest.set("config", desc(MediaTypes.OCI_CONFIG, configBytes));
    ArrayNode ls = manifest.putArray("layers");
    for (Layer l : layers) {
      ls.add(desc(l.mediaType(), l.blob()));
      blobs.add(l.blob());
    }
    byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
    blobs.add(manifestBytes);

    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaTypes.OCI_INDEX);
    ObjectNode entry = desc(MediaTypes.OCI_MANIFEST, manifestBytes);
    ObjectNode ann = entry.putObject("annotations");
    ann.put("io.containerd.image.name", name);
    ann.put("org.opencontainers.image.ref.name", name.substring(name.lastIndexOf(':') + 1));
    index.putArray("manifests").add(entry);

    Files.createDirectories(out.getParent());
    try (TarWriter t = new TarWriter(Files.newOutputStream(out))) {
      t.file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8), 0644);
      t.dir("blobs");
      t.dir("blobs/sha256");
      for (byte[] b : blobs) {
        t.file("blobs/sha256/" + Digests.of(b).substring(7), b, 0644);
      }
      t.file("index.json", JSON.writeValueAsBytes(index), 0644);
    }
    return out;
  }

  private static ObjectNode desc(String mediaType, byte[] blob) {
    ObjectNode d = JSON.createObjectNode();
    d.put("mediaType", mediaType);
    d.put("digest", Digests.of(blob));
    d.put("size", blob.length);
    return d;
  }
}
