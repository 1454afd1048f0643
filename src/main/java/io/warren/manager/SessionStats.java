package io.warren.manager;

/**
 * A snapshot of the session's counters, for metrics and tests.
 *
 * @param connected whether the last call to the manager succeeded
 * @param registrations successful RegisterNode calls (1 + one per reconnect)
 * @param heartbeats successful heartbeats
 * @param heartbeatFailures heartbeats that failed (Warren's {@code worker_heartbeat_failures})
 * @param syncs successful ListContainers polls
 * @param statusPushes successful UpdateContainerStatus calls
 * @param callFailures every failed call, of any kind
 * @param lastBackoffMillis the delay chosen after the last failure (0 before any)
 * @param watchingAssignments whether a WatchContainers stream is open (or opening)
 * @param assignmentEvents WatchContainers events received, each one answered by a sync
 */
public record SessionStats(boolean connected, long registrations, long heartbeats,
    long heartbeatFailures, long syncs, long statusPushes, long callFailures,
    long lastBackoffMillis, boolean watchingAssignments, long assignmentEvents) {}
