package io.valuemeter.advice;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Agents that do the same task, compared by fully loaded cost per successful outcome (LLM cost,
 * rework and human review). {@link AgentEconomics} gives the formulas.
 *
 * <p>Worked example with $10 of human cost per rework: agent A at $0.15 per task, 60% success and
 * 40% rework costs $0.25, $0.35 with rework and $4.35 fully loaded per success. Agent B at $0.375,
 * 95% and 5% costs $0.3947, $0.4145 and $0.9145, so B is the cheaper, by 4.35 / 0.9145 = 4.76x.
 *
 * @param agents the agents in the order given, at least one, with unique names
 * @param humanCostPerReworkUsd human cost of one rework in US dollars, 0 when not counted; {@link
 *     #reviewCostUsd} converts review minutes and an hourly rate
 */
public record AgentComparison(List<AgentProfile> agents, BigDecimal humanCostPerReworkUsd) {

  private static final BigDecimal MINUTES_PER_HOUR = BigDecimal.valueOf(60);

  /** Validates the inputs, reporting every problem in one {@link IllegalArgumentException}. */
  public AgentComparison {
    Problems problems = new Problems();
    if (agents == null || agents.isEmpty()) {
      problems.add("no agent to compare; give at least one agent");
    } else {
      Set<String> names = new HashSet<>();
      for (AgentProfile agent : agents) {
        if (agent == null) {
          problems.add("an agent in the list is missing (null)");
        } else if (!names.add(agent.name())) {
          problems.add("agent name " + agent.name() + " is given twice; names must be unique");
        }
      }
    }
    problems.requireNonNegative("human cost per rework", humanCostPerReworkUsd).throwIfAny();
    agents = List.copyOf(agents);
  }

  /**
   * Returns the human cost of one review in US dollars = minutes x hourly rate / 60, rounded to 10
   * decimal places HALF_EVEN; 15 minutes at $100 per hour is $25.
   *
   * @throws IllegalArgumentException when a value is missing or negative
   */
  public static BigDecimal reviewCostUsd(BigDecimal reviewMinutes, BigDecimal hourlyRateUsd) {
    new Problems()
        .requireNonNegative("review minutes", reviewMinutes)
        .requireNonNegative("hourly rate", hourlyRateUsd)
        .throwIfAny();
    return Decimals.divide(reviewMinutes.multiply(hourlyRateUsd), MINUTES_PER_HOUR);
  }

  /** Returns the economics of every agent, in the order given. */
  public List<AgentEconomics> economics() {
    return agents.stream().map(agent -> new AgentEconomics(agent, humanCostPerReworkUsd)).toList();
  }

  /**
   * Returns the agent with the lowest fully loaded cost per success, the first given on a tie;
   * empty when no agent ever succeeds.
   */
  public Optional<AgentEconomics> cheapest() {
    AgentEconomics cheapest = null;
    for (AgentEconomics candidate : economics()) {
      if (candidate.succeeds() && (cheapest == null || compare(candidate, cheapest) < 0)) {
        cheapest = candidate;
      }
    }
    return Optional.ofNullable(cheapest);
  }

  /**
   * Returns the agent with the highest fully loaded cost per success, the first given on a tie.
   * Agents that never succeed are left out, so the result is empty when no agent succeeds.
   */
  public Optional<AgentEconomics> costliest() {
    AgentEconomics costliest = null;
    for (AgentEconomics candidate : economics()) {
      if (candidate.succeeds() && (costliest == null || compare(candidate, costliest) > 0)) {
        costliest = candidate;
      }
    }
    return Optional.ofNullable(costliest);
  }

  /**
   * Returns how many times the cheapest agent's fully loaded cost per success the given agent's is,
   * rounded to 10 decimal places HALF_EVEN; 1 for the cheapest itself. Empty when the agent never
   * succeeds or the cheapest costs $0 per success.
   */
  public Optional<BigDecimal> timesCheapest(AgentEconomics agent) {
    return cheapest().flatMap(cheapest -> ratio(agent, cheapest));
  }

  /**
   * Returns the cost ratio = costliest fully loaded cost per success / cheapest, the factor by
   * which the cheapest agent is cheaper. Empty when fewer than two agents succeed or when the
   * cheapest costs $0 per success.
   */
  public Optional<BigDecimal> costRatio() {
    long succeeding = economics().stream().filter(AgentEconomics::succeeds).count();
    if (succeeding < 2) {
      return Optional.empty();
    }
    return ratio(costliest().orElseThrow(), cheapest().orElseThrow());
  }

  /**
   * Returns (n_a / s_a) / (n_b / s_b) = n_a x s_b / (n_b x s_a), exact until the one division,
   * where n is the fully loaded numerator and s the success rate.
   */
  private static Optional<BigDecimal> ratio(AgentEconomics a, AgentEconomics b) {
    if (!a.succeeds()) {
      return Optional.empty();
    }
    BigDecimal numerator = a.fullyLoadedNumerator().multiply(b.agent().successRate());
    BigDecimal denominator = b.fullyLoadedNumerator().multiply(a.agent().successRate());
    return Decimals.divideOrEmpty(numerator, denominator);
  }

  /** Compares fully loaded costs per success exactly by cross-multiplying; both must succeed. */
  private static int compare(AgentEconomics a, AgentEconomics b) {
    BigDecimal left = a.fullyLoadedNumerator().multiply(b.agent().successRate());
    BigDecimal right = b.fullyLoadedNumerator().multiply(a.agent().successRate());
    return left.compareTo(right);
  }
}
