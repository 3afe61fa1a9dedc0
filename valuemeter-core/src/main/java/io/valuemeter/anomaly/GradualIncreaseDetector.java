package io.valuemeter.anomaly;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds gradual increases: a sustained upward trend, for example in input tokens per call.
 *
 * <p>The detector slides a span of {@code spanWindows} windows over the series, one window at a
 * time, and runs the Mann-Kendall test with the Theil-Sen slope ({@link TrendTest}) on each span
 * that has at least {@code minValues} values. A span is rising when the one-sided p-value is below
 * {@code significance} and the fitted line rises by at least {@code minRelativeIncrease} of its
 * start over the span. Overlapping rising spans form one anomaly, reported with the strongest
 * span's fitted start (baseline), fitted end (observed) and relative change (magnitude). A series
 * shorter than one span is tested as a single span.
 */
public final class GradualIncreaseDetector {

  /**
   * Settings of the detector.
   *
   * @param spanWindows the windows in each tested span (default 14, two weeks of days)
   * @param minValues the minimum values in a span to test it (default 7)
   * @param significance the one-sided Mann-Kendall p-value below which a span rises (default 0.01)
   * @param minRelativeIncrease the minimum rise of the fitted line over the span, as a fraction of
   *     its start (default 0.2)
   */
  public record Parameters(
      int spanWindows, int minValues, double significance, double minRelativeIncrease) {

    /** Defaults: spans of 14 windows with at least 7 values, p below 0.01, a rise of 20%. */
    public static final Parameters DEFAULTS = new Parameters(14, 7, 0.01, 0.2);

    public Parameters {
      if (minValues < 3 || spanWindows < minValues) {
        throw new IllegalArgumentException(
            "a trend span needs 3 <= minimum values ("
                + minValues
                + ") <= span windows ("
                + spanWindows
                + ")");
      }
      if (!(significance > 0 && significance < 1)) {
        throw new IllegalArgumentException(
            "the significance level must be between 0 and 1, not " + significance);
      }
    }
  }

  private final Parameters parameters;

  public GradualIncreaseDetector(Parameters parameters) {
    this.parameters = parameters;
  }

  /** Returns the gradual increases of one scope's series. */
  public Assessment assess(String scope, TimeSeries series) {
    List<Anomaly> anomalies = new ArrayList<>();
    int maxValues = 0;
    Strongest run = null;
    for (int end = firstEnd(series.size(), parameters.spanWindows()); end <= series.size(); end++) {
      int start = Math.max(0, end - parameters.spanWindows());
      TrendTest test = TrendTest.over(series, start, end);
      maxValues = Math.max(maxValues, test.values());
      boolean rising =
          test.values() >= parameters.minValues()
              && test.upwardPValue() < parameters.significance()
              && test.relativeChange() >= parameters.minRelativeIncrease();
      if (rising) {
        run = Strongest.keep(run, start, end, test);
      } else if (run != null && start >= run.lastEnd) {
        anomalies.add(
            run.toAnomaly(AnomalyKind.GRADUAL_INCREASE, scope, series, parameters.minValues()));
        run = null;
      }
    }
    if (run != null) {
      anomalies.add(
          run.toAnomaly(AnomalyKind.GRADUAL_INCREASE, scope, series, parameters.minValues()));
    }
    List<String> notes = new ArrayList<>();
    if (series.gapCount() > 0) {
      notes.add(series.gapCount() + " of " + series.size() + " windows are gaps and were skipped");
    }
    return new Assessment(
        AnomalyKind.GRADUAL_INCREASE,
        scope,
        HistoryStatus.of(maxValues, parameters.minValues()),
        anomalies,
        notes);
  }

  /** Returns the end of the first span: one full span in, or the whole series when shorter. */
  static int firstEnd(int size, int spanWindows) {
    return Math.max(1, Math.min(spanWindows, size));
  }

  /** Overlapping rising spans, keeping the one with the largest relative change. */
  static final class Strongest {
    final int firstStart;
    int lastEnd;
    int bestStart;
    int bestEnd;
    TrendTest best;

    private Strongest(int start) {
      this.firstStart = start;
    }

    static Strongest keep(Strongest run, int start, int end, TrendTest test) {
      Strongest kept = run == null ? new Strongest(start) : run;
      kept.lastEnd = end;
      if (kept.best == null || test.relativeChange() > kept.best.relativeChange()) {
        kept.best = test;
        kept.bestStart = start;
        kept.bestEnd = end;
      }
      return kept;
    }

    Anomaly toAnomaly(AnomalyKind kind, String scope, TimeSeries series, int minValues) {
      return new Anomaly(
          kind,
          scope,
          series.metric(),
          series.startAt(firstStart),
          series.endAt(lastEnd - 1),
          best.fittedEnd(),
          best.fittedStart(),
          best.relativeChange(),
          HistoryStatus.of(best.values(), minValues));
    }
  }
}
