package io.valuemeter.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelChoiceTest {

  // Two categories. cheap: 50% and 10% success at $0.01 per attempt; strong: 90% and 70% at $0.10.
  private static final List<ModelTaskStats> STATS =
      List.of(
          new ModelTaskStats("cheap", "a", 10, 5, new BigDecimal("0.10")),
          new ModelTaskStats("cheap", "b", 10, 1, new BigDecimal("0.10")),
          new ModelTaskStats("strong", "a", 10, 9, new BigDecimal("1.00")),
          new ModelTaskStats("strong", "b", 10, 7, new BigDecimal("1.00")));

  @Test
  void replay_cascade_expectedCostAndSuccess() {
    ModelChoice choice = ModelChoice.replay(STATS, new BigDecimal("0.8"), 2);

    ModelChoice.Option cascade = choice.cascade().orElseThrow();
    assertThat(cascade.models()).containsExactly("cheap", "strong");
    // a: cost 0.01 + 0.5 x 0.10 = 0.06, success 1 - 0.5 x 0.1 = 0.95
    // b: cost 0.01 + 0.9 x 0.10 = 0.10, success 1 - 0.9 x 0.3 = 0.73
    // mean: cost 0.08, success 0.84
    assertThat(cascade.costPerTaskUsd()).isEqualByComparingTo("0.08");
    assertThat(cascade.successRate()).isEqualByComparingTo("0.84");
    // strongest alone: success (0.9 + 0.7) / 2 = 0.8 at $0.10; saving 0.10 - 0.08
    assertThat(choice.strongest().models()).containsExactly("strong");
    assertThat(choice.savingPerTaskUsd(cascade)).isEqualByComparingTo("0.02");
  }

  @Test
  void replay_targetAboveEveryOption_noRecommendation() {
    ModelChoice choice = ModelChoice.replay(STATS, new BigDecimal("0.99"), 2);

    assertThat(choice.single()).isEmpty();
    assertThat(choice.cascade()).isEmpty();
  }

  @Test
  void replay_cheapSingleMeetsLowTarget_chosen() {
    ModelChoice choice = ModelChoice.replay(STATS, new BigDecimal("0.3"), 2);

    // cheap: (0.5 + 0.1) / 2 = 0.3 success at $0.01
    assertThat(choice.single().orElseThrow().models()).containsExactly("cheap");
  }

  @Test
  void replay_targetAboveOne_rejected() {
    assertThatThrownBy(() -> ModelChoice.replay(STATS, new BigDecimal("1.2"), 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("success target 1.2 must be between 0 and 1");
  }
}
