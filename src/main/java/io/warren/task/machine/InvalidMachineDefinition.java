package io.warren.task.machine;

/** The lifecycle definition is wrong; the message names the file and the entry. */
public class InvalidMachineDefinition extends RuntimeException {
  public InvalidMachineDefinition(String message) {
    super(message);
  }
}
