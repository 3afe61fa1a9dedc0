package io.valuemeter.economics;

import java.math.BigDecimal;

/**
 * Retry, rework, escalation and human-time totals of the tasks of one group.
 *
 * @param tasksWithoutOutcome distinct tasks of the group that have usage but no outcome
 * @param retriedTasks tasks whose outcome records more than one attempt
 * @param reworkTasks tasks whose outcome needed rework
 * @param escalatedTasks tasks handed to a human
 * @param interventionTasks tasks escalated, reworked or with recorded human minutes
 * @param recordedHumanMinutes human minutes recorded on outcomes
 * @param estimatedHumanMinutes human minutes estimated for outcomes that record none, from the
 *     review minutes per failure and per rework in {@link HumanCostSettings}
 * @param humanCostUsd (recorded + estimated minutes) x hourly rate / 60, in US dollars
 * @param pricedHumanCostUsd the share of {@code humanCostUsd} that belongs to tasks whose calls
 *     were all priced, which pairs with the priced successes in a fully loaded cost per success
 */
public record OutcomeDetail(
    long tasksWithoutOutcome,
    long retriedTasks,
    long reworkTasks,
    long escalatedTasks,
    long interventionTasks,
    BigDecimal recordedHumanMinutes,
    BigDecimal estimatedHumanMinutes,
    BigDecimal humanCostUsd,
    BigDecimal pricedHumanCostUsd) {

  /** Creates a detail in which every task is priced, so all human cost pairs with successes. */
  public OutcomeDetail(
      long tasksWithoutOutcome,
      long retriedTasks,
      long reworkTasks,
      long escalatedTasks,
      long interventionTasks,
      BigDecimal recordedHumanMinutes,
      BigDecimal estimatedHumanMinutes,
      BigDecimal humanCostUsd) {
    this(
        tasksWithoutOutcome,
        retriedTasks,
        reworkTasks,
        escalatedTasks,
        interventionTasks,
        recordedHumanMinutes,
        estimatedHumanMinutes,
        humanCostUsd,
        humanCostUsd);
  }

  /** No task, no human time. */
  public static final OutcomeDetail NONE =
      new OutcomeDetail(0, 0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

  /** Where the human cost comes from. */
  public enum HumanCostSource {
    /** Every outcome with human time recorded it. */
    RECORDED,
    /** No outcome recorded human time: it is estimated from the default review minutes. */
    ESTIMATED,
    /** Some outcomes recorded minutes and the rest are estimated. */
    MIXED,
    /** No human time at all. */
    NONE
  }

  /** Returns whether the human minutes were recorded, estimated, both, or absent. */
  public HumanCostSource humanCostSource() {
    boolean recorded = recordedHumanMinutes.signum() > 0;
    boolean estimated = estimatedHumanMinutes.signum() > 0;
    if (recorded && estimated) {
      return HumanCostSource.MIXED;
    }
    if (recorded) {
      return HumanCostSource.RECORDED;
    }
    return estimated ? HumanCostSource.ESTIMATED : HumanCostSource.NONE;
  }
}
