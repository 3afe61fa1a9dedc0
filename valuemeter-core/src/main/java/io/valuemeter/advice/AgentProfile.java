package io.valuemeter.advice;

import java.math.BigDecimal;

/**
 * One agent's measured or estimated performance on a task, the input of {@link AgentComparison}.
 *
 * @param name label of the agent, unique within a comparison
 * @param costPerTaskUsd LLM cost of one task attempt in US dollars, retries within it included
 * @param successRate share of tasks that end in a successful outcome, from 0 to 1
 * @param reworkRate share of successful outcomes that need one rework, from 0 to 1
 */
public record AgentProfile(
    String name, BigDecimal costPerTaskUsd, BigDecimal successRate, BigDecimal reworkRate) {

  /**
   * Validates the profile and reports every invalid value in one {@link IllegalArgumentException}
   * whose messages start with "agent NAME: ".
   */
  public AgentProfile {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("agent name is missing; give every agent a name");
    }
    new Problems("agent " + name + ": ")
        .requireNonNegative("cost per task", costPerTaskUsd)
        .requireFraction("success rate", successRate)
        .requireFraction("rework rate", reworkRate)
        .throwIfAny();
  }
}
