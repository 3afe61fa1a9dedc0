package io.valuemeter.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpikeDetectorTest {

  private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);
  private final SpikeDetector detector = new SpikeDetector(SpikeDetector.Parameters.DEFAULTS);

  @Test
  void assess_twelveTimesPoint_oneSpike() {
    List<Double> values = noisy(30);
    values.set(20, 120.0);

    Assessment assessment = detector.assess("agent=a", TimeSeries.of("calls", START, HOUR, values));

    assertThat(assessment.history().enough()).isTrue();
    assertThat(assessment.anomalies()).hasSize(1);
    Anomaly spike = assessment.anomalies().get(0);
    assertThat(spike.kind()).isEqualTo(AnomalyKind.SPIKE);
    assertThat(spike.windowStart()).isEqualTo(START.plus(HOUR.multipliedBy(20)));
    assertThat(spike.windowEnd()).isEqualTo(START.plus(HOUR.multipliedBy(21)));
    assertThat(spike.observed()).isEqualTo(120.0);
    // windows 0..19 alternate 9 and 11: the median of the 20 values is (9 + 11) / 2 = 10
    assertThat(spike.baseline()).isEqualTo(10.0);
    assertThat(spike.magnitude()).isEqualTo(12.0);
    assertThat(spike.likelyCause()).isEqualTo("agent loop");
    assertThat(spike.action()).isEqualTo("stop it and investigate");
  }

  @Test
  void assess_nineTimesPoint_noSpike() {
    List<Double> values = noisy(30);
    values.set(20, 90.0);

    Assessment assessment = detector.assess("agent=a", TimeSeries.of("calls", START, HOUR, values));

    assertThat(assessment.anomalies()).isEmpty();
  }

  @Test
  void assess_threeSpikeWindows_oneAnomaly() {
    List<Double> values = noisy(30);
    values.set(20, 110.0);
    values.set(21, 150.0);
    values.set(22, 120.0);

    Assessment assessment = detector.assess("agent=a", TimeSeries.of("calls", START, HOUR, values));

    assertThat(assessment.anomalies()).hasSize(1);
    assertThat(assessment.anomalies().get(0).windowEnd())
        .isEqualTo(START.plus(HOUR.multipliedBy(23)));
    assertThat(assessment.anomalies().get(0).observed()).isEqualTo(150.0);
  }

  @Test
  void assess_singlePoint_insufficientHistoryNoAnomaly() {
    Assessment assessment =
        detector.assess("agent=a", TimeSeries.of("calls", START, HOUR, List.of(500.0)));

    assertThat(assessment.anomalies()).isEmpty();
    assertThat(assessment.history().state()).isEqualTo(HistoryStatus.State.INSUFFICIENT_HISTORY);
    assertThat(assessment.history().available()).isZero();
    assertThat(assessment.history().required()).isEqualTo(12);
    assertThat(assessment.history().describe("windows"))
        .isEqualTo("insufficient history: 0 of 12 windows needed");
  }

  @Test
  void assess_gaps_notZeros() {
    // 10 values of 10 with a gap after each: were gaps zeros, the median would be 5 or 0 and a
    // value of 60 would look like a 12x spike
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      values.add(10.0);
      values.add(null);
    }
    values.add(60.0);

    Assessment assessment = detector.assess("agent=a", TimeSeries.of("calls", START, HOUR, values));

    assertThat(assessment.history().enough()).isTrue();
    assertThat(assessment.anomalies()).isEmpty();
    assertThat(assessment.notes()).containsExactly("14 of 29 windows are gaps and were skipped");
  }

  @Test
  void assess_zeroBaseline_notJudged() {
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      values.add(0.0);
    }
    values.add(100.0);

    Assessment assessment =
        detector.assess("client=0", TimeSeries.of("requests", START, HOUR, values));

    assertThat(assessment.anomalies()).isEmpty();
    assertThat(assessment.notes())
        .contains("9 windows had a zero baseline median and were not judged");
  }

  /** Returns 9, 11, 9, 11, ...: median 10, scaled MAD 1.4826. */
  private static List<Double> noisy(int size) {
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      values.add(i % 2 == 0 ? 9.0 : 11.0);
    }
    return values;
  }
}
