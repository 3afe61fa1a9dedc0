package io.valuemeter.economics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The direction of a metric over consecutive periods.
 *
 * <p>The slope is the Theil-Sen estimate: the median of the slopes between every pair of periods,
 * in metric units per period. One outlying period moves it little, unlike a least-squares fit.
 * Periods without a value are skipped.
 *
 * @param slopePerPeriod the median pairwise slope, or null with fewer than two values
 * @param values the values in period order, nulls for periods without a value
 */
public record Trend(BigDecimal slopePerPeriod, List<BigDecimal> values) {

  /** Direction of a trend. */
  public enum Direction {
    RISING,
    FALLING,
    FLAT,
    /** Fewer than two periods have a value. */
    UNKNOWN
  }

  /** Computes the trend of values in period order; nulls mark periods without a value. */
  public static Trend of(List<BigDecimal> values) {
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) != null) {
        positions.add(i);
      }
    }
    if (positions.size() < 2) {
      return new Trend(null, values);
    }
    List<BigDecimal> slopes = new ArrayList<>();
    for (int a = 0; a < positions.size(); a++) {
      for (int b = a + 1; b < positions.size(); b++) {
        int i = positions.get(a);
        int j = positions.get(b);
        slopes.add(
            values
                .get(j)
                .subtract(values.get(i))
                .divide(
                    BigDecimal.valueOf(j - i), UsageSummary.DERIVED_SCALE, RoundingMode.HALF_EVEN));
      }
    }
    return new Trend(median(slopes), values);
  }

  /** Returns the direction: the sign of the slope, or unknown without one. */
  public Direction direction() {
    if (slopePerPeriod == null) {
      return Direction.UNKNOWN;
    }
    int sign = slopePerPeriod.signum();
    if (sign > 0) {
      return Direction.RISING;
    }
    if (sign < 0) {
      return Direction.FALLING;
    }
    return Direction.FLAT;
  }

  /** Returns the number of rises in a row at the end of the series, ignoring missing periods. */
  public int risesAtEnd() {
    List<BigDecimal> present = new ArrayList<>();
    for (BigDecimal value : values) {
      if (value != null) {
        present.add(value);
      }
    }
    int rises = 0;
    for (int i = present.size() - 1; i > 0; i--) {
      if (present.get(i).compareTo(present.get(i - 1)) > 0) {
        rises++;
      } else {
        break;
      }
    }
    return rises;
  }

  /** Returns the last value, empty when no period has one. */
  public Optional<BigDecimal> latest() {
    for (int i = values.size() - 1; i >= 0; i--) {
      if (values.get(i) != null) {
        return Optional.of(values.get(i));
      }
    }
    return Optional.empty();
  }

  /** Returns the median of a non-empty list: the middle value, or the mean of the two middle. */
  public static BigDecimal median(List<BigDecimal> values) {
    List<BigDecimal> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int size = sorted.size();
    if (size % 2 == 1) {
      return sorted.get(size / 2);
    }
    return sorted
        .get(size / 2 - 1)
        .add(sorted.get(size / 2))
        .divide(BigDecimal.valueOf(2), UsageSummary.DERIVED_SCALE, RoundingMode.HALF_EVEN);
  }
}
