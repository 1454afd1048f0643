package io.warren.journal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The writer's start-up scan ({@link ChronicleJournal.Builder#open()}): verifies every retained
 * record under the journal's integrity rule ({@link DamageRule}) and hands what a restarting owner
 * replays to its {@link ReplaySink}.
 *
 * <p>The scan splits the journal at the newest generation that begins with a Checkpoint (the
 * journal writes each of its checkpoints as the first record of a new generation). What comes
 * before that checkpoint is covered by it, so those records are only <em>verified</em>: checksum,
 * type and version ({@link RecordCodec#verify}), fields not decoded. They are verified on a
 * thread of their own while the opening thread reads, decodes and replays the rest: with the
 * default policy, up to about 20,000 covered records beside at most 10,000 to replay
 * (docs/benchmarks-recovery.md). The replayed part's
 * documents are copied off the queue by a third thread ({@link Prefetch}), so the opening
 * thread only checks, decodes and replays. The open fails as a
 * single pass would: on damage in the middle or a future version in either part (the earlier one
 * is reported when both fail), and torn tails of both parts are reported in journal order.
 *
 * <p>A checkpoint the owner appended in the middle of a generation (tests, imports) does not move
 * the split; replay then starts at an older checkpoint or at the beginning, and the sink is
 * {@linkplain ReplaySink#restart() restarted} at each checkpoint it passes, so it ends with the
 * same state.
 */
final class OpenScan {

  /** What the scan found; indexes are -1 when there is none. */
  record Result(long records, long lastIndex, long lastCheckpoint, long previousCheckpoint,
      List<TornTail> torn) {}

  private OpenScan() {}

  /**
   * Scans the journal of {@code queue}.
   *
   * @param sink receives the replay; {@code null} to only verify
   */
  static Result run(Path journalDir, SingleChronicleQueue queue, ReplaySink sink) {
    int first = queue.firstCycle();
    int last = queue.lastCycle();
    if (first == Integer.MAX_VALUE || last == Integer.MIN_VALUE) {
      return new Result(0, -1, -1, -1, List.of());
    }
    int split = newestGenerationOpenedByCheckpoint(queue, first, last);
    Pass covered = new Pass(journalDir, null);
    Thread verifier = null;
    if (split > first) {
      verifier = new Thread(() -> covered.runToFailure(queue, first, split), "journal-verify");
      verifier.setDaemon(true);
      verifier.start();
    }
    Pass replayed = new Pass(journalDir, sink);
    RuntimeException replayFailure = null;
    try {
      if (sink == null) {
        replayed.run(queue, split, Integer.MAX_VALUE);
      } else {
        replayed.runPrefetched(queue, split);
      }
    } catch (RuntimeException e) {
      replayFailure = e;
    }
    if (verifier != null) {
      joinUninterruptibly(verifier);
      if (covered.failure != null) {
        throw covered.failure; // the earlier damage in journal order
      }
    }
    if (replayFailure != null) {
      throw replayFailure;
    }
    return combine(covered, replayed);
  }

  /**
   * The newest generation (cycle) whose first record is a whole Checkpoint, or {@code first} if
   * there is none. Reads one record per generation, newest first. A first record that is damaged
   * or of a future version does not count; the passes report it.
   */
  private static int newestGenerationOpenedByCheckpoint(SingleChronicleQueue queue, int first,
      int last) {
    RecordCodec codec = new RecordCodec();
    try (ExcerptTailer t = queue.createTailer()) {
      for (int c = last; c > first; c--) {
        if (!t.moveToCycle(c)) {
          continue;
        }
        try (DocumentContext dc = t.readingDocument()) {
          if (dc.isPresent() && JournalIndex.cycle(dc.index()) == c && codec.verify(dc.wire())) {
            return c;
          }
        } catch (DamagedRecordException | UnsupportedRecordVersionException e) {
          // not a checkpoint to start from
        }
      }
    }
    return first;
  }

  private static Result combine(Pass covered, Pass replayed) {
    List<Long> checkpoints = new ArrayList<>(covered.checkpoints);
    checkpoints.addAll(replayed.checkpoints);
    long lastCheckpoint = -1;
    long previousCheckpoint = -1;
    for (long cp : checkpoints) {
      if (lastCheckpoint >= 0 && JournalIndex.cycle(lastCheckpoint) != JournalIndex.cycle(cp)) {
        previousCheckpoint = lastCheckpoint;
      }
      lastCheckpoint = cp;
    }
    List<TornTail> torn = new ArrayList<>(covered.torn);
    torn.addAll(replayed.torn);
    return new Result(covered.records + replayed.records,
        replayed.lastIndex >= 0 ? replayed.lastIndex : covered.lastIndex,
        lastCheckpoint, previousCheckpoint, torn);
  }

  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static ExcerptTailer tailerAt(SingleChronicleQueue queue, int cycle) {
    ExcerptTailer t = queue.createTailer().direction(TailerDirection.FORWARD);
    if (!t.moveToCycle(cycle)) {
      t.toStart();
    }
    return t;
  }

  /**
   * One part of the scan: the records of the generations {@code [from, to)}, each verified or,
   * with a sink, read and replayed, under the integrity rule.
   */
  private static final class Pass {
    private final ReplaySink sink;
    private final RecordCodec codec = new RecordCodec();
    private final List<TornTail> torn = new ArrayList<>();
    private final DamageRule damage;
    private final List<Long> checkpoints = new ArrayList<>();
    private long records;
    private long lastIndex = -1;
    private RuntimeException failure;

    Pass(Path journalDir, ReplaySink sink) {
      this.sink = sink;
      this.damage = new DamageRule(journalDir, torn::add);
    }

    /** {@link #run} on a thread of its own: what fails is kept in {@link #failure}, not thrown. */
    void runToFailure(SingleChronicleQueue queue, int from, int to) {
      try {
        run(queue, from, to);
      } catch (RuntimeException e) {
        // kept in failure; the opening thread throws it
      } catch (Error e) {
        failure = new JournalException("verifying the journal failed: " + e, e);
      }
    }

    /** Reads the generations {@code [from, to)} with a tailer on this thread. */
    void run(SingleChronicleQueue queue, int from, int to) {
      try (ExcerptTailer t = tailerAt(queue, from)) {
        byte[] doc = new byte[1024];
        while (true) {
          try (DocumentContext dc = t.readingDocument()) {
            if (!dc.isPresent()) {
              damage.next(-1);
              return;
            }
            long index = dc.index();
            if (JournalIndex.cycle(index) >= to) {
              damage.next(index);
              return;
            }
            Bytes<?> bytes = dc.wire().bytes();
            int len = Math.toIntExact(bytes.readRemaining());
            if (doc.length < len) {
              doc = new byte[Math.max(len, 2 * doc.length)];
            }
            bytes.read(doc, 0, len);
            record(index, doc, 0, len);
          }
        }
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
    }

    /**
     * Reads the generations from {@code from} on, the tailer on a {@code journal-read} thread of
     * its own that copies the documents in batches ({@link Prefetch}), while this thread checks,
     * decodes and replays them: reading a document off the queue is about a third of a record's
     * cost in the open (docs/benchmarks-recovery.md), and the replay is the window's main path.
     */
    void runPrefetched(SingleChronicleQueue queue, int from) {
      Prefetch prefetch = new Prefetch(queue, from);
      Thread reader = new Thread(prefetch, "journal-read");
      reader.setDaemon(true);
      reader.start();
      try {
        while (true) {
          Prefetch.Batch b = prefetch.full.take();
          for (int i = 0; i < b.count; i++) {
            record(b.index[i], b.data, b.at[i], b.length[i]);
          }
          if (b.end) {
            if (b.failure != null) {
              throw b.failure;
            }
            damage.next(-1);
            return;
          }
          b.clear();
          prefetch.free.add(b); // never full: there are only as many batches as it holds
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = new JournalException("interrupted while reading the journal", e);
        throw failure;
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      } finally {
        prefetch.cancelled = true;
        reader.interrupt(); // wakes it if it waits for a batch; it closes its tailer and ends
        joinUninterruptibly(reader);
      }
    }

    /** One record, judged, then counted and (with a sink) replayed. */
    private void record(long index, byte[] doc, int off, int len) {
      damage.next(index);
      try {
        JournalRecord record = null;
        boolean checkpoint;
        if (sink == null) {
          checkpoint = codec.verify(doc, off, len);
        } else {
          record = codec.read(doc, off, len);
          checkpoint = record instanceof Checkpoint;
        }
        records++;
        lastIndex = index;
        if (checkpoint) {
          checkpoints.add(index);
        }
        if (sink != null) {
          if (checkpoint) {
            sink.restart();
          }
          sink.accept(record);
        }
      } catch (DamagedRecordException e) {
        damage.damaged(index, e.getMessage());
      } catch (UnsupportedRecordVersionException e) {
        throw e.at(damage.file(index), index);
      }
    }
  }

  /**
   * Copies the documents of a queue, from a generation on, off a tailer and into batches for
   * another thread: {@link #full} in journal order, the last one marked {@code end} (with the
   * reading's failure, if any); the consumer hands emptied batches back through {@link #free}.
   */
  private static final class Prefetch implements Runnable {
    private static final int BATCHES = 4;

    final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES);
    final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
    volatile boolean cancelled;
    private final SingleChronicleQueue queue;
    private final int from;

    Prefetch(SingleChronicleQueue queue, int from) {
      this.queue = queue;
      this.from = from;
      for (int i = 0; i < BATCHES; i++) {
        free.add(new Batch());
      }
    }

    @Override
    public void run() {
      Batch b = null;
      RuntimeException failure = null;
      try (ExcerptTailer t = tailerAt(queue, from)) {
        b = free.take();
        while (!cancelled) {
          try (DocumentContext dc = t.readingDocument()) {
            if (!dc.isPresent()) {
              break;
            }
            Bytes<?> bytes = dc.wire().bytes();
            int len = Math.toIntExact(bytes.readRemaining());
            if (!b.fits(len)) {
              if (b.count > 0) {
                full.put(b);
                b = free.take();
              }
              b.makeRoom(len);
            }
            b.add(dc.index(), bytes, len);
          }
        }
      } catch (InterruptedException e) {
        return; // the consumer gave up and is waiting for this thread to end
      } catch (RuntimeException e) {
        failure = e;
      } catch (Error e) {
        failure = new JournalException("reading the journal failed: " + e, e);
      }
      if (b == null) {
        b = new Batch();
      }
      b.end = true;
      b.failure = failure;
      full.add(b); // room: at most BATCHES - 1 others are in it
    }

    /** Documents copied end to end into one array. */
    static final class Batch {
      private static final int RECORDS = 512;
      byte[] data = new byte[64 * 1024];
      final long[] index = new long[RECORDS];
      final int[] at = new int[RECORDS];
      final int[] length = new int[RECORDS];
      int count;
      int used;
      boolean end;
      RuntimeException failure;

      boolean fits(int len) {
        return count < RECORDS && data.length - used >= len;
      }

      /** Grows an empty batch's array for a document larger than it. */
      void makeRoom(int len) {
        if (data.length - used < len) {
          data = new byte[Math.max(len, 2 * data.length)];
        }
      }

      void add(long idx, Bytes<?> bytes, int len) {
        bytes.read(data, used, len);
        index[count] = idx;
        at[count] = used;
        length[count] = len;
        used += len;
        count++;
      }

      void clear() {
        count = 0;
        used = 0;
      }
    }
  }
}
