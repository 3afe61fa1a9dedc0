package io.valuemeter.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The state of one budget in one period, as {@link BudgetEvaluator} computes it.
 *
 * <p>{@code spent}, {@code limit}, {@code remaining}, {@code overspend} and {@code forecast} are in
 * the limit's unit: tokens for a token limit, US dollars otherwise (a share-of-value limit is
 * converted to dollars). Ratios are rounded half-even to {@link BudgetEvaluator#RATIO_SCALE}
 * places.
 *
 * @param budget the definition evaluated
 * @param window the period evaluated
 * @param at the instant of the evaluation
 * @param fractionElapsed share of the window's length that has passed at {@code at}, from 0 to 1
 * @param spentUsd calculated cost in US dollars of the priced calls in scope and window
 * @param spentTokens tokens of every bucket of the calls in scope and window, priced or not
 * @param outcomeValueUsd value in US dollars of the successful outcomes of the tasks in scope and
 *     window; zero when none records a value
 * @param unpricedCalls calls in scope and window that the catalog could not price, so {@code
 *     spentUsd} leaves them out and is a lower bound when this is above zero
 * @param spent the spend counted against the limit: {@code spentTokens} for a token limit, {@code
 *     spentUsd} otherwise
 * @param limit the limit for this window: the budget's amount, or share x {@code outcomeValueUsd}
 *     for a share-of-value limit, which is zero while no value is recorded
 * @param remaining max(limit - spent, 0)
 * @param overspend max(spent - limit, 0)
 * @param shareUsed spent / limit; null when the limit is zero, because no share of zero exists
 * @param forecast spend expected by the end of the window at the run rate so far = spent x window
 *     length / time elapsed; null before any time has elapsed, and equal to {@code spent} once the
 *     window has ended
 * @param crossedThresholds the alert thresholds that {@code shareUsed} has reached, ascending; all
 *     of them when the limit is zero and the spend is positive, none when the spend is zero
 * @param state OK, WARNING or EXCEEDED
 * @param hardStopActive true when the budget has a hard stop and is exceeded, so spending must stop
 * @param paybackRatio for an investment budget, value so far / spent in US dollars (1 means the
 *     spend has paid for itself); null for other categories and when {@code spentUsd} is zero
 * @param paybackMonths for an investment budget with an expected monthly value, months of that
 *     value needed to pay back the spend so far = spentUsd / expected monthly value; null otherwise
 */
public record BudgetStatus(
    BudgetDefinition budget,
    BudgetPeriod.Window window,
    Instant at,
    BigDecimal fractionElapsed,
    BigDecimal spentUsd,
    long spentTokens,
    BigDecimal outcomeValueUsd,
    long unpricedCalls,
    BigDecimal spent,
    BigDecimal limit,
    BigDecimal remaining,
    BigDecimal overspend,
    BigDecimal shareUsed,
    BigDecimal forecast,
    List<BigDecimal> crossedThresholds,
    State state,
    boolean hardStopActive,
    BigDecimal paybackRatio,
    BigDecimal paybackMonths) {

  /** Standing of a budget against its limit and alert thresholds. */
  public enum State {
    /** No alert threshold reached. */
    OK,
    /** At least one alert threshold reached, but the spend is below the limit. */
    WARNING,
    /** The spend is positive and at or above the limit. */
    EXCEEDED
  }

  public BudgetStatus {
    crossedThresholds = List.copyOf(crossedThresholds);
  }

  /** Returns true when {@code spent}, {@code limit} and {@code forecast} count tokens. */
  public boolean inTokens() {
    return budget.limit().unit() == BudgetDefinition.LimitUnit.TOKENS;
  }
}
