package io.valuemeter.advice;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Cost per successful outcome of one agent, in US dollars, from its profile and the human cost of
 * one rework.
 *
 * <p>With cost per task c, success rate s, rework rate r and human cost per rework h:
 *
 * <ul>
 *   <li>cost per success = c / s;
 *   <li>cost per success with rework = c / s x (1 + r), because a rework repeats the LLM work of
 *       one success;
 *   <li>human cost per success = r x h, because r counts reworks per successful outcome;
 *   <li>fully loaded cost per success = c / s x (1 + r) + r x h = (c x (1 + r) + r x h x s) / s.
 * </ul>
 *
 * Each figure is computed from the inputs with one division, rounded to 10 decimal places
 * HALF_EVEN, so rounding does not add up across the steps. Every figure per success is empty when
 * the success rate is 0, because the agent then has no successful outcome to divide by.
 *
 * @param agent the agent's profile
 * @param humanCostPerReworkUsd human cost of one rework in US dollars, 0 when not counted
 */
public record AgentEconomics(AgentProfile agent, BigDecimal humanCostPerReworkUsd) {

  /** Validates that both values are present and the human cost is not negative. */
  public AgentEconomics {
    Problems problems = new Problems();
    problems.requirePresent("agent", agent);
    problems.requireNonNegative("human cost per rework", humanCostPerReworkUsd).throwIfAny();
  }

  /** Returns the cost per success = cost per task / success rate; empty when the rate is 0. */
  public Optional<BigDecimal> costPerSuccessUsd() {
    return Decimals.divideOrEmpty(agent.costPerTaskUsd(), agent.successRate());
  }

  /**
   * Returns the cost per success with rework = cost per task x (1 + rework rate) / success rate;
   * empty when the success rate is 0.
   */
  public Optional<BigDecimal> costPerSuccessWithReworkUsd() {
    return Decimals.divideOrEmpty(llmCostWithRework(), agent.successRate());
  }

  /**
   * Returns the human cost per success = rework rate x human cost per rework; empty when the
   * success rate is 0.
   */
  public Optional<BigDecimal> humanCostPerSuccessUsd() {
    if (agent.successRate().signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(agent.reworkRate().multiply(humanCostPerReworkUsd));
  }

  /**
   * Returns the fully loaded cost per success = (cost per task x (1 + rework rate) + rework rate x
   * human cost per rework x success rate) / success rate; empty when the success rate is 0.
   */
  public Optional<BigDecimal> fullyLoadedCostPerSuccessUsd() {
    return Decimals.divideOrEmpty(fullyLoadedNumerator(), agent.successRate());
  }

  /** Returns whether the agent ever succeeds, so that its figures per success exist. */
  public boolean succeeds() {
    return agent.successRate().signum() > 0;
  }

  /**
   * Returns the exact numerator of the fully loaded cost per success, c x (1 + r) + r x h x s, so
   * that comparisons can cross-multiply without rounding.
   */
  BigDecimal fullyLoadedNumerator() {
    return llmCostWithRework()
        .add(agent.reworkRate().multiply(humanCostPerReworkUsd).multiply(agent.successRate()));
  }

  private BigDecimal llmCostWithRework() {
    return agent.costPerTaskUsd().multiply(BigDecimal.ONE.add(agent.reworkRate()));
  }
}
