package io.valuemeter.anomaly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Mann-Kendall trend test with the Theil-Sen slope over one span of a series.
 *
 * <p>Mann-Kendall counts, over every pair of values, how many rise minus how many fall (S). Under
 * the hypothesis of no trend, S is close to normal with variance n(n-1)(2n+5)/18, reduced for ties.
 * The p-value here is one-sided for an upward trend, from the normal approximation with a
 * continuity correction (S - 1). The approximation is rough below about 10 values; seven strictly
 * rising values give p ≈ 0.0013. The test uses ranks only, so one outlier changes S by at most n-1.
 *
 * <p>The Theil-Sen slope is the median of the pairwise slopes, in value units per window; the
 * intercept is the median of value - slope x position. Positions are window indices, so gaps keep
 * their place in time.
 *
 * @param values the number of values in the span, gaps excluded
 * @param statistic Mann-Kendall S
 * @param upwardPValue one-sided p-value for an upward trend; 1 with fewer than 3 values
 * @param downwardPValue one-sided p-value for a downward trend; 1 with fewer than 3 values
 * @param slopePerWindow Theil-Sen slope
 * @param fittedStart the fitted line at the first window of the span
 * @param fittedEnd the fitted line at the last window of the span
 */
public record TrendTest(
    int values,
    long statistic,
    double upwardPValue,
    double downwardPValue,
    double slopePerWindow,
    double fittedStart,
    double fittedEnd) {

  /**
   * Runs the test on windows {@code from} (inclusive) to {@code to} (exclusive) of a series,
   * skipping gaps.
   */
  public static TrendTest over(TimeSeries series, int from, int to) {
    List<Integer> positions = new ArrayList<>();
    for (int i = from; i < to; i++) {
      if (!series.points().get(i).gap()) {
        positions.add(i);
      }
    }
    int n = positions.size();
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = positions.get(i) - from;
      y[i] = series.valueAt(positions.get(i));
    }
    return of(x, y, to - from - 1);
  }

  /**
   * Runs the test on values at positions {@code x} (increasing), fitting the line from position 0
   * to {@code lastPosition}.
   */
  static TrendTest of(double[] x, double[] y, double lastPosition) {
    int n = y.length;
    if (n < 2) {
      double level = n == 1 ? y[0] : Double.NaN;
      return new TrendTest(n, 0, 1, 1, 0, level, level);
    }
    long s = 0;
    double[] slopes = new double[n * (n - 1) / 2];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        s += Long.signum(Double.compare(y[j], y[i]));
        slopes[k++] = (y[j] - y[i]) / (x[j] - x[i]);
      }
    }
    double slope = RobustStatistics.median(slopes);
    double[] intercepts = new double[n];
    for (int i = 0; i < n; i++) {
      intercepts[i] = y[i] - slope * x[i];
    }
    double intercept = RobustStatistics.median(intercepts);
    double variance = variance(y);
    double up = 1;
    double down = 1;
    if (n >= 3 && variance > 0) {
      double sd = Math.sqrt(variance);
      up = upperTail((s - 1) / sd);
      down = upperTail((-s - 1) / sd);
    }
    return new TrendTest(n, s, up, down, slope, intercept, intercept + slope * lastPosition);
  }

  /**
   * Returns the relative change of the fitted line over the span, NaN when the start is not
   * positive.
   */
  public double relativeChange() {
    return fittedStart > 0 ? (fittedEnd - fittedStart) / fittedStart : Double.NaN;
  }

  private static double variance(double[] y) {
    int n = y.length;
    double variance = n * (n - 1.0) * (2.0 * n + 5) / 18;
    double[] sorted = y.clone();
    Arrays.sort(sorted);
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && sorted[j + 1] == sorted[i]) {
        j++;
      }
      long tie = j - i + 1;
      variance -= tie * (tie - 1.0) * (2.0 * tie + 5) / 18;
      i = j + 1;
    }
    return variance;
  }

  /**
   * Returns P(Z > z) for a standard normal Z (Abramowitz and Stegun 7.1.26, error below 1.5e-7).
   */
  static double upperTail(double z) {
    double t = 1 / (1 + 0.3275911 * Math.abs(z) / Math.sqrt(2));
    double polynomial =
        t
            * (0.254829592
                + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    double erfc = polynomial * Math.exp(-z * z / 2);
    return z >= 0 ? erfc / 2 : 1 - erfc / 2;
  }
}
