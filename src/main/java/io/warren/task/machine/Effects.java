package io.warren.task.machine;

import java.util.Set;

/** The effect names the engine can perform; a definition naming any other fails validation. */
public final class Effects {
  public static final String PREPARE_SECRETS = "prepare-secrets";
  public static final String PREPARE_VOLUMES = "prepare-volumes";
  public static final String PREPARE_DNS = "prepare-dns";
  public static final String PREPARE_NETWORK = "prepare-network";
  public static final String PREPARE_HEALTH = "prepare-health";
  public static final String PULL = "pull";
  public static final String CREATE = "create";
  public static final String START = "start";
  public static final String WATCH = "watch";
  public static final String STOP = "stop";
  public static final String REMOVE = "remove";
  public static final String BACKOFF = "backoff";

  public static final Set<String> ALL = Set.of(PREPARE_SECRETS, PREPARE_VOLUMES, PREPARE_DNS,
      PREPARE_NETWORK, PREPARE_HEALTH, PULL, CREATE, START, WATCH, STOP, REMOVE, BACKOFF);

  /** Events the engine itself sends (desired-state changes); the definition must declare them. */
  public static final String EVENT_RUN = "run";
  public static final String EVENT_SHUTDOWN = "shutdown";
  public static final String EVENT_HEALTH_OK = "health-ok";
  public static final String EVENT_HEALTH_BAD = "health-bad";

  public static final Set<String> ENGINE_EVENTS =
      Set.of(EVENT_RUN, EVENT_SHUTDOWN, EVENT_HEALTH_OK, EVENT_HEALTH_BAD);

  private Effects() {}
}
