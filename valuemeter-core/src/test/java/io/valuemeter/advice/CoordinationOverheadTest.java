package io.valuemeter.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CoordinationOverheadTest {

  private static final BigDecimal THREE_DOLLARS = new BigDecimal("3");

  @Test
  void handoffTokens_fourMinimalHandoffs_4000() {
    CoordinationOverhead minimal =
        overhead(4, CoordinationOverhead.MINIMUM_TOKENS_PER_HANDOFF, 40_000, 0, 0);

    // 4 x 1,000
    assertThat(minimal.overheadTokens()).isEqualTo(4_000);
    // 4,000 / (40,000 + 4,000) = 0.090909...
    assertThat(minimal.overheadShare().orElseThrow()).isEqualByComparingTo("0.0909090909");
    // 4,000 x $3 / 1,000,000
    assertThat(minimal.overheadCostUsd()).isEqualByComparingTo("0.012");
  }

  @Test
  void handoffTokens_fourTypicalHandoffs_10000() {
    CoordinationOverhead typical =
        overhead(4, CoordinationOverhead.TYPICAL_TOKENS_PER_HANDOFF, 40_000, 0, 0);

    // 4 x 2,500
    assertThat(typical.handoffTokens()).isEqualTo(10_000);
    // 10,000 / 50,000
    assertThat(typical.overheadShare().orElseThrow()).isEqualByComparingTo("0.2");
    // 10,000 x $3 / 1,000,000
    assertThat(typical.overheadCostUsd()).isEqualByComparingTo("0.03");
  }

  @Test
  void overheadTokens_routingAndSummaries_added() {
    CoordinationOverhead full = overhead(4, 2_500, 40_000, 1_500, 3_500);

    // 10,000 + 1,500 + 3,500 = 15,000 of 55,000
    assertThat(full.overheadTokens()).isEqualTo(15_000);
    assertThat(full.totalTokens()).isEqualTo(55_000);
    assertThat(full.overheadShare().orElseThrow()).isEqualByComparingTo("0.2727272727");
    // 40,000 x $3 = 0.12; 55,000 x $3 = 0.165
    assertThat(full.workCostUsd()).isEqualByComparingTo("0.12");
    assertThat(full.totalCostUsd()).isEqualByComparingTo("0.165");
  }

  @Test
  void noHandoffs_noOverhead() {
    CoordinationOverhead single = overhead(0, 2_500, 40_000, 0, 0);

    assertThat(single.overheadTokens()).isZero();
    assertThat(single.overheadShare().orElseThrow()).isEqualByComparingTo("0");
    assertThat(single.overheadCostUsd()).isEqualByComparingTo("0");
  }

  @Test
  void noTokensAtAll_noShare() {
    assertThat(overhead(0, 0, 0, 0, 0).overheadShare()).isEmpty();
  }

  @Test
  void noWorkTokens_overheadIsEverything() {
    assertThat(overhead(2, 1_000, 0, 0, 0).overheadShare().orElseThrow()).isEqualByComparingTo("1");
  }

  @Test
  void negativeCounts_allReported() {
    assertThatThrownBy(() -> overhead(-4, 2_500, -1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("handoffs -4 must not be negative; work tokens -1 must not be negative");
  }

  private static CoordinationOverhead overhead(
      long handoffs, long perHandoff, long work, long routing, long summary) {
    return new CoordinationOverhead(handoffs, perHandoff, work, routing, summary, THREE_DOLLARS);
  }
}
