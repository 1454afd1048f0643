package io.warren.task;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One task (Warren calls it a "container": one replica of a service) as the manager assigned it.
 * Immutable; journaled verbatim in {@code TaskAssigned}. Secrets are carried by name only: values
 * never enter this type, so they can never reach the journal.
 */
public record TaskSpec(
    String taskId,
    String serviceId,
    String serviceName,
    String image,
    List<String> command,
    Map<String, String> env,
    Resources resources,
    RestartPolicy restartPolicy,
    HealthCheck healthCheck,
    List<VolumeMount> volumes,
    List<String> secrets,
    int stopTimeoutSeconds,
    List<PortMapping> ports) {

  /** Warren's default grace period between SIGTERM and SIGKILL. */
  public static final int DEFAULT_STOP_TIMEOUT_SECONDS = 10;

  public TaskSpec {
    Objects.requireNonNull(taskId, "taskId");
    serviceId = serviceId == null ? "" : serviceId;
    serviceName = serviceName == null ? "" : serviceName;
    image = image == null ? "" : image;
    command = command == null ? List.of() : List.copyOf(command);
    env = env == null ? Map.of() : Map.copyOf(env);
    resources = resources == null ? Resources.NONE : resources;
    restartPolicy = restartPolicy == null ? RestartPolicy.DEFAULT : restartPolicy;
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    ports = ports == null ? List.of() : List.copyOf(ports);
    if (stopTimeoutSeconds <= 0) {
      stopTimeoutSeconds = DEFAULT_STOP_TIMEOUT_SECONDS;
    }
  }

  /** A minimal spec: image and command, defaults for everything else. */
  public static TaskSpec of(String taskId, String image, List<String> command) {
    return new TaskSpec(taskId, "", "", image, command, Map.of(), Resources.NONE,
        RestartPolicy.DEFAULT, null, List.of(), List.of(), 0, List.of());
  }

  /** CPU in Warren's unit (shares = cores x 1024), memory limit and reservation in bytes; 0 = unset. */
  public record Resources(long cpuShares, long memoryBytes, long memoryReservationBytes) {
    public static final Resources NONE = new Resources(0, 0, 0);
  }

  public record VolumeMount(String source, String target, boolean readOnly) {}

  public record PortMapping(String name, int containerPort, int hostPort, String protocol,
      String publishMode) {}

  /**
   * Health check as Warren's API carries it. {@code type} is HTTP, TCP or EXEC; only the fields of
   * that type are meaningful.
   */
  public record HealthCheck(
      String type,
      String httpPath,
      int httpPort,
      String httpScheme,
      int tcpPort,
      List<String> execCommand,
      int intervalSeconds,
      int timeoutSeconds,
      int retries,
      int startPeriodSeconds) {
    public HealthCheck {
      execCommand = execCommand == null ? List.of() : List.copyOf(execCommand);
    }
  }
}
