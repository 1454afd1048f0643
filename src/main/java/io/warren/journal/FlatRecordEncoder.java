package io.warren.journal;

import static io.warren.journal.FlatWire.ACTUAL_STATE;
import static io.warren.journal.FlatWire.ATTEMPT;
import static io.warren.journal.FlatWire.BYTES_LENGTH32;
import static io.warren.journal.FlatWire.CONTAINER_ID;
import static io.warren.journal.FlatWire.DETAILS;
import static io.warren.journal.FlatWire.DRY_RUN;
import static io.warren.journal.FlatWire.EFFECT;
import static io.warren.journal.FlatWire.EFFECT_SEQ;
import static io.warren.journal.FlatWire.ERROR;
import static io.warren.journal.FlatWire.EVENT;
import static io.warren.journal.FlatWire.FALSE;
import static io.warren.journal.FlatWire.FLOAT32;
import static io.warren.journal.FlatWire.FROM;
import static io.warren.journal.FlatWire.INT16;
import static io.warren.journal.FlatWire.INT32;
import static io.warren.journal.FlatWire.INT64;
import static io.warren.journal.FlatWire.INT8;
import static io.warren.journal.FlatWire.MANAGER_ADDRESS;
import static io.warren.journal.FlatWire.NAMESPACE;
import static io.warren.journal.FlatWire.NODE_ID;
import static io.warren.journal.FlatWire.REASON;
import static io.warren.journal.FlatWire.RESULT;
import static io.warren.journal.FlatWire.SHORT_TEXT_MAX;
import static io.warren.journal.FlatWire.STRING_0;
import static io.warren.journal.FlatWire.STRING_ANY;
import static io.warren.journal.FlatWire.TASK_ID;
import static io.warren.journal.FlatWire.TIME;
import static io.warren.journal.FlatWire.TO;
import static io.warren.journal.FlatWire.TRUE;
import static io.warren.journal.FlatWire.TYPE;
import static io.warren.journal.FlatWire.UINT16;
import static io.warren.journal.FlatWire.UINT32;
import static io.warren.journal.FlatWire.UINT8;
import static io.warren.journal.FlatWire.VERSION;

import java.util.Arrays;
import java.util.Map;

/**
 * The append fast path, the mirror of {@link FlatRecordDecoder}: encodes the record types without
 * nested objects (Transition, EffectIntent, EffectOutcome, ManagerAck, Reap, NodeIdentity) into
 * an array, producing exactly the bytes Chronicle's BINARY_LIGHT wire writes for them (FORMAT.md
 * §2): the same field names in the same order, Chronicle's smallest exact form for each number,
 * its short and long text forms.
 *
 * <p>Why: profiles of an append showed Chronicle's wire spending about 600 ns on a Transition,
 * most of it measuring and copying field names and text through its bounds-checked buffer; plain
 * array stores do the same in about 170 ns, CRC included, which is what brings the append's p50 under 1 µs.
 *
 * <p>It only encodes what it is sure of: ASCII text (anything else is left to Chronicle's UTF-8
 * rules) and no nulls. For anything else {@link #encode} returns -1 and the caller writes the
 * record with Chronicle's wire as before. {@code FlatRecordEncoderTest} checks, over every number
 * range and text length, that both ways give the same bytes.
 *
 * <p>Not thread-safe (each {@link RecordCodec} owns one).
 */
final class FlatRecordEncoder {

  /** Thrown (without a stack trace) when a value is one this class leaves to Chronicle. */
  private static final RuntimeException NOT_FLAT = new RuntimeException("not a flat v1 value", null,
      false, false) {};

  private byte[] buf = new byte[512];
  private int pos;

  /** The encoded body; valid up to the length {@link #encode} returned. */
  byte[] buffer() {
    return buf;
  }

  /**
   * Encodes the body of {@code record} (type, version, fields; not the crc field) at {@code
   * from} in {@link #buffer()}.
   *
   * @return the end of the body, or -1 when Chronicle's wire must write this record
   */
  int encode(JournalRecord record, int from, int version) {
    pos = from;
    try {
      field(TYPE);
      asciiText(record.type());
      field(VERSION);
      number(version);
      if (!fields(record)) {
        return -1;
      }
      return pos;
    } catch (RuntimeException e) { // NOT_FLAT
      return -1;
    }
  }

