package io.warren.runtime.containerd;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.grpc.StatusRuntimeException;
import io.warren.runtime.ContainerRuntime.ExecResult;
import io.warren.runtime.Json;
import io.warren.runtime.RuntimeFailure;
import io.warren.runtime.containerd.proto.containers.Container;
import io.warren.runtime.containerd.proto.tasks.DeleteProcessRequest;
import io.warren.runtime.containerd.proto.tasks.ExecProcessRequest;
import io.warren.runtime.containerd.proto.tasks.KillRequest;
import io.warren.runtime.containerd.proto.tasks.StartRequest;
import io.warren.runtime.containerd.proto.tasks.WaitRequest;
import io.warren.runtime.containerd.proto.tasks.WaitResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Runs a process inside a running container (Tasks.Exec + Start + Wait): the process spec is the
 * container's own process with the args replaced; output goes to two pre-created files, read and
 * removed afterwards (at most 64 KiB of each is returned).
 */
final class ExecRunner {
  static final String PROCESS_TYPE = "types.containerd.io/opencontainers/runtime-spec/1/Process";
  private static final int MAX_OUTPUT = 64 * 1024;
  private final ContainerdConnection conn;
  private final Path dir;

  ExecRunner(ContainerdConnection conn, Path dir) {
    this.conn = conn;
    this.dir = dir;
  }

  ExecResult run(Container c, List<String> command, Duration timeout) throws IOException, RuntimeFailure {
    String id = c.getId();
    // the container's own process (user, env, cwd, capabilities) with the probe's command
    Map<String, Object> spec = Json.parseObject(c.getSpec().getValue().toByteArray(), "container spec");
    Map<String, Object> process = new LinkedHashMap<>(Json.object(spec, "process"));
    process.put("args", List.copyOf(command));
    process.put("terminal", false);
    String execId = "exec-" + UUID.randomUUID().toString().substring(0, 12);
    Files.createDirectories(dir);
    Path out = dir.resolve(id + "-" + execId + ".stdout");
    Path err = dir.resolve(id + "-" + execId + ".stderr");
    Files.createFile(out);
    Files.createFile(err);
    boolean created = false;
    try {
      conn.tasks().exec(ExecProcessRequest.newBuilder().setContainerId(id).setExecId(execId)
          .setStdout(out.toString()).setStderr(err.toString())
          .setSpec(Any.newBuilder().setTypeUrl(PROCESS_TYPE)
              .setValue(ByteString.copyFrom(Json.write(process)))).build());
      created = true;
      conn.tasks().start(StartRequest.newBuilder().setContainerId(id).setExecId(execId).build());
      WaitResponse w;
      try {
        w = conn.tasksNoDeadline().withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .wait(WaitRequest.newBuilder().setContainerId(id).setExecId(execId).build());
      } catch (StatusRuntimeException e) {
        if (!ContainerdErrors.isDeadline(e)) {
          throw e;
        }
        conn.tasks().kill(KillRequest.newBuilder().setContainerId(id).setExecId(execId).setSignal(9).build());
        try { // let it die, so DeleteProcess below succeeds
          conn.tasksNoDeadline().withDeadlineAfter(5, TimeUnit.SECONDS)
              .wait(WaitRequest.newBuilder().setContainerId(id).setExecId(execId).build());
        } catch (StatusRuntimeException ignored) {
          // deleted with the task at the latest
        }
        throw RuntimeFailure.temporary("exec " + command + " in " + id + " timed out after " + timeout, e);
      }
      return new ExecResult((int) w.getExitStatus(), read(out), read(err));
    } finally {
      if (created) {
        try {
          conn.tasks().withDeadlineAfter(10, TimeUnit.SECONDS).deleteProcess(DeleteProcessRequest.newBuilder()
              .setContainerId(id).setExecId(execId).build());
        } catch (StatusRuntimeException ignored) {
          // deleted with the task at the latest
        }
      }
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static String read(Path p) throws IOException {
    byte[] b;
    try (var in = Files.newInputStream(p)) {
      b = in.readNBytes(MAX_OUTPUT);
    }
    return new String(b, StandardCharsets.UTF_8);
  }
}
