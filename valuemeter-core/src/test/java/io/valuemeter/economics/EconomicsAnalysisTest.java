package io.valuemeter.economics;

import static org.assertj.core.api.Assertions.assertThat;

import io.valuemeter.usage.TokenUsage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EconomicsAnalysisTest {

  @Test
  void costPerOutcome_risingThreeMonths_triggerFires() {
    // cost per success by month: $1, $0.80, $0.90, $1.10, $1.50: three rises at the end
    List<EconomicsAnalysis.Period> periods =
        List.of(
            period("2025-01", "10", 10),
            period("2025-02", "8", 10),
            period("2025-03", "9", 10),
            period("2025-04", "11", 10),
            period("2025-05", "15", 10));

    EconomicsAnalysis analysis =
        EconomicsAnalysis.of(periods, Map.of(), List.of(), Targets.DEFAULT);

    assertThat(analysis.triggers()).hasSize(1);
    assertThat(analysis.triggers().get(0).name()).isEqualTo("cost per outcome rising");
    assertThat(analysis.triggers().get(0).evidence()).contains("rose 3 periods in a row");
    assertThat(analysis.verdict().optimise()).isTrue();
  }

  @Test
  void costPerOutcome_twoRises_noTrigger() {
    List<EconomicsAnalysis.Period> periods =
        List.of(
            period("2025-01", "10", 10), period("2025-02", "11", 10), period("2025-03", "12", 10));

    EconomicsAnalysis analysis =
        EconomicsAnalysis.of(periods, Map.of(), List.of(), Targets.DEFAULT);

    assertThat(analysis.triggers()).isEmpty();
    // the cost per outcome still rises, so its falling target fails
    assertThat(analysis.keyMetrics().get(0).pass()).isFalse();
  }

  @Test
  void healthyUsage_doNotOptimise_withReasons() {
    List<EconomicsAnalysis.Period> periods =
        List.of(
            period("2025-01", "12", 10), period("2025-02", "10", 10), period("2025-03", "9", 10));

    EconomicsAnalysis analysis =
        EconomicsAnalysis.of(periods, Map.of(), List.of(), Targets.DEFAULT);

    assertThat(analysis.verdict().optimise()).isFalse();
    assertThat(analysis.verdict().headline()).isEqualTo("do not optimise");
    assertThat(analysis.verdict().reasons())
        .contains("cost per successful outcome meets its target (falling)")
        .contains("no optimisation trigger fired");
  }

  @Test
  void humanIntervention_aboveTwentyPercent_triggerFires() {
    // 3 of 10 tasks escalated: 30% > 20%
    OutcomeDetail detail =
        new OutcomeDetail(0, 0, 0, 3, 3, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    UsageSummary summary = summary("10", 10, detail);

    EconomicsAnalysis analysis =
        EconomicsAnalysis.of(
            List.of(new EconomicsAnalysis.Period("2025-01", summary)),
            Map.of(),
            List.of(),
            Targets.DEFAULT);

    assertThat(analysis.triggers())
        .extracting(Trigger::name)
        .contains("human intervention above threshold");
    // 30% escalation misses the 5% target
    assertThat(analysis.keyMetrics().get(3).pass()).isFalse();
  }

  @Test
  void tokenEfficiency_belowHalf_triggerNamesModel() {
    EconomicsAnalysis analysis =
        EconomicsAnalysis.of(
            List.of(period("all", "1", 1)),
            Map.of(),
            List.of(new TokenEfficiency("gpt-5-nano", 18, new BigDecimal("0.304"))),
            Targets.DEFAULT);

    assertThat(analysis.triggers()).hasSize(1);
    assertThat(analysis.triggers().get(0).scope()).isEqualTo("model gpt-5-nano");
    // 1 / 0.304 = 3.29 times the tokens
    assertThat(analysis.triggers().get(0).evidence()).contains("3.29x");
  }

  private static EconomicsAnalysis.Period period(String label, String costUsd, long successes) {
    return new EconomicsAnalysis.Period(label, summary(costUsd, successes, OutcomeDetail.NONE));
  }

  private static UsageSummary summary(String costUsd, long successes, OutcomeDetail detail) {
    return new UsageSummary(
        10,
        10,
        TokenUsage.of(1_000, 100),
        new BigDecimal(costUsd),
        BigDecimal.ZERO,
        0,
        0,
        0,
        0,
        10,
        successes,
        successes,
        null,
        detail);
  }
}
