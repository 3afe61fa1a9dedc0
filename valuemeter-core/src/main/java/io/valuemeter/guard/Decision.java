package io.valuemeter.guard;

/**
 * The guard's result for one call: allowed or denied, why, and the budget it was checked against.
 *
 * @param allowed true when the call may go ahead
 * @param reason why the call is allowed or denied
 * @param message one sentence for people that names the budget, the spend, the held reservations
 *     and the limit, or the loop evidence
 * @param budgetUsage the budget's window at decision time, or null when no budget applies to the
 *     scope
 */
public record Decision(boolean allowed, Reason reason, String message, BudgetUsage budgetUsage) {

  /** Reason a call is allowed or denied. */
  public enum Reason {
    /** Allowed: committed spend + held reservations is below every limit of the budget. */
    WITHIN_BUDGET,
    /** Allowed: no budget applies to the scope at this time. */
    NO_BUDGET,
    /** Allowed: the budget is spent, but it has no hard stop, so it only alerts. */
    OVER_SOFT_BUDGET,
    /**
     * Allowed: the call's estimated cost is $0, and a money budget never blocks a call priced at
     * $0. A token limit of the same budget still applies.
     */
    ZERO_PRICED_SCOPE,
    /** Denied: committed spend + held reservations has reached a hard limit of the budget. */
    HARD_BUDGET_SPENT,
    /** Denied: a loop was detected for the scope and has not been cleared. */
    LOOP_DETECTED
  }

  public Decision {
    if (reason == null || message == null) {
      throw new IllegalArgumentException("reason and message are required");
    }
    boolean deniedReason = reason == Reason.HARD_BUDGET_SPENT || reason == Reason.LOOP_DETECTED;
    if (allowed == deniedReason) {
      throw new IllegalArgumentException("reason " + reason + " does not match allowed=" + allowed);
    }
  }
}
