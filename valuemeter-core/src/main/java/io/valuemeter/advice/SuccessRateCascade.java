package io.valuemeter.advice;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A model cascade given by each stage's cost per item and success rate: every stage attempts the
 * items that the stages before it failed, and the expected cost and successes follow.
 *
 * <p>The model assumes independent attempts: a stage succeeds on an escalated item at its own
 * success rate, whatever the earlier stages did with that item. It also assumes that every failure
 * is detected and escalated at no cost. Items that earlier models fail are often harder, so the
 * expected success rate is an upper estimate. With N items and success rates s_1 .. s_k:
 *
 * <ul>
 *   <li>items reaching stage i = N x (1 - s_1) x .. x (1 - s_(i-1)), so N reach the first stage;
 *   <li>expected cost = sum over stages of items reaching x cost per item;
 *   <li>expected successes = N x (1 - (1 - s_1) x .. x (1 - s_k)), the rest stay unresolved;
 *   <li>baseline = one model on all N items at its own cost per item and success rate.
 * </ul>
 *
 * Products and sums are exact; the quotients are rounded to 10 decimal places HALF_EVEN.
 *
 * @param items items entering the cascade
 * @param stages the stages in the order items pass through them, 1 to {@value #MAX_STAGES}
 * @param baseline the single model that the cascade replaces
 */
public record SuccessRateCascade(long items, List<Stage> stages, Stage baseline) {

  /**
   * Maximum stages, because {@link #alternatives} tries every ordered subset of them, 2^n - 1 in
   * all.
   */
  public static final int MAX_STAGES = 12;

  private static final String NO_STAGES =
      "a cascade needs at least one stage; give each stage its cost per item and success rate";

  /**
   * One stage, or the baseline model, of a cascade with success rates.
   *
   * @param name label of the stage, usually its model
   * @param costPerItemUsd cost of one attempt at one item in US dollars
   * @param successRate share of attempted items the stage resolves, from 0 to 1
   */
  public record Stage(String name, BigDecimal costPerItemUsd, BigDecimal successRate) {

    /** Validates the stage and reports every invalid value with the stage's name. */
    public Stage {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("stage name is missing; give every stage a name");
      }
      new Problems("stage " + name + ": ")
          .requireNonNegative("cost per item", costPerItemUsd)
          .requireFraction("success rate", successRate)
          .throwIfAny();
    }
  }

  /**
   * Expected figures of one stage within the cascade.
   *
   * @param stage the stage
   * @param itemsReaching expected items that reach the stage, exact
   * @param successes expected items the stage resolves = items reaching x success rate, exact
   * @param costUsd expected cost of the stage in US dollars = items reaching x cost per item, exact
   */
  public record StageResult(
      Stage stage, BigDecimal itemsReaching, BigDecimal successes, BigDecimal costUsd) {}

  /** Validates the cascade, reporting every problem in one {@link IllegalArgumentException}. */
  public SuccessRateCascade {
    Problems problems = new Problems();
    problems.requireNonNegative("items", items);
    if (stages == null || stages.isEmpty()) {
      problems.add(NO_STAGES);
    } else if (stages.stream().anyMatch(Objects::isNull)) {
      problems.add("a stage in the list is missing (null)");
    } else if (stages.size() > MAX_STAGES) {
      problems.add(
          "a cascade of "
              + stages.size()
              + " stages has more than the maximum of "
              + MAX_STAGES
              + "; drop the stages that resolve few items");
    }
    problems.requirePresent("baseline", baseline);
    problems.throwIfAny();
    stages = List.copyOf(stages);
  }

  /**
   * Creates a cascade whose baseline is its last stage's model on every item, the usual comparison
   * with the strongest model alone.
   */
  public static SuccessRateCascade againstLastStage(long items, List<Stage> stages) {
    if (stages == null || stages.isEmpty()) {
      new Problems().requireNonNegative("items", items).add(NO_STAGES).throwIfAny();
    }
    return new SuccessRateCascade(items, stages, stages.get(stages.size() - 1));
  }

  /** Returns the expected figures of every stage, in cascade order. */
  public List<StageResult> stageResults() {
    List<StageResult> results = new ArrayList<>();
    BigDecimal reaching = BigDecimal.valueOf(items);
    for (Stage stage : stages) {
      BigDecimal successes = reaching.multiply(stage.successRate());
      results.add(
          new StageResult(stage, reaching, successes, reaching.multiply(stage.costPerItemUsd())));
      reaching = reaching.subtract(successes);
    }
    return results;
  }

  /** Returns the exact expected cost of the cascade in US dollars. */
  public BigDecimal costUsd() {
    return stageResults().stream()
        .map(StageResult::costUsd)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** Returns the exact expected successes = items x (1 - product of (1 - success rate)). */
  public BigDecimal successes() {
    return BigDecimal.valueOf(items).subtract(unresolvedItems());
  }

  /** Returns the exact expected items that no stage resolves = items x product of (1 - rate). */
  public BigDecimal unresolvedItems() {
    BigDecimal unresolved = BigDecimal.valueOf(items);
    for (Stage stage : stages) {
      unresolved = unresolved.multiply(BigDecimal.ONE.subtract(stage.successRate()));
    }
    return unresolved;
  }

  /** Returns the exact expected success rate = 1 - product of (1 - success rate) over stages. */
  public BigDecimal successRate() {
    BigDecimal failing = BigDecimal.ONE;
    for (Stage stage : stages) {
      failing = failing.multiply(BigDecimal.ONE.subtract(stage.successRate()));
    }
    return BigDecimal.ONE.subtract(failing);
  }

  /**
   * Returns the expected cost per success in US dollars = expected cost / expected successes,
   * rounded to 10 decimal places HALF_EVEN; empty when no success is expected.
   */
  public Optional<BigDecimal> costPerSuccessUsd() {
    return Decimals.divideOrEmpty(costUsd(), successes());
  }

  /** Returns the exact baseline cost in US dollars = items x baseline cost per item. */
  public BigDecimal baselineCostUsd() {
    return BigDecimal.valueOf(items).multiply(baseline.costPerItemUsd());
  }

  /** Returns the exact expected successes of the baseline = items x baseline success rate. */
  public BigDecimal baselineSuccesses() {
    return BigDecimal.valueOf(items).multiply(baseline.successRate());
  }

  /**
   * Returns the baseline cost per success in US dollars = baseline cost / baseline successes,
   * rounded to 10 decimal places HALF_EVEN; empty when the baseline never succeeds.
   */
  public Optional<BigDecimal> baselineCostPerSuccessUsd() {
    return Decimals.divideOrEmpty(baselineCostUsd(), baselineSuccesses());
  }

  /** Returns the exact saving in US dollars = baseline cost - expected cascade cost. */
  public BigDecimal savingUsd() {
    return baselineCostUsd().subtract(costUsd());
  }

  /**
   * Returns the cost ratio = baseline cost / expected cascade cost, rounded to 10 decimal places
   * HALF_EVEN; empty when the cascade costs $0.
   */
  public Optional<BigDecimal> costRatio() {
    return Decimals.divideOrEmpty(baselineCostUsd(), costUsd());
  }

  /**
   * Returns every design that could replace this cascade, each over the same items and baseline:
   * every non-empty subset of the stages in their given order (each stage alone among them, and
   * this cascade itself last), then the baseline model alone.
   */
  public List<SuccessRateCascade> alternatives() {
    List<SuccessRateCascade> alternatives = new ArrayList<>();
    int subsets = 1 << stages.size();
    for (int mask = 1; mask < subsets; mask++) {
      List<Stage> chosen = new ArrayList<>();
      for (int i = 0; i < stages.size(); i++) {
        if ((mask & (1 << i)) != 0) {
          chosen.add(stages.get(i));
        }
      }
      alternatives.add(new SuccessRateCascade(items, chosen, baseline));
    }
    alternatives.sort(Comparator.comparingInt(alternative -> alternative.stages().size()));
    alternatives.add(new SuccessRateCascade(items, List.of(baseline), baseline));
    return alternatives;
  }

  /**
   * Returns the cheapest of {@link #alternatives} whose expected success rate reaches {@code
   * successTarget}; on equal cost the higher success rate wins, then the one listed first. Empty
   * when none reaches the target.
   *
   * @throws IllegalArgumentException when the target is outside 0 to 1
   */
  public Optional<SuccessRateCascade> cheapestMeeting(BigDecimal successTarget) {
    new Problems().requireFraction("success target", successTarget).throwIfAny();
    SuccessRateCascade best = null;
    for (SuccessRateCascade candidate : alternatives()) {
      if (candidate.successRate().compareTo(successTarget) < 0) {
        continue;
      }
      if (best == null || cheaper(candidate, best)) {
        best = candidate;
      }
    }
    return Optional.ofNullable(best);
  }

  private static boolean cheaper(SuccessRateCascade candidate, SuccessRateCascade best) {
    int byCost = candidate.costUsd().compareTo(best.costUsd());
    if (byCost != 0) {
      return byCost < 0;
    }
    return candidate.successRate().compareTo(best.successRate()) > 0;
  }
}
