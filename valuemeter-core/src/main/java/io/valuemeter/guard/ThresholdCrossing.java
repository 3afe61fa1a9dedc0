package io.valuemeter.guard;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Spend of a budget reaching one of its alert thresholds in one period.
 *
 * @param budgetName name of the budget
 * @param scopeKey scope the budget applies to
 * @param periodStart first instant of the period
 * @param periodEnd first instant after the period
 * @param threshold fraction of the limit that was reached, such as 0.8
 * @param spentUsd committed spend in the period when the threshold was reached, in US dollars
 * @param moneyLimitUsd money limit in US dollars, or null when the budget limits tokens only
 * @param spentTokens committed tokens in the period
 * @param tokenLimit token limit, or null when the budget limits money only
 */
public record ThresholdCrossing(
    String budgetName,
    String scopeKey,
    Instant periodStart,
    Instant periodEnd,
    BigDecimal threshold,
    BigDecimal spentUsd,
    BigDecimal moneyLimitUsd,
    long spentTokens,
    Long tokenLimit) {

  public ThresholdCrossing {
    if (budgetName == null || scopeKey == null || periodStart == null || threshold == null) {
      throw new IllegalArgumentException(
          "budget name, scope key, period start and threshold are required");
    }
    threshold = threshold.stripTrailingZeros();
  }
}
