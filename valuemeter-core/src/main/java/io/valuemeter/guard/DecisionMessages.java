package io.valuemeter.guard;

/** Sentences of the guard's decisions, naming the budget, spend, reservations and limits. */
final class DecisionMessages {

  private DecisionMessages() {}

  static String loopDetected(String scopeKey, String evidence) {
    return "Denied: a loop was detected for scope \""
        + scopeKey
        + "\" and has not been cleared (evidence: "
        + evidence
        + ").";
  }

  static String noBudget(String scopeKey) {
    return "Allowed: no budget applies to scope \"" + scopeKey + "\".";
  }

  static String withinBudget(BudgetUsage usage) {
    return "Allowed: budget " + budget(usage) + " is within its limit (" + amounts(usage) + ").";
  }

  static String hardSpent(BudgetUsage usage) {
    return "Denied: hard budget " + budget(usage) + " is spent (" + amounts(usage) + ").";
  }

  static String softSpent(BudgetUsage usage) {
    return "Allowed: budget "
        + budget(usage)
        + " is spent ("
        + amounts(usage)
        + "), but it has no hard stop, so it only alerts.";
  }

  static String zeroPriced(BudgetUsage usage) {
    return "Allowed: the call is priced at $0, so the money limit of budget "
        + budget(usage)
        + " does not apply ("
        + amounts(usage)
        + ").";
  }

  private static String budget(BudgetUsage usage) {
    return "\"" + usage.budgetName() + "\" for scope \"" + usage.scopeKey() + "\"";
  }

  /** Returns "$S spent + $R reserved, limit $L", then the same for tokens when limited. */
  private static String amounts(BudgetUsage usage) {
    StringBuilder text = new StringBuilder();
    if (usage.moneyLimitUsd() != null) {
      text.append(Money.format(usage.spentUsd()))
          .append(" spent + ")
          .append(Money.format(usage.reservedUsd()))
          .append(" reserved, limit ")
          .append(Money.format(usage.moneyLimitUsd()));
    }
    if (usage.tokenLimit() != null) {
      if (text.length() > 0) {
        text.append("; ");
      }
      text.append(usage.spentTokens())
          .append(" tokens spent + ")
          .append(usage.reservedTokens())
          .append(" reserved, limit ")
          .append(usage.tokenLimit())
          .append(" tokens");
    }
    return text.toString();
  }
}
