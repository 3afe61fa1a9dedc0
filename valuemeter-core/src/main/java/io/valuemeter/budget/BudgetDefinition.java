package io.valuemeter.budget;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * One budget: how much a scope may spend per period, when to alert and whether to stop.
 *
 * <p>{@link BudgetValidator} builds definitions from a budget file and reports every problem of the
 * file at once. This constructor checks the same rules and throws on the first call that breaks
 * any, listing all broken rules in one message.
 *
 * @param name unique name of the budget
 * @param category fixed, variable or investment
 * @param scope the usage the budget counts
 * @param period the calendar period the budget resets on
 * @param zone the time zone whose local midnight cuts the periods
 * @param limit the maximum spend of the scope per period
 * @param alertThresholds shares of the limit that raise an alert, each in (0, 1], sorted and
 *     without duplicates; {@link #DEFAULT_ALERT_THRESHOLDS} when null
 * @param hardStop true when spending must stop once the limit is reached
 * @param expectedMonthlyValueUsd for an investment budget, the value in US dollars per month that
 *     the investment is expected to return. Null when not given, and always null for the other
 *     categories.
 */
public record BudgetDefinition(
    String name,
    Category category,
    BudgetScope scope,
    BudgetPeriod period,
    ZoneId zone,
    Limit limit,
    List<BigDecimal> alertThresholds,
    boolean hardStop,
    BigDecimal expectedMonthlyValueUsd) {

  /** Alerts at 80% and at 100% of the limit. */
  public static final List<BigDecimal> DEFAULT_ALERT_THRESHOLDS =
      List.of(new BigDecimal("0.8"), BigDecimal.ONE);

  /** What a budget pays for, which decides how its spend should move with value. */
  public enum Category {
    /** Scheduled monitoring, batch reports, integration upkeep: should fall as a share of value. */
    FIXED,
    /** Spend per interaction, developer or investigation: should scale with value. */
    VARIABLE,
    /** New agents, training data, fine-tuning: expected to pay back over quarters. */
    INVESTMENT;

    /** Returns the lower-case name used in budget files and output. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The unit a budget limit is set in. */
  public enum LimitUnit {
    /** US dollars of calculated LLM cost. */
    USD,
    /** Tokens of every bucket: input, cache read, cache write and output. */
    TOKENS,
    /** A fraction of the value of successful outcomes; allowed for variable budgets only. */
    SHARE_OF_VALUE
  }

  /**
   * The maximum spend of a budget's scope per period.
   *
   * @param unit what {@code amount} counts
   * @param amount US dollars, a whole number of tokens, or a fraction in (0, 1] of the value
   */
  public record Limit(LimitUnit unit, BigDecimal amount) {

    public Limit {
      if (unit == null || amount == null) {
        throw new IllegalArgumentException("a budget limit needs a unit and an amount");
      }
      if (amount.signum() <= 0) {
        throw new IllegalArgumentException(
            "a budget limit must be positive, got " + amount.toPlainString());
      }
      if (unit == LimitUnit.TOKENS && amount.stripTrailingZeros().scale() > 0) {
        throw new IllegalArgumentException(
            "a token limit must be a whole number, got " + amount.toPlainString());
      }
      if (unit == LimitUnit.SHARE_OF_VALUE && amount.compareTo(BigDecimal.ONE) > 0) {
        throw new IllegalArgumentException(
            "a share-of-value limit must be at most 1, got " + amount.toPlainString());
      }
    }

    /** Returns a limit in US dollars. */
    public static Limit usd(BigDecimal amount) {
      return new Limit(LimitUnit.USD, amount);
    }

    /** Returns a limit in tokens. */
    public static Limit tokens(long amount) {
      return new Limit(LimitUnit.TOKENS, BigDecimal.valueOf(amount));
    }

    /** Returns a limit as a fraction of outcome value, 0.10 for 10%. */
    public static Limit shareOfValue(BigDecimal fraction) {
      return new Limit(LimitUnit.SHARE_OF_VALUE, fraction);
    }
  }

  public BudgetDefinition {
    alertThresholds =
        alertThresholds == null
            ? DEFAULT_ALERT_THRESHOLDS
            : List.copyOf(new TreeSet<>(alertThresholds));
    List<String> problems = new ArrayList<>();
    if (name == null || name.isBlank()) {
      problems.add("name is required");
    }
    if (category == null) {
      problems.add("category is required");
    }
    if (scope == null) {
      problems.add("scope is required");
    }
    if (period == null) {
      problems.add("period is required");
    }
    if (zone == null) {
      problems.add("zone is required");
    }
    if (limit == null) {
      problems.add("limit is required");
    } else if (limit.unit() == LimitUnit.SHARE_OF_VALUE && category != Category.VARIABLE) {
      problems.add("a share-of-value limit needs the variable category");
    }
    for (BigDecimal threshold : alertThresholds) {
      if (threshold.signum() <= 0 || threshold.compareTo(BigDecimal.ONE) > 0) {
        problems.add(
            "alert threshold " + threshold.toPlainString() + " must be above 0 and at most 1");
      }
    }
    if (expectedMonthlyValueUsd != null) {
      if (category != Category.INVESTMENT) {
        problems.add("an expected monthly value needs the investment category");
      }
      if (expectedMonthlyValueUsd.signum() <= 0) {
        problems.add(
            "expected monthly value must be positive, got "
                + expectedMonthlyValueUsd.toPlainString());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid budget " + name + ": " + String.join(", ", problems));
    }
  }
}
