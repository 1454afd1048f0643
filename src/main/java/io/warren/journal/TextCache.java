package io.warren.journal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One String per distinct short ASCII text read by a replay: a journal repeats the same task ids,
 * container ids, states, events and effects in nearly every record, and a replay of ~100 k
 * records otherwise holds each copy at once. Measured at a worker's start with ~100 k records
 * replayed: the live heap and the garbage collections it drove (up to 7 full collections, ~0.7 s
 * of pauses) were mostly these copies (docs/benchmarks-recovery.md).
 *
 * <p>Direct-mapped: a text whose slot holds another text replaces it, so the table stays small
 * (at most {@value #SLOTS} texts of up to {@value #MAX_LENGTH} bytes) whatever the journal holds.
 * Not thread-safe (each {@link FlatRecordDecoder} owns one).
 */
final class TextCache {

  static final int SLOTS = 2048;
  static final int MAX_LENGTH = 80;

  private final byte[][] keys = new byte[SLOTS][];
  private final String[] values = new String[SLOTS];

  /** The ASCII text {@code buf[from..from+len)}, the same instance as last time if cached. */
  String text(byte[] buf, int from, int len) {
    if (len > MAX_LENGTH) {
      return new String(buf, from, len, StandardCharsets.ISO_8859_1);
    }
    int h = len;
    for (int i = from, end = from + len; i < end; i++) {
      h = 31 * h + buf[i];
    }
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    byte[] key = keys[slot];
    if (key != null && Arrays.equals(key, 0, key.length, buf, from, from + len)) {
      return values[slot];
    }
    String s = new String(buf, from, len, StandardCharsets.ISO_8859_1);
    keys[slot] = Arrays.copyOfRange(buf, from, from + len);
    values[slot] = s;
    return s;
  }
}
