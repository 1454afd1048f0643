package io.warren.journal;

import io.warren.task.RestartPolicy;
import io.warren.task.TaskSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.ValueIn;
import net.openhft.chronicle.wire.ValueOut;
import net.openhft.chronicle.wire.Wire;
import net.openhft.chronicle.wire.WireType;
import net.openhft.chronicle.wire.WireIn;
import net.openhft.chronicle.wire.WireOut;
import net.openhft.chronicle.wire.WriteMarshallable;

/**
 * Writes and reads journal records as Chronicle Wire documents, field by field under explicit
 * names (the layout is specified in {@code journal/FORMAT.md}). Every document is
 * {@code crc, type, v, <fields of the type>}; {@code crc} is a fixed-width CRC-32C of every byte
 * of the document after the crc field, so a torn or overwritten record is caught on read.
 *
 * <p>Not thread-safe: it keeps a scratch buffer for the checksum. Each writer and reader owns one.
 */
final class RecordCodec {

  static final String CRC = "crc";
  static final String TYPE = "type";
  static final String VERSION = "v";
  /** The oldest record version this code still reads. */
  static final int MIN_COMPAT_VERSION = 1;

  /** The {@code type} field's header and a Checkpoint's type text, as Chronicle encodes them. */
  private static final byte[] TYPE_FIELD = FlatWire.encodedField(TYPE);
  private static final byte[] CHECKPOINT_TEXT = FlatWire.encodedText("Checkpoint");

  private final CRC32C crc = new CRC32C();
  private final FlatRecordDecoder flat = new FlatRecordDecoder();
  private final FlatRecordEncoder flatOut = new FlatRecordEncoder();
  private byte[] scratch = new byte[1024];
  private byte[] generalScratch = new byte[256];
  private final Bytes<?> body = Bytes.allocateElasticOnHeap(1024);
  private final Wire bodyWire = WireType.BINARY_LIGHT.apply(body);

  RecordCodec() {
    // The owner serialises use (the journal's monitor); Chronicle's per-thread ownership check
    // would otherwise reject appends that come from different engine threads.
    body.singleThreadedCheckDisabled(true);
  }

  /** Encodes {@code record} into the open document {@code w}. */
  void write(JournalRecord record, WireOut w) {
    writeWithVersion(record, w, JournalRecord.FORMAT_VERSION);
  }

  /**
   * Exposed to tests so they can forge a record of a future version; production writes v1.
   *
   * <p>The body is encoded into an on-heap buffer first, checksummed there and then copied into
   * the document: random reads of Chronicle's mapped bytes at absolute offsets can switch its
   * mapped chunk under a document that is still open, so they are never used.
   */
  void writeWithVersion(JournalRecord record, WireOut w, int version) {
    int prefix = FlatWire.CRC_PREFIX;
    int end = flatOut.encode(record, prefix, version);
    if (end >= 0) { // the fast path: the same bytes, built in an array (FlatRecordEncoder)
      byte[] doc = flatOut.buffer();
      crc.reset();
      crc.update(doc, prefix, end - prefix);
      System.arraycopy(FlatWire.CRC_HEADER, 0, doc, 0, prefix - 4);
      int sum = (int) crc.getValue();
      for (int i = 0; i < 4; i++) {
        doc[prefix - 4 + i] = (byte) (sum >>> (8 * i));
      }
      w.bytes().write(doc, 0, end);
      return;
    }
    writeGeneral(record, w, version);
  }

  /** Chronicle's wire writes the record: every type, any text (the tests compare both ways). */
  void writeGeneral(JournalRecord record, WireOut w, int version) {
    body.clear();
    bodyWire.write(TYPE).text(record.type());
    bodyWire.write(VERSION).int32(version);
    writeFields(record, bodyWire);
    int len = Math.toIntExact(body.readRemaining());
    // an elastic on-heap buffer is backed by a byte[]: checksum and copy it in place
    byte[] heap = (byte[]) body.bytesStore().underlyingObject();
    crc.reset();
    int from = Math.toIntExact(body.readPosition());
    crc.update(heap, from, len);
    w.write(CRC).fixedInt32((int) crc.getValue());
    w.bytes().write(heap, from, len);
  }

