package io.warren.journal;

/**
 * About to perform a side effect (pull, create, start, stop, remove, ...). An intent without a
 * matching {@link EffectOutcome} means "may or may not have happened": recovery asks containerd.
 *
 * @param effectSeq per-task sequence number pairing this intent with its outcome
 * @param containerId the deterministic container id of (task, attempt) the effect is about
 */
public record EffectIntent(long timeMillis, String taskId, int attempt, long effectSeq,
    String effect, String containerId) implements JournalRecord {}
