package io.warren.journal;

/** The bytes of one document are not a whole, intact record (checked exception: callers decide torn vs corrupt). */
final class DamagedRecordException extends Exception {
  DamagedRecordException(String message) {
    super(message);
  }
}
