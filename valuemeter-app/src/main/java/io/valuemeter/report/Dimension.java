package io.valuemeter.report;

import java.util.Locale;

/** A way to group usage records in a report. */
public enum Dimension {
  /** Clock hour in the report's time zone, as {@code 2023-11-16 18:00}. */
  HOUR(true),
  /** Calendar day in the report's time zone, as {@code 2024-01-24}. */
  DAY(true),
  /** ISO week starting on Monday in the report's time zone, named by its Monday. */
  WEEK(true),
  /** Calendar month in the report's time zone, as {@code 2024-01}. */
  MONTH(true),
  PROVIDER(false),
  MODEL(false),
  AGENT(false),
  SESSION(false),
  TASK(false);

  private final boolean timeBased;

  Dimension(boolean timeBased) {
    this.timeBased = timeBased;
  }

  /** Returns true for hour, day, week and month, which leave out records without a timestamp. */
  public boolean timeBased() {
    return timeBased;
  }

  /** Returns the lower-case name used on the command line and in JSON. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
