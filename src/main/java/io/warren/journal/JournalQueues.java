package io.warren.journal;

import java.nio.file.Path;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.WireType;

/** The one place Chronicle queues are configured, so writer and readers agree on the layout. */
final class JournalQueues {

  /** Sub-directory of the data directory that holds the queue. */
  static final String DIR = "journal";

  static {
    ChroniclePosix.install(); // before Chronicle's core initialises, see there
  }

  private JournalQueues() {}

  static Path journalDir(Path dataDir) {
    return dataDir.resolve(DIR);
  }

  static SingleChronicleQueue writer(Path journalDir, TimeProvider clock, SyncMode sync) {
    return SingleChronicleQueueBuilder.single(journalDir.toFile())
        .rollCycle(JournalIndex.ROLL_CYCLE)
        .wireType(WireType.BINARY_LIGHT) // RecordCodec encodes bodies in this wire type
        .timeProvider(clock)
        .syncMode(sync == SyncMode.NONE
            ? net.openhft.chronicle.bytes.SyncMode.NONE
            : net.openhft.chronicle.bytes.SyncMode.SYNC)
        .build();
  }

  static SingleChronicleQueue reader(Path journalDir) {
    return SingleChronicleQueueBuilder.single(journalDir.toFile())
        .rollCycle(JournalIndex.ROLL_CYCLE)
        .wireType(WireType.BINARY_LIGHT)
        .readOnly(true)
        .build();
  }
}
