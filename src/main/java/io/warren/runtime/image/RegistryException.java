package io.warren.runtime.image;

import java.io.IOException;

/** A registry answered in a way no retry changes (unknown registry or image, auth refused) or a transient failure. */
public final class RegistryException extends IOException {
  private final boolean fatal;

  public RegistryException(String message, boolean fatal, Throwable cause) {
    super(message, cause);
    this.fatal = fatal;
  }

  public boolean fatal() {
    return fatal;
  }
}
