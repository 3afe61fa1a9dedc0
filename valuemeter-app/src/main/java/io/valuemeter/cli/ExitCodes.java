package io.valuemeter.cli;

/** Exit codes of every command; the README lists them too. */
final class ExitCodes {

  /** The command did what it was asked. */
  static final int OK = 0;

  /** A failure while running: an unreadable file, a ledger error, an invalid price file. */
  static final int FAILURE = 1;

  /** An invalid command line: unknown option, bad value, missing argument. */
  static final int USAGE = 2;

  /** {@code --strict} was set and at least one row was rejected; nothing was stored. */
  static final int REJECTED = 3;

  /** No input was found: no path given, no ledger and no Claude Code logs. */
  static final int NO_INPUT = 4;

  /** {@code guard} denied the call. */
  static final int DENIED = 5;

  private ExitCodes() {}
}
