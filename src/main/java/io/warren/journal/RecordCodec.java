package io.warren.journal;

import io.warren.task.RestartPolicy;
import io.warren.task.TaskSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.ValueIn;
import net.openhft.chronicle.wire.ValueOut;
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

  private final CRC32C crc = new CRC32C();
  private byte[] scratch = new byte[1024];

  /** Encodes {@code record} into the open document {@code w}. */
  void write(JournalRecord record, WireOut w) {
    writeWithVersion(record, w, JournalRecord.FORMAT_VERSION);
  }

  /** Exposed to tests so they can forge a record of a future version; production writes v1. */
  void writeWithVersion(JournalRecord record, WireOut w, int version) {
    Bytes<?> b = w.bytes();
    w.write(CRC).fixedInt32(0);
    long crcAt = b.writePosition() - 4;
    long start = b.writePosition();
    w.write(TYPE).text(record.type());
    w.write(VERSION).int32(version);
    writeFields(record, w);
    b.writeInt(crcAt, checksum(b, start, b.writePosition()));
  }

  /**
   * Decodes the document whose bytes span readPosition..readLimit of {@code w}.
   *
   * @throws DamagedRecordException when the bytes are not a whole, intact record
   * @throws UnsupportedRecordVersionException for a record written by a newer format
   */
  JournalRecord read(WireIn w) throws DamagedRecordException {
    Bytes<?> b = w.bytes();
    long end = b.readLimit();
    int stored;
    long start;
    try {
      stored = w.read(CRC).int32();
      start = b.readPosition();
    } catch (RuntimeException e) {
      throw new DamagedRecordException("no readable crc field (" + e.getMessage() + ")");
    }
    if (start > end) {
      throw new DamagedRecordException("record shorter than its crc field");
    }
    int actual = checksum(b, start, end);
    if (actual != stored) {
      throw new DamagedRecordException(String.format(
          "CRC mismatch (stored %08x, computed %08x over %d bytes)", stored, actual, end - start));
    }
    String type;
    int version;
    try {
      type = w.read(TYPE).text();
      version = w.read(VERSION).int32();
    } catch (RuntimeException e) {
      throw new DamagedRecordException("unreadable type/v header (" + e.getMessage() + ")");
    }
    if (version > JournalRecord.FORMAT_VERSION || version < MIN_COMPAT_VERSION) {
      throw new UnsupportedRecordVersionException(type, version);
    }
    try {
      return readFields(type, w);
    } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
      throw new DamagedRecordException("bad " + type + " fields: " + e.getMessage());
    }
  }

  /** Reads only the {@code type} of a record, without checking it: for fast scans. */
  static String peekType(WireIn w) {
    w.read(CRC).int32();
    return w.read(TYPE).text();
  }

  private int checksum(Bytes<?> b, long from, long to) {
    int len = Math.toIntExact(to - from);
    if (scratch.length < len) {
      scratch = new byte[Math.max(len, scratch.length * 2)];
    }
    b.read(from, scratch, 0, len);
    crc.reset();
    crc.update(scratch, 0, len);
    return (int) crc.getValue();
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
        return new Transition(w.read("timeMillis").int64(), text(w, "taskId"),
            w.read("attempt").int32(), text(w, "from"), text(w, "to"), text(w, "event"),
            text(w, "reason"));
      case "EffectIntent":
        return new EffectIntent(w.read("timeMillis").int64(), text(w, "taskId"),
            w.read("attempt").int32(), w.read("effectSeq").int64(), text(w, "effect"),
            text(w, "containerId"));
      case "EffectOutcome":
        return new EffectOutcome(w.read("timeMillis").int64(), text(w, "taskId"),
            w.read("attempt").int32(), w.read("effectSeq").int64(), text(w, "effect"),
            text(w, "containerId"), EffectOutcome.Result.valueOf(text(w, "result")),
            text(w, "error"), readMap(w.read("details")));
      case "TaskAssigned": {
        long time = w.read("timeMillis").int64();
        TaskSpec spec = w.read("spec").applyToMarshallable(RecordCodec::readSpec);
        return new TaskAssigned(time, spec);
      }
      case "Reap":
        return new Reap(w.read("timeMillis").int64(), text(w, "containerId"), text(w, "taskId"),
            text(w, "reason"), w.read("dryRun").bool());
      case "ManagerAck":
        return new ManagerAck(w.read("timeMillis").int64(), text(w, "taskId"),
            text(w, "actualState"), text(w, "error"));
      case "NodeIdentity":
        return new NodeIdentity(w.read("timeMillis").int64(), text(w, "nodeId"),
            text(w, "managerAddress"), text(w, "namespace"));
      case "Checkpoint": {
        long time = w.read("timeMillis").int64();
        String node = text(w, "nodeId");
        List<Checkpoint.TaskSnapshot> tasks = new ArrayList<>();
        w.read("tasks").sequence(tasks, (list, in) -> {
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
    int attempt = w.read("attempt").int32();
    String state = text(w, "state");
    String desired = text(w, "desiredState");
    String containerId = text(w, "containerId");
    long updated = w.read("updatedAtMillis").int64();
    TaskSpec spec = null;
    if (w.read("hasSpec").bool()) {
      spec = w.read("spec").applyToMarshallable(RecordCodec::readSpec);
    }
    Map<String, String> vars = readMap(w.read("vars"));
    String lastAck = text(w, "lastAck");
    return new Checkpoint.TaskSnapshot(taskId, attempt, state, desired, containerId, updated, spec,
        vars, lastAck);
  }

  private static TaskSpec readSpec(WireIn w) {
    String taskId = text(w, "taskId");
    String serviceId = text(w, "serviceId");
    String serviceName = text(w, "serviceName");
    String image = text(w, "image");
    List<String> command = readStrings(w.read("command"));
    Map<String, String> env = readMap(w.read("env"));
    TaskSpec.Resources resources = w.read("resources").applyToMarshallable(m ->
        new TaskSpec.Resources(m.read("cpuShares").int64(), m.read("memoryBytes").int64(),
            m.read("memoryReservationBytes").int64()));
    RestartPolicy restart = w.read("restartPolicy").applyToMarshallable(m ->
        new RestartPolicy(RestartPolicy.Condition.parse(text(m, "condition")),
            m.read("maxAttempts").int32(), m.read("delaySeconds").int32()));
    TaskSpec.HealthCheck health = null;
    if (w.read("hasHealthCheck").bool()) {
      health = w.read("healthCheck").applyToMarshallable(m -> new TaskSpec.HealthCheck(
          text(m, "type"), text(m, "httpPath"), m.read("httpPort").int32(),
          text(m, "httpScheme"), m.read("tcpPort").int32(), readStrings(m.read("execCommand")),
          m.read("intervalSeconds").int32(), m.read("timeoutSeconds").int32(),
          m.read("retries").int32(), m.read("startPeriodSeconds").int32()));
    }
    List<TaskSpec.VolumeMount> volumes = new ArrayList<>();
    w.read("volumes").sequence(volumes, (list, in) -> {
      while (in.hasNextSequenceItem()) {
        list.add(in.applyToMarshallable(m -> new TaskSpec.VolumeMount(text(m, "source"),
            text(m, "target"), m.read("readOnly").bool())));
      }
    });
    List<String> secrets = readStrings(w.read("secrets"));
    int stopTimeout = w.read("stopTimeoutSeconds").int32();
    List<TaskSpec.PortMapping> ports = new ArrayList<>();
    w.read("ports").sequence(ports, (list, in) -> {
      while (in.hasNextSequenceItem()) {
        list.add(in.applyToMarshallable(m -> new TaskSpec.PortMapping(text(m, "name"),
            m.read("containerPort").int32(), m.read("hostPort").int32(), text(m, "protocol"),
            text(m, "publishMode"))));
      }
    });
    return new TaskSpec(taskId, serviceId, serviceName, image, command, env, resources, restart,
        health, volumes, secrets, stopTimeout, ports);
  }

  private static String text(WireIn w, String field) {
    String s = w.read(field).text();
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
