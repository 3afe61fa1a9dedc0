package io.valuemeter.anomaly;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds cost rising while successes or value stay flat, the sign of an inefficient model choice.
 *
 * <p>The detector divides cost by outcome (successes or success value) window by window; a window
 * without cost, without outcomes or with zero outcomes is a gap in that ratio. It then slides spans
 * of {@code spanWindows} windows like {@link GradualIncreaseDetector}. A span diverges when the
 * cost per outcome rises (Mann-Kendall p-value below {@code significance}, fitted rise at least
 * {@code minRelativeIncrease}) and the cost itself does not fall (its Theil-Sen slope is at least
 * 0). Testing the ratio means that cost rising only because successes rise with it is not flagged.
 */
public final class CostOutcomeDivergenceDetector {

  /**
   * Settings of the detector.
   *
   * @param spanWindows the windows in each tested span (default 14)
   * @param minValues the minimum windows with both cost and a positive outcome (default 7)
   * @param significance the one-sided Mann-Kendall p-value for a rising cost per outcome (0.01)
   * @param minRelativeIncrease the minimum fitted rise of cost per outcome over a span (0.2)
   */
  public record Parameters(
      int spanWindows, int minValues, double significance, double minRelativeIncrease) {

    /** Defaults: spans of 14 windows with at least 7 values, p below 0.01, a rise of 20%. */
    public static final Parameters DEFAULTS = new Parameters(14, 7, 0.01, 0.2);

    public Parameters {
      new GradualIncreaseDetector.Parameters(
          spanWindows, minValues, significance, minRelativeIncrease);
    }
  }

  private final Parameters parameters;

  public CostOutcomeDivergenceDetector(Parameters parameters) {
    this.parameters = parameters;
  }

  /**
   * Returns the divergences of one scope.
   *
   * @param cost cost per window
   * @param outcomes successes or success value per window, on the same windows as {@code cost}
   */
  public Assessment assess(String scope, TimeSeries cost, TimeSeries outcomes) {
    TimeSeries ratio = ratio(cost, outcomes);
    List<Anomaly> anomalies = new ArrayList<>();
    int maxValues = 0;
    GradualIncreaseDetector.Strongest run = null;
    int firstEnd = GradualIncreaseDetector.firstEnd(ratio.size(), parameters.spanWindows());
    for (int end = firstEnd; end <= ratio.size(); end++) {
      int start = Math.max(0, end - parameters.spanWindows());
      TrendTest test = TrendTest.over(ratio, start, end);
      maxValues = Math.max(maxValues, test.values());
      boolean diverging =
          test.values() >= parameters.minValues()
              && test.upwardPValue() < parameters.significance()
              && test.relativeChange() >= parameters.minRelativeIncrease()
              && TrendTest.over(cost, start, end).slopePerWindow() >= 0;
      if (diverging) {
        run = GradualIncreaseDetector.Strongest.keep(run, start, end, test);
      } else if (run != null && start >= run.lastEnd) {
        anomalies.add(toAnomaly(run, scope, ratio));
        run = null;
      }
    }
    if (run != null) {
      anomalies.add(toAnomaly(run, scope, ratio));
    }
    List<String> notes = new ArrayList<>();
    if (ratio.gapCount() > 0) {
      notes.add(
          ratio.gapCount()
              + " of "
              + ratio.size()
              + " windows lack cost or a positive outcome and were skipped");
    }
    return new Assessment(
        AnomalyKind.COST_OUTCOME_DIVERGENCE,
        scope,
        HistoryStatus.of(maxValues, parameters.minValues()),
        anomalies,
        notes);
  }

  private Anomaly toAnomaly(GradualIncreaseDetector.Strongest run, String scope, TimeSeries ratio) {
    return run.toAnomaly(AnomalyKind.COST_OUTCOME_DIVERGENCE, scope, ratio, parameters.minValues());
  }

  private static TimeSeries ratio(TimeSeries cost, TimeSeries outcomes) {
    if (cost.size() != outcomes.size()
        || (cost.size() > 0 && !cost.startAt(0).equals(outcomes.startAt(0)))
        || !cost.window().equals(outcomes.window())) {
      throw new IllegalArgumentException(
          "cost and outcome series must cover the same windows; "
              + cost.metric()
              + " has "
              + cost.size()
              + " and "
              + outcomes.metric()
              + " has "
              + outcomes.size());
    }
    List<TimeSeries.Point> points = new ArrayList<>();
    for (int i = 0; i < cost.size(); i++) {
      double spent = cost.valueAt(i);
      double achieved = outcomes.valueAt(i);
      boolean defined = !Double.isNaN(spent) && !Double.isNaN(achieved) && achieved > 0;
      points.add(new TimeSeries.Point(cost.startAt(i), defined ? spent / achieved : null));
    }
    return new TimeSeries(cost.metric() + " per " + outcomes.metric(), cost.window(), points);
  }
}
