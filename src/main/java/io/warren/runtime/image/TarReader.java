package io.warren.runtime.image;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal streaming reader of ustar/GNU/pax tar archives: enough for image archives and layers
 * (regular files, links, long names via pax "path" or GNU 'L' records).
 */
public final class TarReader {
  private final InputStream in;
  private long remaining;
  private long padding;

  public TarReader(InputStream in) {
    this.in = in;
  }

  /** A tar entry; {@code type} is the raw typeflag ('0' or NUL = file, '5' = dir, '2' = symlink). */
  public record Entry(String name, long size, char type, String linkName) {
    public boolean isFile() {
      return type == '0' || type == '\0' || type == '7';
    }
  }

  /** The next entry, or null at the end; skips whatever of the previous entry was not read. */
  public Entry next() throws IOException {
    skipRest();
    String longName = null;
    while (true) {
      byte[] h = in.readNBytes(512);
      if (h.length < 512 || isZero(h)) {
        return null;
      }
      String name = str(h, 0, 100);
      long size = octal(h, 124, 12);
      char type = (char) h[156];
      String link = str(h, 157, 100);
      String prefix = str(h, 345, 155);
      if (!prefix.isEmpty() && "ustar".equals(str(h, 257, 5))) {
        name = prefix + "/" + name;
      }
      if (type == 'x' || type == 'L') {
        byte[] data = readFully(size);
        if (type == 'L') {
          longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
        } else {
          String p = paxPath(new String(data, StandardCharsets.UTF_8));
          if (p != null) {
            longName = p;
          }
        }
        continue;
      }
      if (type == 'g') {
        readFully(size);
        continue;
      }
      remaining = (type == '0' || type == '\0' || type == '7') ? size : size;
      padding = (512 - size % 512) % 512;
      return new Entry(longName != null ? longName : name, size, type, link);
    }
  }

  /** The current entry's content; read before calling {@link #next()} again. */
  public InputStream content() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] b = new byte[1];
        return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
          return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
          throw new EOFException("tar entry truncated");
        }
        remaining -= n;
        return n;
      }
    };
  }

  private void skipRest() throws IOException {
    long skip = remaining + padding;
    remaining = 0;
    padding = 0;
    while (skip > 0) {
      long n = in.skip(skip);
      if (n <= 0) {
        if (in.read() < 0) {
          throw new EOFException("tar archive truncated");
        }
        n = 1;
      }
      skip -= n;
    }
  }

  private byte[] readFully(long size) throws IOException {
    byte[] data = in.readNBytes((int) size);
    if (data.length < size) {
      throw new EOFException("tar archive truncated");
    }
    in.readNBytes((int) ((512 - size % 512) % 512));
    return data;
  }

  private static String paxPath(String records) {
    for (String rec : records.split("\n")) {
      int sp = rec.indexOf(' ');
      if (sp > 0 && rec.startsWith("path=", sp + 1)) {
        return rec.substring(sp + 6);
      }
    }
    return null;
  }

  private static boolean isZero(byte[] h) {
    for (byte b : h) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static String str(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] h, int off, int len) throws IOException {
    if ((h[off] & 0x80) != 0) { // GNU base-256 for huge sizes
      long v = h[off] & 0x7f;
      for (int i = 1; i < len; i++) {
        v = (v << 8) | (h[off + i] & 0xff);
      }
      return v;
    }
    String s = str(h, off, len).trim();
    try {
      return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    } catch (NumberFormatException e) {
      throw new IOException("tar header has a bad size field '" + s + "'", e);
    }
  }
}
