package io.warren.runtime.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Extracts an image archive (tar, optionally gzip) into a temporary directory, refusing escapes. */
final class ArchiveExtractor {
  private ArchiveExtractor() {}

  static Path extract(Path archive) throws IOException {
    Path dir = Files.createTempDirectory("warren-import-");
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
      raw.mark(2);
      boolean gz = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw;
      TarReader tar = new TarReader(in);
      TarReader.Entry e;
      boolean any = false;
      while ((e = tar.next()) != null) {
        any = true;
        if (!e.isFile()) {
          continue;
        }
        Path target = dir.resolve(e.name()).normalize();
        if (!target.startsWith(dir)) {
          throw new IllegalArgumentException("file: archive entry '" + e.name() + "' escapes the archive");
        }
        Files.createDirectories(target.getParent());
        Files.copy(tar.content(), target, StandardCopyOption.REPLACE_EXISTING);
      }
      if (!any) {
        throw new IllegalArgumentException("file: " + archive + " is not a tar archive");
      }
    } catch (IOException | RuntimeException ex) {
      delete(dir);
      throw ex;
    }
    return dir;
  }

  static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // temp dir: best effort
    }
  }
}
