package io.valuemeter.economics;

import static org.assertj.core.api.Assertions.assertThat;

import io.valuemeter.usage.TokenUsage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class UsageSummaryTest {

  @Test
  void costPerSuccess_sonnetTrials_exact() {
    UsageSummary sonnet = summary(new BigDecimal("54.16692"), 368, 108, null);

    // $54.16692 / 108 successes = $0.501545555... per successful trial
    assertThat(sonnet.costPerSuccessUsd().orElseThrow().setScale(5, RoundingMode.HALF_EVEN))
        .isEqualByComparingTo("0.50155");
    // 108 / 368 = 0.2934782608...
    assertThat(sonnet.successRate().orElseThrow()).isEqualByComparingTo("0.2934782609");
  }

  @Test
  void costPerSuccess_noSuccess_empty() {
    assertThat(summary(new BigDecimal("1"), 3, 0, null).costPerSuccessUsd()).isEmpty();
  }

  @Test
  void costPerSuccess_unpricedSuccesses_excluded() {
    UsageSummary mixed =
        new UsageSummary(
            4,
            2,
            TokenUsage.of(100, 100),
            new BigDecimal("3"),
            BigDecimal.ZERO,
            0,
            0,
            0,
            0,
            4,
            3,
            2,
            null,
            null);

    // $3 of priced calls / 2 priced successes = $1.50; the third success belongs to an
    // unpriced model and would wrongly lower the figure to $1
    assertThat(mixed.costPerSuccessUsd().orElseThrow()).isEqualByComparingTo("1.5");
    assertThat(mixed.partiallyPriced()).isTrue();
  }

  @Test
  void successRate_noTasks_empty() {
    assertThat(summary(BigDecimal.ZERO, 0, 0, null).successRate()).isEmpty();
  }

  @Test
  void valuePerToken_fiftyDollarTicket_exact() {
    UsageSummary ticket =
        new UsageSummary(
            1,
            1,
            TokenUsage.of(10_000, 5_000),
            new BigDecimal("0.15"),
            BigDecimal.ZERO,
            0,
            0,
            0,
            0,
            1,
            1,
            1,
            new BigDecimal("50"),
            null);

    // $50 / 15,000 tokens = $0.0033333333 per token
    assertThat(ticket.valuePerTokenUsd().orElseThrow()).isEqualByComparingTo("0.0033333333");
  }

  @Test
  void valuePerToken_noValue_empty() {
    assertThat(summary(BigDecimal.ONE, 1, 1, null).valuePerTokenUsd()).isEmpty();
  }

  private static UsageSummary summary(
      BigDecimal cost, long tasks, long successes, BigDecimal value) {
    return new UsageSummary(
        tasks,
        tasks,
        TokenUsage.of(100, 100),
        cost,
        BigDecimal.ZERO,
        0,
        0,
        0,
        0,
        tasks,
        successes,
        successes,
        value,
        null);
  }
}
