package io.warren.embedded;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** Errors the manager answers with, each a proper gRPC code (Warren's uses UNKNOWN for all). */
final class ApiException {
  private ApiException() {}

  static StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }

  static StatusRuntimeException notFound(String message) {
    return Status.NOT_FOUND.withDescription(message).asRuntimeException();
  }

  static StatusRuntimeException exists(String message) {
    return Status.ALREADY_EXISTS.withDescription(message).asRuntimeException();
  }

  static StatusRuntimeException precondition(String message) {
    return Status.FAILED_PRECONDITION.withDescription(message).asRuntimeException();
  }
}
