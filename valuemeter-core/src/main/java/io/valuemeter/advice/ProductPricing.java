package io.valuemeter.advice;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Three ways to price an AI product over the same cost and outcomes, with their margins and how the
 * margins move when model prices fall or the success rate changes.
 *
 * <p>With LLM cost l and human cost u per task (cost c = l + u), success rate s, value per
 * successful outcome v, value share k and target margin m, in US dollars:
 *
 * <ul>
 *   <li>cost-plus price per task = c / (1 - m);
 *   <li>value-based price per task = k x v x s, a share of the value a task creates on average;
 *   <li>outcome-based price per success = c / s / (1 - m), charged only for successes;
 *   <li>margin = (price - cost) / price, where the outcome-based price earns price x s per task.
 * </ul>
 *
 * <p>The scenarios keep the prices set at the base figures and change only the costs or the success
 * rate. The per-task prices then earn the same per task, so their margins move only with cost. The
 * outcome-based price earns only on successes, so its margin moves with the success rate too.
 * Quotients are rounded to 10 decimal places HALF_EVEN.
 *
 * @param llmCostPerTaskUsd LLM cost of one task in US dollars, failed attempts included
 * @param humanCostPerTaskUsd human cost of one task in US dollars, such as review time; 0 if none
 * @param successRate share of tasks that end in a successful outcome, from 0 to 1
 * @param valuePerSuccessUsd business value of one successful outcome to the customer in US dollars
 * @param valueShare share of that value the value-based price charges, from 0 to 1 (0.2 for 20%)
 * @param targetMargin margin that the cost-plus and outcome-based prices aim at, from 0 to below 1
 */
public record ProductPricing(
    BigDecimal llmCostPerTaskUsd,
    BigDecimal humanCostPerTaskUsd,
    BigDecimal successRate,
    BigDecimal valuePerSuccessUsd,
    BigDecimal valueShare,
    BigDecimal targetMargin) {

  /**
   * Margins of the three prices under one set of costs and success rate.
   *
   * @param costPerTaskUsd cost of one task in US dollars in this scenario
   * @param successRate success rate in this scenario
   * @param costPlus margin of the cost-plus price, empty when that price is $0
   * @param valueBased margin of the value-based price, empty when that price is $0
   * @param outcomeBased margin of the outcome-based price, empty when it earns $0 per task
   */
  public record Margins(
      BigDecimal costPerTaskUsd,
      BigDecimal successRate,
      Optional<BigDecimal> costPlus,
      Optional<BigDecimal> valueBased,
      Optional<BigDecimal> outcomeBased) {}

  /** Validates the inputs, reporting every problem in one {@link IllegalArgumentException}. */
  public ProductPricing {
    Problems problems =
        new Problems()
            .requireNonNegative("LLM cost per task", llmCostPerTaskUsd)
            .requireNonNegative("human cost per task", humanCostPerTaskUsd)
            .requireFraction("success rate", successRate)
            .requireNonNegative("value per success", valuePerSuccessUsd)
            .requireFraction("value share", valueShare);
    if (problems.requirePresent("target margin", targetMargin)
        && (targetMargin.signum() < 0 || targetMargin.compareTo(BigDecimal.ONE) >= 0)) {
      problems.add(
          "target margin "
              + Decimals.plain(targetMargin)
              + " must be at least 0 and below 1 (0.3 means 30%)");
    }
    problems.throwIfAny();
  }

  /** Returns the exact cost per task in US dollars = LLM cost + human cost. */
  public BigDecimal costPerTaskUsd() {
    return llmCostPerTaskUsd.add(humanCostPerTaskUsd);
  }

  /** Returns the cost per success in US dollars = cost per task / s; empty when s is 0. */
  public Optional<BigDecimal> costPerSuccessUsd() {
    return Decimals.divideOrEmpty(costPerTaskUsd(), successRate);
  }

  /** Returns the cost-plus price per task in US dollars = cost per task / (1 - m). */
  public BigDecimal costPlusPricePerTaskUsd() {
    return Decimals.divide(costPerTaskUsd(), BigDecimal.ONE.subtract(targetMargin));
  }

  /** Returns the exact value-based price per task in US dollars = k x v x s. */
  public BigDecimal valueBasedPricePerTaskUsd() {
    return valueShare.multiply(valuePerSuccessUsd).multiply(successRate);
  }

  /**
   * Returns the outcome-based price per success in US dollars = cost per task / (s x (1 - m)),
   * computed with one division; empty when s is 0.
   */
  public Optional<BigDecimal> outcomePricePerSuccessUsd() {
    return Decimals.divideOrEmpty(
        costPerTaskUsd(), successRate.multiply(BigDecimal.ONE.subtract(targetMargin)));
  }

  /** Returns the margins at the base costs and success rate. */
  public Margins margins() {
    return marginsAt(llmCostPerTaskUsd, successRate);
  }

  /**
   * Returns the margins when model prices fall by {@code cut}, so that the LLM cost per task is LLM
   * cost x (1 - cut) and the human cost stays; 0.5 halves the LLM cost.
   *
   * @throws IllegalArgumentException when the cut is outside 0 to 1
   */
  public Margins marginsAfterModelPriceCut(BigDecimal cut) {
    new Problems().requireFraction("model price cut", cut).throwIfAny();
    return marginsAt(llmCostPerTaskUsd.multiply(BigDecimal.ONE.subtract(cut)), successRate);
  }

  /**
   * Returns the margins when the success rate changes by {@code change}, a difference of fractions:
   * -0.1 turns 80% into 70%.
   *
   * @throws IllegalArgumentException when the changed rate falls outside 0 to 1
   */
  public Margins marginsAtSuccessRateChange(BigDecimal change) {
    Problems problems = new Problems();
    if (problems.requirePresent("success rate change", change)) {
      BigDecimal changed = successRate.add(change);
      if (changed.signum() < 0 || changed.compareTo(BigDecimal.ONE) > 0) {
        problems.add(
            "success rate "
                + Decimals.plain(successRate)
                + " changed by "
                + Decimals.plain(change)
                + " is "
                + Decimals.plain(changed)
                + ", outside 0 to 1; choose a smaller change");
      }
    }
    problems.throwIfAny();
    return marginsAt(llmCostPerTaskUsd, successRate.add(change));
  }

  /**
   * Returns the margin = (price - cost) / price, rounded to 10 decimal places HALF_EVEN; negative
   * when the price is below the cost, empty when the price is $0.
   */
  public static Optional<BigDecimal> margin(BigDecimal priceUsd, BigDecimal costUsd) {
    return Decimals.divideOrEmpty(priceUsd.subtract(costUsd), priceUsd);
  }

  private Margins marginsAt(BigDecimal llmCostUsd, BigDecimal rate) {
    BigDecimal cost = llmCostUsd.add(humanCostPerTaskUsd);
    Optional<BigDecimal> outcome =
        outcomePricePerSuccessUsd().flatMap(price -> margin(price.multiply(rate), cost));
    return new Margins(
        cost,
        rate,
        margin(costPlusPricePerTaskUsd(), cost),
        margin(valueBasedPricePerTaskUsd(), cost),
        outcome);
  }
}
