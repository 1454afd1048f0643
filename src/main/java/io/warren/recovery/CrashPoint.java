package io.warren.recovery;

import io.warren.journal.JournalRecord;
import io.warren.journal.JournalWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for the crash matrix: halts the JVM (no shutdown hooks, like kill -9) right
 * after the Nth append of a given record type, optionally only for records of one effect or
 * target state. Enabled only by the {@code warren.crashAfter} system property, e.g.
 * {@code -Dwarren.crashAfter=EffectIntent:create:1} or {@code Transition:running:2}; the
 * production path never wraps the journal otherwise.
 */
public final class CrashPoint implements JournalWriter {
  /** Exit status of a halted worker, so a test can tell the injected crash from a real failure. */
  public static final int HALT_STATUS = 86;

  private final JournalWriter delegate;
  private final String type;
  private final String qualifier;
  private final int nth;
  private final AtomicInteger seen = new AtomicInteger();

  CrashPoint(JournalWriter delegate, String spec) {
    this.delegate = delegate;
    String[] parts = spec.split(":");
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException("warren.crashAfter: expected TYPE[:QUALIFIER]:N, got '"
          + spec + "'");
    }
    this.type = parts[0];
    this.qualifier = parts.length == 3 ? parts[1] : "";
    try {
      this.nth = Integer.parseInt(parts[parts.length - 1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("warren.crashAfter: N must be a number in '" + spec + "'");
    }
  }

  /** Wraps {@code journal} when {@code warren.crashAfter} is set; otherwise returns it as is. */
  public static JournalWriter wrapIfRequested(JournalWriter journal) {
    String spec = System.getProperty("warren.crashAfter", "");
    return spec.isBlank() ? journal : new CrashPoint(journal, spec);
  }

  @Override
  public long append(JournalRecord record) {
    long index = delegate.append(record);
    if (matches(record) && seen.incrementAndGet() == nth) {
      System.err.println("warren: injected crash after " + record.type()
          + (qualifier.isEmpty() ? "" : ":" + qualifier) + " #" + nth);
      System.err.flush();
      Runtime.getRuntime().halt(HALT_STATUS);
    }
    return index;
  }

  private boolean matches(JournalRecord record) {
    if (!record.type().equals(type)) {
      return false;
    }
    if (qualifier.isEmpty()) {
      return true;
    }
    if (record instanceof io.warren.journal.EffectIntent i) {
      return i.effect().equals(qualifier);
    }
    if (record instanceof io.warren.journal.EffectOutcome o) {
      return o.effect().equals(qualifier);
    }
    if (record instanceof io.warren.journal.Transition t) {
      return t.to().equals(qualifier);
    }
    return false;
  }
}
