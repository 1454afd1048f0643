package io.warren.runtime.containerd;

import io.warren.runtime.image.Descriptor;
import io.warren.runtime.image.MediaTypes;
import io.warren.runtime.image.TarReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Resolves a container user ("", "uid[:gid]", "name[:group]") against the image's /etc/passwd and
 * /etc/group, read straight from the image's layers in the content store (top layer first), so no
 * snapshot needs mounting.
 */
public final class UserResolver {
  private final ContentStore content;

  public UserResolver(ContentStore content) {
    this.content = content;
  }

  public record User(long uid, long gid) {
    public static final User ROOT = new User(0, 0);
  }

  public User resolve(String user, ResolvedImage image) throws IOException {
    if (user == null || user.isEmpty()) {
      return User.ROOT;
    }
    String[] parts = user.split(":", 2);
    String u = parts[0];
    String g = parts.length > 1 ? parts[1] : null;
    if (u.isEmpty() || (g != null && g.isEmpty())) {
      throw new IllegalArgumentException("user '" + user + "' is malformed (want uid[:gid] or name[:group])");
    }
    long uid;
    Long gid = null;
    if (u.chars().allMatch(Character::isDigit)) {
      uid = Long.parseLong(u);
      if (g == null) {
        Optional<String[]> entry = find(image, "etc/passwd", e -> e.length > 3 && e[2].equals(u));
        gid = entry.map(e -> Long.parseLong(e[3])).orElse(0L);
      }
    } else {
      String[] e = find(image, "etc/passwd", x -> x.length > 3 && x[0].equals(u)).orElseThrow(() ->
          new IllegalArgumentException("user '" + u + "' is not in the image's /etc/passwd (" + image.name() + ")"));
      uid = Long.parseLong(e[2]);
      gid = Long.parseLong(e[3]);
    }
    if (g != null) {
      if (g.chars().allMatch(Character::isDigit)) {
        gid = Long.parseLong(g);
      } else {
        String[] e = find(image, "etc/group", x -> x.length > 2 && x[0].equals(g)).orElseThrow(() ->
            new IllegalArgumentException("user '" + user + "': group '" + g
                + "' is not in the image's /etc/group (" + image.name() + ")"));
        gid = Long.parseLong(e[2]);
      }
    }
    return new User(uid, gid);
  }

  private Optional<String[]> find(ResolvedImage image, String file,
      java.util.function.Predicate<String[]> match) throws IOException {
    byte[] data = readFile(image, file);
    if (data == null) {
      return Optional.empty();
    }
    for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
      String[] f = line.split(":", -1);
      if (!line.startsWith("#") && match.test(f)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The file's content in the top-most layer that has it, or null (also null if whited out). */
  private byte[] readFile(ResolvedImage image, String file) throws IOException {
    List<Descriptor> layers = image.manifest().layers();
    String whiteout = file.substring(0, file.lastIndexOf('/') + 1) + ".wh." + file.substring(file.lastIndexOf('/') + 1);
    for (int i = layers.size() - 1; i >= 0; i--) {
      Descriptor l = layers.get(i);
      try (InputStream raw = new BufferedInputStream(content.open(l.digest()), 1 << 16);
           InputStream in = MediaTypes.isGzipLayer(l.mediaType()) ? new GZIPInputStream(raw, 1 << 16) : raw) {
        TarReader tar = new TarReader(in);
        TarReader.Entry e;
        while ((e = tar.next()) != null) {
          String name = e.name().startsWith("./") ? e.name().substring(2) : e.name();
          name = name.startsWith("/") ? name.substring(1) : name;
          if (name.equals(whiteout)) {
            return null;
          }
          if (name.equals(file) && e.isFile()) {
            return tar.content().readAllBytes();
          }
        }
      }
    }
    return null;
  }
}
