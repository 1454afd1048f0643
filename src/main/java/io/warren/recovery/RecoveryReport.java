package io.warren.recovery;

import java.util.List;
import java.util.Map;

/**
 * What one recovery did, phase by phase. Logged at the end of recovery, exported as metrics and
 * printed by {@code warren journal diff-live}.
 *
 * @param phaseMillis duration of each named phase, in the order they ran
 * @param intentsResolved effects cut short by the stop (create, start, stop, remove...) that
 *     containerd answered; not the running tasks' waits, which say nothing containerd can answer
 */
public record RecoveryReport(Map<String, Long> phaseMillis, int tasks, int reattached,
    int exitedWhileDown, int vanished, int intentsResolved, List<Reaper.Outcome> reaped,
    List<Resolution> plan) {

  public long totalMillis() {
    return phaseMillis.values().stream().mapToLong(Long::longValue).sum();
  }
}
