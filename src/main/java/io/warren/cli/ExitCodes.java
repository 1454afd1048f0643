package io.warren.cli;

/** The exit codes of every {@code warren} command. */
public final class ExitCodes {
  /** Success; for checking commands: nothing found. */
  public static final int OK = 0;
  /** A failure, or a checking command (verify, replay) found a problem. */
  public static final int FAILURE = 1;
  /** Bad command line or bad input the user can fix. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
