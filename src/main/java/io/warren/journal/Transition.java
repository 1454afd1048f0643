package io.warren.journal;

/**
 * A state change of one task's machine, appended before the machine's state changes.
 *
 * @param attempt the task's attempt number (1 for the first container, +1 per restart)
 * @param reason human-readable why (exit code, error text), may be empty
 */
public record Transition(long timeMillis, String taskId, int attempt, String from, String to,
    String event, String reason) implements JournalRecord {}
