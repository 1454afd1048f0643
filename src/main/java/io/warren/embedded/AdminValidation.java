package io.warren.embedded;

import io.warren.api.v1.CreateServiceRequest;
import io.warren.api.v1.HealthCheck;
import io.warren.api.v1.PortMapping;
import io.warren.api.v1.ResourceRequirements;
import io.warren.api.v1.RestartPolicy;
import io.warren.api.v1.VolumeMount;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks of admin input. Each failure is an INVALID_ARGUMENT whose message starts with the field
 * name and quotes the value, e.g. {@code replicas: must be >= 0, got -1}.
 */
final class AdminValidation {
  /** Names end up in paths and container ids: no separators, no "..", no spaces. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
  /**
   * An image reference as containerd parses it: [registry[:port]/]path[:tag][@digest], lower-case
   * path components; checked loosely here, fully by the worker.
   */
  private static final Pattern IMAGE = Pattern.compile(
      "[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?"
          + "(?:@[a-z0-9]+:[a-fA-F0-9]{32,})?");
  private static final Set<String> MODES = Set.of("", "replicated", "global");
  private static final Set<String> STRATEGIES = Set.of("", "rolling", "blue-green", "canary");
  static final Set<String> CONDITIONS =
      Set.of("", "never", "none", "on-failure", "always", "any");

  private AdminValidation() {}

  static String name(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw ApiException.invalid(field + ": is required");
    }
    if (!NAME.matcher(value).matches() || value.contains("..")) {
      throw ApiException.invalid(field + ": '" + value
          + "' is not a valid name (letters, digits, '_', '.', '-'; at most 63; no '/', '..' or spaces)");
    }
    return value;
  }

  static String image(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw ApiException.invalid(field + ": is required");
    }
    if (value.chars().anyMatch(Character::isWhitespace) || !IMAGE.matcher(value).matches()) {
      throw ApiException.invalid(field + ": '" + value + "' is not a valid image reference");
    }
    return value;
  }

  static void createService(CreateServiceRequest r) {
    name("name", r.getName());
    image("image", r.getImage());
    if (r.getReplicas() < 0) {
      throw ApiException.invalid("replicas: must be >= 0, got " + r.getReplicas());
    }
    if (!MODES.contains(r.getMode())) {
      throw ApiException.invalid("mode: unknown value '" + r.getMode() + "' (expected replicated or global)");
    }
    if (!STRATEGIES.contains(r.getDeployStrategy())) {
      throw ApiException.invalid("deploy_strategy: unknown value '" + r.getDeployStrategy()
          + "' (expected rolling, blue-green or canary)");
    }
    if (r.hasRestartPolicy()) {
      restartPolicy(r.getRestartPolicy());
    }
    if (r.hasResources()) {
      resources(r.getResources());
    }
    if (r.hasHealthCheck()) {
      healthCheck(r.getHealthCheck());
    }
    if (r.getStopTimeout() < 0) {
      throw ApiException.invalid("stop_timeout: must be >= 0 seconds, got " + r.getStopTimeout());
    }
    env(r.getEnvMap());
    for (int i = 0; i < r.getPortsCount(); i++) {
      port("ports[" + i + "]", r.getPorts(i));
    }
    for (int i = 0; i < r.getVolumesCount(); i++) {
      volumeMount("volumes[" + i + "]", r.getVolumes(i));
    }
    for (int i = 0; i < r.getSecretsCount(); i++) {
      name("secrets[" + i + "]", r.getSecrets(i));
    }
  }

  static void restartPolicy(RestartPolicy p) {
    if (!CONDITIONS.contains(p.getCondition())) {
      throw ApiException.invalid("restart_policy.condition: unknown value '" + p.getCondition()
          + "' (expected never|none, on-failure, always|any)");
    }
    if (p.getMaxAttempts() < 0) {
      throw ApiException.invalid("restart_policy.max_attempts: must be >= 0, got " + p.getMaxAttempts());
    }
    if (p.getDelaySeconds() < 0) {
      throw ApiException.invalid("restart_policy.delay_seconds: must be >= 0, got " + p.getDelaySeconds());
    }
  }

  static void resources(ResourceRequirements r) {
    if (r.getCpuShares() < 0) {
      throw ApiException.invalid("resources.cpu_shares: must be >= 0, got " + r.getCpuShares());
    }
    if (r.getMemoryBytes() < 0) {
      throw ApiException.invalid("resources.memory_bytes: must be >= 0, got " + r.getMemoryBytes());
    }
    if (r.getMemoryReservationBytes() < 0) {
      throw ApiException.invalid("resources.memory_reservation_bytes: must be >= 0, got "
          + r.getMemoryReservationBytes());
    }
  }

  static void healthCheck(HealthCheck h) {
    if (h.getIntervalSeconds() < 0 || h.getTimeoutSeconds() < 0 || h.getRetries() < 0
        || h.getStartPeriodSeconds() < 0) {
      throw ApiException.invalid("health_check: interval, timeout, retries and start period must be >= 0");
    }
    switch (h.getType()) {
      case HTTP -> portNumber("health_check.http.port", h.getHttp().getPort(), true);
      case TCP -> portNumber("health_check.tcp.port", h.getTcp().getPort(), false);
      case EXEC -> {
        if (h.getExec().getCommandCount() == 0) {
          throw ApiException.invalid("health_check.exec.command: must not be empty");
        }
      }
      default -> throw ApiException.invalid("health_check.type: unknown value " + h.getTypeValue());
    }
  }

  static void env(Map<String, String> env) {
    for (var e : env.entrySet()) {
      String k = e.getKey();
      if (k.isEmpty() || k.contains("=") || k.indexOf('\0') >= 0 || e.getValue().indexOf('\0') >= 0) {
        throw ApiException.invalid("env: '" + k + "' is not a valid variable name");
      }
    }
  }

  static void port(String field, PortMapping p) {
    portNumber(field + ".container_port", p.getContainerPort(), false);
    if (p.getHostPort() < 0 || p.getHostPort() > 65535) {
      throw ApiException.invalid(field + ".host_port: " + p.getHostPort() + " is out of range 0..65535");
    }
    if (!Set.of("", "tcp", "udp").contains(p.getProtocol())) {
      throw ApiException.invalid(field + ".protocol: unknown value '" + p.getProtocol() + "' (expected tcp or udp)");
    }
  }

  private static void portNumber(String field, int port, boolean zeroAllowed) {
    if ((port == 0 && !zeroAllowed) || port < 0 || port > 65535) {
      throw ApiException.invalid(field + ": " + port + " is out of range 1..65535");
    }
  }

  static void volumeMount(String field, VolumeMount v) {
    name(field + ".source", v.getSource());
    String t = v.getTarget();
    if (!t.startsWith("/") || t.contains("/../") || t.endsWith("/..") || t.indexOf('\0') >= 0) {
      throw ApiException.invalid(field + ".target: '" + t + "' must be an absolute path without '..'");
    }
  }

  static String role(String value) {
    String r = value == null || value.isEmpty() ? "worker" : value;
    if (!Set.of("worker", "manager", "hybrid").contains(r)) {
      throw ApiException.invalid("role: unknown value '" + value + "' (expected worker, manager or hybrid)");
    }
    return r;
  }
}
