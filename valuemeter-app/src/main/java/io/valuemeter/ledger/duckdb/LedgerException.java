package io.valuemeter.ledger.duckdb;

/** A ledger operation failed; the message names the file or table and the cause. */
public final class LedgerException extends RuntimeException {

  public LedgerException(String message, Throwable cause) {
    super(message, cause);
  }

  public LedgerException(String message) {
    super(message);
  }
}
