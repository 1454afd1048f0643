package io.warren.runtime.containerd;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.grpc.StatusRuntimeException;
import io.warren.runtime.ContainerLabels;
import io.warren.runtime.ContainerRuntime;
import io.warren.runtime.ContainerSpec;
import io.warren.runtime.ExitStatus;
import io.warren.runtime.ObservedContainer;
import io.warren.runtime.RuntimeFailure;
import io.warren.runtime.containerd.proto.containers.Container;
import io.warren.runtime.containerd.proto.containers.CreateContainerRequest;
import io.warren.runtime.containerd.proto.containers.DeleteContainerRequest;
import io.warren.runtime.containerd.proto.containers.GetContainerRequest;
import io.warren.runtime.containerd.proto.containers.ListContainersRequest;
import io.warren.runtime.containerd.proto.snapshots.MountsRequest;
import io.warren.runtime.containerd.proto.snapshots.PrepareSnapshotRequest;
import io.warren.runtime.containerd.proto.snapshots.RemoveSnapshotRequest;
import io.warren.runtime.containerd.proto.tasks.CreateTaskRequest;
import io.warren.runtime.containerd.proto.tasks.DeleteTaskRequest;
import io.warren.runtime.containerd.proto.tasks.GetRequest;
import io.warren.runtime.containerd.proto.tasks.KillRequest;
import io.warren.runtime.containerd.proto.tasks.ListTasksRequest;
import io.warren.runtime.containerd.proto.tasks.StartRequest;
import io.warren.runtime.containerd.proto.tasks.WaitRequest;
import io.warren.runtime.containerd.proto.tasks.WaitResponse;
import io.warren.runtime.containerd.proto.tasktypes.Process;
import io.warren.runtime.image.ImageReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@link ContainerRuntime} on containerd 1.6, spoken natively over gRPC. Every operation is
 * idempotent: it first reads what containerd has (Containers.Get, Tasks.Get) and reports
 * "already done" when the effect is there. State comes from Tasks.Get/Wait/List; events are
 * only used as a hint (OOM).
 *
 * <p>Ordering rules (facts §3, §7): the rootfs snapshot is prepared and the container created
 * under a lease with gc.expire; a task is always deleted before its container; the container
 * record goes before its snapshot (a crash in between leaves an unreferenced snapshot, which GC
 * collects).
 */
public final class ContainerdRuntime implements ContainerRuntime {
  static final String SPEC_TYPE = "types.containerd.io/opencontainers/runtime-spec/1/Spec";
  static final String RUNC_V2 = "io.containerd.runc.v2";
  private static final int SIGTERM = 15;
  private static final int SIGKILL = 9;

