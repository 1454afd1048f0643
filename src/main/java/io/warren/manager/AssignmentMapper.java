package io.warren.manager;

import io.warren.api.v1.Container;
import io.warren.runtime.ContainerIds;
import io.warren.task.DesiredState;
import io.warren.task.RestartPolicy;
import io.warren.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the manager's {@code Container} record into a {@link TaskSpec}, keeping every field
 * (Warren's Go worker drops env, resources, command, health check, restart policy and stop
 * timeout). Values the engine can judge (an image reference with spaces, negative limits, an
 * unsupported feature) are passed through: the engine fails that task with a reason. Only what
 * makes a spec impossible to build (an unsafe id, an unknown restart condition or desired state)
 * is refused here with {@link InvalidAssignment}.
 */
public final class AssignmentMapper {
  private AssignmentMapper() {}

  public static DesiredState desired(Container c) throws InvalidAssignment {
    try {
      return DesiredState.parse(c.getDesiredState());
    } catch (IllegalArgumentException e) {
      throw new InvalidAssignment(e.getMessage());
    }
  }

  public static TaskSpec toSpec(Container c) throws InvalidAssignment {
    try {
      ContainerIds.requireSafeTaskId(c.getId());
    } catch (IllegalArgumentException e) {
      throw new InvalidAssignment("id: " + e.getMessage());
    }
    if (c.getStopTimeout() < 0) {
      throw new InvalidAssignment("stop_timeout: must be >= 0 seconds, got " + c.getStopTimeout());
    }
    RestartPolicy restart;
    try {
      restart = c.hasRestartPolicy()
          ? new RestartPolicy(RestartPolicy.Condition.parse(c.getRestartPolicy().getCondition()),
              c.getRestartPolicy().getMaxAttempts(), c.getRestartPolicy().getDelaySeconds())
          : RestartPolicy.DEFAULT;
    } catch (IllegalArgumentException e) {
      throw new InvalidAssignment(e.getMessage());
    }
    TaskSpec.Resources resources = c.hasResources()
        ? new TaskSpec.Resources(c.getResources().getCpuShares(), c.getResources().getMemoryBytes(),
            c.getResources().getMemoryReservationBytes())
        : TaskSpec.Resources.NONE;
    List<TaskSpec.VolumeMount> volumes = new ArrayList<>();
    for (var v : c.getVolumesList()) {
      volumes.add(new TaskSpec.VolumeMount(v.getSource(), v.getTarget(), v.getReadOnly()));
    }
    List<TaskSpec.PortMapping> ports = new ArrayList<>();
    for (var p : c.getPortsList()) {
      ports.add(new TaskSpec.PortMapping(p.getName(), p.getContainerPort(), p.getHostPort(),
          p.getProtocol().isEmpty() ? "tcp" : p.getProtocol(), p.getPublishMode().name()));
    }
    TaskSpec.HealthCheck health = null;
    if (c.hasHealthCheck()) {
      var h = c.getHealthCheck();
      health = new TaskSpec.HealthCheck(h.getType().name(), h.getHttp().getPath(), h.getHttp().getPort(),
          h.getHttp().getScheme(), h.getTcp().getPort(), h.getExec().getCommandList(),
          h.getIntervalSeconds(), h.getTimeoutSeconds(), h.getRetries(), h.getStartPeriodSeconds());
    }
    return new TaskSpec(c.getId(), c.getServiceId(), c.getServiceName(), c.getImage(),
        c.getCommandList(), c.getEnvMap(), resources, restart, health, volumes, c.getSecretsList(),
        c.getStopTimeout(), ports);
  }
}
