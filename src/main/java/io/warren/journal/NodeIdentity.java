package io.warren.journal;

/** Who this worker is: written once when a data directory is first used, repeated in checkpoints' wake. */
public record NodeIdentity(long timeMillis, String nodeId, String managerAddress, String namespace)
    implements JournalRecord {}
