package io.valuemeter.advice;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Recommends the cheapest single model, and the cheapest cascade of models, that meet a success
 * target, replayed from recorded outcomes.
 *
 * <p>Only categories that every model attempted are compared, each with equal weight. In one
 * category a model succeeds with p = successes / trials at c = cost / trials per attempt. A cascade
 * runs its first model on every task and passes each failure to the next model, so per category its
 * expected cost is c1 + (1 - p1) c2 + (1 - p1)(1 - p2) c3 and its success rate 1 - (1 - p1)(1 -
 * p2)(1 - p3). This assumes that, within one category, the models fail independently of each other,
 * and that a failure is detected for free (for example by tests). Models that fail on the same hard
 * tasks make the real cascade less successful than this estimate.
 *
 * @param target the success rate to meet, a fraction
 * @param categories the categories compared
 * @param options every single model, best success rate first
 * @param cheapestSingle the cheapest single model that meets the target, if any
 * @param cheapestCascade the cheapest cascade of two or more models that meets the target, if any
 * @param strongest the single model with the highest success rate
 * @param assumption the independence assumption, in words
 */
public record ModelChoice(
    BigDecimal target,
    int categories,
    List<Option> options,
    Option cheapestSingle,
    Option cheapestCascade,
    Option strongest,
    String assumption) {

  /** Decimal places of the expected costs and rates. */
  public static final int SCALE = 10;

  private static final MathContext PRECISION = MathContext.DECIMAL128;

  /** The assumption behind every cascade estimate. */
  public static final String ASSUMPTION =
      "within a task category, models fail independently of each other, and a failure is"
          + " detected at no cost before escalating";

  /**
   * One model or cascade with its expected figures per task.
   *
   * @param models the models in the order they run
   * @param successRate expected share of tasks solved, a fraction
   * @param costPerTaskUsd expected LLM cost per task in US dollars
   * @param costPerSuccessUsd expected cost per solved task = cost per task / success rate, or null
   *     when nothing is solved
   */
  public record Option(
      List<String> models,
      BigDecimal successRate,
      BigDecimal costPerTaskUsd,
      BigDecimal costPerSuccessUsd) {}

  /**
   * Replays the recorded outcomes.
   *
   * @param stats per model and category; models must have a cost (priced)
   * @param target success rate to meet, from 0 to 1
   * @param maxStages the longest cascade to consider, from 1 to 4
   * @throws IllegalArgumentException when the target or stage count is out of range, or fewer than
   *     one model and category can be compared
   */
  public static ModelChoice replay(List<ModelTaskStats> stats, BigDecimal target, int maxStages) {
    if (target.signum() < 0 || target.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException(
          "success target "
              + target.toPlainString()
              + " must be between 0 and 1 (write 30% as 0.3)");
    }
    if (maxStages < 1 || maxStages > 4) {
      throw new IllegalArgumentException("a cascade may have 1 to 4 stages, got " + maxStages);
    }
    Map<String, Map<String, ModelTaskStats>> byModel = new HashMap<>();
    for (ModelTaskStats stat : stats) {
      byModel.computeIfAbsent(stat.model(), k -> new HashMap<>()).put(stat.category(), stat);
    }
    Set<String> shared = null;
    for (Map<String, ModelTaskStats> categories : byModel.values()) {
      if (shared == null) {
        shared = new TreeSet<>(categories.keySet());
      } else {
        shared.retainAll(categories.keySet());
      }
    }
    if (shared == null || shared.isEmpty()) {
      throw new IllegalArgumentException(
          "no task category was attempted by every model, so nothing can be compared; tag the"
              + " usage with a shared category");
    }
    List<String> models = new ArrayList<>(new TreeSet<>(byModel.keySet()));
    List<String> categories = new ArrayList<>(shared);
    Table table = new Table(models, categories, byModel);

    List<Option> singles = new ArrayList<>();
    for (int m = 0; m < models.size(); m++) {
      singles.add(table.option(new int[] {m}));
    }
    singles.sort((a, b) -> b.successRate().compareTo(a.successRate()));
    Option strongest = singles.get(0);
    Option cheapestSingle = cheapest(singles, target);
    List<Option> cascades = new ArrayList<>();
    enumerate(table, new ArrayList<>(), maxStages, cascades);
    Option cheapestCascade = cheapest(cascades, target);
    return new ModelChoice(
        target, categories.size(), singles, cheapestSingle, cheapestCascade, strongest, ASSUMPTION);
  }

  /** Returns the cheapest single model meeting the target, if any. */
  public Optional<Option> single() {
    return Optional.ofNullable(cheapestSingle);
  }

  /** Returns the cheapest cascade meeting the target, if any. */
  public Optional<Option> cascade() {
    return Optional.ofNullable(cheapestCascade);
  }

  /**
   * Returns the saving per task of an option against the strongest model alone, in US dollars =
   * strongest cost per task - option cost per task (negative when the option costs more).
   */
  public BigDecimal savingPerTaskUsd(Option option) {
    return strongest.costPerTaskUsd().subtract(option.costPerTaskUsd());
  }

  private static Option cheapest(List<Option> options, BigDecimal target) {
    Option best = null;
    for (Option option : options) {
      if (option.successRate().compareTo(target) >= 0
          && (best == null || option.costPerTaskUsd().compareTo(best.costPerTaskUsd()) < 0)) {
        best = option;
      }
    }
    return best;
  }

  private static void enumerate(
      Table table, List<Integer> prefix, int maxStages, List<Option> out) {
    if (prefix.size() >= 2) {
      out.add(table.option(prefix.stream().mapToInt(Integer::intValue).toArray()));
    }
    if (prefix.size() == maxStages) {
      return;
    }
    for (int m = 0; m < table.models.size(); m++) {
      if (!prefix.contains(m)) {
        prefix.add(m);
        enumerate(table, prefix, maxStages, out);
        prefix.remove(prefix.size() - 1);
      }
    }
  }

  /** Success probability and cost per attempt of each model in each category. */
  private static final class Table {
    private final List<String> models;
    private final BigDecimal[][] success;
    private final BigDecimal[][] cost;
    private final int categoryCount;

    Table(
        List<String> models,
        List<String> categories,
        Map<String, Map<String, ModelTaskStats>> byModel) {
      this.models = models;
      this.categoryCount = categories.size();
      success = new BigDecimal[models.size()][categories.size()];
      cost = new BigDecimal[models.size()][categories.size()];
      for (int m = 0; m < models.size(); m++) {
        for (int c = 0; c < categories.size(); c++) {
          ModelTaskStats stat = byModel.get(models.get(m)).get(categories.get(c));
          BigDecimal trials = BigDecimal.valueOf(stat.trials());
          success[m][c] = BigDecimal.valueOf(stat.successes()).divide(trials, PRECISION);
          cost[m][c] = stat.costUsd().divide(trials, PRECISION);
        }
      }
    }

    Option option(int[] order) {
      BigDecimal totalCost = BigDecimal.ZERO;
      BigDecimal totalSuccess = BigDecimal.ZERO;
      for (int c = 0; c < categoryCount; c++) {
        BigDecimal reach = BigDecimal.ONE;
        BigDecimal expectedCost = BigDecimal.ZERO;
        for (int m : order) {
          expectedCost = expectedCost.add(reach.multiply(cost[m][c], PRECISION), PRECISION);
          reach = reach.multiply(BigDecimal.ONE.subtract(success[m][c]), PRECISION);
        }
        totalCost = totalCost.add(expectedCost, PRECISION);
        totalSuccess = totalSuccess.add(BigDecimal.ONE.subtract(reach), PRECISION);
      }
      BigDecimal count = BigDecimal.valueOf(categoryCount);
      BigDecimal costPerTask = totalCost.divide(count, SCALE, RoundingMode.HALF_EVEN);
      BigDecimal successRate = totalSuccess.divide(count, SCALE, RoundingMode.HALF_EVEN);
      BigDecimal costPerSuccess =
          successRate.signum() == 0
              ? null
              : totalCost.divide(totalSuccess, SCALE, RoundingMode.HALF_EVEN);
      List<String> names = new ArrayList<>(new LinkedHashSet<>());
      for (int m : order) {
        names.add(models.get(m));
      }
      return new Option(List.copyOf(names), successRate, costPerTask, costPerSuccess);
    }
  }
}
