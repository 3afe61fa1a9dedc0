package io.valuemeter.usage;

import java.util.Locale;
import java.util.Optional;

/** How a call was submitted, which decides whether batch rates apply. */
public enum UsageMode {
  /** A call answered immediately, billed at the standard rates. */
  INTERACTIVE,
  /** A call submitted through a provider's batch API, billed at batch rates where they exist. */
  BATCH;

  /**
   * Parses a mode written in a source file: {@code interactive}, {@code batch} and common spellings
   * such as {@code sync}, {@code realtime} or {@code batches}, case-insensitively.
   */
  public static Optional<UsageMode> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "interactive":
      case "sync":
      case "synchronous":
      case "realtime":
      case "standard":
      case "online":
        return Optional.of(INTERACTIVE);
      case "batch":
      case "batches":
      case "async":
      case "offline":
        return Optional.of(BATCH);
      default:
        return Optional.empty();
    }
  }

  /** Returns the lower-case name used in files, JSON and the ledger. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
