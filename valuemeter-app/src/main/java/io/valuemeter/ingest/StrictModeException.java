package io.valuemeter.ingest;

/** A strict load met rejected rows, so nothing was stored. */
public final class StrictModeException extends RuntimeException {

  private final long rejected;

  public StrictModeException(long rejected) {
    super(
        rejected
            + " row(s) rejected and --strict is set, so nothing was stored;"
            + " fix the rows listed above or run without --strict to keep the valid ones");
    this.rejected = rejected;
  }

  /** Returns the number of rejected rows. */
  public long rejected() {
    return rejected;
  }
}
