package io.warren.task.engine;

import io.warren.runtime.ContainerIds;
import io.warren.runtime.ContainerLabels;
import io.warren.runtime.ContainerRuntime;
import io.warren.runtime.ContainerRuntime.Applied;
import io.warren.runtime.ContainerSpec;
import io.warren.runtime.ExitStatus;
import io.warren.runtime.RuntimeFailure;
import io.warren.task.TaskSpec;
import io.warren.task.machine.Effects;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The engine's effects, by the names task.yaml uses. The preparation effects are hooks that later
 * work fills in; in this version each fails the task ("not supported yet: ...") when the spec asks
 * for what it would prepare, and succeeds trivially otherwise.
 */
public final class RuntimeEffects {
  /** Exit code of a process ended by SIGKILL (128 + 9). */
  static final int SIGKILL_EXIT = 137;

  private RuntimeEffects() {}

  /** Every effect in {@link Effects#ALL}, by name. */
  public static Map<String, Effect> all() {
    Map<String, Effect> m = new HashMap<>();
    m.put(Effects.PREPARE_SECRETS, unsupportedIf(s -> !s.secrets().isEmpty(), "secrets"));
    m.put(Effects.PREPARE_VOLUMES, unsupportedIf(s -> !s.volumes().isEmpty(), "volumes"));
    m.put(Effects.PREPARE_DNS, ctx -> done(Effect.Done.OK));
    m.put(Effects.PREPARE_NETWORK, unsupportedIf(s -> !s.ports().isEmpty(), "published ports"));
    m.put(Effects.PREPARE_HEALTH, unsupportedIf(s -> s.healthCheck() != null, "health checks"));
    m.put(Effects.PULL, RuntimeEffects::pull);
    m.put(Effects.CREATE, RuntimeEffects::create);
    m.put(Effects.START, RuntimeEffects::start);
    m.put(Effects.WATCH, RuntimeEffects::watch);
    m.put(Effects.STOP, RuntimeEffects::stop);
    m.put(Effects.REMOVE, ctx -> done(applied(ctx.runtime().remove(id(ctx)), Map.of())));
    m.put(Effects.BACKOFF, RuntimeEffects::backoff);
    if (!m.keySet().equals(Effects.ALL)) {
      throw new IllegalStateException("effects and Effects.ALL disagree: " + m.keySet());
    }
    return Map.copyOf(m);
  }

  private interface SpecTest {
    boolean test(TaskSpec spec);
  }

  private static Effect unsupportedIf(SpecTest asks, String what) {
    return ctx -> {
      if (asks.test(ctx.spec())) {
        throw RuntimeFailure.fatal("not supported yet: " + what);
      }
      return done(Effect.Done.OK);
    };
  }

  private static CompletionStage<Effect.Done> pull(Effect.Context ctx) throws RuntimeFailure {
    String image = ctx.spec().image();
    if (image.isBlank()) {
      throw RuntimeFailure.fatal("image: empty reference");
    }
    Applied<ContainerRuntime.ImageInfo> a = ctx.runtime().ensureImage(image,
        ContainerRuntime.PullPolicy.IF_NOT_PRESENT, ContainerRuntime.PullProgress.NONE);
    return done(applied(a, Map.of("reference", a.value().reference(), "digest",
        a.value().digest())));
  }

  private static CompletionStage<Effect.Done> create(Effect.Context ctx) throws RuntimeFailure {
    TaskSpec s = ctx.spec();
    Map<String, String> labels = new HashMap<>();
    labels.put(ContainerLabels.MANAGED_BY, ContainerLabels.MANAGED_BY_VALUE);
    labels.put(ContainerLabels.TASK, s.taskId());
    labels.put(ContainerLabels.ATTEMPT, Integer.toString(ctx.attempt()));
    labels.put(ContainerLabels.NODE, ctx.nodeId());
    labels.put(ContainerLabels.SERVICE, s.serviceId());
    ContainerSpec spec = new ContainerSpec(id(ctx), s.image(), labels, s.command(),
        s.env(), "", "", s.taskId(), new ContainerSpec.Limits(s.resources().memoryBytes(),
            s.resources().cpuShares(), 0, 0, 0), null, null, null, null, null);
    return done(applied(ctx.runtime().create(spec), Map.of()));
  }

  private static CompletionStage<Effect.Done> start(Effect.Context ctx) throws RuntimeFailure {
    Applied<Integer> a = ctx.runtime().start(id(ctx));
    return done(applied(a, Map.of("pid", String.valueOf(a.value()))));
  }

  private static CompletionStage<Effect.Done> watch(Effect.Context ctx) throws RuntimeFailure {
    return ctx.runtime().awaitExit(id(ctx)).thenApply(RuntimeEffects::exitDetails)
        .thenApply(d -> new Effect.Done(false, d));
  }

  private static CompletionStage<Effect.Done> stop(Effect.Context ctx) throws RuntimeFailure {
    Applied<ExitStatus> a = ctx.runtime().stop(id(ctx),
        Duration.ofSeconds(ctx.spec().stopTimeoutSeconds()));
    Map<String, String> d = new HashMap<>(exitDetails(a.value()));
    d.put("graceSeconds", Integer.toString(ctx.spec().stopTimeoutSeconds()));
    d.put("killed", Boolean.toString(a.value() != null && a.value().exitCode() == SIGKILL_EXIT));
    return done(applied(a, d));
  }

  private static CompletionStage<Effect.Done> backoff(Effect.Context ctx) {
    CompletableFuture<Effect.Done> f = new CompletableFuture<>();
    Duration delay = ctx.restartDelay();
    ctx.scheduler().schedule(ctx.lane(), delay, () -> f.complete(
        new Effect.Done(false, Map.of("delayMillis", Long.toString(delay.toMillis())))));
    return f;
  }

  private static Map<String, String> exitDetails(ExitStatus e) {
    if (e == null) {
      return Map.of();
    }
    return Map.of("exitCode", Integer.toString(e.exitCode()), "oomKilled",
        Boolean.toString(e.oomKilled()), "exitedAt", Long.toString(e.exitedAtMillis()));
  }

  private static Effect.Done applied(Applied<?> a, Map<String, String> details) {
    return new Effect.Done(a.alreadyDone(), details);
  }

  private static CompletionStage<Effect.Done> done(Effect.Done d) {
    return CompletableFuture.completedFuture(d);
  }

  /** The context's container id; a task id that cannot form one fails the effect fatally. */
  private static String id(Effect.Context ctx) throws RuntimeFailure {
    if (ctx.containerId().isEmpty()) {
      try {
        ContainerIds.requireSafeTaskId(ctx.spec().taskId());
      } catch (IllegalArgumentException e) {
        throw RuntimeFailure.fatal(e.getMessage());
      }
    }
    return ctx.containerId();
  }

  /** The container id of a task attempt, or "" when the task id cannot form one. */
  static String containerIdOrEmpty(String taskId, int attempt) {
    try {
      return ContainerIds.of(taskId, attempt);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
