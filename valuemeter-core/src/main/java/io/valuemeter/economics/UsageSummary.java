package io.valuemeter.economics;

import io.valuemeter.usage.TokenUsage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Usage, cost and outcome totals of one group of records, with the metrics derived from them.
 *
 * @param calls usage records in the group
 * @param pricedCalls records the catalog could price; the others are excluded from {@code costUsd}
 * @param tokens token buckets summed over all records, priced or not
 * @param costUsd calculated cost of the priced records in US dollars, exact
 * @param reportedCostUsd sum of the costs the sources reported, over the records that had one
 * @param reportedCostCalls records that came with a reported cost
 * @param reportedCostMismatches priced records whose reported cost differs from the calculated one
 *     beyond rounding
 * @param aggregateCalls records that sum many calls and were priced at base rates because they
 *     carry no single request size
 * @param longContextCalls records priced at a long-context tier
 * @param tasks distinct tasks of the group that have an outcome
 * @param successes those of {@code tasks} whose outcome is a success
 * @param pricedSuccesses those of {@code successes} whose calls in the group were all priced
 * @param successValueUsd value of the successful outcomes in US dollars, or null when none of them
 *     records a value
 * @param detail retries, rework, escalations and human time of the group's tasks
 * @param reportedCallsCostUsd the calculated cost of the records that came with a reported cost, to
 *     set beside {@code reportedCostUsd}; null when not known
 */
public record UsageSummary(
    long calls,
    long pricedCalls,
    TokenUsage tokens,
    BigDecimal costUsd,
    BigDecimal reportedCostUsd,
    long reportedCostCalls,
    long reportedCostMismatches,
    long aggregateCalls,
    long longContextCalls,
    long tasks,
    long successes,
    long pricedSuccesses,
    BigDecimal successValueUsd,
    OutcomeDetail detail,
    BigDecimal reportedCallsCostUsd) {

  public UsageSummary {
    detail = detail == null ? OutcomeDetail.NONE : detail;
  }

  /** Creates a summary without the calculated cost of the reported calls. */
  public UsageSummary(
      long calls,
      long pricedCalls,
      TokenUsage tokens,
      BigDecimal costUsd,
      BigDecimal reportedCostUsd,
      long reportedCostCalls,
      long reportedCostMismatches,
      long aggregateCalls,
      long longContextCalls,
      long tasks,
      long successes,
      long pricedSuccesses,
      BigDecimal successValueUsd,
      OutcomeDetail detail) {
    this(
        calls,
        pricedCalls,
        tokens,
        costUsd,
        reportedCostUsd,
        reportedCostCalls,
        reportedCostMismatches,
        aggregateCalls,
        longContextCalls,
        tasks,
        successes,
        pricedSuccesses,
        successValueUsd,
        detail,
        null);
  }

  /** Decimal places of the rates and per-unit figures derived here. */
  public static final int DERIVED_SCALE = 10;

  /** Returns the records the catalog could not price. */
  public long unpricedCalls() {
    return calls - pricedCalls;
  }

  /**
   * Returns the success rate = successes / tasks, a fraction from 0 to 1; empty when the group has
   * no task with an outcome.
   */
  public Optional<BigDecimal> successRate() {
    return ratio(BigDecimal.valueOf(successes), tasks);
  }

  /**
   * Returns the cost per successful outcome in US dollars = LLM cost of the priced calls / priced
   * successes. The cost covers every priced call of the group, failed attempts included. A success
   * counts only when all its task's calls were priced, so unpriced models do not lower the figure.
   * Empty when there is no priced success.
   */
  public Optional<BigDecimal> costPerSuccessUsd() {
    return ratio(costUsd, pricedSuccesses);
  }

  /** Returns true when some calls could not be priced, so {@code costUsd} is a lower bound. */
  public boolean partiallyPriced() {
    return pricedCalls < calls;
  }

  /**
   * Returns the value per token in US dollars = value of successful outcomes / all tokens of the
   * group; empty when no value is recorded or the group has no tokens.
   */
  public Optional<BigDecimal> valuePerTokenUsd() {
    if (successValueUsd == null) {
      return Optional.empty();
    }
    return ratio(successValueUsd, tokens.totalTokens());
  }

  /** Returns the human cost in US dollars; see {@link OutcomeDetail#humanCostUsd()}. */
  public BigDecimal humanCostUsd() {
    return detail.humanCostUsd();
  }

  /** Returns the fully loaded cost in US dollars = LLM cost + human cost. */
  public BigDecimal fullyLoadedCostUsd() {
    return costUsd.add(detail.humanCostUsd());
  }

  /**
   * Returns the fully loaded cost per successful outcome in US dollars = (LLM cost + human cost) /
   * priced successes; empty when there is no priced success.
   */
  public Optional<BigDecimal> fullyLoadedCostPerSuccessUsd() {
    return ratio(fullyLoadedCostUsd(), pricedSuccesses);
  }

  /**
   * Returns the return on LLM cost = value of successful outcomes / LLM cost, a plain ratio (333
   * means the value is 333 times the cost); empty without value or without cost.
   */
  public Optional<BigDecimal> returnOnCost() {
    if (successValueUsd == null || costUsd.signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        successValueUsd
            .divide(costUsd, DERIVED_SCALE, RoundingMode.HALF_EVEN)
            .stripTrailingZeros());
  }

  /** Returns the retry rate = tasks with more than one attempt / tasks; empty without tasks. */
  public Optional<BigDecimal> retryRate() {
    return ratio(BigDecimal.valueOf(detail.retriedTasks()), tasks);
  }

  /** Returns the rework rate = tasks that needed rework / tasks; empty without tasks. */
  public Optional<BigDecimal> reworkRate() {
    return ratio(BigDecimal.valueOf(detail.reworkTasks()), tasks);
  }

  /**
   * Returns the human intervention rate = tasks escalated, reworked or with recorded human minutes
   * / tasks; empty without tasks.
   */
  public Optional<BigDecimal> humanInterventionRate() {
    return ratio(BigDecimal.valueOf(detail.interventionTasks()), tasks);
  }

  /** Returns the human escalation rate = tasks handed to a human / tasks; empty without tasks. */
  public Optional<BigDecimal> escalationRate() {
    return ratio(BigDecimal.valueOf(detail.escalatedTasks()), tasks);
  }

  /**
   * Returns the model efficiency = successful outcomes per million tokens = successes x 1,000,000 /
   * all tokens; empty without tokens.
   */
  public Optional<BigDecimal> successesPerMillionTokens() {
    return ratio(BigDecimal.valueOf(successes).movePointRight(6), tokens.totalTokens());
  }

  private static Optional<BigDecimal> ratio(BigDecimal numerator, long denominator) {
    if (denominator == 0) {
      return Optional.empty();
    }
    return Optional.of(
        numerator.divide(BigDecimal.valueOf(denominator), DERIVED_SCALE, RoundingMode.HALF_EVEN));
  }
}
