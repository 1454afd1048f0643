package io.warren.journal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.core.io.ReferenceOwner;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's writer: a Chronicle Queue in {@code <dataDir>/journal/}, owned by exactly one
 * process ({@link DataDirLock}). Opening verifies every retained record ({@link OpenScan}: a
 * damaged record in the middle, or one of a future version, stops the open; a torn tail is
 * reported in {@link #openReport()}) and starts a new generation, so a torn record always stays
 * the last one of its cycle file.
 *
 * <p>Growth is bounded: when the {@link CheckpointPolicy} says so, after an append and on the
 * appending thread, the journal asks the owner's checkpoint supplier for the state of every task,
 * starts a new generation with that Checkpoint as its first record, and deletes the cycle files
 * older than the previous checkpoint's generation. So at most two checkpoint generations (plus the
 * one being written) are on disk.
 *
 * <p>Thread-safe: appends are serialised. A failed append leaves the journal failed: every later
 * append throws, and the owner must stop and replay (whether the record landed is unknown). In
 * {@code batch} mode the flusher takes the range to msync under the append lock and msyncs it
 * after letting go of the lock, so a slow disk delays the flusher, never the appends.
 */
public final class ChronicleJournal implements JournalWriter, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChronicleJournal.class);

  private final Path journalDir;
  private final DataDirLock lock;
  private final SingleChronicleQueue queue;
  private final GenerationClock generation;
  private final ExcerptAppender appender;
  private final SyncMode sync;
  private final CheckpointPolicy policy;
  private final Clock clock;
  private final OpenReport openReport;
  private final RecordCodec codec = new RecordCodec();
  private final Thread flusher;
  private final RangeSync rangeSync;
  private final PageToucher toucher;

  private Supplier<Checkpoint> checkpointSupplier;
  private long recordsSinceCheckpoint;
  private long lastCheckpointMillis;
  private int lastCheckpointCycle;
  private int previousCheckpointCycle;
  private boolean checkpointing;
  private boolean dirty;
  private JournalException failure;
  private boolean closed;

  private ChronicleJournal(Builder b, DataDirLock lock, SingleChronicleQueue queue,
      GenerationClock generation, OpenReport report, int lastCheckpointCycle,
      int previousCheckpointCycle) {
    this.journalDir = JournalQueues.journalDir(b.dataDir);
    this.lock = lock;
    this.queue = queue;
    this.generation = generation;
    this.sync = b.sync;
    this.policy = b.policy;
    this.clock = b.clock;
    this.openReport = report;
    this.lastCheckpointCycle = lastCheckpointCycle;
    this.previousCheckpointCycle = previousCheckpointCycle;
    this.lastCheckpointMillis = clock.millis();
    this.rangeSync = b.rangeSync;
    this.appender = queue.createAppender();
    // Appends may come from any engine thread; they are serialised by this object's monitor.
    this.appender.singleThreadedCheckDisabled(true);
    if (sync == SyncMode.BATCH) {
      long intervalNanos = b.batchInterval.toNanos();
      flusher = new Thread(() -> flushLoop(intervalNanos), "journal-flusher");
      flusher.setDaemon(true);
      flusher.start();
    } else {
      flusher = null;
    }
    toucher = new PageToucher("journal-page-toucher");
  }

  /**
   * Runs the static initialisers of Chronicle's classes the open needs and the record codec once
   * in memory (one record of each type written and read back), without touching any journal: on
   * a cold JVM that is most of a small journal's open (about 250 of 400 ms on this project's
   * machine, docs/benchmarks-recovery.md), and it depends on nothing a data directory holds, so a
   * daemon runs this on another thread while it parses its arguments. Safe from any thread, any
   * number of times; an open that comes first or meanwhile waits for, or does, the same work. An
   * initialiser that fails here fails the same way on the open.
   *
   * @return how many of the named Chronicle classes are initialised (a test checks all exist)
   */
  public static int initialiseLibrary() {
    int initialised = JournalQueues.initialiseLibrary();
    CodecWarmUp.run();
    return initialised;
  }

  public static Builder builder(Path dataDir) {
    return new Builder(dataDir);
  }

  /** Opens with the defaults: sync {@code batch}, {@link CheckpointPolicy#DEFAULT}. */
  public static ChronicleJournal open(Path dataDir) {
    return builder(dataDir).open();
  }

  /** What the start-up scan found. */
  public OpenReport openReport() {
    return openReport;
  }

  /** Pages of the cycle file touched ahead of the writer so far (see {@link PageToucher}). */
  long pagesTouchedAhead() {
    return toucher.pagesTouched();
  }

  public Path journalDir() {
    return journalDir;
  }

  public SyncMode syncMode() {
    return sync;
  }

  /**
   * Registers the owner's view of every task's state; the journal calls it (on the appending
   * thread, inside an append) when a checkpoint is due. It must not append itself.
   */
  public synchronized void onCheckpointDue(Supplier<Checkpoint> supplier) {
    this.checkpointSupplier = Objects.requireNonNull(supplier, "supplier");
  }

  @Override
  public synchronized long append(JournalRecord record) {
    Objects.requireNonNull(record, "record");
    checkWritable();
    long index = writeAndSync(record);
    if (record instanceof Checkpoint) {
      // An owner-written checkpoint counts like one the journal asked for.
      noteCheckpoint(index);
    } else {
      recordsSinceCheckpoint++;
      maybeCheckpoint();
    }
    return index;
  }

  /**
   * Writes a checkpoint now (asking the supplier), starting a new generation. Useful at the end of
   * recovery so replay of the next start is short.
   *
   * @return the checkpoint's index
   */
  public synchronized long checkpointNow() {
    checkWritable();
    if (checkpointSupplier == null) {
      throw new IllegalStateException("no checkpoint supplier registered");
    }
    return writeCheckpoint();
  }

  private void maybeCheckpoint() {
    if (checkpointSupplier == null
        || !policy.isDue(recordsSinceCheckpoint, clock.millis() - lastCheckpointMillis)) {
      return;
    }
    writeCheckpoint();
  }

  private long writeCheckpoint() {
    Checkpoint cp;
    checkpointing = true;
    try {
      cp = Objects.requireNonNull(checkpointSupplier.get(), "checkpoint supplier returned null");
    } finally {
      checkpointing = false;
    }
    generation.advanceTo(generation.generation() + 1);
    long index = writeAndSync(cp);
    if (sync == SyncMode.BATCH) {
      syncNow(); // old files are deleted on the strength of this record: make it durable first
    }
    noteCheckpoint(index);
    return index;
  }

  private void noteCheckpoint(long index) {
    int cycle = JournalIndex.cycle(index);
    if (cycle != lastCheckpointCycle) {
      previousCheckpointCycle = lastCheckpointCycle;
      lastCheckpointCycle = cycle;
    }
    recordsSinceCheckpoint = 0;
    lastCheckpointMillis = clock.millis();
    if (previousCheckpointCycle > 0) {
      deleteCyclesBefore(previousCheckpointCycle);
    }
  }

  /** Deletes cycle files wholly before {@code keepFrom}; readers that have them mapped keep reading. */
  private void deleteCyclesBefore(int keepFrom) {
    List<Path> doomed = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(journalDir, "*" + JournalIndex.SUFFIX)) {
      for (Path f : files) {
        int c = JournalIndex.cycleOf(f);
        if (c >= 0 && c < keepFrom) {
          doomed.add(f);
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot list {} to drop old journal cycles: {}", journalDir, e.toString());
      return;
    }
    // oldest first: a crash part-way leaves a contiguous run of generations, never a hole
    doomed.sort(java.util.Comparator.comparingInt(JournalIndex::cycleOf));
    for (Path f : doomed) {
      try {
        Files.deleteIfExists(f);
        LOG.debug("dropped journal cycle {} (covered by the checkpoint in generation {})", f, keepFrom);
      } catch (IOException e) {
        LOG.warn("cannot delete old journal cycle {}: {}", f, e.toString());
      }
    }
    if (!doomed.isEmpty()) {
      queue.refreshDirectoryListing();
    }
  }

  private long writeAndSync(JournalRecord record) {
    long index;
    try {
      try (DocumentContext dc = appender.writingDocument()) {
        try {
          codec.write(record, dc.wire());
        } catch (RuntimeException e) {
          dc.rollbackOnClose();
          throw e;
        }
      }
      index = appender.lastIndexAppended();
      toucher.afterAppend(appender.wire().bytes());
      if (sync == SyncMode.ALWAYS) {
        appender.sync();
      } else {
        dirty = true;
      }
    } catch (RuntimeException e) {
      failure = new JournalException("journal append failed in " + journalDir + "; the journal is "
          + "closed for writing, stop and replay: " + e.getMessage(), e);
      throw failure;
    }
    return index;
  }

  private void checkWritable() {
    if (closed) {
      throw new JournalException("journal " + journalDir + " is closed");
    }
    if (failure != null) {
      throw new JournalException("journal " + journalDir + " failed earlier; stop and replay",
          failure);
    }
    if (checkpointing) {
      throw new IllegalStateException("the checkpoint supplier must not append to the journal");
    }
  }

  private synchronized void syncNow() {
    if (dirty && !closed) {
      appender.sync();
      dirty = false;
    }
  }

  private void flushLoop(long intervalNanos) {
    while (!Thread.currentThread().isInterrupted()) {
      LockSupport.parkNanos(intervalNanos);
      Runnable pending;
      synchronized (this) {
        if (closed) {
          return;
        }
        pending = takePendingSync();
      }
      if (pending == null) {
        continue;
      }
      try {
        pending.run(); // the msync, outside the lock: appends go on meanwhile
      } catch (RuntimeException e) {
        synchronized (this) {
          failure = new JournalException("journal sync failed in " + journalDir + ": "
              + e.getMessage(), e);
        }
        LOG.error("journal sync failed; further appends will fail: {}", e.toString());
        return;
      }
    }
  }

  /**
   * Under the lock: what the flusher must msync for everything appended so far, with the mapped
   * chunk reserved so it stays mapped until the msync is done; null when nothing is pending.
   */
  private Runnable takePendingSync() {
    if (!dirty || failure != null) {
      return null;
    }
    dirty = false;
    Bytes<?> bytes = appender.wire().bytes();
    BytesStore<?, ?> store = bytes.bytesStore();
    if (!(store instanceof MappedBytesStore mapped)) {
      appender.sync(); // not a mapped chunk (never the case for a cycle file): as before
      return null;
    }
    long upTo = bytes.writePosition();
    ReferenceOwner owner = ReferenceOwner.temporary("journal-flusher");
    mapped.reserve(owner); // the appender holds it too, so it is mapped now
    return () -> {
      try {
        rangeSync.sync(mapped, upTo);
      } finally {
        mapped.release(owner); // a chunk the writer has left is msynced whole as it is released
      }
    };
  }

  /** How the flusher msyncs a chunk up to a position (a test slows it down). */
  @FunctionalInterface
  interface RangeSync {
    RangeSync MSYNC = MappedBytesStore::syncUpTo;

    void sync(MappedBytesStore store, long upTo);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      try {
        if (sync != SyncMode.NONE && dirty && failure == null) {
          appender.sync();
        }
      } finally {
        closed = true;
      }
    }
    if (flusher != null) {
      flusher.interrupt();
      try {
        flusher.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    toucher.close();
    try {
      appender.close();
      queue.close();
    } finally {
      lock.close();
    }
  }

  /** Options; {@link #open()} takes the lock, verifies the journal and starts a new generation. */
  public static final class Builder {
    private final Path dataDir;
    private SyncMode sync = SyncMode.BATCH;
    private Duration batchInterval = Duration.ofMillis(10);
    private CheckpointPolicy policy = CheckpointPolicy.DEFAULT;
    private Clock clock = Clock.systemUTC();
    private ReplaySink replay;
    private Runnable onLocked = () -> { };
    private RangeSync rangeSync = RangeSync.MSYNC;

    private Builder(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    }

    public Builder sync(SyncMode mode) {
      this.sync = Objects.requireNonNull(mode, "sync");
      return this;
    }

    /** How often {@code batch} mode msyncs; 1 ms to 1 s. */
    public Builder batchInterval(Duration interval) {
      if (interval.toMillis() < 1 || interval.toMillis() > 1000) {
        throw new IllegalArgumentException("journal batch interval must be 1ms..1s, got " + interval);
      }
      this.batchInterval = interval;
      return this;
    }

    public Builder checkpoints(CheckpointPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The clock for time-based checkpoints. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Hands what the open's scan reads from the last checkpoint on to {@code sink} as it goes (see
     * {@link ReplaySink}): a restarting owner replays it while the journal is verified, instead of
     * reading the journal a second time or holding its records. Without a sink the open decodes
     * no record's fields (it verifies checksums, types and versions).
     */
    public Builder replayInto(ReplaySink sink) {
      this.replay = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /**
     * Runs {@code action} on the opening thread as soon as the data directory's lock is held,
     * before the journal is read: from then on no other writer can act for this directory, so
     * its owner may start work that needs that but not the journal's content (the worker lists
     * containerd beside the scan). Not run if the lock is refused; if it throws, the open fails.
     */
    public Builder onLocked(Runnable action) {
      this.onLocked = Objects.requireNonNull(action, "action");
      return this;
    }

    /** Replaces the flusher's msync (tests: a disk that stalls). */
    Builder rangeSync(RangeSync sync) {
      this.rangeSync = Objects.requireNonNull(sync, "sync");
      return this;
    }

    /**
     * @throws DataDirLockedException if another writer holds the data directory
     * @throws JournalCorruptException on a damaged record in the middle of the journal
     * @throws UnsupportedRecordVersionException on a record of a future version
     */
    public ChronicleJournal open() {
      DataDirLock lock = DataDirLock.acquire(dataDir);
      SingleChronicleQueue queue = null;
      try {
        onLocked.run();
        Path dir = JournalQueues.journalDir(dataDir);
        Files.createDirectories(dir);
        GenerationClock gen = new GenerationClock(0);
        queue = JournalQueues.writer(dir, gen, sync);
        OpenScan.Result scan = OpenScan.run(dir, queue, replay);
        int lastCycle = queue.lastCycle();
        int next = Math.max(lastCycle == Integer.MIN_VALUE ? 0 : lastCycle, 0) + 1;
        gen.advanceTo(next);
        OpenReport report = new OpenReport(scan.records(), scan.lastIndex(),
            scan.lastCheckpoint(), scan.torn(), next);
        for (TornTail t : scan.torn()) {
          LOG.warn("{}", t);
        }
        ChronicleJournal journal = new ChronicleJournal(this, lock, queue, gen, report,
            scan.lastCheckpoint() < 0 ? 0 : JournalIndex.cycle(scan.lastCheckpoint()),
            scan.previousCheckpoint() < 0 ? 0 : JournalIndex.cycle(scan.previousCheckpoint()));
        return journal;
      } catch (IOException e) {
        closeAll(queue, lock);
        throw new JournalException("cannot create journal directory under " + dataDir + ": "
            + e.getMessage(), e);
      } catch (RuntimeException e) {
        closeAll(queue, lock);
        throw e;
      }
    }

    private static void closeAll(SingleChronicleQueue queue, DataDirLock lock) {
      try {
        if (queue != null) {
          queue.close();
        }
      } finally {
        lock.close();
      }
    }
  }
}
