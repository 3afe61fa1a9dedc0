package io.valuemeter.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.valuemeter.advice.ProductPricing.Margins;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ProductPricingTest {

  // $0.30 LLM + $0.20 human per task, 80% success, $10 per success, 20% of value, 20% margin
  private final ProductPricing support = pricing("0.30", "0.20", "0.80", "10", "0.20", "0.20");

  @Test
  void costs_supportBot_matchHandArithmetic() {
    // 0.30 + 0.20 = 0.50; 0.50 / 0.80 = 0.625
    assertThat(support.costPerTaskUsd()).isEqualByComparingTo("0.50");
    assertThat(support.costPerSuccessUsd().orElseThrow()).isEqualByComparingTo("0.625");
  }

  @Test
  void costPlus_twentyPercentMargin_priceAndMargin() {
    // 0.50 / (1 - 0.20) = 0.625
    assertThat(support.costPlusPricePerTaskUsd()).isEqualByComparingTo("0.625");
    // (0.625 - 0.50) / 0.625 = 0.2
    assertThat(support.margins().costPlus().orElseThrow()).isEqualByComparingTo("0.2");
  }

  @Test
  void valueBased_twentyPercentShare_priceAndMargin() {
    // 0.20 x 10 x 0.80 = 1.60
    assertThat(support.valueBasedPricePerTaskUsd()).isEqualByComparingTo("1.60");
    // (1.60 - 0.50) / 1.60 = 0.6875
    assertThat(support.margins().valueBased().orElseThrow()).isEqualByComparingTo("0.6875");
  }

  @Test
  void outcomeBased_twentyPercentMargin_priceAndMargin() {
    // 0.50 / (0.80 x 0.80) = 0.78125 per success
    assertThat(support.outcomePricePerSuccessUsd().orElseThrow()).isEqualByComparingTo("0.78125");
    // earns 0.78125 x 0.80 = 0.625 per task: (0.625 - 0.50) / 0.625 = 0.2
    assertThat(support.margins().outcomeBased().orElseThrow()).isEqualByComparingTo("0.2");
  }

  @Test
  void modelPriceCut_half_llmCostHalves() {
    Margins cut = support.marginsAfterModelPriceCut(new BigDecimal("0.5"));

    // 0.15 + 0.20 = 0.35
    assertThat(cut.costPerTaskUsd()).isEqualByComparingTo("0.35");
    // (0.625 - 0.35) / 0.625 = 0.44
    assertThat(cut.costPlus().orElseThrow()).isEqualByComparingTo("0.44");
    // (1.60 - 0.35) / 1.60 = 0.78125
    assertThat(cut.valueBased().orElseThrow()).isEqualByComparingTo("0.78125");
    // (0.625 - 0.35) / 0.625 = 0.44
    assertThat(cut.outcomeBased().orElseThrow()).isEqualByComparingTo("0.44");
  }

  @Test
  void successRateChange_minusTenPoints_outcomeMarginFalls() {
    Margins lower = support.marginsAtSuccessRateChange(new BigDecimal("-0.10"));

    assertThat(lower.successRate()).isEqualByComparingTo("0.70");
    // per-task prices earn the same per task
    assertThat(lower.costPlus().orElseThrow()).isEqualByComparingTo("0.2");
    assertThat(lower.valueBased().orElseThrow()).isEqualByComparingTo("0.6875");
    // earns 0.78125 x 0.70 = 0.546875 per task: 0.046875 / 0.546875 = 0.085714285...
    assertThat(lower.outcomeBased().orElseThrow()).isEqualByComparingTo("0.0857142857");
  }

  @Test
  void costPlus_thirtyPercentMargin_roundedPriceKeepsMargin() {
    ProductPricing thirty = pricing("0.30", "0.20", "0.80", "10", "0.20", "0.30");

    // 0.50 / 0.70 = 0.714285714...
    assertThat(thirty.costPlusPricePerTaskUsd()).isEqualByComparingTo("0.7142857143");
    // 0.2142857143 / 0.7142857143 = 0.30000000002, rounded to 10 places
    assertThat(thirty.margins().costPlus().orElseThrow()).isEqualByComparingTo("0.3");
  }

  @Test
  void zeroSuccessRate_noOutcomeOrValuePrice() {
    ProductPricing never = pricing("0.30", "0.20", "0", "10", "0.20", "0.20");

    assertThat(never.costPerSuccessUsd()).isEmpty();
    assertThat(never.outcomePricePerSuccessUsd()).isEmpty();
    assertThat(never.margins().outcomeBased()).isEmpty();
    // 0.20 x 10 x 0 = 0, and a $0 price has no margin
    assertThat(never.margins().valueBased()).isEmpty();
  }

  @Test
  void zeroCost_costPlusPriceZeroNoMargin() {
    ProductPricing free = pricing("0", "0", "0.80", "10", "0.20", "0.20");

    assertThat(free.costPlusPricePerTaskUsd()).isEqualByComparingTo("0");
    assertThat(free.margins().costPlus()).isEmpty();
  }

  @Test
  void margin_priceBelowCost_negative() {
    // (0.40 - 0.50) / 0.40 = -0.25
    assertThat(ProductPricing.margin(new BigDecimal("0.40"), new BigDecimal("0.50")).orElseThrow())
        .isEqualByComparingTo("-0.25");
  }

  @Test
  void margin_zeroPrice_empty() {
    assertThat(ProductPricing.margin(BigDecimal.ZERO, BigDecimal.ONE)).isEmpty();
  }

  @Test
  void invalidInputs_allReported() {
    assertThatThrownBy(() -> pricing("-0.30", "0.20", "1.2", "10", "1.5", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "LLM cost per task -0.3 must not be negative; success rate 1.2 must be between 0 and"
                + " 1 (0.95 means 95%); value share 1.5 must be between 0 and 1 (0.95 means 95%);"
                + " target margin 1 must be at least 0 and below 1 (0.3 means 30%)");
  }

  @Test
  void negativeMargin_rejected() {
    assertThatThrownBy(() -> pricing("0.30", "0.20", "0.8", "10", "0.2", "-0.1"))
        .hasMessage("target margin -0.1 must be at least 0 and below 1 (0.3 means 30%)");
  }

  @Test
  void successRateChange_pastOne_rejected() {
    assertThatThrownBy(() -> support.marginsAtSuccessRateChange(new BigDecimal("0.3")))
        .hasMessage(
            "success rate 0.8 changed by 0.3 is 1.1, outside 0 to 1; choose a smaller change");
  }

  @Test
  void modelPriceCut_aboveOne_rejected() {
    assertThatThrownBy(() -> support.marginsAfterModelPriceCut(new BigDecimal("1.5")))
        .hasMessage("model price cut 1.5 must be between 0 and 1 (0.95 means 95%)");
  }

  private static ProductPricing pricing(
      String llm, String human, String successRate, String value, String share, String margin) {
    return new ProductPricing(
        new BigDecimal(llm),
        new BigDecimal(human),
        new BigDecimal(successRate),
        new BigDecimal(value),
        new BigDecimal(share),
        new BigDecimal(margin));
  }
}