  private boolean fields(JournalRecord record) {
    if (record instanceof Transition t) {
      number(TIME, t.timeMillis());
      text(TASK_ID, t.taskId());
      number(ATTEMPT, t.attempt());
      text(FROM, t.from());
      text(TO, t.to());
      text(EVENT, t.event());
      text(REASON, t.reason());
    } else if (record instanceof EffectIntent e) {
      number(TIME, e.timeMillis());
      text(TASK_ID, e.taskId());
      number(ATTEMPT, e.attempt());
      number(EFFECT_SEQ, e.effectSeq());
      text(EFFECT, e.effect());
      text(CONTAINER_ID, e.containerId());
    } else if (record instanceof EffectOutcome o) {
      number(TIME, o.timeMillis());
      text(TASK_ID, o.taskId());
      number(ATTEMPT, o.attempt());
      number(EFFECT_SEQ, o.effectSeq());
      text(EFFECT, o.effect());
      text(CONTAINER_ID, o.containerId());
      text(RESULT, o.result().name());
      text(ERROR, o.error());
      map(DETAILS, o.details());
    } else if (record instanceof ManagerAck m) {
      number(TIME, m.timeMillis());
      text(TASK_ID, m.taskId());
      text(ACTUAL_STATE, m.actualState());
      text(ERROR, m.error());
    } else if (record instanceof Reap r) {
      number(TIME, r.timeMillis());
      text(CONTAINER_ID, r.containerId());
      text(TASK_ID, r.taskId());
      text(REASON, r.reason());
      field(DRY_RUN);
      u8(r.dryRun() ? TRUE : FALSE);
    } else if (record instanceof NodeIdentity n) {
      number(TIME, n.timeMillis());
      text(NODE_ID, n.nodeId());
      text(MANAGER_ADDRESS, n.managerAddress());
      text(NAMESPACE, n.namespace());
    } else {
      return false;
    }
    return true;
  }

  // ---------------------------------------------------------------- fields and values

  private void field(byte[] encodedName) {
    ensure(encodedName.length);
    System.arraycopy(encodedName, 0, buf, pos, encodedName.length);
    pos += encodedName.length;
  }

  private void number(byte[] name, long value) {
    field(name);
    number(value);
  }

  private void text(byte[] name, String value) {
    field(name);
    asciiText(value);
  }

  /** Chronicle's {@code writeNumber}: the smallest code that holds the value exactly. */
  private void number(long v) {
    ensure(9);
    if (v >= 0) {
      if (v <= 0xFF) {
        u8(UINT8);
        u8((int) v);
      } else if (v <= Short.MAX_VALUE) {
        u8(INT16);
        le(v, 2);
      } else if (v <= 0xFFFF) {
        u8(UINT16);
        le(v, 2);
      } else if (v <= Integer.MAX_VALUE) {
        u8(INT32);
        le(v, 4);
      } else if (v <= 0xFFFF_FFFFL) {
        u8(UINT32);
        le(v, 4);
      } else {
        wide(v);
      }
    } else if (v >= Byte.MIN_VALUE) {
      u8(INT8);
      u8((int) v & 0xFF);
    } else if (v >= Short.MIN_VALUE) {
      u8(INT16);
      le(v, 2);
    } else if (v >= Integer.MIN_VALUE) {
      u8(INT32);
      le(v, 4);
    } else {
      wide(v);
    }
  }

  /** Beyond 32 bits Chronicle writes a float when one holds the value exactly. */
  private void wide(long v) {
    float f = (float) v;
    if ((long) f == v) {
      u8(FLOAT32);
      le(Float.floatToRawIntBits(f), 4);
    } else {
      u8(INT64);
      le(v, 8);
    }
  }

  /** Chronicle's {@code text}: STRING_0 + length for up to 31 bytes, else STRING_ANY + stop bit. */
  private void asciiText(String s) {
    if (s == null) {
      throw NOT_FLAT;
    }
    int n = s.length();
    ensure(n + 6);
    if (n <= SHORT_TEXT_MAX) {
      u8(STRING_0 + n);
    } else {
      u8(STRING_ANY);
      stopBit(n);
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        throw NOT_FLAT; // UTF-8: Chronicle's rules decide
      }
      buf[pos++] = (byte) c;
    }
  }

  /** A map as a sequence of alternating key and value texts, length-prefixed (FORMAT.md §2). */
  private void map(byte[] name, Map<String, String> map) {
    field(name);
    ensure(5);
    u8(BYTES_LENGTH32);
    int lengthAt = pos;
    pos += 4;
    for (Map.Entry<String, String> e : map.entrySet()) {
      asciiText(e.getKey());
      asciiText(e.getValue());
    }
    int length = pos - lengthAt - 4;
    int end = pos;
    pos = lengthAt;
    le(length, 4);
    pos = end;
  }

  private void stopBit(int n) {
    long v = n;
    while (v >= 0x80) {
      u8((int) (v & 0x7F) | 0x80);
      v >>>= 7;
    }
    u8((int) v);
  }

  private void u8(int b) {
    buf[pos++] = (byte) b;
  }

  private void le(long v, int n) {
    for (int i = 0; i < n; i++) {
      buf[pos++] = (byte) (v >>> (8 * i));
    }
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }
}
