package io.valuemeter.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtherDetectorsTest {

  private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");
  private static final Duration DAY = Duration.ofDays(1);

  @Test
  void robustStatistics_oneOutlier_medianAndMadUnmoved() {
    double[] values = {10, 12, 11, 9, 10, 1_000_000};

    // sorted 9, 10, 10, 11, 12, 1e6: median (10 + 11) / 2 = 10.5
    assertThat(RobustStatistics.median(values)).isEqualTo(10.5);
    // deviations 0.5, 1.5, 0.5, 1.5, 0.5, 999,989.5: median (0.5 + 1.5) / 2 = 1
    assertThat(RobustStatistics.medianAbsoluteDeviation(values)).isEqualTo(1.0);
  }

  @Test
  void trendTest_sevenRisingValues_matchesHandArithmetic() {
    List<Double> values = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0);

    TrendTest test = TrendTest.over(TimeSeries.of("x", START, DAY, values), 0, 7);

    // all 21 pairs rise: S = 21; Var = 7 x 6 x 19 / 18 = 44.33; z = 20 / 6.658 = 3.004
    assertThat(test.statistic()).isEqualTo(21);
    assertThat(test.upwardPValue()).isCloseTo(0.00133, within(0.00002));
    assertThat(test.slopePerWindow()).isEqualTo(1.0);
    assertThat(test.fittedStart()).isEqualTo(1.0);
    assertThat(test.fittedEnd()).isEqualTo(7.0);
    assertThat(test.relativeChange()).isEqualTo(6.0);
  }

  @Test
  void runVariation_spreadRuns_flagged() {
    List<RunVariationDetector.Run> runs = runs(1, 2, 4, 8, 16);
    RunVariationDetector detector =
        new RunVariationDetector(RunVariationDetector.Parameters.DEFAULTS);

    Assessment assessment = detector.assess("task=t1", "cost USD per run", runs);

    // median 4; deviations 3, 2, 0, 4, 12: MAD 3; 3 x 1.4826 / 4 = 1.11195
    assertThat(assessment.anomalies()).hasSize(1);
    assertThat(assessment.anomalies().get(0).observed()).isCloseTo(1.11195, within(1e-9));
    assertThat(assessment.anomalies().get(0).baseline()).isEqualTo(0.5);
    assertThat(assessment.anomalies().get(0).action()).isEqualTo("standardise the inputs");
  }

  @Test
  void runVariation_steadyRunsWithOneOutlier_notFlagged() {
    RunVariationDetector detector =
        new RunVariationDetector(RunVariationDetector.Parameters.DEFAULTS);

    Assessment assessment = detector.assess("task=t1", "cost", runs(10, 11, 9, 10, 100));

    // median 10; deviations 0, 1, 1, 0, 90: MAD 1; 1.4826 / 10 = 0.148
    assertThat(assessment.anomalies()).isEmpty();
    assertThat(assessment.history().enough()).isTrue();
  }

  @Test
  void runVariation_twoRuns_insufficientHistory() {
    RunVariationDetector detector =
        new RunVariationDetector(RunVariationDetector.Parameters.DEFAULTS);

    Assessment assessment = detector.assess("task=t1", "cost", runs(1, 100));

    assertThat(assessment.history().enough()).isFalse();
    assertThat(assessment.history().describe("runs"))
        .isEqualTo("insufficient history: 2 of 5 runs needed");
    assertThat(assessment.anomalies()).isEmpty();
  }

  @Test
  void divergence_costRisingSuccessesFlat_flagged() {
    List<Double> cost = new ArrayList<>();
    List<Double> successes = new ArrayList<>();
    for (int day = 0; day < 14; day++) {
      cost.add(10.0 + day);
      successes.add(day % 2 == 0 ? 20.0 : 21.0);
    }
    CostOutcomeDivergenceDetector detector =
        new CostOutcomeDivergenceDetector(CostOutcomeDivergenceDetector.Parameters.DEFAULTS);

    Assessment assessment =
        detector.assess(
            "model=m",
            TimeSeries.of("cost USD", START, DAY, cost),
            TimeSeries.of("successes", START, DAY, successes));

    assertThat(assessment.anomalies()).hasSize(1);
    assertThat(assessment.anomalies().get(0).kind()).isEqualTo(AnomalyKind.COST_OUTCOME_DIVERGENCE);
    assertThat(assessment.anomalies().get(0).metric()).isEqualTo("cost USD per successes");
    // cost per success roughly doubles: from 10 / 20.5 to 23 / 20.5
    assertThat(assessment.anomalies().get(0).magnitude()).isBetween(1.0, 1.6);
  }

  @Test
  void divergence_costAndSuccessesRiseTogether_notFlagged() {
    List<Double> cost = new ArrayList<>();
    List<Double> successes = new ArrayList<>();
    for (int day = 0; day < 14; day++) {
      cost.add(10.0 + day);
      successes.add(2 * (10.0 + day) + (day % 2 == 0 ? 0.5 : -0.5));
    }
    CostOutcomeDivergenceDetector detector =
        new CostOutcomeDivergenceDetector(CostOutcomeDivergenceDetector.Parameters.DEFAULTS);

    Assessment assessment =
        detector.assess(
            "model=m",
            TimeSeries.of("cost USD", START, DAY, cost),
            TimeSeries.of("successes", START, DAY, successes));

    assertThat(assessment.anomalies()).isEmpty();
  }

  @Test
  void timeSeries_onGrid_missingWindowsBecomeGaps() {
    Map<Instant, Double> observed = new LinkedHashMap<>();
    observed.put(START, 1.0);
    observed.put(START.plus(DAY.multipliedBy(3)), 4.0);

    TimeSeries series = TimeSeries.onGrid("calls", DAY, observed);

    assertThat(series.size()).isEqualTo(4);
    assertThat(series.gapCount()).isEqualTo(2);
    assertThat(series.points().get(1).gap()).isTrue();
  }

  @Test
  void timeSeries_offGridStart_rejected() {
    Map<Instant, Double> observed = new LinkedHashMap<>();
    observed.put(START, 1.0);
    observed.put(START.plusSeconds(90), 4.0);

    assertThatThrownBy(() -> TimeSeries.onGrid("calls", DAY, observed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "window start 2025-03-01T00:01:30Z is not on the PT24H grid that starts at"
                + " 2025-03-01T00:00:00Z");
  }

  private static List<RunVariationDetector.Run> runs(double... values) {
    List<RunVariationDetector.Run> runs = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      runs.add(
          new RunVariationDetector.Run(
              START.plus(DAY.multipliedBy(i)), START.plus(DAY.multipliedBy(i + 1)), values[i]));
    }
    return runs;
  }
}
