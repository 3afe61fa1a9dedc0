package io.valuemeter.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.valuemeter.budget.BudgetDefinition.Category;
import io.valuemeter.budget.BudgetDefinition.Limit;
import io.valuemeter.budget.BudgetStatus.State;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetEvaluatorTest {

  private static final ZoneId UTC = ZoneOffset.UTC;

  /** 2024-11-11 00:00 UTC: 10 of the 30 days of November 2024 have passed. */
  private static final Instant TEN_DAYS_IN = Instant.parse("2024-11-11T00:00:00Z");

  private final BudgetEvaluator evaluator = new BudgetEvaluator(Clock.fixed(TEN_DAYS_IN, UTC));

  @Test
  void money_tenDaysIn_forecastNinety() {
    BudgetDefinition budget = budget(Category.FIXED, Limit.usd(new BigDecimal("100")), false);

    BudgetStatus status = evaluate(budget, spend("30", 0, "0"));

    assertThat(status.spent()).isEqualByComparingTo("30");
    assertThat(status.limit()).isEqualByComparingTo("100");
    // $100 - $30 = $70
    assertThat(status.remaining()).isEqualByComparingTo("70");
    assertThat(status.overspend()).isEqualByComparingTo("0");
    // $30 / $100 = 0.3
    assertThat(status.shareUsed()).isEqualByComparingTo("0.3");
    // $30 x 30 days / 10 days = $90
    assertThat(status.forecast()).isEqualByComparingTo("90");
    assertThat(status.fractionElapsed()).isEqualByComparingTo("0.3333333333");
    assertThat(status.crossedThresholds()).isEmpty();
    assertThat(status.state()).isEqualTo(State.OK);
    assertThat(status.hardStopActive()).isFalse();
  }

  @Test
  void money_eightyFivePercent_warnsAtFirstThreshold() {
    BudgetDefinition budget = budget(Category.FIXED, Limit.usd(new BigDecimal("100")), true);

    BudgetStatus status = evaluate(budget, spend("85", 0, "0"));

    // $85 / $100 = 0.85, past 0.8 but below 1
    assertThat(status.shareUsed()).isEqualByComparingTo("0.85");
    assertThat(status.crossedThresholds()).containsExactly(new BigDecimal("0.8"));
    assertThat(status.state()).isEqualTo(State.WARNING);
    assertThat(status.hardStopActive()).isFalse();
  }

  @Test
  void money_overLimit_exceededWithOverspend() {
    BudgetDefinition budget = budget(Category.FIXED, Limit.usd(new BigDecimal("100")), false);

    BudgetStatus status = evaluate(budget, spend("120.50", 0, "0"));

    assertThat(status.remaining()).isEqualByComparingTo("0");
    // $120.50 - $100 = $20.50
    assertThat(status.overspend()).isEqualByComparingTo("20.50");
    // $120.50 / $100 = 1.205
    assertThat(status.shareUsed()).isEqualByComparingTo("1.205");
    // $120.50 x 3 = $361.50
    assertThat(status.forecast()).isEqualByComparingTo("361.5");
    assertThat(status.crossedThresholds()).containsExactly(new BigDecimal("0.8"), BigDecimal.ONE);
    assertThat(status.state()).isEqualTo(State.EXCEEDED);
    assertThat(status.hardStopActive()).isFalse();
  }

  @Test
  void money_exactlyAtLimit_exceeded() {
    BudgetDefinition budget = budget(Category.FIXED, Limit.usd(new BigDecimal("100")), false);

    BudgetStatus status = evaluate(budget, spend("100.00", 0, "0"));

    assertThat(status.state()).isEqualTo(State.EXCEEDED);
    assertThat(status.remaining()).isEqualByComparingTo("0");
    assertThat(status.overspend()).isEqualByComparingTo("0");
  }

  @Test
  void hardStop_exceeded_isActive() {
    BudgetDefinition budget = budget(Category.FIXED, Limit.usd(new BigDecimal("100")), true);

    BudgetStatus status = evaluate(budget, spend("100.01", 0, "0"));

    assertThat(status.state()).isEqualTo(State.EXCEEDED);
    assertThat(status.hardStopActive()).isTrue();
  }

  @Test
  void tokens_limit_countsTokensNotDollars() {
    BudgetDefinition budget = budget(Category.FIXED, Limit.tokens(1_000_000), false);

    BudgetStatus status = evaluate(budget, spend("5", 250_000, "0"));

    assertThat(status.inTokens()).isTrue();
    assertThat(status.spent()).isEqualByComparingTo("250000");
    // 1,000,000 - 250,000 = 750,000 tokens
    assertThat(status.remaining()).isEqualByComparingTo("750000");
    // 250,000 / 1,000,000 = 0.25
    assertThat(status.shareUsed()).isEqualByComparingTo("0.25");
    // 250,000 x 3 = 750,000 tokens by the end of November
    assertThat(status.forecast()).isEqualByComparingTo("750000");
    assertThat(status.state()).isEqualTo(State.OK);
  }

  @Test
  void shareOfValue_tenPercent_limitFollows() {
    BudgetDefinition budget =
        budget(Category.VARIABLE, Limit.shareOfValue(new BigDecimal("0.10")), false);

    BudgetStatus status = evaluate(budget, spend("12", 0, "200"));

    // 0.10 x $200 = $20
    assertThat(status.limit()).isEqualByComparingTo("20");
    // $12 / $20 = 0.6
    assertThat(status.shareUsed()).isEqualByComparingTo("0.6");
    // $20 - $12 = $8
    assertThat(status.remaining()).isEqualByComparingTo("8");
    assertThat(status.state()).isEqualTo(State.OK);
  }

  @Test
  void shareOfValue_noValue_exceeded() {
    BudgetDefinition budget =
        budget(Category.VARIABLE, Limit.shareOfValue(new BigDecimal("0.10")), true);

    BudgetStatus status = evaluate(budget, spend("3", 0, "0"));

    // 0.10 x $0 = $0: no share of a zero limit exists
    assertThat(status.limit()).isEqualByComparingTo("0");
    assertThat(status.shareUsed()).isNull();
    assertThat(status.overspend()).isEqualByComparingTo("3");
    assertThat(status.crossedThresholds()).containsExactly(new BigDecimal("0.8"), BigDecimal.ONE);
    assertThat(status.state()).isEqualTo(State.EXCEEDED);
    assertThat(status.hardStopActive()).isTrue();
  }

  @Test
  void shareOfValue_noValueNoSpend_ok() {
    BudgetDefinition budget =
        budget(Category.VARIABLE, Limit.shareOfValue(new BigDecimal("0.10")), true);

    BudgetStatus status = evaluate(budget, BudgetEvaluator.Spend.NONE);

    assertThat(status.limit()).isEqualByComparingTo("0");
    assertThat(status.shareUsed()).isNull();
    assertThat(status.crossedThresholds()).isEmpty();
    assertThat(status.state()).isEqualTo(State.OK);
    assertThat(status.hardStopActive()).isFalse();
  }

  @Test
  void money_zeroSpend_neverExceeded() {
    BudgetDefinition budget = budget(Category.FIXED, Limit.usd(new BigDecimal("0.01")), true);

    BudgetStatus status = evaluate(budget, BudgetEvaluator.Spend.NONE);

    assertThat(status.shareUsed()).isEqualByComparingTo("0");
    assertThat(status.remaining()).isEqualByComparingTo("0.01");
    assertThat(status.forecast()).isEqualByComparingTo("0");
    assertThat(status.state()).isEqualTo(State.OK);
    assertThat(status.hardStopActive()).isFalse();
  }

  @Test
  void investment_valueAndSpend_paybackRatioAndMonths() {
    BudgetDefinition budget =
        new BudgetDefinition(
            "fine-tune",
            Category.INVESTMENT,
            BudgetScope.of(BudgetScope.Kind.WORKFLOW, "fine-tune"),
            BudgetPeriod.MONTH,
            UTC,
            Limit.usd(new BigDecimal("1000")),
            null,
            false,
            new BigDecimal("250"));

    BudgetStatus status = evaluate(budget, spend("400", 0, "100"));

    // $100 value / $400 spent = 0.25 paid back so far
    assertThat(status.paybackRatio()).isEqualByComparingTo("0.25");
    // $400 / $250 per month = 1.6 months of expected value
    assertThat(status.paybackMonths()).isEqualByComparingTo("1.6");
  }

  @Test
  void investment_noSpend_noPayback() {
    BudgetDefinition budget = budget(Category.INVESTMENT, Limit.usd(new BigDecimal("1000")), false);

    BudgetStatus status = evaluate(budget, spend("0", 0, "100"));

    assertThat(status.paybackRatio()).isNull();
    assertThat(status.paybackMonths()).isNull();
  }

  @Test
  void fixed_valueAndSpend_noPayback() {
    BudgetDefinition budget = budget(Category.FIXED, Limit.usd(new BigDecimal("1000")), false);

    BudgetStatus status = evaluate(budget, spend("400", 0, "100"));

    assertThat(status.paybackRatio()).isNull();
  }

  @Test
  void forecast_atWindowStart_isNull() {
    BudgetEvaluator atStart =
        new BudgetEvaluator(Clock.fixed(Instant.parse("2024-11-01T00:00:00Z"), UTC));
    BudgetDefinition budget = budget(Category.FIXED, Limit.usd(new BigDecimal("100")), false);

    BudgetStatus status =
        atStart.evaluate(budget, atStart.currentWindow(budget), spend("0", 0, "0"));

    assertThat(status.fractionElapsed()).isEqualByComparingTo("0");
    assertThat(status.forecast()).isNull();
  }

  @Test
  void forecast_afterWindowEnd_equalsSpend() {
    BudgetDefinition budget = budget(Category.FIXED, Limit.usd(new BigDecimal("100")), false);
    BudgetPeriod.Window october =
        BudgetPeriod.MONTH.windowAt(Instant.parse("2024-10-15T00:00:00Z"), UTC);

    BudgetStatus status = evaluator.evaluate(budget, october, spend("42", 0, "0"));

    assertThat(status.fractionElapsed()).isEqualByComparingTo("1");
    assertThat(status.forecast()).isEqualByComparingTo("42");
  }

  @Test
  void currentWindow_fixedClock_isClockMonth() {
    BudgetDefinition budget = budget(Category.FIXED, Limit.usd(new BigDecimal("100")), false);

    BudgetPeriod.Window window = evaluator.currentWindow(budget);

    assertThat(window.start()).isEqualTo(Instant.parse("2024-11-01T00:00:00Z"));
    assertThat(window.end()).isEqualTo(Instant.parse("2024-12-01T00:00:00Z"));
  }

  @Test
  void thresholds_custom_crossedInOrder() {
    BudgetDefinition budget =
        new BudgetDefinition(
            "ci-bots",
            Category.FIXED,
            BudgetScope.ALL,
            BudgetPeriod.MONTH,
            UTC,
            Limit.usd(new BigDecimal("100")),
            List.of(new BigDecimal("0.9"), new BigDecimal("0.5"), new BigDecimal("0.75")),
            false,
            null);

    BudgetStatus status = evaluate(budget, spend("80", 0, "0"));

    // 0.8 reaches 0.5 and 0.75 but not 0.9
    assertThat(status.crossedThresholds())
        .containsExactly(new BigDecimal("0.5"), new BigDecimal("0.75"));
    assertThat(status.state()).isEqualTo(State.WARNING);
  }

  private BudgetStatus evaluate(BudgetDefinition budget, BudgetEvaluator.Spend spend) {
    return evaluator.evaluate(budget, evaluator.currentWindow(budget), spend);
  }

  private static BudgetDefinition budget(Category category, Limit limit, boolean hardStop) {
    return new BudgetDefinition(
        "test-budget",
        category,
        BudgetScope.of(BudgetScope.Kind.AGENT, "claude-code"),
        BudgetPeriod.MONTH,
        UTC,
        limit,
        null,
        hardStop,
        null);
  }

  private static BudgetEvaluator.Spend spend(String costUsd, long tokens, String valueUsd) {
    return new BudgetEvaluator.Spend(new BigDecimal(costUsd), tokens, new BigDecimal(valueUsd), 0);
  }
}
