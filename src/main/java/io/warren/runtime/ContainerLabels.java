package io.warren.runtime;

/** Labels every container this worker creates carries; ownership is decided by them alone. */
public final class ContainerLabels {
  /** Value is always {@link #MANAGED_BY_VALUE}. */
  public static final String MANAGED_BY = "io.warren.managed-by";
  public static final String MANAGED_BY_VALUE = "warren-worker";
  public static final String TASK = "io.warren.task";
  public static final String ATTEMPT = "io.warren.attempt";
  public static final String NODE = "io.warren.node";
  public static final String SERVICE = "io.warren.service";

  private ContainerLabels() {}
}
