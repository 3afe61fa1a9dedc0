package io.valuemeter.budget;

import io.valuemeter.budget.BudgetDefinition.Category;
import io.valuemeter.budget.BudgetDefinition.LimitUnit;
import io.valuemeter.budget.BudgetStatus.State;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes the {@link BudgetStatus} of a budget from the spend in its window, at the instant of an
 * injected clock.
 */
public final class BudgetEvaluator {

  /** Decimal places of shares, forecasts and payback figures. */
  public static final int RATIO_SCALE = 10;

  /**
   * Cost, tokens and outcome value of the calls in a budget's scope and window.
   *
   * @param costUsd calculated cost of the priced calls in US dollars
   * @param tokens tokens of every bucket of all calls, priced or not
   * @param outcomeValueUsd value in US dollars of the successful outcomes of their tasks
   * @param unpricedCalls calls the catalog could not price, left out of {@code costUsd}
   */
  public record Spend(
      BigDecimal costUsd, long tokens, BigDecimal outcomeValueUsd, long unpricedCalls) {

    /** No call and no value. */
    public static final Spend NONE = new Spend(BigDecimal.ZERO, 0, BigDecimal.ZERO, 0);

    public Spend {
      costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
      outcomeValueUsd = outcomeValueUsd == null ? BigDecimal.ZERO : outcomeValueUsd;
      if (costUsd.signum() < 0 || tokens < 0 || outcomeValueUsd.signum() < 0 || unpricedCalls < 0) {
        throw new IllegalArgumentException(
            "spend must be non-negative, got cost "
                + costUsd.toPlainString()
                + ", tokens "
                + tokens
                + ", value "
                + outcomeValueUsd.toPlainString()
                + ", unpriced calls "
                + unpricedCalls);
      }
    }
  }

  private final Clock clock;

  /** Creates an evaluator that reads the current instant from {@code clock}. */
  public BudgetEvaluator(Clock clock) {
    this.clock = clock;
  }

  /** Returns the budget's period that contains the clock's current instant. */
  public BudgetPeriod.Window currentWindow(BudgetDefinition budget) {
    return budget.period().windowAt(clock.instant(), budget.zone());
  }

  /**
   * Evaluates a budget at the clock's current instant; see {@link BudgetStatus} for each formula.
   *
   * @param budget the definition
   * @param window the period whose spend {@code spend} holds, usually {@link #currentWindow}
   * @param spend what the calls in the budget's scope and window spent and earned
   */
  public BudgetStatus evaluate(BudgetDefinition budget, BudgetPeriod.Window window, Spend spend) {
    Instant now = clock.instant();
    BigDecimal spent =
        budget.limit().unit() == LimitUnit.TOKENS
            ? BigDecimal.valueOf(spend.tokens())
            : spend.costUsd();
    BigDecimal limit = limitFor(budget, spend);
    BigDecimal shareUsed = limit.signum() == 0 ? null : ratio(spent, limit);
    List<BigDecimal> crossed = crossedThresholds(budget, spent, shareUsed);
    State state = state(spent, limit, crossed);
    return new BudgetStatus(
        budget,
        window,
        now,
        window.fractionElapsed(now),
        spend.costUsd(),
        spend.tokens(),
        spend.outcomeValueUsd(),
        spend.unpricedCalls(),
        spent,
        limit,
        spent.compareTo(limit) < 0 ? limit.subtract(spent) : BigDecimal.ZERO,
        spent.compareTo(limit) > 0 ? spent.subtract(limit) : BigDecimal.ZERO,
        shareUsed,
        forecast(spent, window, now),
        crossed,
        state,
        budget.hardStop() && state == State.EXCEEDED,
        paybackRatio(budget, spend),
        paybackMonths(budget, spend));
  }

  private static BigDecimal limitFor(BudgetDefinition budget, Spend spend) {
    BigDecimal amount = budget.limit().amount();
    if (budget.limit().unit() == LimitUnit.SHARE_OF_VALUE) {
      return plain(amount.multiply(spend.outcomeValueUsd()));
    }
    return amount;
  }

  /**
   * Returns the thresholds reached. A zero spend reaches none, even against a zero limit. A
   * positive spend against a zero limit reaches all of them.
   */
  private static List<BigDecimal> crossedThresholds(
      BudgetDefinition budget, BigDecimal spent, BigDecimal shareUsed) {
    List<BigDecimal> crossed = new ArrayList<>();
    if (spent.signum() == 0) {
      return crossed;
    }
    for (BigDecimal threshold : budget.alertThresholds()) {
      if (shareUsed == null || shareUsed.compareTo(threshold) >= 0) {
        crossed.add(threshold);
      }
    }
    return crossed;
  }

  // NOTE: a share-of-value budget has a zero limit until an outcome with a value is recorded, so
  // any spend before that counts as exceeded and, with a hard stop, stops spending.
  private static State state(BigDecimal spent, BigDecimal limit, List<BigDecimal> crossed) {
    if (spent.signum() > 0 && spent.compareTo(limit) >= 0) {
      return State.EXCEEDED;
    }
    return crossed.isEmpty() ? State.OK : State.WARNING;
  }

  /**
   * Returns the linear run-rate forecast = spent x window length / elapsed, in the limit's unit;
   * null when no time has elapsed. After the window's end the elapsed time is the whole length, so
   * the forecast equals the spend.
   */
  private static BigDecimal forecast(BigDecimal spent, BudgetPeriod.Window window, Instant now) {
    Duration elapsed = window.elapsed(now);
    if (elapsed.isZero()) {
      return null;
    }
    BigDecimal scaled = spent.multiply(BigDecimal.valueOf(window.length().toNanos()));
    return plain(
        scaled.divide(BigDecimal.valueOf(elapsed.toNanos()), RATIO_SCALE, RoundingMode.HALF_EVEN));
  }

  private static BigDecimal paybackRatio(BudgetDefinition budget, Spend spend) {
    if (budget.category() != Category.INVESTMENT || spend.costUsd().signum() == 0) {
      return null;
    }
    return ratio(spend.outcomeValueUsd(), spend.costUsd());
  }

  private static BigDecimal paybackMonths(BudgetDefinition budget, Spend spend) {
    BigDecimal monthly = budget.expectedMonthlyValueUsd();
    if (budget.category() != Category.INVESTMENT || monthly == null) {
      return null;
    }
    return ratio(spend.costUsd(), monthly);
  }

  private static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
    return plain(numerator.divide(denominator, RATIO_SCALE, RoundingMode.HALF_EVEN));
  }

  /** Returns a decimal without trailing zeros and without a negative scale. */
  private static BigDecimal plain(BigDecimal amount) {
    BigDecimal stripped = amount.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
