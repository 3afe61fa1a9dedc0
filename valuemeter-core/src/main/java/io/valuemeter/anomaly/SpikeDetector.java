package io.valuemeter.anomaly;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds sudden spikes: windows far above the scope's recent robust baseline.
 *
 * <p>For each window with a value, the baseline is the median of the values in the trailing {@code
 * baselineWindows} windows before it, gaps skipped. The window is a spike when its value is at
 * least {@code factor} times that median and also more than {@code deviations} scaled MADs (MAD x
 * 1.4826) above it. The second test keeps a noisy scope from flagging its usual swings. Consecutive
 * spike windows form one anomaly whose observed value is the peak. A window whose baseline median
 * is 0 is not judged, because no ratio to a zero baseline is defined. A window with fewer than
 * {@code minHistory} values in its trailing window is not judged either.
 */
public final class SpikeDetector {

  /**
   * Settings of the detector.
   *
   * @param factor how many times the baseline median a window must reach (default 10)
   * @param deviations how many scaled MADs above the median it must also be (default 5)
   * @param baselineWindows how many windows before it form the baseline (default 48)
   * @param minHistory the minimum values in the baseline windows to judge a window (default 12)
   */
  public record Parameters(double factor, double deviations, int baselineWindows, int minHistory) {

    /** Defaults: 10x the median, 5 MADs, 48 trailing windows, at least 12 values. */
    public static final Parameters DEFAULTS = new Parameters(10, 5, 48, 12);

    public Parameters {
      if (!(factor > 1)) {
        throw new IllegalArgumentException("the spike factor must be above 1, not " + factor);
      }
      if (deviations < 0) {
        throw new IllegalArgumentException("the MAD count must not be negative: " + deviations);
      }
      if (minHistory < 1 || baselineWindows < minHistory) {
        throw new IllegalArgumentException(
            "the baseline needs 1 <= minimum history ("
                + minHistory
                + ") <= baseline windows ("
                + baselineWindows
                + ")");
      }
    }

    /** Returns these settings with another factor. */
    public Parameters withFactor(double newFactor) {
      return new Parameters(newFactor, deviations, baselineWindows, minHistory);
    }
  }

  private final Parameters parameters;

  public SpikeDetector(Parameters parameters) {
    this.parameters = parameters;
  }

  /**
   * Returns the spikes of one scope's series, or insufficient history when no window could be
   * judged.
   */
  public Assessment assess(String scope, TimeSeries series) {
    int maxHistory = 0;
    int zeroBaselines = 0;
    List<Anomaly> anomalies = new ArrayList<>();
    Run run = null;
    for (int i = 0; i < series.size(); i++) {
      if (series.points().get(i).gap()) {
        continue;
      }
      double[] baseline = trailingValues(series, i);
      maxHistory = Math.max(maxHistory, baseline.length);
      if (baseline.length < parameters.minHistory()) {
        run = close(run, anomalies, scope, series);
        continue;
      }
      double median = RobustStatistics.median(baseline);
      if (median <= 0) {
        zeroBaselines++;
        run = close(run, anomalies, scope, series);
        continue;
      }
      double spread =
          RobustStatistics.medianAbsoluteDeviation(baseline) * RobustStatistics.MAD_TO_SIGMA;
      double value = series.valueAt(i);
      boolean spike =
          value >= parameters.factor() * median
              && value > median + parameters.deviations() * spread;
      if (spike) {
        run = run == null ? new Run(i, median, baseline.length) : run;
        run.extend(i, value);
      } else {
        run = close(run, anomalies, scope, series);
      }
    }
    close(run, anomalies, scope, series);
    List<String> notes = new ArrayList<>();
    if (series.gapCount() > 0) {
      notes.add(series.gapCount() + " of " + series.size() + " windows are gaps and were skipped");
    }
    if (zeroBaselines > 0) {
      notes.add(zeroBaselines + " windows had a zero baseline median and were not judged");
    }
    HistoryStatus history = HistoryStatus.of(maxHistory, parameters.minHistory());
    return new Assessment(AnomalyKind.SPIKE, scope, history, anomalies, notes);
  }

  private double[] trailingValues(TimeSeries series, int index) {
    int from = Math.max(0, index - parameters.baselineWindows());
    double[] values = new double[index - from];
    int count = 0;
    for (int i = from; i < index; i++) {
      if (!series.points().get(i).gap()) {
        values[count++] = series.valueAt(i);
      }
    }
    return java.util.Arrays.copyOf(values, count);
  }

  private Run close(Run run, List<Anomaly> anomalies, String scope, TimeSeries series) {
    if (run != null) {
      anomalies.add(
          new Anomaly(
              AnomalyKind.SPIKE,
              scope,
              series.metric(),
              series.startAt(run.first),
              series.endAt(run.last),
              run.peak,
              run.baseline,
              run.peak / run.baseline,
              HistoryStatus.of(run.history, parameters.minHistory())));
    }
    return null;
  }

  /** Consecutive spike windows, judged against the baseline of the first. */
  private static final class Run {
    final int first;
    final double baseline;
    final int history;
    int last;
    double peak;

    Run(int first, double baseline, int history) {
      this.first = first;
      this.baseline = baseline;
      this.history = history;
    }

    void extend(int index, double value) {
      last = index;
      peak = Math.max(peak, value);
    }
  }
}
