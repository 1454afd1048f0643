package io.warren.journal;

/**
 * The journal could not do what was asked. After a failed append the caller must assume nothing
 * about whether the record landed: stop and replay (fail-stop), never carry on.
 */
public class JournalException extends RuntimeException {
  public JournalException(String message) {
    super(message);
  }

  public JournalException(String message, Throwable cause) {
    super(message, cause);
  }
}
