package io.warren.journal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * thread of their own while the opening thread reads, decodes and replays the rest; with the
 * default policy that halves what the open decodes in the worst case it allows (about 50,000
 * covered records beside 50,000 to replay, docs/benchmarks-recovery.md). The open fails as a
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
      verifier = new Thread(() -> covered.run(queue, first, split), "journal-verify");
      verifier.setDaemon(true);
      verifier.start();
    }
    Pass replayed = new Pass(journalDir, sink);
    RuntimeException replayFailure = null;
    try {
      replayed.run(queue, split, Integer.MAX_VALUE);
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

  /** One thread's part of the scan: the records of the generations {@code [from, to)}. */
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

    void run(SingleChronicleQueue queue, int from, int to) {
      try (ExcerptTailer t = queue.createTailer().direction(TailerDirection.FORWARD)) {
        if (!t.moveToCycle(from)) {
          t.toStart();
        }
        while (read(t, to)) {
          // next record
        }
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
    }

    /** Reads one record; false at the end of the part. */
    private boolean read(ExcerptTailer t, int to) {
      try (DocumentContext dc = t.readingDocument()) {
        if (!dc.isPresent()) {
          damage.next(-1);
          return false;
        }
        long index = dc.index();
        damage.next(index);
        if (JournalIndex.cycle(index) >= to) {
          return false;
        }
        try {
          JournalRecord record = null;
          boolean checkpoint;
          if (sink == null) {
            checkpoint = codec.verify(dc.wire());
          } else {
            record = codec.read(dc.wire());
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
        return true;
      }
    }
  }
}
