package io.valuemeter.anomaly;

import java.time.Instant;

/**
 * One anomaly found in one scope.
 *
 * @param kind the kind of anomaly
 * @param scope the scope, such as {@code agent=reviewer}
 * @param metric what observed and baseline measure, with the unit
 * @param windowStart the first instant of the anomalous window or span
 * @param windowEnd the first instant after it
 * @param observed the value seen: the peak window for a spike, the fitted end of the trend for a
 *     gradual increase or divergence, the robust coefficient of variation for run variation
 * @param baseline the value compared against: the trailing median for a spike, the fitted start of
 *     the trend, or the variation threshold
 * @param magnitude observed / baseline for a spike and run variation; the relative change (observed
 *     - baseline) / baseline for a trend
 * @param history the history the baseline was computed from
 */
public record Anomaly(
    AnomalyKind kind,
    String scope,
    String metric,
    Instant windowStart,
    Instant windowEnd,
    double observed,
    double baseline,
    double magnitude,
    HistoryStatus history) {

  /** Returns the likely cause of this kind of anomaly. */
  public String likelyCause() {
    return kind.likelyCause();
  }

  /** Returns the recommended action. */
  public String action() {
    return kind.action();
  }
}
