package io.valuemeter.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertDeduplicatorTest {

  private static final Instant MARCH = Instant.parse("2025-03-01T00:00:00Z");
  private static final Instant APRIL = Instant.parse("2025-04-01T00:00:00Z");
  private static final Instant MAY = Instant.parse("2025-05-01T00:00:00Z");

  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-20T12:00:00Z"));
  private final List<Alert> sent = new ArrayList<>();
  private final AlertDeduplicator deduplicator = new AlertDeduplicator(sent::add, clock);

  @Test
  void thresholdCrossed_repeated_sentOnce() {
    boolean first = deduplicator.thresholdCrossed(crossing(MARCH, APRIL, "0.8", "80"));
    boolean second = deduplicator.thresholdCrossed(crossing(MARCH, APRIL, "0.80", "85"));
    boolean third = deduplicator.thresholdCrossed(crossing(MARCH, APRIL, "0.8", "99"));

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(third).isFalse();
    assertThat(sent).hasSize(1);
  }

  @Test
  void thresholdCrossed_perPeriod_sentOnce() {
    deduplicator.thresholdCrossed(crossing(MARCH, APRIL, "0.5", "50"));
    deduplicator.thresholdCrossed(crossing(MARCH, APRIL, "0.8", "80"));
    deduplicator.thresholdCrossed(crossing(APRIL, MAY, "0.5", "50"));
    deduplicator.thresholdCrossed(crossing(APRIL, MAY, "0.5", "60"));

    assertThat(sent)
        .extracting(Alert::key)
        .containsExactly(
            "budget-threshold/support-monthly/agent:support/2025-03-01T00:00:00Z/0.5",
            "budget-threshold/support-monthly/agent:support/2025-03-01T00:00:00Z/0.8",
            "budget-threshold/support-monthly/agent:support/2025-04-01T00:00:00Z/0.5");
  }

  @Test
  void thresholdCrossed_earlierPeriodAfterLater_dropped() {
    deduplicator.thresholdCrossed(crossing(APRIL, MAY, "0.8", "80"));

    boolean stale = deduplicator.thresholdCrossed(crossing(MARCH, APRIL, "0.5", "50"));

    assertThat(stale).isFalse();
    assertThat(sent).hasSize(1);
  }

  @Test
  void thresholdCrossed_alertContent_pinned() {
    clock.advance(Duration.ofMinutes(5));

    deduplicator.thresholdCrossed(crossing(MARCH, APRIL, "0.8", "80.5"));

    Alert alert = sent.get(0);
    assertThat(alert.kind()).isEqualTo(Alert.Kind.BUDGET_THRESHOLD);
    assertThat(alert.time()).isEqualTo(Instant.parse("2025-03-20T12:05:00Z"));
    assertThat(alert.message())
        .isEqualTo(
            "Budget \"support-monthly\" for scope \"agent:support\" reached 80% of its limit in"
                + " the period from 2025-03-01T00:00:00Z to 2025-04-01T00:00:00Z: $80.5 spent of"
                + " $100.");
    assertThat(alert.details())
        .containsExactly(
            Map.entry("budget", "support-monthly"),
            Map.entry("scope", "agent:support"),
            Map.entry("periodStart", "2025-03-01T00:00:00Z"),
            Map.entry("periodEnd", "2025-04-01T00:00:00Z"),
            Map.entry("threshold", "0.8"),
            Map.entry("spentUsd", "80.5"),
            Map.entry("moneyLimitUsd", "100"),
            Map.entry("spentTokens", "0"));
  }

  @Test
  void anomalyChanged_untilCleared_sentOnce() {
    AnomalyState active = new AnomalyState("loop/agent:ci", true, "Loop detected.", Map.of());
    AnomalyState cleared = new AnomalyState("loop/agent:ci", false, "Loop cleared.", Map.of());

    deduplicator.anomalyChanged(active);
    deduplicator.anomalyChanged(active);
    deduplicator.anomalyChanged(active);
    deduplicator.anomalyChanged(cleared);
    deduplicator.anomalyChanged(cleared);
    deduplicator.anomalyChanged(active);

    assertThat(sent).hasSize(2);
    assertThat(sent).allSatisfy(alert -> assertThat(alert.kind()).isEqualTo(Alert.Kind.ANOMALY));
    assertThat(sent).allSatisfy(alert -> assertThat(alert.message()).isEqualTo("Loop detected."));
  }

  @Test
  void send_sinkThrows_countedNotPropagated() {
    AlertDeduplicator failing =
        new AlertDeduplicator(
            alert -> {
              throw new IllegalStateException("sink down");
            },
            clock);

    boolean raised = failing.thresholdCrossed(crossing(MARCH, APRIL, "0.8", "80"));
    boolean repeated = failing.thresholdCrossed(crossing(MARCH, APRIL, "0.8", "90"));

    // The alert counts as raised, so a broken sink does not cause one attempt per record.
    assertThat(raised).isTrue();
    assertThat(repeated).isFalse();
    assertThat(failing.failedSends()).isEqualTo(1);
  }

  private static ThresholdCrossing crossing(
      Instant periodStart, Instant periodEnd, String threshold, String spentUsd) {
    return new ThresholdCrossing(
        "support-monthly",
        "agent:support",
        periodStart,
        periodEnd,
        new BigDecimal(threshold),
        new BigDecimal(spentUsd),
        new BigDecimal("100"),
        0,
        null);
  }
}
