package io.valuemeter.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentComparisonTest {

  private static final AgentProfile AGENT_A =
      new AgentProfile("A", new BigDecimal("0.15"), new BigDecimal("0.60"), new BigDecimal("0.40"));
  private static final AgentProfile AGENT_B =
      new AgentProfile(
          "B", new BigDecimal("0.375"), new BigDecimal("0.95"), new BigDecimal("0.05"));

  @Test
  void agentA_tenDollarRework_matchesWorkedExample() {
    AgentEconomics a = economics(AGENT_A, "10");

    // 0.15 / 0.60 = 0.25
    assertThat(a.costPerSuccessUsd().orElseThrow()).isEqualByComparingTo("0.25");
    // 0.25 x 1.40 = 0.35
    assertThat(a.costPerSuccessWithReworkUsd().orElseThrow()).isEqualByComparingTo("0.35");
    // 0.40 x $10 = $4
    assertThat(a.humanCostPerSuccessUsd().orElseThrow()).isEqualByComparingTo("4");
    // 0.35 + 4 = 4.35
    assertThat(a.fullyLoadedCostPerSuccessUsd().orElseThrow()).isEqualByComparingTo("4.35");
  }

  @Test
  void agentB_tenDollarRework_matchesWorkedExample() {
    AgentEconomics b = economics(AGENT_B, "10");

    // 0.375 / 0.95 = 0.394736842...
    assertThat(b.costPerSuccessUsd().orElseThrow()).isEqualByComparingTo("0.3947368421");
    // 0.375 x 1.05 / 0.95 = 0.39375 / 0.95 = 0.414473684...
    assertThat(b.costPerSuccessWithReworkUsd().orElseThrow()).isEqualByComparingTo("0.4144736842");
    // 0.05 x $10 = $0.50
    assertThat(b.humanCostPerSuccessUsd().orElseThrow()).isEqualByComparingTo("0.5");
    // 0.414473684... + 0.5 = 0.914473684...
    assertThat(b.fullyLoadedCostPerSuccessUsd().orElseThrow()).isEqualByComparingTo("0.9144736842");
  }

  @Test
  void comparison_tenDollarRework_agentBCheaper() {
    AgentComparison comparison =
        new AgentComparison(List.of(AGENT_A, AGENT_B), new BigDecimal("10"));

    assertThat(comparison.cheapest().orElseThrow().agent().name()).isEqualTo("B");
    assertThat(comparison.costliest().orElseThrow().agent().name()).isEqualTo("A");
    // (2.61 / 0.60) / (0.86875 / 0.95) = 2.4795 / 0.52125 = 4.756834532...; the rounded
    // figures 4.35 / 0.9145 give 4.7567
    assertThat(comparison.costRatio().orElseThrow()).isEqualByComparingTo("4.7568345324");
  }

  @Test
  void timesCheapest_eachAgent_relativeToB() {
    AgentComparison comparison =
        new AgentComparison(List.of(AGENT_A, AGENT_B), new BigDecimal("10"));
    List<AgentEconomics> economics = comparison.economics();

    assertThat(comparison.timesCheapest(economics.get(0)).orElseThrow())
        .isEqualByComparingTo("4.7568345324");
    assertThat(comparison.timesCheapest(economics.get(1)).orElseThrow()).isEqualByComparingTo("1");
  }

  @Test
  void comparison_twentyFiveDollarRework_matchesWorkedExample() {
    AgentComparison comparison =
        new AgentComparison(List.of(AGENT_A, AGENT_B), new BigDecimal("25"));
    List<AgentEconomics> economics = comparison.economics();

    // 0.35 + 0.40 x 25 = 10.35
    assertThat(economics.get(0).fullyLoadedCostPerSuccessUsd().orElseThrow())
        .isEqualByComparingTo("10.35");
    // 0.414473684... + 0.05 x 25 = 1.664473684...
    assertThat(economics.get(1).fullyLoadedCostPerSuccessUsd().orElseThrow())
        .isEqualByComparingTo("1.6644736842");
    // (6.21 / 0.60) / (1.58125 / 0.95) = 5.8995 / 0.94875 = 6.218181818...
    assertThat(comparison.costRatio().orElseThrow()).isEqualByComparingTo("6.2181818182");
  }

  @Test
  void reviewCost_fifteenMinutesAtHundred_is25() {
    // 15 x 100 / 60 = 25
    assertThat(AgentComparison.reviewCostUsd(new BigDecimal("15"), new BigDecimal("100")))
        .isEqualByComparingTo("25");
  }

  @Test
  void reviewCost_tenMinutes_roundedToTenPlaces() {
    // 10 x 100 / 60 = 16.666...
    assertThat(AgentComparison.reviewCostUsd(new BigDecimal("10"), new BigDecimal("100")))
        .isEqualByComparingTo("16.6666666667");
  }

  @Test
  void fullyLoaded_noHumanCost_equalsWithRework() {
    AgentEconomics a = economics(AGENT_A, "0");

    assertThat(a.fullyLoadedCostPerSuccessUsd().orElseThrow()).isEqualByComparingTo("0.35");
  }

  @Test
  void economics_zeroSuccessRate_emptyPerSuccess() {
    AgentEconomics never =
        economics(
            new AgentProfile("C", new BigDecimal("0.10"), BigDecimal.ZERO, BigDecimal.ZERO), "10");

    assertThat(never.succeeds()).isFalse();
    assertThat(never.costPerSuccessUsd()).isEmpty();
    assertThat(never.costPerSuccessWithReworkUsd()).isEmpty();
    assertThat(never.humanCostPerSuccessUsd()).isEmpty();
    assertThat(never.fullyLoadedCostPerSuccessUsd()).isEmpty();
  }

  @Test
  void comparison_neverSucceeds_noRatio() {
    AgentProfile never = new AgentProfile("C", BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    AgentComparison comparison = new AgentComparison(List.of(never, AGENT_A), BigDecimal.TEN);

    assertThat(comparison.cheapest().orElseThrow().agent().name()).isEqualTo("A");
    // only A succeeds, so there is nothing to compare it with
    assertThat(comparison.costRatio()).isEmpty();
    assertThat(comparison.timesCheapest(comparison.economics().get(0))).isEmpty();
  }

  @Test
  void comparison_freeCheapestAgent_noRatio() {
    AgentProfile free = new AgentProfile("F", BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ZERO);
    AgentComparison comparison = new AgentComparison(List.of(AGENT_A, free), BigDecimal.TEN);

    assertThat(comparison.cheapest().orElseThrow().agent().name()).isEqualTo("F");
    // $4.35 / $0 has no finite value
    assertThat(comparison.costRatio()).isEmpty();
  }

  @Test
  void comparison_tie_firstGivenIsCheapest() {
    AgentProfile twin =
        new AgentProfile(
            "A2", new BigDecimal("0.15"), new BigDecimal("0.6"), new BigDecimal("0.4"));
    AgentComparison comparison = new AgentComparison(List.of(AGENT_A, twin), BigDecimal.TEN);

    assertThat(comparison.cheapest().orElseThrow().agent().name()).isEqualTo("A");
    assertThat(comparison.costRatio().orElseThrow()).isEqualByComparingTo("1");
  }

  @Test
  void profile_twoInvalidValues_bothReported() {
    assertThatThrownBy(
            () ->
                new AgentProfile(
                    "A", new BigDecimal("-0.15"), new BigDecimal("1.2"), new BigDecimal("0.4")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "agent A: cost per task -0.15 must not be negative; agent A: success rate 1.2 must be"
                + " between 0 and 1 (0.95 means 95%)");
  }

  @Test
  void profile_negativeReworkRate_rejected() {
    assertThatThrownBy(
            () ->
                new AgentProfile(
                    "B", new BigDecimal("0.375"), new BigDecimal("0.95"), new BigDecimal("-0.05")))
        .hasMessage("agent B: rework rate -0.05 must be between 0 and 1 (0.95 means 95%)");
  }

  @Test
  void profile_blankName_rejected() {
    assertThatThrownBy(() -> new AgentProfile(" ", BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO))
        .hasMessage("agent name is missing; give every agent a name");
  }

  @Test
  void comparison_noAgents_rejected() {
    assertThatThrownBy(() -> new AgentComparison(List.of(), BigDecimal.TEN))
        .hasMessage("no agent to compare; give at least one agent");
  }

  @Test
  void comparison_twoProblems_bothReported() {
    assertThatThrownBy(() -> new AgentComparison(List.of(AGENT_A, AGENT_A), new BigDecimal("-1")))
        .hasMessage(
            "agent name A is given twice; names must be unique; human cost per rework -1 must not"
                + " be negative");
  }

  @Test
  void reviewCost_negativeMinutes_rejected() {
    assertThatThrownBy(() -> AgentComparison.reviewCostUsd(new BigDecimal("-15"), BigDecimal.TEN))
        .hasMessage("review minutes -15 must not be negative");
  }

  private static AgentEconomics economics(AgentProfile agent, String humanCostPerRework) {
    return new AgentEconomics(agent, new BigDecimal(humanCostPerRework));
  }
}
