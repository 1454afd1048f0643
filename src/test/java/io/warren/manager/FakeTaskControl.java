package io.warren.manager;

import io.warren.task.ActualState;
import io.warren.task.DesiredState;
import io.warren.task.TaskControl;
import io.warren.task.TaskSpec;
import io.warren.task.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A behavioural stand-in for the task engine: a task assigned with desired running starts at once
 * (pending, then running) unless its spec is one a real engine would refuse (an image reference
 * with whitespace, negative limits), in which case it fails with a reason; desired shutdown
 * completes it; {@link #exit} simulates the container exiting.
 */
final class FakeTaskControl implements TaskControl {
  final Map<String, TaskSpec> specs = new ConcurrentHashMap<>();
  final Map<String, TaskStatus> tasks = new ConcurrentHashMap<>();
  final Map<String, DesiredState> desired = new ConcurrentHashMap<>();
  final List<String> forgotten = new CopyOnWriteArrayList<>();
  final List<String> assignCalls = new CopyOnWriteArrayList<>();
  private final List<Consumer<TaskStatus>> listeners = new CopyOnWriteArrayList<>();

  @Override
  public synchronized void assign(TaskSpec spec, DesiredState d) {
    assignCalls.add(spec.taskId());
    if (tasks.containsKey(spec.taskId())) {
      setDesired(spec.taskId(), d);
      return;
    }
    specs.put(spec.taskId(), spec);
    desired.put(spec.taskId(), d);
    set(spec.taskId(), ActualState.PENDING, "", "");
    if (d != DesiredState.RUNNING) {
      return;
    }
    if (spec.image().chars().anyMatch(Character::isWhitespace)) {
      set(spec.taskId(), ActualState.FAILED, "", "invalid image reference '" + spec.image() + "'");
    } else if (spec.resources().memoryBytes() < 0 || spec.resources().cpuShares() < 0) {
      set(spec.taskId(), ActualState.FAILED, "", "resources: negative limit");
    } else {
      set(spec.taskId(), ActualState.RUNNING, spec.taskId() + "-a1", "");
    }
  }

  @Override
  public synchronized void setDesired(String taskId, DesiredState d) {
    TaskStatus s = tasks.get(taskId);
    if (s == null) {
      return;
    }
    desired.put(taskId, d);
    if (d == DesiredState.SHUTDOWN && (s.actualState() == ActualState.RUNNING
        || s.actualState() == ActualState.PENDING)) {
      set(taskId, ActualState.COMPLETE, s.containerId(), "");
    }
  }

  @Override
  public synchronized void forget(String taskId) {
    tasks.remove(taskId);
    specs.remove(taskId);
    desired.remove(taskId);
    forgotten.add(taskId);
  }

  @Override
  public List<TaskStatus> statuses() {
    return new ArrayList<>(tasks.values());
  }

  @Override
  public void onStatusChange(Consumer<TaskStatus> listener) {
    listeners.add(listener);
  }

  /** The container of a running task exited with {@code code}. */
  synchronized void exit(String taskId, int code) {
    TaskStatus s = tasks.get(taskId);
    set(taskId, code == 0 ? ActualState.COMPLETE : ActualState.FAILED, s.containerId(),
        code == 0 ? "" : "container exited with code " + code);
  }

  /** Puts a task in place as if recovered from the journal after a restart. */
  synchronized void recovered(String taskId, ActualState state, String error) {
    desired.put(taskId, DesiredState.RUNNING);
    set(taskId, state, taskId + "-a1", error);
  }

  List<String> withState(ActualState state) {
    return tasks.values().stream().filter(s -> s.actualState() == state).map(TaskStatus::taskId)
        .toList();
  }

  private void set(String id, ActualState state, String containerId, String error) {
    TaskStatus s = new TaskStatus(id, state, state.name(), 1, containerId, error,
        System.currentTimeMillis());
    tasks.put(id, s);
    for (Consumer<TaskStatus> l : listeners) {
      l.accept(s);
    }
  }
}
