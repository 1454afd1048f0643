package io.warren.runtime.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes deterministic ustar archives (mtime 0, root owner) for test images. */
public final class TarWriter implements AutoCloseable {
  private final OutputStream out;

  public TarWriter(OutputStream out) {
    this.out = out;
  }

  public void dir(String name) throws IOException {
    header(name.endsWith("/") ? name : name + "/", 0, '5', "", 0755);
  }

  public void file(String name, byte[] data, int mode) throws IOException {
    header(name, data.length, '0', "", mode);
    out.write(data);
    pad(data.length);
  }

  public void symlink(String name, String target) throws IOException {
    header(name, 0, '2', target, 0777);
  }

  private void header(String name, long size, char type, String link, int mode) throws IOException {
    byte[] h = new byte[512];
    put(h, 0, 100, name);
    put(h, 100, 8, String.format("%07o", mode));
    put(h, 108, 8, "0000000");
    put(h, 116, 8, "0000000");
    put(h, 124, 12, String.format("%011o", size));
    put(h, 136, 12, "00000000000");
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    h[156] = (byte) type;
    put(h, 157, 100, link);
    put(h, 257, 6, "ustar");
    put(h, 263, 2, "00");
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, 8, String.format("%06o", sum));
    h[154] = 0;
    h[155] = ' ';
    out.write(h);
  }

  private static void put(byte[] h, int off, int len, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length > len) {
      throw new IllegalArgumentException("tar field too long: " + s);
    }
    System.arraycopy(b, 0, h, off, b.length);
  }

  private void pad(long size) throws IOException {
    int p = (int) ((512 - size % 512) % 512);
    out.write(new byte[p]);
  }

  @Override
  public void close() throws IOException {
    out.write(new byte[1024]);
    out.close();
  }
}
