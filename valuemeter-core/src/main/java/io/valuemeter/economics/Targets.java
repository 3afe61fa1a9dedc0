package io.valuemeter.economics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Targets of the key metrics and thresholds of the optimisation triggers.
 *
 * <p>Defaults: retry rate below 10%, human escalation below 5%; triggers when cost per outcome rose
 * 3 or more periods in a row, when token efficiency is below 50% of comparable tasks, and when
 * human intervention is above 20%.
 *
 * @param maxRetryRate retry rate that passes, as a fraction (0.10 = 10%)
 * @param maxEscalationRate human escalation rate that passes, as a fraction
 * @param risingPeriods consecutive rises of cost per outcome that fire the trigger
 * @param minTokenEfficiency token efficiency below which the trigger fires, as a fraction of
 *     comparable tasks (0.5 = half as efficient as the median of the others)
 * @param maxHumanInterventionRate share of tasks with human intervention above which the trigger
 *     fires
 */
public record Targets(
    BigDecimal maxRetryRate,
    BigDecimal maxEscalationRate,
    int risingPeriods,
    BigDecimal minTokenEfficiency,
    BigDecimal maxHumanInterventionRate) {

  /** The documented defaults. */
  public static final Targets DEFAULT =
      new Targets(
          new BigDecimal("0.10"),
          new BigDecimal("0.05"),
          3,
          new BigDecimal("0.5"),
          new BigDecimal("0.20"));

  public Targets {
    List<String> problems = new ArrayList<>();
    requireFraction("retry rate target", maxRetryRate, problems);
    requireFraction("escalation rate target", maxEscalationRate, problems);
    requireFraction("token efficiency threshold", minTokenEfficiency, problems);
    requireFraction("human intervention threshold", maxHumanInterventionRate, problems);
    if (risingPeriods < 2) {
      problems.add("rising periods must be at least 2, got " + risingPeriods);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  private static void requireFraction(String name, BigDecimal value, List<String> problems) {
    if (value == null) {
      problems.add(name + " is required");
    } else if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
      problems.add(
          name
              + " "
              + value.toPlainString()
              + " must be a fraction between 0 and 1 (write 10% as 0.10)");
    }
  }
}
