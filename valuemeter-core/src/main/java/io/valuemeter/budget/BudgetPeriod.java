package io.valuemeter.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * The calendar period a budget resets on, cut at local midnight in the budget's time zone.
 *
 * <p>Boundaries are local calendar dates converted to instants with {@link
 * LocalDate#atStartOfDay(ZoneId)}, so a period is as long as the wall clock says: a day across a
 * daylight-saving change lasts 23 or 25 hours, and where a zone skips midnight the period starts at
 * the first valid local time of that day.
 */
public enum BudgetPeriod {
  /** A calendar day. */
  DAY,
  /** An ISO week, from Monday 00:00 to the next Monday 00:00. */
  WEEK,
  /** A calendar month. */
  MONTH,
  /** A calendar quarter: January to March, April to June, July to September, October onward. */
  QUARTER;

  /** Decimal places of {@link Window#fractionElapsed}. */
  public static final int FRACTION_SCALE = 10;

  /**
   * Returns the period that contains {@code instant}, from its first instant (included) to the
   * first instant of the next period (excluded).
   */
  public Window windowAt(Instant instant, ZoneId zone) {
    LocalDate first = firstDay(instant.atZone(zone).toLocalDate());
    LocalDate next = nextFirstDay(first);
    return new Window(first.atStartOfDay(zone).toInstant(), next.atStartOfDay(zone).toInstant());
  }

  /**
   * Returns the name of the period containing {@code instant} in {@code zone}: {@code 2024-12-01}
   * for a day, {@code 2024-W48} for an ISO week, {@code 2024-12} for a month and {@code 2024-Q4}
   * for a quarter.
   */
  public String periodName(Instant instant, ZoneId zone) {
    LocalDate day = instant.atZone(zone).toLocalDate();
    switch (this) {
      case DAY:
        return day.toString();
      case WEEK:
        return String.format(
            Locale.ROOT,
            "%d-W%02d",
            day.get(IsoFields.WEEK_BASED_YEAR),
            day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTH:
        return String.format(Locale.ROOT, "%d-%02d", day.getYear(), day.getMonthValue());
      case QUARTER:
        return day.getYear() + "-Q" + day.get(IsoFields.QUARTER_OF_YEAR);
      default:
        throw new IllegalStateException("no name for period " + this);
    }
  }

  /** Returns the lower-case name used in budget files and output. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  private LocalDate firstDay(LocalDate day) {
    switch (this) {
      case DAY:
        return day;
      case WEEK:
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH:
        return day.withDayOfMonth(1);
      case QUARTER:
        return day.with(day.getMonth().firstMonthOfQuarter()).withDayOfMonth(1);
      default:
        throw new IllegalStateException("no first day for period " + this);
    }
  }

  private LocalDate nextFirstDay(LocalDate first) {
    switch (this) {
      case DAY:
        return first.plusDays(1);
      case WEEK:
        return first.plusWeeks(1);
      case MONTH:
        return first.plusMonths(1);
      case QUARTER:
        return first.plusMonths(3);
      default:
        throw new IllegalStateException("no length for period " + this);
    }
  }

  /**
   * A half-open interval of time [start, end).
   *
   * @param start first instant included
   * @param end first instant excluded, after {@code start}
   */
  public record Window(Instant start, Instant end) {

    public Window {
      if (start == null || end == null) {
        throw new IllegalArgumentException("a window needs a start and an end");
      }
      if (!start.isBefore(end)) {
        throw new IllegalArgumentException(
            "a window must end after it starts, got " + start + " to " + end);
      }
    }

    /** Returns true when {@code instant} is at or after the start and before the end. */
    public boolean contains(Instant instant) {
      return !instant.isBefore(start) && instant.isBefore(end);
    }

    /** Returns the length of the window. */
    public Duration length() {
      return Duration.between(start, end);
    }

    /**
     * Returns the time from the start to {@code now}, clamped to the window: zero before the start
     * and the whole length at or after the end.
     */
    public Duration elapsed(Instant now) {
      if (now.isBefore(start)) {
        return Duration.ZERO;
      }
      if (now.isAfter(end)) {
        return length();
      }
      return Duration.between(start, now);
    }

    /**
     * Returns the fraction elapsed = {@link #elapsed} / {@link #length}, from 0 before the start to
     * 1 at or after the end, rounded half-even to {@value BudgetPeriod#FRACTION_SCALE} places.
     */
    public BigDecimal fractionElapsed(Instant now) {
      return BigDecimal.valueOf(elapsed(now).toNanos())
          .divide(BigDecimal.valueOf(length().toNanos()), FRACTION_SCALE, RoundingMode.HALF_EVEN)
          .stripTrailingZeros();
    }
  }
}
