/**
 * The only package that imports Spring Statemachine: builds one machine per task from the
 * {@link io.warren.task.machine.MachineDefinition} with {@code StateMachineBuilder} (no Boot, no
 * annotations, no bean lookups), journals each transition from an interceptor before the state
 * changes, and restores machines by reset. Machines have no actions: effects are run by the
 * engine's task runner after the transition is journaled.
 */
package io.warren.statemachine;