  private final ContainerdConnection conn;
  private final ImageStore images;
  private final ImagePuller puller;
  private final UserResolver users;
  private final Path dataDir;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService workers;
  private final OomMonitor oom;
  private final ExitWaiter exits;
  private final ExecRunner execs;
  /** Mounts returned by Prepare in create(), reused by start() to save a Snapshots.Mounts call. */
  private final Map<String, List<io.warren.runtime.containerd.proto.types.Mount>> preparedMounts =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param dataDir where default task logs ({@code logs/}) and exec output ({@code exec/}) live
   * @param puller how absent images are fetched (the registry client)
   */
  public ContainerdRuntime(ContainerdConnection conn, ImagePuller puller, Path dataDir) {
    this.conn = conn;
    this.images = new ImageStore(conn);
    this.puller = puller;
    this.users = new UserResolver(images.content());
    this.dataDir = dataDir;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "containerd-retry"));
    this.workers = Executors.newCachedThreadPool(r -> daemon(r, "containerd-exit"));
    this.oom = new OomMonitor(conn, scheduler);
    this.exits = new ExitWaiter(conn, oom, workers, scheduler);
    this.execs = new ExecRunner(conn, dataDir.resolve("exec"));
    oom.start();
  }

  /** Fetches an image from a registry into containerd. */
  @FunctionalInterface
  public interface ImagePuller {
    ResolvedImage pull(ImageReference ref, ImageStore store, PullProgress progress)
        throws IOException, RuntimeFailure;
  }

  public ContainerdConnection connection() {
    return conn;
  }

  public ImageStore images() {
    return images;
  }

  @Override
  public Applied<ImageInfo> ensureImage(String reference, PullPolicy policy, PullProgress progress)
      throws RuntimeFailure {
    ImageReference ref = parseRef(reference, "image");
    String name = ref.toString();
    try {
      if (policy != PullPolicy.ALWAYS) {
        Optional<ResolvedImage> local = images.resolve(name);
        if (local.isPresent()) {
          if (!images.unpacked(local.get())) {
            // content present but not unpacked (e.g. GC'd snapshots): unpack from the content store
            images.store(name, local.get().manifestDescriptor(), new ContentBlobSource(images.content()),
                progress);
            return Applied.done(info(local.get()));
          }
          return Applied.already(info(local.get()));
        }
        if (policy == PullPolicy.NEVER) {
          throw RuntimeFailure.fatal("image '" + name + "' is not present and the pull policy is NEVER");
        }
      }
      return Applied.done(info(puller.pull(ref, images, progress)));
    } catch (IllegalArgumentException e) {
      throw new RuntimeFailure(RuntimeFailure.Kind.FATAL, e.getMessage(), e);
    } catch (IOException e) {
      throw RuntimeFailure.temporary("pull " + name + ": " + e.getMessage(), e);
    } catch (StatusRuntimeException e) {
      throw ContainerdErrors.classify("image " + name, e);
    }
  }

  private static ImageInfo info(ResolvedImage r) {
    return new ImageInfo(r.name(), r.manifestDescriptor().digest());
  }

  @Override
  public Applied<Void> create(ContainerSpec spec) throws RuntimeFailure {
    try {
      SpecValidator.validate(spec);
    } catch (IllegalArgumentException e) {
      throw new RuntimeFailure(RuntimeFailure.Kind.FATAL, "container spec: " + e.getMessage(), e);
    }
    String id = spec.containerId();
    try {
      // no existence pre-check: Prepare and Containers.Create answer ALREADY_EXISTS themselves
      String imageName = parseRef(spec.image(), "image").toString();
      ResolvedImage image = images.resolve(imageName).orElseThrow(() -> RuntimeFailure.fatal(
          "image '" + imageName + "' is not present; ensureImage first"));
      UserResolver.User user = users.resolve(spec.user().isEmpty() ? image.config().user() : spec.user(), image);
      byte[] specJson = OciSpecBuilder.build(spec, image.config(), user, conn.namespace());
      Map<String, String> labels = new HashMap<>(spec.labels());
      labels.put(ContainerLabels.MANAGED_BY, ContainerLabels.MANAGED_BY_VALUE);
      if (spec.stdoutLog() != null) {
        labels.put(LOG_STDOUT_LABEL, spec.stdoutLog().toString());
      }
      if (spec.stderrLog() != null) {
        labels.put(LOG_STDERR_LABEL, spec.stderrLog().toString());
      }
      Lease lease = Lease.create(conn, "create", Duration.ofMinutes(10));
      try {
        try {
          preparedMounts.put(id, conn.snapshots(lease.channel()).prepare(PrepareSnapshotRequest.newBuilder()
              .setSnapshotter(ImageStore.SNAPSHOTTER).setKey(id).setParent(image.topChainId()).build())
              .getMountsList());
        } catch (StatusRuntimeException e) {
          if (!ContainerdErrors.isAlreadyExists(e)) { // left by an interrupted create: reuse it
            throw e;
          }
        }
        Container c = Container.newBuilder().setId(id).putAllLabels(labels).setImage(imageName)
            .setRuntime(Container.Runtime.newBuilder().setName(RUNC_V2))
            .setSpec(Any.newBuilder().setTypeUrl(SPEC_TYPE).setValue(ByteString.copyFrom(specJson)))
            .setSnapshotter(ImageStore.SNAPSHOTTER).setSnapshotKey(id).build();
        try {
          conn.containers(lease.channel()).create(CreateContainerRequest.newBuilder().setContainer(c).build());
        } catch (StatusRuntimeException e) {
          if (ContainerdErrors.isAlreadyExists(e)) {
            return Applied.already(null);
          }
          throw e;
        }
      } finally {
        // the container record now holds the snapshot; dropping the lease is off the critical path
        // (if it never happens, gc.expire ends the lease)
        scheduler.execute(lease::close);
      }
      return Applied.done(null);
    } catch (IllegalArgumentException e) {
      throw new RuntimeFailure(RuntimeFailure.Kind.FATAL, "container spec: " + e.getMessage(), e);
    } catch (IOException e) {
      throw RuntimeFailure.temporary("create " + id + ": " + e.getMessage(), e);
    } catch (StatusRuntimeException e) {
      throw ContainerdErrors.classify("create " + id, e);
    }
  }

  @Override
  public Applied<Integer> start(String id) throws RuntimeFailure {
    try {
      Container c = getContainer(id).orElseThrow(() -> RuntimeFailure.fatal("container " + id + " does not exist"));
      Path[] logs = logPaths(id, c);
      var mounts = preparedMounts.remove(id);
      if (mounts == null) {
        mounts = conn.snapshots().mounts(MountsRequest.newBuilder()
            .setSnapshotter(ImageStore.SNAPSHOTTER).setKey(id).build()).getMountsList();
      }
      try {
        // optimistic: a task that exists already answers ALREADY_EXISTS, then its state decides
        conn.tasks().create(CreateTaskRequest.newBuilder().setContainerId(id).addAllRootfs(mounts)
            .setStdout(logs[0].toString()).setStderr(logs[1].toString()).build());
      } catch (StatusRuntimeException e) {
        if (!ContainerdErrors.isAlreadyExists(e)) {
          throw e;
        }
        Process p = getTask(id).orElseThrow(() -> e);
        if (p.getStatus() != io.warren.runtime.containerd.proto.tasktypes.Status.CREATED) {
          // running, paused or already exited: the start took place before
          return Applied.already((int) p.getPid());
        }
      }
      return Applied.done(startTask(id));
    } catch (IOException e) {
      throw RuntimeFailure.temporary("start " + id + ": " + e.getMessage(), e);
    } catch (StatusRuntimeException e) {
      throw ContainerdErrors.classify("start " + id, e);
    }
  }

  private int startTask(String id) {
    return conn.tasks().start(StartRequest.newBuilder().setContainerId(id).build()).getPid();
  }

  /**
   * The task's log files, created before Tasks.Create (the shim opens plain paths but does not
   * create them). Paths are the spec's, else {@code dataDir/logs/<id>.stdout|stderr.log}; they are
   * kept in container labels so a restarted worker finds them again.
   */
  private Path[] logPaths(String id, Container c) throws IOException {
    Path dir = dataDir.resolve("logs");
    Path out = Path.of(c.getLabelsOrDefault(LOG_STDOUT_LABEL, dir.resolve(id + ".stdout.log").toString()));
    Path err = Path.of(c.getLabelsOrDefault(LOG_STDERR_LABEL, dir.resolve(id + ".stderr.log").toString()));
    for (Path p : new Path[] {out, err}) {
      Files.createDirectories(p.getParent());
      if (!Files.exists(p)) {
        Files.createFile(p);
      }
    }
    return new Path[] {out, err};
  }

  /** Labels recording where a container's task logs go (set from the spec at create). */
  public static final String LOG_STDOUT_LABEL = "io.warren.log.stdout";
  public static final String LOG_STDERR_LABEL = "io.warren.log.stderr";

  @Override
  public Applied<ExitStatus> stop(String id, Duration grace) throws RuntimeFailure {
    try {
      Optional<Process> task = getTask(id);
      if (task.isEmpty()) {
        return Applied.already(new ExitStatus(-1, 0, false));
      }
      if (task.get().getStatus() == io.warren.runtime.containerd.proto.tasktypes.Status.STOPPED) {
        return Applied.already(exitOf(id, task.get()));
      }
      if (!kill(id, SIGTERM)) {
        return Applied.already(exitOf(id, getTask(id).orElse(task.get())));
      }
      // no grace: escalate at once instead of spending a Wait round trip on a zero deadline
      Optional<WaitResponse> exited = grace.isZero() || grace.isNegative() ? Optional.empty() : waitFor(id, grace);
      if (exited.isEmpty()) {
        kill(id, SIGKILL);
        exited = waitFor(id, Duration.ofSeconds(30));
        if (exited.isEmpty()) {
          throw RuntimeFailure.temporary("container " + id + " survived SIGKILL for 30 s", null);
        }
      }
      WaitResponse w = exited.get();
      return Applied.done(new ExitStatus((int) w.getExitStatus(), Timestamps.millis(w.getExitedAt()),
          oom.oomKilled(id)));
    } catch (StatusRuntimeException e) {
      throw ContainerdErrors.classify("stop " + id, e);
    }
  }

  /** Signals every process of the task; false when it had already exited. */
  private boolean kill(String id, int signal) {
    try {
      conn.tasks().kill(KillRequest.newBuilder().setContainerId(id).setSignal(signal).setAll(true).build());
      return true;
    } catch (StatusRuntimeException e) {
      if (ContainerdErrors.isNotFound(e)) {
        return false;
      }
      throw e;
    }
  }

  private Optional<WaitResponse> waitFor(String id, Duration timeout) {
    try {
      return Optional.of(conn.tasksNoDeadline().withDeadlineAfter(Math.max(1, timeout.toMillis()),
          TimeUnit.MILLISECONDS).wait(WaitRequest.newBuilder().setContainerId(id).build()));
    } catch (StatusRuntimeException e) {
      if (ContainerdErrors.isDeadline(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public Applied<Void> remove(String id) throws RuntimeFailure {
    try {
      boolean did = false;
      Optional<Process> task = getTask(id);
      if (task.isPresent()) {
        var st = task.get().getStatus();
        if (st != io.warren.runtime.containerd.proto.tasktypes.Status.STOPPED
            && st != io.warren.runtime.containerd.proto.tasktypes.Status.CREATED) {
          throw RuntimeFailure.fatal("container " + id + " still has a " + st + " task; stop it first");
        }
        if (st == io.warren.runtime.containerd.proto.tasktypes.Status.CREATED) {
          kill(id, SIGKILL); // a created-never-started task holds a runc init process
          waitFor(id, Duration.ofSeconds(10));
        }
        try {
          conn.tasks().delete(DeleteTaskRequest.newBuilder().setContainerId(id).build());
          did = true;
        } catch (StatusRuntimeException e) {
          if (!ContainerdErrors.isNotFound(e)) {
            throw e;
          }
        }
      }
      oom.forget(id);
      preparedMounts.remove(id);
      try {
        conn.containers().delete(DeleteContainerRequest.newBuilder().setId(id).build());
        did = true;
      } catch (StatusRuntimeException e) {
        if (!ContainerdErrors.isNotFound(e)) {
          throw e;
        }
      }
      try {
        conn.snapshots().remove(RemoveSnapshotRequest.newBuilder().setSnapshotter(ImageStore.SNAPSHOTTER)
            .setKey(id).build());
        did = true;
      } catch (StatusRuntimeException e) {
        if (!ContainerdErrors.isNotFound(e)) {
          throw e;
        }
      }
      return did ? Applied.done(null) : Applied.already(null);
    } catch (StatusRuntimeException e) {
      throw ContainerdErrors.classify("remove " + id, e);
    }
  }

  @Override
  public Optional<ObservedContainer> inspect(String id) throws RuntimeFailure {
    try {
      Optional<Container> c = getContainer(id);
      if (c.isEmpty() || !owned(c.get())) {
        return Optional.empty();
      }
      return Optional.of(observe(c.get(), getTask(id).orElse(null)));
    } catch (StatusRuntimeException e) {
      throw ContainerdErrors.classify("inspect " + id, e);
    }
  }

  @Override
  public List<ObservedContainer> listOwned() throws RuntimeFailure {
    try {
      List<Container> containers = conn.containers().list(ListContainersRequest.newBuilder()
          .addFilters("labels.\"" + ContainerLabels.MANAGED_BY + "\"==" + ContainerLabels.MANAGED_BY_VALUE)
          .build()).getContainersList();
      // Tasks.List ignores its filter and names the container in Process.id (facts §1)
      Map<String, Process> tasks = new HashMap<>();
      for (Process p : conn.tasks().list(ListTasksRequest.getDefaultInstance()).getTasksList()) {
        tasks.put(p.getId(), p);
      }
      List<ObservedContainer> out = new ArrayList<>();
      for (Container c : containers) {
        if (owned(c)) {
          out.add(observe(c, tasks.get(c.getId())));
        }
      }
      return out;
    } catch (StatusRuntimeException e) {
      throw ContainerdErrors.classify("list containers", e);
    }
  }

  /**
   * Tasks whose container record is gone (a container deleted under a live task, facts §3):
   * recovery re-creates a record with the same id to reach and reap them.
   */
  public List<String> tasksWithoutContainer() throws RuntimeFailure {
    try {
      List<String> out = new ArrayList<>();
      for (Process p : conn.tasks().list(ListTasksRequest.getDefaultInstance()).getTasksList()) {
        if (getContainer(p.getId()).isEmpty()) {
          out.add(p.getId());
        }
      }
      return out;
    } catch (StatusRuntimeException e) {
      throw ContainerdErrors.classify("list tasks", e);
    }
  }

  @Override
  public CompletableFuture<ExitStatus> awaitExit(String containerId) {
    return exits.await(containerId);
  }

  @Override
  public ExecResult exec(String containerId, List<String> command, Duration timeout) throws RuntimeFailure {
    if (command == null || command.isEmpty()) {
      throw RuntimeFailure.fatal("exec command is empty");
    }
    try {
      Container c = getContainer(containerId).orElseThrow(() ->
          RuntimeFailure.fatal("container " + containerId + " does not exist"));
      return execs.run(c, command, timeout);
    } catch (IOException e) {
      throw RuntimeFailure.temporary("exec in " + containerId + ": " + e.getMessage(), e);
    } catch (StatusRuntimeException e) {
      throw ContainerdErrors.classify("exec in " + containerId, e);
    }
  }

  private ObservedContainer observe(Container c, Process p) {
    if (p == null) {
      return new ObservedContainer(c.getId(), c.getLabelsMap(), ObservedContainer.TaskStatus.NO_TASK, 0, null);
    }
    ObservedContainer.TaskStatus st = switch (p.getStatus()) {
      case CREATED -> ObservedContainer.TaskStatus.CREATED;
      case RUNNING -> ObservedContainer.TaskStatus.RUNNING;
      case PAUSED, PAUSING -> ObservedContainer.TaskStatus.PAUSED;
      case STOPPED -> ObservedContainer.TaskStatus.STOPPED;
      default -> ObservedContainer.TaskStatus.UNKNOWN;
    };
    ExitStatus exit = st == ObservedContainer.TaskStatus.STOPPED ? exitOf(c.getId(), p) : null;
    return new ObservedContainer(c.getId(), c.getLabelsMap(), st, (int) p.getPid(), exit);
  }

  private ExitStatus exitOf(String id, Process p) {
    return new ExitStatus((int) p.getExitStatus(), Timestamps.millis(p.getExitedAt()), oom.oomKilled(id));
  }

  private static boolean owned(Container c) {
    return ContainerLabels.MANAGED_BY_VALUE.equals(c.getLabelsMap().get(ContainerLabels.MANAGED_BY));
  }

  Optional<Container> getContainer(String id) {
    try {
      return Optional.of(conn.containers().get(GetContainerRequest.newBuilder().setId(id).build()).getContainer());
    } catch (StatusRuntimeException e) {
      if (ContainerdErrors.isNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  Optional<Process> getTask(String id) {
    try {
      return Optional.of(conn.tasks().get(GetRequest.newBuilder().setContainerId(id).build()).getProcess());
    } catch (StatusRuntimeException e) {
      if (ContainerdErrors.isNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static ImageReference parseRef(String reference, String field) throws RuntimeFailure {
    try {
      return ImageReference.parse(reference);
    } catch (IllegalArgumentException e) {
      throw new RuntimeFailure(RuntimeFailure.Kind.FATAL, field + ": " + e.getMessage(), e);
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    exits.close();
    oom.close();
    scheduler.shutdownNow();
    workers.shutdownNow();
    conn.close();
  }
}
