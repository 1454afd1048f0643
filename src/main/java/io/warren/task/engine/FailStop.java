package io.warren.task.engine;

/**
 * A task halted because a journal append failed: whether the record landed is unknown, so the
 * worker must not carry on as if it had; it stops and replays.
 *
 * @param what the record being appended ("transition running --shutdown-->", "intent create", ...)
 */
public record FailStop(String taskId, String what, RuntimeException error) {}
