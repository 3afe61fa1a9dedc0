package io.valuemeter.anomaly;

import java.time.Instant;
import java.util.List;

/**
 * Finds high variation between runs of the same task, the sign of inconsistent inputs.
 *
 * <p>The spread is the robust coefficient of variation of the runs' values (usually cost per run):
 * MAD x 1.4826 / median. For normal data it estimates the standard deviation over the mean, but one
 * extreme run does not move it. A task is anomalous when the spread is above {@code threshold}. The
 * anomaly reports the spread as observed, the threshold as baseline and their ratio as magnitude.
 */
public final class RunVariationDetector {

  /**
   * Settings of the detector.
   *
   * @param threshold the robust coefficient of variation above which runs vary too much (0.5)
   * @param minRuns the minimum number of runs to judge a task (default 5)
   */
  public record Parameters(double threshold, int minRuns) {

    /** Defaults: a robust coefficient of variation above 0.5 over at least 5 runs. */
    public static final Parameters DEFAULTS = new Parameters(0.5, 5);

    public Parameters {
      if (!(threshold > 0)) {
        throw new IllegalArgumentException(
            "the variation threshold must be positive: " + threshold);
      }
      if (minRuns < 3) {
        throw new IllegalArgumentException("a spread needs at least 3 runs, not " + minRuns);
      }
    }
  }

  /**
   * One run of a task.
   *
   * @param start when the run started, or null when unknown
   * @param end when the run ended, or null when unknown
   * @param value the run's metric, usually its cost in USD
   */
  public record Run(Instant start, Instant end, double value) {}

  private final Parameters parameters;

  public RunVariationDetector(Parameters parameters) {
    this.parameters = parameters;
  }

  /** Returns whether the runs of one task vary more than the threshold allows. */
  public Assessment assess(String scope, String metric, List<Run> runs) {
    HistoryStatus history = HistoryStatus.of(runs.size(), parameters.minRuns());
    if (!history.enough()) {
      return new Assessment(AnomalyKind.RUN_VARIATION, scope, history, List.of(), List.of());
    }
    double[] values = runs.stream().mapToDouble(Run::value).toArray();
    double spread = RobustStatistics.robustCoefficientOfVariation(values);
    if (!(spread > parameters.threshold())) {
      return new Assessment(AnomalyKind.RUN_VARIATION, scope, history, List.of(), List.of());
    }
    Anomaly anomaly =
        new Anomaly(
            AnomalyKind.RUN_VARIATION,
            scope,
            "robust coefficient of variation of " + metric,
            runs.stream()
                .map(Run::start)
                .filter(t -> t != null)
                .min(Instant::compareTo)
                .orElse(null),
            runs.stream().map(Run::end).filter(t -> t != null).max(Instant::compareTo).orElse(null),
            spread,
            parameters.threshold(),
            spread / parameters.threshold(),
            history);
    return new Assessment(AnomalyKind.RUN_VARIATION, scope, history, List.of(anomaly), List.of());
  }
}
