package io.warren.manager;

import java.time.Duration;

/**
 * How often the worker talks to the manager. Warren's values by default; tests inject short ones.
 *
 * @param heartbeat interval between heartbeats (Warren: 5 s; must stay well under the manager's
 *     30 s node-down timeout)
 * @param sync interval between ListContainers polls (Warren: 3 s)
 * @param initialBackoff first retry delay after the manager became unreachable
 * @param maxBackoff cap of the exponential back-off (the spec: 30 s)
 * @param rpcTimeout deadline of each call (Warren: 5 s for the loops)
 */
public record SessionTimings(Duration heartbeat, Duration sync, Duration initialBackoff,
    Duration maxBackoff, Duration rpcTimeout) {

  public static final SessionTimings WARREN = new SessionTimings(Duration.ofSeconds(5),
      Duration.ofSeconds(3), Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(5));

  public SessionTimings {
    requirePositive("heartbeat", heartbeat);
    requirePositive("sync", sync);
    requirePositive("initialBackoff", initialBackoff);
    requirePositive("maxBackoff", maxBackoff);
    requirePositive("rpcTimeout", rpcTimeout);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff " + maxBackoff
          + " is shorter than initialBackoff " + initialBackoff);
    }
  }

  private static void requirePositive(String field, Duration d) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(field + " must be a positive duration, got " + d);
    }
  }
}
