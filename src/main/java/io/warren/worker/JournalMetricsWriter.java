package io.warren.worker;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.warren.journal.EffectOutcome;
import io.warren.journal.JournalRecord;
import io.warren.journal.JournalWriter;
import io.warren.metrics.WorkerMetrics;
import io.warren.task.machine.Effects;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts what the worker journals, on its way to the journal: records by type, and containers
 * the OOM killer ended (a watch outcome whose exit details say so). Counting the journal rather
 * than runtime events means each exit is counted once, including exits recovery found while
 * the worker was down, and never for an append that failed.
 */
final class JournalMetricsWriter implements JournalWriter {
  private final JournalWriter journal;
  private final WorkerMetrics metrics;
  private final Map<String, CounterDataPoint> byType = new ConcurrentHashMap<>();

  JournalMetricsWriter(JournalWriter journal, WorkerMetrics metrics) {
    this.journal = journal;
    this.metrics = metrics;
  }

  @Override
  public long append(JournalRecord record) {
    long index = journal.append(record);
    byType.computeIfAbsent(record.type(), metrics.journalRecords::labelValues).inc();
    if (record instanceof EffectOutcome o && Effects.WATCH.equals(o.effect())
        && "true".equals(o.details().get("oomKilled"))) {
      metrics.containerOomKills.inc();
    }
    return index;
  }
}
