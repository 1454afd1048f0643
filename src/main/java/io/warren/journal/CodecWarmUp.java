package io.warren.journal;

import io.warren.task.TaskSpec;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.Wire;
import net.openhft.chronicle.wire.WireType;

/**
 * Writes and reads back one record of every type in memory, with the journal's codec, so that
 * its first real use (the start-up scan) finds the codec's classes, lambdas and Chronicle's wire
 * paths linked: on a cold JVM the first checkpoint alone took ~60 ms to decode, almost all of it
 * linking (docs/benchmarks-recovery.md). Touches no file.
 */
final class CodecWarmUp {
  private CodecWarmUp() {}

  static void run() {
    TaskSpec spec = new TaskSpec("warm-up", "service", "name", "registry.local/image:1",
        List.of("sleep", "1"), Map.of("KEY", "value"), TaskSpec.Resources.NONE,
        io.warren.task.RestartPolicy.DEFAULT, null, List.of(), List.of(), 10, List.of());
    List<JournalRecord> samples = List.of(
        new TaskAssigned(1, spec),
        new Transition(2, "warm-up", 1, "new", "pending", "assign", ""),
        new EffectIntent(3, "warm-up", 1, 1, "create", "c"),
        new EffectOutcome(4, "warm-up", 1, 1, "create", "c", EffectOutcome.Result.OK, "",
            Map.of("pid", "1")),
        new ManagerAck(5, "warm-up", "running", ""),
        new Reap(6, "c", "warm-up", "not owned", true),
        new Checkpoint(7, "node", List.of(new Checkpoint.TaskSnapshot("warm-up", 1, "running",
            "running", "c", 7, spec, Map.of("restarts", "0"), "running"))));
    RecordCodec codec = new RecordCodec();
    Bytes<?> bytes = Bytes.allocateElasticOnHeap(1024);
    Wire wire = WireType.BINARY_LIGHT.apply(bytes);
    for (JournalRecord r : samples) {
      bytes.clear();
      codec.write(r, wire);
      try {
        codec.read(wire);
      } catch (DamagedRecordException e) {
        throw new IllegalStateException("the journal codec cannot read back its own " + r.type(),
            e);
      }
    }
  }
}
