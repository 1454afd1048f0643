package io.warren.manager;

/** The manager sent a container record from which no task spec can be built. */
public final class InvalidAssignment extends Exception {
  public InvalidAssignment(String message) {
    super(message);
  }
}
