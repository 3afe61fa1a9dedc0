package io.valuemeter.cli;

/** A failure the user can fix; its message is printed alone, without a stack trace. */
final class UserException extends RuntimeException {

  private final int exitCode;

  UserException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
