package io.valuemeter.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class BatchWhatIfTest {

  private final BatchWhatIf nightly =
      BatchWhatIf.atDiscount(
          10_000_000,
          2_000_000,
          new BigDecimal("3"),
          new BigDecimal("15"),
          BatchWhatIf.DEFAULT_BATCH_DISCOUNT);

  @Test
  void interactiveCost_standardRates_sixtyDollars() {
    // 10M x $3 + 2M x $15 = 30 + 30
    assertThat(nightly.interactiveCostUsd()).isEqualByComparingTo("60");
  }

  @Test
  void batchCost_defaultDiscount_halfPrice() {
    // 10M x $1.50 + 2M x $7.50 = 15 + 15
    assertThat(nightly.batchInputPerMillionTokensUsd()).isEqualByComparingTo("1.5");
    assertThat(nightly.batchOutputPerMillionTokensUsd()).isEqualByComparingTo("7.5");
    assertThat(nightly.batchCostUsd()).isEqualByComparingTo("30");
  }

  @Test
  void saving_defaultDiscount_thirtyDollarsHalf() {
    assertThat(nightly.savingUsd()).isEqualByComparingTo("30");
    assertThat(nightly.savingShare().orElseThrow()).isEqualByComparingTo("0.5");
  }

  @Test
  void explicitBatchRates_usedAsGiven() {
    BatchWhatIf explicit =
        new BatchWhatIf(
            10_000_000,
            2_000_000,
            new BigDecimal("3"),
            new BigDecimal("15"),
            new BigDecimal("2"),
            new BigDecimal("10"));

    // 10M x $2 + 2M x $10 = 20 + 20 = 40; 60 - 40 = 20; 20 / 60 = 0.333...
    assertThat(explicit.batchCostUsd()).isEqualByComparingTo("40");
    assertThat(explicit.savingUsd()).isEqualByComparingTo("20");
    assertThat(explicit.savingShare().orElseThrow()).isEqualByComparingTo("0.3333333333");
  }

  @Test
  void batchDearerThanStandard_negativeSaving() {
    BatchWhatIf dearer =
        new BatchWhatIf(
            1_000_000, 0, BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("2"), new BigDecimal("2"));

    assertThat(dearer.savingUsd()).isEqualByComparingTo("-1");
  }

  @Test
  void noTokens_zeroCostAndNoShare() {
    BatchWhatIf none =
        BatchWhatIf.atDiscount(
            0, 0, BigDecimal.ONE, BigDecimal.ONE, BatchWhatIf.DEFAULT_BATCH_DISCOUNT);

    assertThat(none.interactiveCostUsd()).isEqualByComparingTo("0");
    assertThat(none.savingShare()).isEmpty();
  }

  @Test
  void discountAboveOne_rejected() {
    assertThatThrownBy(
            () ->
                BatchWhatIf.atDiscount(1, 1, BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("1.5")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch discount 1.5 must be between 0 and 1 (0.95 means 95%)");
  }

  @Test
  void negativeTokensAndRate_allReported() {
    assertThatThrownBy(
            () ->
                new BatchWhatIf(
                    -1, 0, BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("-0.5"), BigDecimal.ONE))
        .hasMessage(
            "input tokens -1 must not be negative; batch input rate -0.5 must not be negative");
  }
}
