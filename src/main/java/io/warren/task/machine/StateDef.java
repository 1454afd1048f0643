package io.warren.task.machine;

import io.warren.task.ActualState;

/**
 * One state of the task machine.
 *
 * @param status what Warren's manager is told while the task is in this state
 * @param terminal nothing leaves this state
 */
public record StateDef(String name, ActualState status, boolean terminal, String doc) {}
