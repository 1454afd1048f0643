package io.warren.journal;

import io.warren.internal.ClassInitialisation;
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

  /**
   * Chronicle classes whose static initialisers do real work, in the order the journal's open
   * first reaches them: the core's {@code Jvm}/{@code OS} (reads the JVM's flags, loads JNA and
   * the affinity library, system properties), wire's date formats and class aliases, the queue
   * store, its appender, tailer and index, the disk space monitor. Named, not class literals: some
   * are package-private.
   */
  static final String[] COSTLY_TO_INITIALISE = {
      "net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder",
      "net.openhft.chronicle.wire.Wires",
      "net.openhft.chronicle.wire.Wires$SerializeJavaLang",
      "net.openhft.chronicle.wire.BinaryWire",
      "net.openhft.chronicle.bytes.MappedBytes",
      "net.openhft.chronicle.threads.DiskSpaceMonitor",
      "net.openhft.chronicle.queue.impl.single.SingleChronicleQueue",
      "net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore",
      "net.openhft.chronicle.queue.impl.single.SCQIndexing",
      "net.openhft.chronicle.queue.impl.single.StoreAppender",
      "net.openhft.chronicle.queue.impl.single.StoreTailer",
  };

  /**
   * Runs those initialisers now (see {@link ChronicleJournal#initialiseLibrary()}).
   *
   * @return how many of them this call ran or found done
   */
  static int initialiseLibrary() {
    return ClassInitialisation.initialise(JournalQueues.class.getClassLoader(),
        COSTLY_TO_INITIALISE);
  }


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
