package io.valuemeter.guard;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Spend, held reservations and limits of one budget in its current window, as the guard saw them
 * when it made a decision.
 *
 * @param budgetName name of the budget
 * @param scopeKey scope the budget applies to
 * @param windowStart first instant of the window
 * @param windowEnd first instant after the window
 * @param hardStop true when the budget denies calls once spent
 * @param spentUsd committed spend in the window, in US dollars
 * @param reservedUsd estimates held by reservations not yet settled, released or expired, in US
 *     dollars
 * @param moneyLimitUsd money limit in US dollars, or null when the budget limits tokens only
 * @param spentTokens committed tokens in the window
 * @param reservedTokens tokens held by open reservations
 * @param tokenLimit token limit, or null when the budget limits money only
 */
public record BudgetUsage(
    String budgetName,
    String scopeKey,
    Instant windowStart,
    Instant windowEnd,
    boolean hardStop,
    BigDecimal spentUsd,
    BigDecimal reservedUsd,
    BigDecimal moneyLimitUsd,
    long spentTokens,
    long reservedTokens,
    Long tokenLimit) {

  /**
   * Returns true when committed spend + held reservations >= the money limit; false without a money
   * limit.
   */
  public boolean moneySpent() {
    return moneyLimitUsd != null && spentUsd.add(reservedUsd).compareTo(moneyLimitUsd) >= 0;
  }

  /**
   * Returns true when committed tokens + held tokens >= the token limit; false without a token
   * limit.
   */
  public boolean tokensSpent() {
    return tokenLimit != null && spentTokens + reservedTokens >= tokenLimit;
  }
}
