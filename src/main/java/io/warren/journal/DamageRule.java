package io.warren.journal;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The journal's integrity rule, for one pass over its records in order: a record that is not
 * whole (it fails its checksum or cannot be read) is a <em>torn tail</em> when no whole record
 * follows it in the same cycle file, reported to {@code onTorn}, and <em>corruption</em>
 * otherwise ({@link JournalCorruptException} naming the file and index). A damaged record can
 * only be judged by what comes after it, so the pass notes it ({@link #damaged}) and settles it
 * at the next record or at the end ({@link #next}).
 */
final class DamageRule {

  private final Path journalDir;
  private final Consumer<TornTail> onTorn;
  private long damagedIndex = -1;
  private String damage;

  DamageRule(Path journalDir, Consumer<TornTail> onTorn) {
    this.journalDir = journalDir;
    this.onTorn = onTorn;
  }

  /** The record at {@code index} is damaged, for the reason {@code detail}. */
  void damaged(long index, String detail) {
    damagedIndex = index;
    damage = detail;
  }

  /**
   * The pass reached the record at {@code index}, or the end of what is written when it is -1:
   * judges a damaged record noted before it.
   *
   * @throws JournalCorruptException if a damaged record is followed by a record of its cycle
   */
  void next(long index) {
    if (damagedIndex < 0) {
      return;
    }
    long at = damagedIndex;
    String why = damage;
    damagedIndex = -1;
    damage = null;
    if (index >= 0 && JournalIndex.cycle(index) == JournalIndex.cycle(at)) {
      throw new JournalCorruptException(file(at), at, why + "; whole records follow it (next at "
          + index + ")");
    }
    onTorn.accept(new TornTail(file(at), at, why));
  }

  /** The cycle file that holds {@code index}. */
  Path file(long index) {
    return JournalIndex.cycleFile(journalDir, JournalIndex.cycle(index));
  }
}
