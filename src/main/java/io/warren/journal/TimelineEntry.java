package io.warren.journal;

/**
 * One line of a task's history.
 *
 * @param kind the record type ({@code Transition}, {@code EffectIntent}, ...)
 * @param what a one-line description ("RUNNING -> STOPPING on stop", "start t1-1: OK")
 * @param state the task's state after this record
 */
public record TimelineEntry(long index, long timeMillis, String kind, String what, String state) {}