  /**
   * Decodes the document whose bytes span readPosition..readLimit of {@code w}: copies it once
   * into an array (a streaming read, see {@link #writeWithVersion}) and reads it there as {@link
   * #read(byte[], int, int)} does.
   *
   * @throws DamagedRecordException when the bytes are not a whole, intact record
   * @throws UnsupportedRecordVersionException for a record written by a newer format
   */
  JournalRecord read(WireIn w) throws DamagedRecordException {
    int len = copy(w.bytes());
    return len < 0 ? readGeneral(w) : read(scratch, 0, len);
  }

  /**
   * Decodes the document {@code doc[off..off+len)}: checksummed and decoded in place by {@link
   * FlatRecordDecoder}. Whatever that fast path does not decode goes through {@link
   * #readGeneral}, Chronicle's general wire reader, which decides exactly as v1 always has.
   *
   * @throws DamagedRecordException when the bytes are not a whole, intact record
   * @throws UnsupportedRecordVersionException for a record written by a newer format
   */
  JournalRecord read(byte[] doc, int off, int len) throws DamagedRecordException {
    if (checked(doc, off, len)) {
      JournalRecord record = flat.decode(doc, off + FlatWire.CRC_PREFIX, off + len);
      if (record != null) {
        return record;
      }
    }
    return readGeneral(wireOver(doc, off, len));
  }

  /**
   * Verifies the document whose bytes span readPosition..readLimit of {@code w}, as {@link
   * #verify(byte[], int, int)} does.
   */
  boolean verify(WireIn w) throws DamagedRecordException {
    int len = copy(w.bytes());
    return len < 0 ? readGeneral(w) instanceof Checkpoint : verify(scratch, 0, len);
  }

  /**
   * Verifies the document {@code doc[off..off+len)} as {@link #read} does, but reads only the
   * {@code type} and {@code v} header of a record the fast path knows, not its fields: checksum
   * and version are what make a record whole and readable, and a journal's open does not need
   * the fields of records a later checkpoint covers. Whatever the fast path does not know is read
   * whole by the general reader, as by {@link #read}.
   *
   * @return whether the record is a Checkpoint
   * @throws DamagedRecordException when the bytes are not a whole, intact record
   * @throws UnsupportedRecordVersionException for a record written by a newer format
   */
  boolean verify(byte[] doc, int off, int len) throws DamagedRecordException {
    if (checked(doc, off, len)) {
      Boolean checkpoint = flat.isCheckpoint(doc, off + FlatWire.CRC_PREFIX, off + len);
      if (checkpoint != null) {
        return checkpoint;
      }
    }
    return readGeneral(wireOver(doc, off, len)) instanceof Checkpoint;
  }

  /**
   * Copies the document at the read position of {@code b} into {@link #scratch}, leaving the
   * position after it.
   *
   * @return its length, or -1 if it is too long for an array (the general reader reads it)
   */
  private int copy(Bytes<?> b) {
    long remaining = b.readRemaining();
    if (remaining > Integer.MAX_VALUE - 8) {
      return -1;
    }
    int len = (int) remaining;
    b.read(scratch(len), 0, len);
    return len;
  }

  /**
   * Checks the checksum of {@code doc[off..off+len)}.
   *
   * @return true if the document has the usual crc header and its checksum holds; false if it
   *     does not begin with the usual crc header (the general reader decides those)
   * @throws DamagedRecordException on a checksum mismatch
   */
  private boolean checked(byte[] doc, int off, int len) throws DamagedRecordException {
    int prefix = FlatWire.CRC_PREFIX;
    if (len < prefix
        || !Arrays.equals(doc, off, off + prefix - 4, FlatWire.CRC_HEADER, 0, prefix - 4)) {
      return false;
    }
    int at = off + prefix - 4;
    int stored = (doc[at] & 0xFF) | (doc[at + 1] & 0xFF) << 8 | (doc[at + 2] & 0xFF) << 16
        | (doc[at + 3] & 0xFF) << 24;
    crc.reset();
    crc.update(doc, off + prefix, len - prefix);
    int actual = (int) crc.getValue();
    if (actual != stored) {
      throw crcMismatch(stored, actual, len - prefix);
    }
    return true;
  }

  /** A wire over {@code doc[off..off+len)}, for the general reader. */
  private static Wire wireOver(byte[] doc, int off, int len) {
    Bytes<byte[]> b = Bytes.wrapForRead(doc);
    b.readPositionRemaining(off, len);
    return WireType.BINARY_LIGHT.apply(b);
  }

