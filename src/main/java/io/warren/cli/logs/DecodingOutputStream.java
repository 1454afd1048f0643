package io.warren.cli.logs;

import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes from a log file into the command's character writer (picocli's out/err, which tests
 * capture). A UTF-8 sequence split between two reads is kept until its remaining bytes arrive;
 * invalid bytes become U+FFFD instead of failing the command.
 */
final class DecodingOutputStream extends OutputStream {
  private final Writer out;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE)
      .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private ByteBuffer pending = ByteBuffer.allocate(0);

  DecodingOutputStream(Writer out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws java.io.IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws java.io.IOException {
    ByteBuffer in = ByteBuffer.allocate(pending.remaining() + len);
    in.put(pending).put(b, off, len).flip();
    CharBuffer chars = CharBuffer.allocate(in.remaining() + 1);
    decoder.decode(in, chars, false);
    chars.flip();
    out.append(chars);
    pending = in.slice(); // an incomplete trailing sequence, at most 3 bytes
  }

  @Override
  public void flush() throws java.io.IOException {
    out.flush();
  }
}
