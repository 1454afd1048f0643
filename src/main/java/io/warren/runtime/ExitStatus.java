package io.warren.runtime;

/**
 * How a container's task ended.
 *
 * @param exitedAtMillis epoch millis, 0 when unknown
 * @param oomKilled the kernel's OOM killer ended it
 */
public record ExitStatus(int exitCode, long exitedAtMillis, boolean oomKilled) {}