  /**
   * The v1 reader over Chronicle's general wire API (every case the fast path leaves: non-ASCII
   * text, unexpected encodings, damage). Tests
   * call it directly to check that the fast path agrees with it.
   */
  JournalRecord readGeneral(WireIn w) throws DamagedRecordException {
    Bytes<?> b = w.bytes();
    long end = b.readLimit();
    int stored;
    long start;
    try {
      stored = w.read().int32();
      start = b.readPosition();
    } catch (RuntimeException e) {
      throw new DamagedRecordException("no readable crc field (" + e.getMessage() + ")");
    }
    if (start > end) {
      throw new DamagedRecordException("record shorter than its crc field");
    }
    int actual = checksum(b, start, end);
    if (actual != stored) {
      throw crcMismatch(stored, actual, end - start);
    }
    String type;
    int version;
    try {
      type = w.read().text();
      version = w.read().int32();
    } catch (RuntimeException e) {
      throw new DamagedRecordException("unreadable type/v header (" + e.getMessage() + ")");
    }
    if (version > JournalRecord.FORMAT_VERSION || version < MIN_COMPAT_VERSION) {
      throw new UnsupportedRecordVersionException(type, version);
    }
    JournalRecord record;
    try {
      record = readFields(type, w);
    } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
      throw new DamagedRecordException("bad " + type + " fields: " + e.getMessage());
    }
    if (b.readRemaining() > 0) {
      throw new DamagedRecordException(b.readRemaining() + " unread bytes after the " + type
          + " fields");
    }
    return record;
  }

  private static DamagedRecordException crcMismatch(int stored, int actual, long over) {
    return new DamagedRecordException(String.format(
        "CRC mismatch (stored %08x, computed %08x over %d bytes)", stored, actual, over));
  }

  /**
   * Whether the document is a Checkpoint, judged by its {@code type} alone, unchecked: for the
   * scan that finds where replay starts. When the leading bytes have the usual shape (crc field,
   * then a type field holding a short text) the type text is compared as bytes; otherwise the
   * general reader reads the type.
   */
  boolean isCheckpoint(WireIn w) {
    Bytes<?> b = w.bytes();
    long start = b.readPosition();
    int typeAt = FlatWire.CRC_PREFIX;
    int textAt = typeAt + TYPE_FIELD.length;
    int n = textAt + CHECKPOINT_TEXT.length;
    if (b.readRemaining() >= n) {
      byte[] bytes = scratch(n);
      b.read(bytes, 0, n);
      b.readPosition(start);
      byte[] crcHeader = FlatWire.CRC_HEADER;
      if (Arrays.equals(bytes, 0, crcHeader.length, crcHeader, 0, crcHeader.length)
          && Arrays.equals(bytes, typeAt, textAt, TYPE_FIELD, 0, TYPE_FIELD.length)
          && (bytes[textAt] & 0xFF) >= FlatWire.STRING_0) {
        return Arrays.equals(bytes, textAt, n, CHECKPOINT_TEXT, 0, CHECKPOINT_TEXT.length);
      }
    }
    try {
      return "Checkpoint".equals(peekType(w));
    } catch (RuntimeException e) {
      return false; // damaged: the full read reports it
    }
  }

  /** Reads only the {@code type} of a record, without checking it. */
  static String peekType(WireIn w) {
    w.read().int32();
    return w.read().text();
  }

  /**
   * CRC of the bytes from the read position to {@code to}, read as a stream (see above) into an
   * array of its own: {@code b} may be a wire over {@link #scratch} ({@link #read(WireIn)}).
   */
  private int checksum(Bytes<?> b, long from, long to) {
    int len = Math.toIntExact(to - from);
    if (generalScratch.length < len) {
      generalScratch = new byte[Math.max(len, generalScratch.length * 2)];
    }
    byte[] bytes = generalScratch;
    b.read(bytes, 0, len);
    b.readPosition(from);
    crc.reset();
    crc.update(bytes, 0, len);
    return (int) crc.getValue();
  }

  private byte[] scratch(int len) {
    if (scratch.length < len) {
      scratch = new byte[Math.max(len, scratch.length * 2)];
    }
    return scratch;
  }

  // ---------------------------------------------------------------- writing, one type at a time

  private static void writeFields(JournalRecord record, WireOut w) {
    if (record instanceof Transition t) {
      w.write("timeMillis").int64(t.timeMillis());
      w.write("taskId").text(t.taskId());
      w.write("attempt").int32(t.attempt());
      w.write("from").text(t.from());
      w.write("to").text(t.to());
      w.write("event").text(t.event());
      w.write("reason").text(t.reason());
    } else if (record instanceof EffectIntent e) {
      w.write("timeMillis").int64(e.timeMillis());
      w.write("taskId").text(e.taskId());
      w.write("attempt").int32(e.attempt());
      w.write("effectSeq").int64(e.effectSeq());
      w.write("effect").text(e.effect());
      w.write("containerId").text(e.containerId());
    } else if (record instanceof EffectOutcome o) {
      w.write("timeMillis").int64(o.timeMillis());
      w.write("taskId").text(o.taskId());
      w.write("attempt").int32(o.attempt());
      w.write("effectSeq").int64(o.effectSeq());
      w.write("effect").text(o.effect());
      w.write("containerId").text(o.containerId());
      w.write("result").text(o.result().name());
      w.write("error").text(o.error());
      writeMap(w.write("details"), o.details());
    } else if (record instanceof TaskAssigned a) {
      w.write("timeMillis").int64(a.timeMillis());
      w.write("spec").marshallable((WriteMarshallable) m -> writeSpec(a.spec(), m));
    } else if (record instanceof Reap r) {
      w.write("timeMillis").int64(r.timeMillis());
      w.write("containerId").text(r.containerId());
      w.write("taskId").text(r.taskId());
      w.write("reason").text(r.reason());
      w.write("dryRun").bool(r.dryRun());
    } else if (record instanceof ManagerAck m) {
      w.write("timeMillis").int64(m.timeMillis());
      w.write("taskId").text(m.taskId());
      w.write("actualState").text(m.actualState());
      w.write("error").text(m.error());
    } else if (record instanceof NodeIdentity n) {
      w.write("timeMillis").int64(n.timeMillis());
      w.write("nodeId").text(n.nodeId());
      w.write("managerAddress").text(n.managerAddress());
      w.write("namespace").text(n.namespace());
    } else if (record instanceof Checkpoint c) {
      w.write("timeMillis").int64(c.timeMillis());
      w.write("nodeId").text(c.nodeId());
      w.write("tasks").sequence(c.tasks(), (list, out) -> {
        for (Checkpoint.TaskSnapshot s : list) {
          out.marshallable((WriteMarshallable) m -> writeSnapshot(s, m));
        }
      });
    } else {
      throw new IllegalArgumentException("no codec for record type " + record.type());
    }
  }

  private static void writeSnapshot(Checkpoint.TaskSnapshot s, WireOut w) {
    w.write("taskId").text(s.taskId());
    w.write("attempt").int32(s.attempt());
    w.write("state").text(s.state());
    w.write("desiredState").text(s.desiredState());
    w.write("containerId").text(s.containerId());
    w.write("updatedAtMillis").int64(s.updatedAtMillis());
    w.write("hasSpec").bool(s.spec() != null);
    if (s.spec() != null) {
      w.write("spec").marshallable((WriteMarshallable) m -> writeSpec(s.spec(), m));
    }
    writeMap(w.write("vars"), s.vars());
    w.write("lastAck").text(s.lastAck());
  }

  private static void writeSpec(TaskSpec s, WireOut w) {
    w.write("taskId").text(s.taskId());
    w.write("serviceId").text(s.serviceId());
    w.write("serviceName").text(s.serviceName());
    w.write("image").text(s.image());
    writeStrings(w.write("command"), s.command());
    writeMap(w.write("env"), s.env());
    w.write("resources").marshallable((WriteMarshallable) m -> {
      m.write("cpuShares").int64(s.resources().cpuShares());
      m.write("memoryBytes").int64(s.resources().memoryBytes());
      m.write("memoryReservationBytes").int64(s.resources().memoryReservationBytes());
    });
    w.write("restartPolicy").marshallable((WriteMarshallable) m -> {
      m.write("condition").text(s.restartPolicy().condition().wire());
      m.write("maxAttempts").int32(s.restartPolicy().maxAttempts());
      m.write("delaySeconds").int32(s.restartPolicy().delaySeconds());
    });
    TaskSpec.HealthCheck h = s.healthCheck();
    w.write("hasHealthCheck").bool(h != null);
    if (h != null) {
      w.write("healthCheck").marshallable((WriteMarshallable) m -> {
        m.write("type").text(h.type());
        m.write("httpPath").text(h.httpPath());
        m.write("httpPort").int32(h.httpPort());
        m.write("httpScheme").text(h.httpScheme());
        m.write("tcpPort").int32(h.tcpPort());
        writeStrings(m.write("execCommand"), h.execCommand());
        m.write("intervalSeconds").int32(h.intervalSeconds());
        m.write("timeoutSeconds").int32(h.timeoutSeconds());
        m.write("retries").int32(h.retries());
        m.write("startPeriodSeconds").int32(h.startPeriodSeconds());
      });
    }
    w.write("volumes").sequence(s.volumes(), (list, out) -> {
      for (TaskSpec.VolumeMount v : list) {
        out.marshallable((WriteMarshallable) m -> {
          m.write("source").text(v.source());
          m.write("target").text(v.target());
          m.write("readOnly").bool(v.readOnly());
        });
      }
    });
    writeStrings(w.write("secrets"), s.secrets());
    w.write("stopTimeoutSeconds").int32(s.stopTimeoutSeconds());
    w.write("ports").sequence(s.ports(), (list, out) -> {
      for (TaskSpec.PortMapping p : list) {
        out.marshallable((WriteMarshallable) m -> {
          m.write("name").text(p.name());
          m.write("containerPort").int32(p.containerPort());
          m.write("hostPort").int32(p.hostPort());
          m.write("protocol").text(p.protocol());
          m.write("publishMode").text(p.publishMode());
        });
      }
    });
  }

  private static void writeStrings(ValueOut out, List<String> values) {
    out.sequence(values, (list, o) -> {
      for (String s : list) {
        o.text(s);
      }
    });
  }

  /** Maps are a sequence of {key, value} pairs: keys may be any string, not only field names. */
  private static void writeMap(ValueOut out, Map<String, String> map) {
    out.sequence(map, (m, o) -> {
      for (Map.Entry<String, String> e : m.entrySet()) {
        o.text(e.getKey());
        o.text(e.getValue());
      }
    });
  }

  // ---------------------------------------------------------------- reading

  private static JournalRecord readFields(String type, WireIn w) {
    switch (type == null ? "" : type) {
      case "Transition":
        return new Transition(f(w, "timeMillis").int64(), text(w, "taskId"),
            f(w, "attempt").int32(), text(w, "from"), text(w, "to"), text(w, "event"),
            text(w, "reason"));
      case "EffectIntent":
        return new EffectIntent(f(w, "timeMillis").int64(), text(w, "taskId"),
            f(w, "attempt").int32(), f(w, "effectSeq").int64(), text(w, "effect"),
            text(w, "containerId"));
      case "EffectOutcome":
        return new EffectOutcome(f(w, "timeMillis").int64(), text(w, "taskId"),
            f(w, "attempt").int32(), f(w, "effectSeq").int64(), text(w, "effect"),
            text(w, "containerId"), EffectOutcome.Result.valueOf(text(w, "result")),
            text(w, "error"), readMap(f(w, "details")));
      case "TaskAssigned": {
        long time = f(w, "timeMillis").int64();
        TaskSpec spec = f(w, "spec").applyToMarshallable(RecordCodec::readSpec);
        return new TaskAssigned(time, spec);
      }
      case "Reap":
        return new Reap(f(w, "timeMillis").int64(), text(w, "containerId"), text(w, "taskId"),
            text(w, "reason"), f(w, "dryRun").bool());
      case "ManagerAck":
        return new ManagerAck(f(w, "timeMillis").int64(), text(w, "taskId"),
            text(w, "actualState"), text(w, "error"));
      case "NodeIdentity":
        return new NodeIdentity(f(w, "timeMillis").int64(), text(w, "nodeId"),
            text(w, "managerAddress"), text(w, "namespace"));
      case "Checkpoint": {
        long time = f(w, "timeMillis").int64();
        String node = text(w, "nodeId");
        List<Checkpoint.TaskSnapshot> tasks = new ArrayList<>();
        f(w, "tasks").sequence(tasks, (list, in) -> {
          while (in.hasNextSequenceItem()) {
            list.add(in.applyToMarshallable(RecordCodec::readSnapshot));
          }
        });
        return new Checkpoint(time, node, tasks);
      }
      default:
        throw new IllegalArgumentException("unknown record type '" + type + "'");
    }
  }

  private static Checkpoint.TaskSnapshot readSnapshot(WireIn w) {
    String taskId = text(w, "taskId");
    int attempt = f(w, "attempt").int32();
    String state = text(w, "state");
    String desired = text(w, "desiredState");
    String containerId = text(w, "containerId");
    long updated = f(w, "updatedAtMillis").int64();
    TaskSpec spec = null;
    if (f(w, "hasSpec").bool()) {
      spec = f(w, "spec").applyToMarshallable(RecordCodec::readSpec);
    }
    Map<String, String> vars = readMap(f(w, "vars"));
    String lastAck = text(w, "lastAck");
    return new Checkpoint.TaskSnapshot(taskId, attempt, state, desired, containerId, updated, spec,
        vars, lastAck);
  }

  private static TaskSpec readSpec(WireIn w) {
    String taskId = text(w, "taskId");
    String serviceId = text(w, "serviceId");
    String serviceName = text(w, "serviceName");
    String image = text(w, "image");
    List<String> command = readStrings(f(w, "command"));
    Map<String, String> env = readMap(f(w, "env"));
    TaskSpec.Resources resources = f(w, "resources").applyToMarshallable(m ->
        new TaskSpec.Resources(f(m, "cpuShares").int64(), f(m, "memoryBytes").int64(),
            f(m, "memoryReservationBytes").int64()));
    RestartPolicy restart = f(w, "restartPolicy").applyToMarshallable(m ->
        new RestartPolicy(RestartPolicy.Condition.parse(text(m, "condition")),
            f(m, "maxAttempts").int32(), f(m, "delaySeconds").int32()));
    TaskSpec.HealthCheck health = null;
    if (f(w, "hasHealthCheck").bool()) {
      health = f(w, "healthCheck").applyToMarshallable(m -> new TaskSpec.HealthCheck(
          text(m, "type"), text(m, "httpPath"), f(m, "httpPort").int32(),
          text(m, "httpScheme"), f(m, "tcpPort").int32(), readStrings(f(m, "execCommand")),
          f(m, "intervalSeconds").int32(), f(m, "timeoutSeconds").int32(),
          f(m, "retries").int32(), f(m, "startPeriodSeconds").int32()));
    }
    List<TaskSpec.VolumeMount> volumes = new ArrayList<>();
    f(w, "volumes").sequence(volumes, (list, in) -> {
      while (in.hasNextSequenceItem()) {
        list.add(in.applyToMarshallable(m -> new TaskSpec.VolumeMount(text(m, "source"),
            text(m, "target"), f(m, "readOnly").bool())));
      }
    });
    List<String> secrets = readStrings(f(w, "secrets"));
    int stopTimeout = f(w, "stopTimeoutSeconds").int32();
    List<TaskSpec.PortMapping> ports = new ArrayList<>();
    f(w, "ports").sequence(ports, (list, in) -> {
      while (in.hasNextSequenceItem()) {
        list.add(in.applyToMarshallable(m -> new TaskSpec.PortMapping(text(m, "name"),
            f(m, "containerPort").int32(), f(m, "hostPort").int32(), text(m, "protocol"),
            text(m, "publishMode"))));
      }
    });
    return new TaskSpec(taskId, serviceId, serviceName, image, command, env, resources, restart,
        health, volumes, secrets, stopTimeout, ports);
  }

  /**
   * The next field's value. v1 readers take fields in the order FORMAT.md lists them (that order
   * is part of the version); the name is kept at the call site as documentation only. Reading in
   * order is ~1.7x faster than matching names, and the CRC plus the end-of-record check catch any
   * mismatch.
   */
  private static ValueIn f(WireIn w, String field) {
    return w.read();
  }

  private static String text(WireIn w, String field) {
    String s = w.read().text();
    return s == null ? "" : s;
  }

  private static List<String> readStrings(ValueIn in) {
    List<String> out = new ArrayList<>();
    in.sequence(out, (list, v) -> {
      while (v.hasNextSequenceItem()) {
        String s = v.text();
        list.add(s == null ? "" : s);
      }
    });
    return out;
  }

  private static Map<String, String> readMap(ValueIn in) {
    Map<String, String> out = new LinkedHashMap<>();
    in.sequence(out, (map, v) -> {
      while (v.hasNextSequenceItem()) {
        String key = v.text();
        String value = v.text();
        map.put(key, value == null ? "" : value);
      }
    });
    return out;
  }
}
