package io.warren.journal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task as the journal tells it: the fold of its records.
 *
 * @param state the last Transition's {@code to} (or the checkpointed state), "" if none yet
 * @param containerId the container id of the latest effect or checkpoint, "" if none
 * @param updatedAtMillis time of the last change of state
 * @param openIntents effects whose outcome is not (yet) journaled, by effect sequence number
 * @param timeline every record about the task, in journal order
 */
public record TaskView(String taskId, String image, String state, int attempt, String containerId,
    long updatedAtMillis, Map<Long, EffectIntent> openIntents, List<TimelineEntry> timeline) {

  /**
   * Milliseconds spent in each state, in the order first entered; the current state counts up to
   * {@code nowMillis}.
   */
  public Map<String, Long> timeInStates(long nowMillis) {
    Map<String, Long> out = new LinkedHashMap<>();
    String current = null;
    long since = 0;
    for (TimelineEntry e : timeline) {
      if (!"Transition".equals(e.kind()) && !"Checkpoint".equals(e.kind())) {
        continue;
      }
      if (current != null) {
        out.merge(current, Math.max(0, e.timeMillis() - since), Long::sum);
      }
      current = e.state();
      since = e.timeMillis();
    }
    if (current != null) {
      out.merge(current, Math.max(0, nowMillis - since), Long::sum);
    }
    return out;
  }
}
