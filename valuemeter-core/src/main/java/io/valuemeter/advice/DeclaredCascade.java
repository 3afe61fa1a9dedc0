package io.valuemeter.advice;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A model cascade declared by the items each stage handles, against one strong model on every item.
 *
 * <p>The first stage handles every item and each later stage handles the items escalated to it, so
 * the item counts must not rise from one stage to the next. In US dollars:
 *
 * <ul>
 *   <li>cascade cost = sum over stages of items x cost per item;
 *   <li>baseline cost = items of the first stage x baseline cost per item;
 *   <li>saving = baseline cost - cascade cost, negative when the cascade costs more;
 *   <li>cost ratio = baseline cost / cascade cost, how many times cheaper the cascade is.
 * </ul>
 *
 * <p>Worked example, code review of 100 files: a cheap model on all 100 at $0.001 ($0.10), a mid
 * model on the 30 flagged at $0.02 ($0.60) and a top model on the 5 security-sensitive at $0.10
 * ($0.50) cost $1.20, against $10.00 for the top model on all 100: 8.33x cheaper.
 *
 * @param stages the stages in the order items pass through them, at least one
 * @param baselineCostPerItemUsd cost per item of the single model that the cascade replaces
 */
public record DeclaredCascade(List<Stage> stages, BigDecimal baselineCostPerItemUsd) {

  /**
   * One stage of a declared cascade.
   *
   * @param name label of the stage, usually its model
   * @param items items the stage handles; a fraction when it is an expected count
   * @param costPerItemUsd cost of handling one item in US dollars
   */
  public record Stage(String name, BigDecimal items, BigDecimal costPerItemUsd) {

    /** Validates the stage and reports every invalid value with the stage's name. */
    public Stage {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("stage name is missing; give every stage a name");
      }
      new Problems("stage " + name + ": ")
          .requireNonNegative("items", items)
          .requireNonNegative("cost per item", costPerItemUsd)
          .throwIfAny();
    }

    /**
     * Creates a stage that handles a share of all items: items = share x total items, exact.
     *
     * @throws IllegalArgumentException when the share is outside 0 to 1 or the total is negative
     */
    public static Stage ofShare(
        String name, BigDecimal share, long totalItems, BigDecimal costPerItemUsd) {
      new Problems("stage " + name + ": ")
          .requireFraction("share of items", share)
          .requireNonNegative("total items", totalItems)
          .throwIfAny();
      return new Stage(name, share.multiply(BigDecimal.valueOf(totalItems)), costPerItemUsd);
    }

    /** Returns the exact cost of the stage in US dollars = items x cost per item. */
    public BigDecimal costUsd() {
      return items.multiply(costPerItemUsd);
    }
  }

  /** Validates the cascade, reporting every problem in one {@link IllegalArgumentException}. */
  public DeclaredCascade {
    Problems problems = new Problems();
    if (stages == null || stages.isEmpty()) {
      problems.add(
          "a cascade needs at least one stage; give each stage its items and cost per item");
    } else if (stages.stream().anyMatch(Objects::isNull)) {
      problems.add("a stage in the list is missing (null)");
    } else {
      for (int i = 1; i < stages.size(); i++) {
        Stage before = stages.get(i - 1);
        Stage stage = stages.get(i);
        if (stage.items().compareTo(before.items()) > 0) {
          problems.add(
              "stage "
                  + stage.name()
                  + " handles "
                  + Decimals.plain(stage.items())
                  + " items, more than the "
                  + Decimals.plain(before.items())
                  + " of stage "
                  + before.name()
                  + " before it; a stage handles only items escalated from the stage before");
        }
      }
    }
    problems.requireNonNegative("baseline cost per item", baselineCostPerItemUsd).throwIfAny();
    stages = List.copyOf(stages);
  }

  /**
   * Creates a cascade whose baseline is its last stage's model on every item, the usual comparison
   * with the strongest model alone.
   */
  public static DeclaredCascade againstLastStage(List<Stage> stages) {
    if (stages == null || stages.isEmpty()) {
      return new DeclaredCascade(stages, BigDecimal.ZERO);
    }
    return new DeclaredCascade(stages, stages.get(stages.size() - 1).costPerItemUsd());
  }

  /** Returns the items of the cascade, which all reach its first stage. */
  public BigDecimal items() {
    return stages.get(0).items();
  }

  /** Returns the exact cascade cost in US dollars = sum of items x cost per item over stages. */
  public BigDecimal costUsd() {
    return stages.stream().map(Stage::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** Returns the exact baseline cost in US dollars = items x baseline cost per item. */
  public BigDecimal baselineCostUsd() {
    return items().multiply(baselineCostPerItemUsd);
  }

  /** Returns the exact saving in US dollars = baseline cost - cascade cost; negative is a loss. */
  public BigDecimal savingUsd() {
    return baselineCostUsd().subtract(costUsd());
  }

  /**
   * Returns the cost ratio = baseline cost / cascade cost, rounded to 10 decimal places HALF_EVEN;
   * empty when the cascade costs $0.
   */
  public Optional<BigDecimal> costRatio() {
    return Decimals.divideOrEmpty(baselineCostUsd(), costUsd());
  }

  /**
   * Returns the cascade cost per item in US dollars = cascade cost / items, rounded to 10 decimal
   * places HALF_EVEN; empty when there are no items.
   */
  public Optional<BigDecimal> costPerItemUsd() {
    return Decimals.divideOrEmpty(costUsd(), items());
  }
}
