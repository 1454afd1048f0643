package io.warren.journal;

/**
 * Recovery removed (or, in dry-run mode, would remove) a container from the worker's namespace.
 *
 * @param taskId owning task if the labels name one, else {@code ""}
 */
public record Reap(long timeMillis, String containerId, String taskId, String reason,
    boolean dryRun) implements JournalRecord {}
