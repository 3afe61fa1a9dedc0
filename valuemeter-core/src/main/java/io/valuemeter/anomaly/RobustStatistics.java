package io.valuemeter.anomaly;

import java.util.Arrays;

/** Medians and deviations that a single outlier does not move. */
public final class RobustStatistics {

  /**
   * The factor that makes the median absolute deviation estimate the standard deviation of normal
   * data: 1 / Φ⁻¹(3/4) ≈ 1.4826.
   */
  public static final double MAD_TO_SIGMA = 1.4826;

  private RobustStatistics() {}

  /** Returns the median of a non-empty array: the middle value or the mean of the two middle. */
  public static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("the median of no values is undefined");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /** Returns the median absolute deviation from the median, unscaled. */
  public static double medianAbsoluteDeviation(double[] values) {
    double center = median(values);
    double[] deviations = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      deviations[i] = Math.abs(values[i] - center);
    }
    return median(deviations);
  }

  /**
   * Returns the robust coefficient of variation: MAD x 1.4826 / median. For normal data it
   * estimates the standard deviation over the mean. Returns positive infinity when the median is 0
   * and the MAD is not, and 0 when both are 0.
   */
  public static double robustCoefficientOfVariation(double[] values) {
    double center = median(values);
    double spread = medianAbsoluteDeviation(values) * MAD_TO_SIGMA;
    if (center == 0) {
      return spread == 0 ? 0 : Double.POSITIVE_INFINITY;
    }
    return spread / Math.abs(center);
  }
}
