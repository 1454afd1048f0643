package io.warren.journal;

/** The manager accepted this status for this task; a restart resends only unacknowledged ones. */
public record ManagerAck(long timeMillis, String taskId, String actualState, String error)
    implements JournalRecord {}
