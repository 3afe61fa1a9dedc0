package io.valuemeter.anomaly;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A metric over consecutive windows of equal length, with missing windows kept as explicit gaps.
 *
 * <p>Values are doubles because the detectors compute medians, deviations and slopes, where the
 * rounding of a double is far below the noise of any usage series. Money stays exact where it is
 * stored and reported as money (the ledger and the report); an anomaly's observed value and
 * baseline are statistics, not amounts to bill.
 *
 * <p>A gap is a window the source has no data for. It is not a zero: a zero is a window the source
 * reports as having no traffic. Detectors skip gaps and never compare a value with one.
 *
 * @param metric what the values measure, with its unit, for example {@code cost USD per hour}
 * @param window the length of every window
 * @param points the windows in time order, each starting one {@code window} after the previous
 */
public record TimeSeries(String metric, Duration window, List<Point> points) {

  /**
   * One window of a series.
   *
   * @param start the first instant of the window
   * @param value the metric in the window, or null when the window is a gap
   */
  public record Point(Instant start, Double value) {

    public Point {
      if (start == null) {
        throw new IllegalArgumentException("a point needs a window start");
      }
      if (value != null && !Double.isFinite(value)) {
        throw new IllegalArgumentException(
            "the value at " + start + " is " + value + "; use null for a missing window");
      }
    }

    /** Returns true when the source has no data for this window. */
    public boolean gap() {
      return value == null;
    }
  }

  public TimeSeries {
    if (window == null || window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("the window length must be positive, not " + window);
    }
    points = List.copyOf(points);
    for (int i = 1; i < points.size(); i++) {
      Instant expected = points.get(i - 1).start().plus(window);
      if (!points.get(i).start().equals(expected)) {
        throw new IllegalArgumentException(
            "window "
                + i
                + " of "
                + metric
                + " starts at "
                + points.get(i).start()
                + " but should start at "
                + expected
                + "; add the missing windows as gaps");
      }
    }
  }

  /**
   * Builds a series on a regular grid from the first to the last observed window. Windows between
   * them that {@code observed} lacks become gaps.
   *
   * @param observed values by window start; every start must lie on the grid of the first one
   */
  public static TimeSeries onGrid(String metric, Duration window, Map<Instant, Double> observed) {
    TreeMap<Instant, Double> sorted = new TreeMap<>(observed);
    List<Point> points = new ArrayList<>();
    if (sorted.isEmpty()) {
      return new TimeSeries(metric, window, points);
    }
    Instant first = sorted.firstKey();
    for (Instant start : sorted.keySet()) {
      if (Duration.between(first, start).toMillis() % window.toMillis() != 0) {
        throw new IllegalArgumentException(
            "window start " + start + " is not on the " + window + " grid that starts at " + first);
      }
    }
    for (Instant start = first; !start.isAfter(sorted.lastKey()); start = start.plus(window)) {
      points.add(new Point(start, sorted.get(start)));
    }
    return new TimeSeries(metric, window, points);
  }

  /** Builds a series of consecutive windows from {@code first}; null values are gaps. */
  public static TimeSeries of(String metric, Instant first, Duration window, List<Double> values) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      points.add(new Point(first.plus(window.multipliedBy(i)), values.get(i)));
    }
    return new TimeSeries(metric, window, points);
  }

  /** Returns the number of windows, gaps included. */
  public int size() {
    return points.size();
  }

  /** Returns the number of windows that have a value. */
  public int valueCount() {
    return (int) points.stream().filter(point -> !point.gap()).count();
  }

  /** Returns the number of gaps. */
  public int gapCount() {
    return size() - valueCount();
  }

  /** Returns the value of window {@code index}, or NaN for a gap. */
  public double valueAt(int index) {
    Double value = points.get(index).value();
    return value == null ? Double.NaN : value;
  }

  /** Returns the start of window {@code index}. */
  public Instant startAt(int index) {
    return points.get(index).start();
  }

  /** Returns the end of window {@code index}, which is the start of the next one. */
  public Instant endAt(int index) {
    return points.get(index).start().plus(window);
  }
}
