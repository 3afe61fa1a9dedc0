package io.valuemeter.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.valuemeter.advice.DeclaredCascade.Stage;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeclaredCascadeTest {

  private static final List<Stage> CODE_REVIEW =
      List.of(
          stage("cheap", "100", "0.001"), stage("mid", "30", "0.02"), stage("top", "5", "0.10"));

  private final DeclaredCascade review = DeclaredCascade.againstLastStage(CODE_REVIEW);

  @Test
  void stageCosts_codeReview_matchWorkedExample() {
    // 100 x 0.001, 30 x 0.02, 5 x 0.10
    assertThat(CODE_REVIEW.get(0).costUsd()).isEqualByComparingTo("0.10");
    assertThat(CODE_REVIEW.get(1).costUsd()).isEqualByComparingTo("0.60");
    assertThat(CODE_REVIEW.get(2).costUsd()).isEqualByComparingTo("0.50");
  }

  @Test
  void cost_codeReview_onePointTwenty() {
    // 0.10 + 0.60 + 0.50
    assertThat(review.costUsd()).isEqualByComparingTo("1.20");
  }

  @Test
  void baseline_topModelOnAllFiles_tenDollars() {
    // 100 x 0.10
    assertThat(review.baselineCostUsd()).isEqualByComparingTo("10.00");
    assertThat(review.items()).isEqualByComparingTo("100");
  }

  @Test
  void costRatio_codeReview_8point33() {
    // 10.00 / 1.20 = 8.333...
    assertThat(review.costRatio().orElseThrow()).isEqualByComparingTo("8.3333333333");
  }

  @Test
  void saving_codeReview_8point80() {
    // 10.00 - 1.20
    assertThat(review.savingUsd()).isEqualByComparingTo("8.80");
  }

  @Test
  void costPerItem_codeReview_1point2Cents() {
    // 1.20 / 100
    assertThat(review.costPerItemUsd().orElseThrow()).isEqualByComparingTo("0.012");
  }

  @Test
  void ofShare_thirtyPercentOfHundred_thirtyItems() {
    Stage mid = Stage.ofShare("mid", new BigDecimal("0.30"), 100, new BigDecimal("0.02"));

    // 0.30 x 100
    assertThat(mid.items()).isEqualByComparingTo("30");
  }

  @Test
  void explicitBaseline_cheaperThanCascade_negativeSaving() {
    DeclaredCascade cascade = new DeclaredCascade(CODE_REVIEW, new BigDecimal("0.01"));

    // 100 x 0.01 = 1.00, less than the cascade's 1.20
    assertThat(cascade.savingUsd()).isEqualByComparingTo("-0.20");
    // 1.00 / 1.20 = 0.8333...
    assertThat(cascade.costRatio().orElseThrow()).isEqualByComparingTo("0.8333333333");
  }

  @Test
  void freeCascade_noRatio() {
    DeclaredCascade free =
        new DeclaredCascade(List.of(stage("cache", "10", "0")), new BigDecimal("0.10"));

    assertThat(free.costUsd()).isEqualByComparingTo("0");
    assertThat(free.costRatio()).isEmpty();
  }

  @Test
  void noItems_noCostPerItem() {
    DeclaredCascade empty = DeclaredCascade.againstLastStage(List.of(stage("cheap", "0", "0.01")));

    assertThat(empty.costPerItemUsd()).isEmpty();
    assertThat(empty.costRatio()).isEmpty();
  }

  @Test
  void noStages_rejected() {
    assertThatThrownBy(() -> DeclaredCascade.againstLastStage(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a cascade needs at least one stage; give each stage its items and cost per item");
  }

  @Test
  void risingItems_rejected() {
    List<Stage> rising = List.of(stage("cheap", "30", "0.001"), stage("mid", "40", "0.02"));

    assertThatThrownBy(() -> DeclaredCascade.againstLastStage(rising))
        .hasMessage(
            "stage mid handles 40 items, more than the 30 of stage cheap before it; a stage"
                + " handles only items escalated from the stage before");
  }

  @Test
  void stage_negativeValues_allReported() {
    assertThatThrownBy(() -> stage("cheap", "-1", "-0.001"))
        .hasMessage(
            "stage cheap: items -1 must not be negative; stage cheap: cost per item -0.001 must"
                + " not be negative");
  }

  @Test
  void ofShare_aboveOne_rejected() {
    assertThatThrownBy(() -> Stage.ofShare("mid", new BigDecimal("1.3"), 100, BigDecimal.ONE))
        .hasMessage("stage mid: share of items 1.3 must be between 0 and 1 (0.95 means 95%)");
  }

  @Test
  void negativeBaseline_rejected() {
    assertThatThrownBy(() -> new DeclaredCascade(CODE_REVIEW, new BigDecimal("-0.1")))
        .hasMessage("baseline cost per item -0.1 must not be negative");
  }

  private static Stage stage(String name, String items, String costPerItem) {
    return new Stage(name, new BigDecimal(items), new BigDecimal(costPerItem));
  }
}
