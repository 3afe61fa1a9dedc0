package io.valuemeter.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GradualIncreaseDetectorTest {

  private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");
  private static final Duration DAY = Duration.ofDays(1);
  private final GradualIncreaseDetector detector =
      new GradualIncreaseDetector(GradualIncreaseDetector.Parameters.DEFAULTS);

  @Test
  void assess_twoPercentPerDayOverThirtyDays_detected() {
    List<Double> values = new ArrayList<>();
    for (int day = 0; day < 30; day++) {
      values.add(1000 * Math.pow(1.02, day));
    }

    Assessment assessment =
        detector.assess("agent=a", TimeSeries.of("input tokens per call", START, DAY, values));

    assertThat(assessment.anomalies()).hasSize(1);
    Anomaly increase = assessment.anomalies().get(0);
    assertThat(increase.kind()).isEqualTo(AnomalyKind.GRADUAL_INCREASE);
    assertThat(increase.windowStart()).isEqualTo(START);
    assertThat(increase.windowEnd()).isEqualTo(START.plus(DAY.multipliedBy(30)));
    // one 14-day span rises by about 1.02^13 - 1 = 29.4%; Theil-Sen on the convex curve fits a
    // line that rises a little less or more, so allow 25% to 35%
    assertThat(increase.magnitude()).isBetween(0.25, 0.35);
    assertThat(increase.likelyCause()).isEqualTo("context bloat");
  }

  @Test
  void assess_flatNoisySeries_noIncrease() {
    Random random = new Random(7);
    List<Double> values = new ArrayList<>();
    for (int day = 0; day < 60; day++) {
      values.add(1000 * (1 + 0.2 * random.nextGaussian()));
    }

    Assessment assessment =
        detector.assess("agent=a", TimeSeries.of("input tokens per call", START, DAY, values));

    assertThat(assessment.history().enough()).isTrue();
    assertThat(assessment.anomalies()).isEmpty();
  }

  @Test
  void assess_significantButSmallRise_noIncrease() {
    List<Double> values = new ArrayList<>();
    for (int day = 0; day < 14; day++) {
      values.add(1000.0 + day);
    }

    Assessment assessment =
        detector.assess("agent=a", TimeSeries.of("input tokens per call", START, DAY, values));

    // strictly rising, so p is tiny, but 1,013 / 1,000 is a rise of 1.3%, below 20%
    assertThat(assessment.anomalies()).isEmpty();
  }

  @Test
  void assess_mostlyGaps_insufficientHistory() {
    List<Double> values = new ArrayList<>();
    for (int day = 0; day < 14; day++) {
      values.add(day % 3 == 0 ? 1000.0 * (day + 1) : null);
    }

    Assessment assessment =
        detector.assess("agent=a", TimeSeries.of("input tokens per call", START, DAY, values));

    // days 0, 3, 6, 9 and 12 have values: 5 of the 7 needed
    assertThat(assessment.history().enough()).isFalse();
    assertThat(assessment.history().available()).isEqualTo(5);
    assertThat(assessment.anomalies()).isEmpty();
  }

  @Test
  void assess_singlePoint_insufficientHistory() {
    Assessment assessment =
        detector.assess(
            "agent=a", TimeSeries.of("input tokens per call", START, DAY, List.of(1000.0)));

    assertThat(assessment.history().state()).isEqualTo(HistoryStatus.State.INSUFFICIENT_HISTORY);
    assertThat(assessment.history().available()).isEqualTo(1);
    assertThat(assessment.anomalies()).isEmpty();
  }
}
