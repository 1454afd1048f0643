package io.warren.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to create one container. The runtime builds the OCI spec from it: containerd's
 * default spec, the image config (entrypoint, cmd, env, workdir) merged with these fields.
 *
 * @param command replaces the image's entrypoint+cmd when non-empty
 * @param env added to (and overriding) the image's env
 * @param user "" for the image's user, "uid[:gid]" or a name resolved from the image's /etc/passwd
 * @param netnsPath network namespace to join, or null for a new one
 * @param resolvConf host file bind-mounted read-only at /etc/resolv.conf, or null
 * @param stdoutLog host file the task's stdout goes to; {@code stderrLog} likewise
 */
public record ContainerSpec(
    String containerId,
    String image,
    Map<String, String> labels,
    List<String> command,
    Map<String, String> env,
    String workingDir,
    String user,
    String hostname,
    Limits limits,
    List<Mount> mounts,
    Path resolvConf,
    Path netnsPath,
    Path stdoutLog,
    Path stderrLog) {

  public ContainerSpec {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    command = command == null ? List.of() : List.copyOf(command);
    env = env == null ? Map.of() : Map.copyOf(env);
    workingDir = workingDir == null ? "" : workingDir;
    user = user == null ? "" : user;
    hostname = hostname == null ? "" : hostname;
    limits = limits == null ? Limits.NONE : limits;
    mounts = mounts == null ? List.of() : List.copyOf(mounts);
  }

  /**
   * Resource limits; 0 = unlimited.
   *
   * @param cpuQuotaMicros CFS quota per {@code cpuPeriodMicros}
   */
  public record Limits(long memoryBytes, long cpuShares, long cpuQuotaMicros, long cpuPeriodMicros,
      long pidsLimit) {
    public static final Limits NONE = new Limits(0, 0, 0, 0, 0);
  }

  /**
   * A mount. {@code type} is "bind" or "tmpfs"; for tmpfs the source is ignored.
   *
   * @param options extra mount options (e.g. "size=1m", "mode=0700")
   */
  public record Mount(String type, String source, String target, boolean readOnly,
      List<String> options) {
    public Mount {
      options = options == null ? List.of() : List.copyOf(options);
    }

    public static Mount bind(String source, String target, boolean readOnly) {
      return new Mount("bind", source, target, readOnly, List.of());
    }

    public static Mount tmpfs(String target, List<String> options) {
      return new Mount("tmpfs", "tmpfs", target, false, options);
    }
  }
}
