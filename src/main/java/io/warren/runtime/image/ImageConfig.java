package io.warren.runtime.image;

import java.util.List;

/** The parts of an image config the runtime uses. */
public record ImageConfig(List<String> env, List<String> entrypoint, List<String> cmd,
    String workingDir, String user, List<String> diffIds, String os, String architecture) {
  public ImageConfig {
    env = env == null ? List.of() : List.copyOf(env);
    entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
    cmd = cmd == null ? List.of() : List.copyOf(cmd);
    workingDir = workingDir == null ? "" : workingDir;
    user = user == null ? "" : user;
    diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
  }
}
