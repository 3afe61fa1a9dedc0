package io.valuemeter.guard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The limit of one budget over one window, as the guard applies it to a scope.
 *
 * <p>The window is half-open: it contains {@code windowStart} and excludes {@code windowEnd}. At
 * least one of the money and token limits is set. Alert thresholds are fractions of the limit (0.8
 * for 80%), stored sorted and without duplicates.
 *
 * @param budgetName name of the budget, shown in decisions and alerts
 * @param scopeKey scope the budget applies to, such as {@code agent:support-bot}
 * @param windowStart first instant of the window
 * @param windowEnd first instant after the window
 * @param moneyLimitUsd spend limit in US dollars, or null when the budget limits tokens only
 * @param tokenLimit token limit, or null when the budget limits money only
 * @param hardStop true when the guard denies calls once the limit is spent; false when the budget
 *     only alerts
 * @param alertThresholds fractions of the limit above 0 and at most 1 that raise an alert when
 *     spend reaches them; empty for no alerts
 */
public record GuardLimit(
    String budgetName,
    String scopeKey,
    Instant windowStart,
    Instant windowEnd,
    BigDecimal moneyLimitUsd,
    Long tokenLimit,
    boolean hardStop,
    List<BigDecimal> alertThresholds) {

  public GuardLimit {
    List<String> problems = new ArrayList<>();
    requireText("budget name", budgetName, problems);
    requireText("scope key", scopeKey, problems);
    requireWindow(windowStart, windowEnd, problems);
    if (moneyLimitUsd == null && tokenLimit == null) {
      problems.add("a money limit or a token limit is required");
    }
    if (moneyLimitUsd != null && moneyLimitUsd.signum() < 0) {
      problems.add("money limit must be non-negative, got " + moneyLimitUsd.toPlainString());
    }
    if (tokenLimit != null && tokenLimit < 0) {
      problems.add("token limit must be non-negative, got " + tokenLimit);
    }
    alertThresholds = normaliseThresholds(alertThresholds, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid guard limit \"" + budgetName + "\": " + String.join("; ", problems));
    }
  }

  /** Returns true when the instant lies in the window: start inclusive, end exclusive. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(windowStart) && instant.isBefore(windowEnd);
  }

  /** Returns true when both limits cover the same budget and window, whatever their amounts. */
  boolean sameWindow(GuardLimit other) {
    return budgetName.equals(other.budgetName)
        && windowStart.equals(other.windowStart)
        && windowEnd.equals(other.windowEnd);
  }

  private static void requireText(String name, String value, List<String> problems) {
    if (value == null || value.isBlank()) {
      problems.add(name + " is required");
    }
  }

  private static void requireWindow(Instant start, Instant end, List<String> problems) {
    if (start == null || end == null) {
      problems.add("window start and end are required");
    } else if (!start.isBefore(end)) {
      problems.add("window start " + start + " must be before window end " + end);
    }
  }

  private static List<BigDecimal> normaliseThresholds(
      List<BigDecimal> thresholds, List<String> problems) {
    if (thresholds == null) {
      return List.of();
    }
    TreeSet<BigDecimal> sorted = new TreeSet<>();
    for (BigDecimal threshold : thresholds) {
      if (threshold == null || threshold.signum() <= 0 || threshold.compareTo(BigDecimal.ONE) > 0) {
        problems.add(
            "alert threshold must be above 0 and at most 1 (0.8 for 80%), got "
                + (threshold == null ? "null" : threshold.toPlainString()));
      } else {
        sorted.add(threshold.stripTrailingZeros());
      }
    }
    return List.copyOf(sorted);
  }
}
