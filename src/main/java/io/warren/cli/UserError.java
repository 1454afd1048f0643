package io.warren.cli;

/** Bad input from the user: printed as one line and exit code {@link ExitCodes#USAGE}. */
public class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }
}
