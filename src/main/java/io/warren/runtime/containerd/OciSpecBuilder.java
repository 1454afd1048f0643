package io.warren.runtime.containerd;

import io.warren.runtime.ContainerSpec;
import io.warren.runtime.Json;
import io.warren.runtime.image.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the OCI runtime spec of a container: containerd 1.6's default spec ({@code
 * WithDefaultSpec} + {@code WithDefaultUnixDevices}, facts §8), plus a read-only cgroup mount, the
 * image config (entrypoint, cmd, env, workdir) merged with the {@link ContainerSpec}, the resolved
 * user, limits, mounts, resolv.conf, netns and hostname. Input is validated before this runs
 * ({@link SpecValidator}).
 */
public final class OciSpecBuilder {
  static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final List<String> CAPS = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
      "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
      "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");
  private static final List<String> MASKED = List.of("/proc/acpi", "/proc/asound", "/proc/kcore",
      "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
      "/sys/firmware", "/proc/scsi");
  private static final List<String> READONLY = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
      "/proc/sysrq-trigger");

  private OciSpecBuilder() {}

  /** The spec JSON. {@code user} is already resolved against the image's /etc/passwd. */
  public static byte[] build(ContainerSpec spec, ImageConfig image, UserResolver.User user, String namespace) {
    Map<String, Object> root = Json.object();
    root.put("ociVersion", "1.0.2-dev");
    root.put("process", process(spec, image, user));
    root.put("root", Map.of("path", "rootfs"));
    root.put("hostname", spec.hostname().isEmpty() ? spec.containerId() : spec.hostname());
    root.put("mounts", mounts(spec));
    root.put("linux", linux(spec, namespace));
    return Json.write(root);
  }

  /** The process args: the spec's command replaces the image's entrypoint + cmd. */
  static List<String> args(ContainerSpec spec, ImageConfig image) {
    if (!spec.command().isEmpty()) {
      return spec.command();
    }
    List<String> args = new ArrayList<>(image.entrypoint());
    args.addAll(image.cmd());
    return args;
  }

  /** Image env, then the spec's env overriding by key; PATH defaulted when the image has none. */
  static List<String> env(ContainerSpec spec, ImageConfig image) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", DEFAULT_PATH.substring(5));
    for (String e : image.env()) {
      int eq = e.indexOf('=');
      if (eq > 0) {
        env.put(e.substring(0, eq), e.substring(eq + 1));
      }
    }
    env.putAll(new java.util.TreeMap<>(spec.env()));
    List<String> out = new ArrayList<>();
    env.forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }

  static Map<String, Object> processNode(List<String> args, List<String> env, String cwd,
      UserResolver.User user) {
    Map<String, Object> p = Json.object();
    p.put("terminal", false);
    Map<String, Object> u = Json.object();
    u.put("uid", user.uid());
    u.put("gid", user.gid());
    u.put("additionalGids", List.of(user.gid()));
    p.put("user", u);
    p.put("args", List.copyOf(args));
    p.put("env", List.copyOf(env));
    p.put("cwd", cwd);
    Map<String, Object> caps = Json.object();
    for (String set : List.of("bounding", "effective", "permitted")) {
      caps.put(set, CAPS);
    }
    p.put("capabilities", caps);
    Map<String, Object> rl = Json.object();
    rl.put("type", "RLIMIT_NOFILE");
    rl.put("hard", 1024);
    rl.put("soft", 1024);
    p.put("rlimits", List.of(rl));
    p.put("noNewPrivileges", true);
    return p;
  }

  private static Map<String, Object> process(ContainerSpec spec, ImageConfig image, UserResolver.User user) {
    String cwd = !spec.workingDir().isEmpty() ? spec.workingDir()
        : image.workingDir().isEmpty() ? "/" : image.workingDir();
    return processNode(args(spec, image), env(spec, image), cwd, user);
  }

  private static List<Object> mounts(ContainerSpec spec) {
    List<Object> m = new ArrayList<>();
    mount(m, "/proc", "proc", "proc", "nosuid", "noexec", "nodev");
    mount(m, "/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k");
    mount(m, "/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620",
        "gid=5");
    mount(m, "/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=65536k");
    mount(m, "/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev");
    mount(m, "/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro");
    mount(m, "/run", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k");
    // not in containerd's default (the CRI plugin adds it): tools inside expect to read their limits
    mount(m, "/sys/fs/cgroup", "cgroup", "cgroup", "nosuid", "noexec", "nodev", "relatime", "ro");
    for (ContainerSpec.Mount u : spec.mounts()) {
      List<String> opts = new ArrayList<>();
      if (u.type().equals("bind")) {
        opts.add("rbind");
        opts.add(u.readOnly() ? "ro" : "rw");
        opts.addAll(u.options());
        mount(m, u.target(), "bind", u.source(), opts.toArray(String[]::new));
      } else {
        opts.add("nosuid");
        opts.add("nodev");
        if (u.readOnly()) {
          opts.add("ro");
        }
        opts.addAll(u.options());
        mount(m, u.target(), "tmpfs", "tmpfs", opts.toArray(String[]::new));
      }
    }
    if (spec.resolvConf() != null) {
      mount(m, "/etc/resolv.conf", "bind", spec.resolvConf().toString(), "rbind", "ro");
    }
    return m;
  }

  private static void mount(List<Object> mounts, String dest, String type, String source,
      String... options) {
    Map<String, Object> m = Json.object();
    m.put("destination", dest);
    m.put("type", type);
    m.put("source", source);
    m.put("options", List.of(options));
    mounts.add(m);
  }

  private static Map<String, Object> linux(ContainerSpec spec, String namespace) {
    List<Object> devices = new ArrayList<>();
    Map<String, Object> deny = Json.object();
    deny.put("allow", false);
    deny.put("access", "rwm");
    devices.add(deny);
    int[][] allowed = {{1, 3}, {1, 8}, {1, 7}, {5, 0}, {1, 5}, {1, 9}, {5, 1}, {136, -1}, {5, 2}};
    for (int[] d : allowed) {
      Map<String, Object> a = Json.object();
      a.put("allow", true);
      a.put("type", "c");
      a.put("major", d[0]);
      if (d[1] >= 0) {
        a.put("minor", d[1]);
      }
      a.put("access", "rwm");
      devices.add(a);
    }
    Map<String, Object> res = Json.object();
    res.put("devices", devices);
    ContainerSpec.Limits lim = spec.limits();
    if (lim.memoryBytes() > 0) {
      res.put("memory", Map.of("limit", lim.memoryBytes()));
    }
    if (lim.cpuShares() > 0 || lim.cpuQuotaMicros() > 0) {
      Map<String, Object> cpu = Json.object();
      if (lim.cpuShares() > 0) {
        cpu.put("shares", lim.cpuShares());
      }
      if (lim.cpuQuotaMicros() > 0) {
        cpu.put("quota", lim.cpuQuotaMicros());
        cpu.put("period", lim.cpuPeriodMicros() > 0 ? lim.cpuPeriodMicros() : 100_000);
      }
      res.put("cpu", cpu);
    }
    if (lim.pidsLimit() > 0) {
      res.put("pids", Map.of("limit", lim.pidsLimit()));
    }
    Map<String, Object> l = Json.object();
    l.put("resources", res);
    l.put("cgroupsPath", "/" + namespace + "/" + spec.containerId());
    List<Object> ns = new ArrayList<>();
    for (String t : List.of("pid", "ipc", "uts", "mount")) {
      ns.add(Map.of("type", t));
    }
    Map<String, Object> net = Json.object();
    net.put("type", "network");
    if (spec.netnsPath() != null) {
      net.put("path", spec.netnsPath().toString());
    }
    ns.add(net);
    l.put("namespaces", ns);
    l.put("maskedPaths", MASKED);
    l.put("readonlyPaths", READONLY);
    return l;
  }
}
