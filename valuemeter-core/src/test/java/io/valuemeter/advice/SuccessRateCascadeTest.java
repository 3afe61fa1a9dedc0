package io.valuemeter.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.valuemeter.advice.SuccessRateCascade.Stage;
import io.valuemeter.advice.SuccessRateCascade.StageResult;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuccessRateCascadeTest {

  private static final Stage CHEAP = stage("cheap", "0.001", "0.70");
  private static final Stage MID = stage("mid", "0.02", "0.80");
  private static final Stage TOP = stage("top", "0.10", "0.95");

  private final SuccessRateCascade review =
      SuccessRateCascade.againstLastStage(100, List.of(CHEAP, MID, TOP));

  @Test
  void stageResults_hundredFiles_escalateFailures() {
    List<StageResult> results = review.stageResults();

    // 100 reach cheap, 100 x 0.30 = 30 reach mid, 30 x 0.20 = 6 reach top
    assertThat(results.get(0).itemsReaching()).isEqualByComparingTo("100");
    assertThat(results.get(1).itemsReaching()).isEqualByComparingTo("30");
    assertThat(results.get(2).itemsReaching()).isEqualByComparingTo("6");
    // 100 x 0.70, 30 x 0.80, 6 x 0.95
    assertThat(results.get(0).successes()).isEqualByComparingTo("70");
    assertThat(results.get(1).successes()).isEqualByComparingTo("24");
    assertThat(results.get(2).successes()).isEqualByComparingTo("5.7");
    // 100 x 0.001, 30 x 0.02, 6 x 0.10
    assertThat(results.get(2).costUsd()).isEqualByComparingTo("0.60");
  }

  @Test
  void cost_hundredFiles_onePointThirty() {
    // 0.10 + 0.60 + 0.60
    assertThat(review.costUsd()).isEqualByComparingTo("1.30");
  }

  @Test
  void successes_hundredFiles_independentAttempts() {
    // 100 x (1 - 0.30 x 0.20 x 0.05) = 100 x 0.997
    assertThat(review.successes()).isEqualByComparingTo("99.7");
    assertThat(review.successRate()).isEqualByComparingTo("0.997");
    assertThat(review.unresolvedItems()).isEqualByComparingTo("0.3");
  }

  @Test
  void costPerSuccess_hundredFiles_roundedToTenPlaces() {
    // 1.30 / 99.7 = 0.013039117...
    assertThat(review.costPerSuccessUsd().orElseThrow()).isEqualByComparingTo("0.0130391174");
  }

  @Test
  void baseline_topModelAlone_matchesHandArithmetic() {
    // 100 x 0.10, 100 x 0.95, 10 / 95
    assertThat(review.baselineCostUsd()).isEqualByComparingTo("10.00");
    assertThat(review.baselineSuccesses()).isEqualByComparingTo("95");
    assertThat(review.baselineCostPerSuccessUsd().orElseThrow())
        .isEqualByComparingTo("0.1052631579");
  }

  @Test
  void costRatio_hundredFiles_7point69() {
    // 10.00 / 1.30 = 7.6923...
    assertThat(review.costRatio().orElseThrow()).isEqualByComparingTo("7.6923076923");
    assertThat(review.savingUsd()).isEqualByComparingTo("8.70");
  }

  @Test
  void alternatives_threeStages_sevenSubsetsAndBaseline() {
    List<SuccessRateCascade> alternatives = review.alternatives();

    // 2^3 - 1 ordered subsets, then the baseline
    assertThat(alternatives).hasSize(8);
    assertThat(alternatives.get(0).stages()).containsExactly(CHEAP);
    assertThat(alternatives.get(6).stages()).containsExactly(CHEAP, MID, TOP);
    assertThat(alternatives.get(7).stages()).containsExactly(TOP);
  }

  @Test
  void cheapestMeeting_highTarget_fullCascade() {
    // cheap > top: 0.10 + 30 x 0.10 = 3.10 at 0.985; cheap > mid > top: 1.30 at 0.997
    SuccessRateCascade best = review.cheapestMeeting(new BigDecimal("0.99")).orElseThrow();

    assertThat(best.stages()).containsExactly(CHEAP, MID, TOP);
  }

  @Test
  void cheapestMeeting_target94_cheapThenMid() {
    // cheap > mid: 0.10 + 30 x 0.02 = 0.70 at 1 - 0.30 x 0.20 = 0.94
    SuccessRateCascade best = review.cheapestMeeting(new BigDecimal("0.94")).orElseThrow();

    assertThat(best.stages()).containsExactly(CHEAP, MID);
    assertThat(best.costUsd()).isEqualByComparingTo("0.70");
  }

  @Test
  void cheapestMeeting_lowTarget_cheapAlone() {
    SuccessRateCascade best = review.cheapestMeeting(new BigDecimal("0.70")).orElseThrow();

    assertThat(best.stages()).containsExactly(CHEAP);
  }

  @Test
  void cheapestMeeting_unreachableTarget_empty() {
    assertThat(review.cheapestMeeting(BigDecimal.ONE)).isEmpty();
  }

  @Test
  void cheapestMeeting_targetAboveOne_rejected() {
    assertThatThrownBy(() -> review.cheapestMeeting(new BigDecimal("1.2")))
        .hasMessage("success target 1.2 must be between 0 and 1 (0.95 means 95%)");
  }

  @Test
  void neverSucceeds_noCostPerSuccess() {
    SuccessRateCascade never =
        SuccessRateCascade.againstLastStage(10, List.of(stage("broken", "0.01", "0")));

    assertThat(never.successes()).isEqualByComparingTo("0");
    assertThat(never.costPerSuccessUsd()).isEmpty();
    assertThat(never.baselineCostPerSuccessUsd()).isEmpty();
  }

  @Test
  void freeCascade_noRatio() {
    assertThat(new SuccessRateCascade(10, List.of(stage("free", "0", "0.5")), TOP).costRatio())
        .isEmpty();
  }

  @Test
  void noStages_rejected() {
    assertThatThrownBy(() -> SuccessRateCascade.againstLastStage(100, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a cascade needs at least one stage; give each stage its cost per item and success"
                + " rate");
  }

  @Test
  void tooManyStages_rejected() {
    List<Stage> stages = Collections.nCopies(13, CHEAP);

    assertThatThrownBy(() -> SuccessRateCascade.againstLastStage(100, stages))
        .hasMessage(
            "a cascade of 13 stages has more than the maximum of 12; drop the stages that resolve"
                + " few items");
  }

  @Test
  void stage_successRateAboveOne_rejected() {
    assertThatThrownBy(() -> stage("top", "0.10", "1.2"))
        .hasMessage("stage top: success rate 1.2 must be between 0 and 1 (0.95 means 95%)");
  }

  @Test
  void negativeItems_rejected() {
    assertThatThrownBy(() -> SuccessRateCascade.againstLastStage(-5, List.of(TOP)))
        .hasMessage("items -5 must not be negative");
  }

  private static Stage stage(String name, String costPerItem, String successRate) {
    return new Stage(name, new BigDecimal(costPerItem), new BigDecimal(successRate));
  }
}
