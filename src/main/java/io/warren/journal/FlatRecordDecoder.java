package io.warren.journal;

import static io.warren.journal.FlatWire.*; // the field headers and value codes

import io.warren.task.RestartPolicy;
import io.warren.task.TaskSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The replay fast path: decodes every v1 record type (the flat ones, Transition, EffectIntent,
 * EffectOutcome, ManagerAck, Reap, NodeIdentity, and the nested TaskAssigned and Checkpoint)
 * straight from a record body's bytes, which {@link RecordCodec} has already copied into an array
 * to checksum them. Nested objects and sequences are Chronicle's length-prefixed values: the length
 * bounds each, and the nested object must end exactly there.
 *
 * <p>It reads exactly the format v1 specifies (FORMAT.md §2): the same Chronicle BINARY_LIGHT
 * encoding, field by field in the listed order, and it <em>checks every field name</em> byte for
 * byte against the expected one (precomputed, so no String is built per field). Profiles showed
 * Chronicle's general reader spending most of replay parsing and interning field names and
 * text; comparing bytes costs a fraction of that.
 *
 * <p>It only decodes what it is sure of: the few Chronicle value codes our writer produces for
 * these fields, ASCII text, length-prefixed nested objects and sequences. Anything else (another
 * value code, non-ASCII text, an unexpected field name, a nested length that does not match its
 * content, bytes left over, an unknown record type) makes
 * {@link #decode} return {@code null} and the caller reads the record with Chronicle's general
 * wire reader, which gives the record or the damage verdict exactly as before. So this class can
 * make replay faster but never changes what a journal reads as.
 *
 * <p>Not thread-safe (each {@link RecordCodec} owns one).
 */
final class FlatRecordDecoder {

  // record types this class decodes: an index into TYPE_TEXTS
  private static final int TRANSITION = 0;
  private static final int EFFECT_INTENT = 1;
  private static final int EFFECT_OUTCOME = 2;
  private static final int MANAGER_ACK = 3;
  private static final int REAP = 4;
  private static final int NODE_IDENTITY = 5;
  private static final int TASK_ASSIGNED = 6;
  private static final int CHECKPOINT = 7;
  /** Their names as encoded text values (code + bytes). */
  private static final byte[][] TYPE_TEXTS = {
      encodedText("Transition"), encodedText("EffectIntent"), encodedText("EffectOutcome"),
      encodedText("ManagerAck"), encodedText("Reap"), encodedText("NodeIdentity"),
      encodedText("TaskAssigned"), encodedText("Checkpoint")};

  private static final EffectOutcome.Result[] RESULTS = EffectOutcome.Result.values();

  /** Thrown (without a stack trace) when the bytes use something this class does not decode. */
  private static final RuntimeException NOT_FLAT = new RuntimeException("not a flat v1 record", null,
      false, false) {};

  private final TextCache texts = new TextCache();
  private byte[] buf;
  private int pos;
  private int end;

  /**
   * Decodes the body after the crc field, {@code buf[from..to)}, whose checksum has been verified.
   *
   * @return the record, or {@code null} when the general reader must decide
   * @throws UnsupportedRecordVersionException for a record of a version this code does not read
   */
  JournalRecord decode(byte[] body, int from, int to) {
    try {
      int type = header(body, from, to);
      if (type < 0) {
        return null;
      }
      JournalRecord r = fields(type);
      return pos == end ? r : null;
    } catch (UnsupportedRecordVersionException e) {
      throw e;
    } catch (RuntimeException e) {
      // NOT_FLAT, a bound overrun, or a value a record constructor rejects: the general reader
      // reproduces the exact v1 verdict for these
      return null;
    } finally {
      buf = null;
    }
  }

  /**
   * Whether the body after the crc field, whose checksum has been verified, is a Checkpoint,
   * judged by its {@code type} and {@code v} header alone: the fields are not decoded.
   *
   * @return {@link Boolean#TRUE} or {@link Boolean#FALSE} for a record of a type this class
   *     decodes and a version this code reads; {@code null} when the general reader must decide
   * @throws UnsupportedRecordVersionException for a record of a version this code does not read
   */
  Boolean isCheckpoint(byte[] body, int from, int to) {
    try {
      int type = header(body, from, to);
      return type < 0 ? null : type == CHECKPOINT;
    } catch (UnsupportedRecordVersionException e) {
      throw e;
    } catch (RuntimeException e) {
      return null;
    } finally {
      buf = null;
    }
  }

  /**
   * Reads the {@code type} and {@code v} fields at the start of {@code body[from..to)} and leaves
   * the position after them.
   *
   * @return the record type, or -1 when the general reader must decide (another type, a version
   *     outside the readable range that this class cannot name)
   */
  private int header(byte[] body, int from, int to) {
    buf = body;
    pos = from;
    end = to;
    field(TYPE);
    int type = typeId();
    field(VERSION);
    long version = number();
    if (version > JournalRecord.FORMAT_VERSION || version < RecordCodec.MIN_COMPAT_VERSION) {
      if (type < 0 || version != (int) version) {
        return -1; // let the general reader name it
      }
      throw new UnsupportedRecordVersionException(typeName(type), (int) version);
    }
    return type;
  }

  private JournalRecord fields(int type) {
    switch (type) {
      case TRANSITION:
        return new Transition(int64(TIME), text(TASK_ID), int32(ATTEMPT), text(FROM), text(TO),
            text(EVENT), text(REASON));
      case EFFECT_INTENT:
        return new EffectIntent(int64(TIME), text(TASK_ID), int32(ATTEMPT), int64(EFFECT_SEQ),
            text(EFFECT), text(CONTAINER_ID));
      case EFFECT_OUTCOME:
        return new EffectOutcome(int64(TIME), text(TASK_ID), int32(ATTEMPT), int64(EFFECT_SEQ),
            text(EFFECT), text(CONTAINER_ID), result(text(RESULT)), text(ERROR), map(DETAILS));
      case MANAGER_ACK:
        return new ManagerAck(int64(TIME), text(TASK_ID), text(ACTUAL_STATE), text(ERROR));
      case REAP:
        return new Reap(int64(TIME), text(CONTAINER_ID), text(TASK_ID), text(REASON),
            bool(DRY_RUN));
      case NODE_IDENTITY:
        return new NodeIdentity(int64(TIME), text(NODE_ID), text(MANAGER_ADDRESS),
            text(NAMESPACE));
      case TASK_ASSIGNED: {
        long time = int64(TIME);
        int stop = nested(SPEC);
        TaskSpec spec = spec();
        end(stop);
        return new TaskAssigned(time, spec);
      }
      case CHECKPOINT: {
        long time = int64(TIME);
        String node = text(NODE_ID);
        int stop = nested(TASKS);
        List<Checkpoint.TaskSnapshot> tasks = new ArrayList<>();
        while (pos < stop) {
          tasks.add(snapshot());
        }
        end(stop);
        return new Checkpoint(time, node, tasks);
      }
      default:
        throw NOT_FLAT;
    }
  }

  // ---------------------------------------------------------------- nested objects

  private Checkpoint.TaskSnapshot snapshot() {
    int stop = nestedValue();
    String taskId = text(TASK_ID);
    int attempt = int32(ATTEMPT);
    String state = text(STATE);
    String desired = text(DESIRED_STATE);
    String containerId = text(CONTAINER_ID);
    long updated = int64(UPDATED_AT);
    TaskSpec spec = null;
    if (bool(HAS_SPEC)) {
      int specStop = nested(SPEC);
      spec = spec();
      end(specStop);
    }
    Map<String, String> vars = map(VARS);
    String lastAck = text(LAST_ACK);
    end(stop);
    return new Checkpoint.TaskSnapshot(taskId, attempt, state, desired, containerId, updated, spec,
        vars, lastAck);
  }

  private TaskSpec spec() {
    String taskId = text(TASK_ID);
    String serviceId = text(SERVICE_ID);
    String serviceName = text(SERVICE_NAME);
    String image = text(IMAGE);
    List<String> command = strings(COMMAND);
    Map<String, String> env = map(ENV);
    int stop = nested(RESOURCES);
    TaskSpec.Resources resources = new TaskSpec.Resources(int64(CPU_SHARES), int64(MEMORY_BYTES),
        int64(MEMORY_RESERVATION));
    end(stop);
    stop = nested(RESTART_POLICY);
    RestartPolicy restart = new RestartPolicy(RestartPolicy.Condition.parse(text(CONDITION)),
        int32(MAX_ATTEMPTS), int32(DELAY_SECONDS));
    end(stop);
    TaskSpec.HealthCheck health = null;
    if (bool(HAS_HEALTH_CHECK)) {
      stop = nested(HEALTH_CHECK);
      health = new TaskSpec.HealthCheck(text(TYPE), text(HTTP_PATH), int32(HTTP_PORT),
          text(HTTP_SCHEME), int32(TCP_PORT), strings(EXEC_COMMAND), int32(INTERVAL_SECONDS),
          int32(TIMEOUT_SECONDS), int32(RETRIES), int32(START_PERIOD_SECONDS));
      end(stop);
    }
    List<TaskSpec.VolumeMount> volumes = new ArrayList<>();
    stop = nested(VOLUMES);
    while (pos < stop) {
      int item = nestedValue();
      volumes.add(new TaskSpec.VolumeMount(text(SOURCE), text(TARGET), bool(READ_ONLY)));
      end(item);
    }
    end(stop);
    List<String> secrets = strings(SECRETS);
    int stopTimeout = int32(STOP_TIMEOUT_SECONDS);
    List<TaskSpec.PortMapping> ports = new ArrayList<>();
    stop = nested(PORTS);
    while (pos < stop) {
      int item = nestedValue();
      ports.add(new TaskSpec.PortMapping(text(NAME), int32(CONTAINER_PORT), int32(HOST_PORT),
          text(PROTOCOL), text(PUBLISH_MODE)));
      end(item);
    }
    end(stop);
    return new TaskSpec(taskId, serviceId, serviceName, image, command, env, resources, restart,
        health, volumes, secrets, stopTimeout, ports);
  }

  /** The named field's nested object or sequence; returns where it ends. */
  private int nested(byte[] name) {
    field(name);
    return nestedValue();
  }

  /** A nested object or sequence value ({@code 82}, 4-byte length); returns where it ends. */
  private int nestedValue() {
    if (u8() != BYTES_LENGTH32) {
      throw NOT_FLAT;
    }
    long len = le(4);
    if (len > end - pos) {
      throw NOT_FLAT;
    }
    return pos + (int) len;
  }

  /** The nested value must end exactly at {@code stop}. */
  private void end(int stop) {
    if (pos != stop) {
      throw NOT_FLAT;
    }
  }

  /** A sequence of texts; null reads as "" (v1 rule). */
  private List<String> strings(byte[] name) {
    int stop = nested(name);
    List<String> out = new ArrayList<>();
    while (pos < stop) {
      String s = textValue();
      out.add(s == null ? "" : s);
    }
    end(stop);
    return out;
  }

  // ---------------------------------------------------------------- fields and values

  /** Consumes the expected field header (code + name bytes) or gives up. */
  private void field(byte[] expected) {
    int n = expected.length;
    if (end - pos < n || !Arrays.equals(buf, pos, pos + n, expected, 0, n)) {
      throw NOT_FLAT;
    }
    pos += n;
  }

  private long int64(byte[] name) {
    field(name);
    return number();
  }

  private int int32(byte[] name) {
    field(name);
    long v = number();
    if (v != (int) v) {
      throw NOT_FLAT;
    }
    return (int) v;
  }

  private boolean bool(byte[] name) {
    field(name);
    int code = u8();
    if (code == TRUE) {
      return true;
    }
    if (code == FALSE) {
      return false;
    }
    throw NOT_FLAT;
  }

  private String text(byte[] name) {
    field(name);
    String s = textValue();
    return s == null ? "" : s;
  }

  /** A Chronicle integer as {@code int64()}/{@code int32()} write it (smallest exact form). */
  private long number() {
    int code = u8();
    switch (code) {
      case UINT8:
        return u8();
      case INT8:
        return (byte) u8();
      case UINT16:
        return le(2);
      case INT16:
        return (short) le(2);
      case INT32:
        return (int) le(4);
      case UINT32:
        return le(4);
      case INT64:
        return le(8);
      case FLOAT32: {
        // Chronicle writes a long as a float when the float holds it exactly (e.g. 2^32)
        float f = Float.intBitsToFloat((int) le(4));
        long v = (long) f;
        if ((float) v != f) {
          throw NOT_FLAT;
        }
        return v;
      }
      default:
        throw NOT_FLAT;
    }
  }

  /** A text value; {@code null} for Chronicle's null. Only ASCII: other text goes the general way. */
  private String textValue() {
    int code = u8();
    int len;
    if (code >= STRING_0) {
      len = code - STRING_0;
    } else if (code == STRING_ANY) {
      len = stopBitLength();
    } else if (code == NULL) {
      return null;
    } else {
      throw NOT_FLAT;
    }
    if (len > end - pos) {
      throw NOT_FLAT;
    }
    for (int i = pos, stop = pos + len; i < stop; i++) {
      if (buf[i] < 0) {
        throw NOT_FLAT; // non-ASCII: Chronicle's UTF-8 rules decide
      }
    }
    String s = texts.text(buf, pos, len);
    pos += len;
    return s;
  }

  /** A map is a sequence of alternating key and value texts (FORMAT.md §2). */
  private Map<String, String> map(byte[] name) {
    int stop = nested(name);
    Map<String, String> out = new HashMap<>();
    while (pos < stop) {
      String key = textValue();
      String value = textValue();
      if (key == null || pos > stop) {
        throw NOT_FLAT;
      }
      out.put(key, value == null ? "" : value);
    }
    end(stop);
    return out;
  }

  private static EffectOutcome.Result result(String name) {
    for (EffectOutcome.Result r : RESULTS) {
      if (r.name().equals(name)) {
        return r;
      }
    }
    throw NOT_FLAT;
  }

  /** The record type, as an index into {@link #TYPE_TEXTS}, or -1 for any other type text. */
  private int typeId() {
    for (int i = 0; i < TYPE_TEXTS.length; i++) {
      byte[] t = TYPE_TEXTS[i];
      if (end - pos >= t.length && Arrays.equals(buf, pos, pos + t.length, t, 0, t.length)) {
        pos += t.length;
        return i;
      }
    }
    if (textValue() == null) { // skip another type's text; the general reader handles it
      throw NOT_FLAT;
    }
    return -1;
  }

  private static String typeName(int type) {
    byte[] t = TYPE_TEXTS[type];
    return new String(t, 1, t.length - 1, StandardCharsets.ISO_8859_1);
  }

  private int stopBitLength() {
    int value = 0;
    for (int shift = 0; shift <= 21; shift += 7) {
      int b = u8();
      value |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw NOT_FLAT;
  }

  private int u8() {
    if (pos >= end) {
      throw NOT_FLAT;
    }
    return buf[pos++] & 0xFF;
  }

  /** {@code n} bytes, little-endian, unsigned. */
  private long le(int n) {
    if (end - pos < n) {
      throw NOT_FLAT;
    }
    long v = 0;
    for (int i = n - 1; i >= 0; i--) {
      v = (v << 8) | (buf[pos + i] & 0xFF);
    }
    pos += n;
    return v;
  }
}
