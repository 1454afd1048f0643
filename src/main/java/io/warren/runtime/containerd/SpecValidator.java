package io.warren.runtime.containerd;

import io.warren.runtime.ContainerIds;
import io.warren.runtime.ContainerSpec;
import io.warren.runtime.image.ImageReference;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Rejects bad container specs with a message naming the field and the value. */
public final class SpecValidator {
  private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  private SpecValidator() {}

  public static void validate(ContainerSpec s) {
    if (s.containerId() == null) {
      throw new IllegalArgumentException("containerId is missing");
    }
    try {
      ContainerIds.requireSafeTaskId(s.containerId());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("containerId '" + s.containerId() + "' is not a safe identifier");
    }
    if (s.image() == null) {
      throw new IllegalArgumentException("image is missing");
    }
    ImageReference.parse(s.image());
    nonNegative("limits.memoryBytes", s.limits().memoryBytes());
    nonNegative("limits.cpuShares", s.limits().cpuShares());
    nonNegative("limits.cpuQuotaMicros", s.limits().cpuQuotaMicros());
    nonNegative("limits.cpuPeriodMicros", s.limits().cpuPeriodMicros());
    nonNegative("limits.pidsLimit", s.limits().pidsLimit());
    if (s.limits().memoryBytes() > 0 && s.limits().memoryBytes() < 6 * 1024 * 1024) {
      throw new IllegalArgumentException("limits.memoryBytes " + s.limits().memoryBytes()
          + " is below the 6 MiB a container needs to start");
    }
    if (s.limits().cpuQuotaMicros() > 0 && s.limits().cpuQuotaMicros() < 1000) {
      throw new IllegalArgumentException("limits.cpuQuotaMicros " + s.limits().cpuQuotaMicros()
          + " is below the kernel's minimum of 1000");
    }
    if (!s.workingDir().isEmpty()) {
      absolute("workingDir", s.workingDir());
    }
    if (!s.hostname().isEmpty() && !HOSTNAME.matcher(s.hostname()).matches()) {
      throw new IllegalArgumentException("hostname '" + s.hostname() + "' is not a valid host name");
    }
    for (String k : s.env().keySet()) {
      if (k.isEmpty() || k.contains("=") || k.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("env name '" + k + "' is invalid");
      }
    }
    for (int i = 0; i < s.mounts().size(); i++) {
      ContainerSpec.Mount m = s.mounts().get(i);
      String f = "mounts[" + i + "]";
      if (!m.type().equals("bind") && !m.type().equals("tmpfs")) {
        throw new IllegalArgumentException(f + ".type '" + m.type() + "' must be bind or tmpfs");
      }
      absolute(f + ".target", m.target());
      if (m.type().equals("bind")) {
        absolute(f + ".source", m.source());
        if (!Path.of(m.source()).toFile().exists()) {
          throw new IllegalArgumentException(f + ".source '" + m.source() + "' does not exist");
        }
      }
      for (String o : m.options()) {
        if (o.contains(",") || o.isBlank()) {
          throw new IllegalArgumentException(f + ".options entry '" + o + "' is invalid");
        }
      }
    }
    if (s.resolvConf() != null) {
      absolute("resolvConf", s.resolvConf().toString());
    }
    if (s.netnsPath() != null) {
      absolute("netnsPath", s.netnsPath().toString());
    }
    if (s.stdoutLog() != null) {
      absolute("stdoutLog", s.stdoutLog().toString());
    }
    if (s.stderrLog() != null) {
      absolute("stderrLog", s.stderrLog().toString());
    }
  }

  private static void nonNegative(String field, long v) {
    if (v < 0) {
      throw new IllegalArgumentException(field + " must not be negative, got " + v);
    }
  }

  private static void absolute(String field, String p) {
    if (p == null || !p.startsWith("/")) {
      throw new IllegalArgumentException(field + " '" + p + "' must be an absolute path");
    }
    for (String part : p.split("/")) {
      if (part.equals("..")) {
        throw new IllegalArgumentException(field + " '" + p + "' must not contain '..'");
      }
    }
  }
}
