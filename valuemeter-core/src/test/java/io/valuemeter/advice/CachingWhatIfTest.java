package io.valuemeter.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CachingWhatIfTest {

  private static final long THIRTY_NIGHTS = 30 * 1_000_000L;

  private final CachingWhatIf withoutWrites = caching("15", "0.90", "0.90", "0.25", false);
  private final CachingWhatIf withWrites = caching("15", "0.90", "0.90", "0.25", true);

  @Test
  void prices_fifteenDollars_readAndWrite() {
    // 15 x (1 - 0.90), 15 x (1 + 0.25)
    assertThat(withWrites.readPerMillionTokensUsd()).isEqualByComparingTo("1.5");
    assertThat(withWrites.writePerMillionTokensUsd()).isEqualByComparingTo("18.75");
  }

  @Test
  void effectivePrice_missesNotWritten_2point85() {
    // 0.1 x 15 + 0.9 x 1.5 = 1.5 + 1.35
    assertThat(withoutWrites.effectivePerMillionTokensUsd()).isEqualByComparingTo("2.85");
  }

  @Test
  void effectivePrice_missesWrittenAtPremium_3point225() {
    // 0.1 x 18.75 + 0.9 x 1.5 = 1.875 + 1.35
    assertThat(withWrites.effectivePerMillionTokensUsd()).isEqualByComparingTo("3.225");
  }

  @Test
  void thirtyNights_missesWritten_matchWorkedExample() {
    // 30,000,000 x 15 / 1,000,000 = 450; 30 x 3.225 = 96.75; 450 - 96.75 = 353.25
    assertThat(withWrites.uncachedCostUsd(THIRTY_NIGHTS)).isEqualByComparingTo("450");
    assertThat(withWrites.cachedCostUsd(THIRTY_NIGHTS)).isEqualByComparingTo("96.75");
    assertThat(withWrites.savingUsd(THIRTY_NIGHTS)).isEqualByComparingTo("353.25");
  }

  @Test
  void thirtyNights_missesNotWritten_saving364point50() {
    // 30 x 2.85 = 85.50; 450 - 85.50 = 364.50
    assertThat(withoutWrites.cachedCostUsd(THIRTY_NIGHTS)).isEqualByComparingTo("85.50");
    assertThat(withoutWrites.savingUsd(THIRTY_NIGHTS)).isEqualByComparingTo("364.50");
  }

  @Test
  void savingShare_missesWritten_78point5Percent() {
    // (15 - 3.225) / 15 = 0.785
    assertThat(withWrites.savingShare().orElseThrow()).isEqualByComparingTo("0.785");
  }

  @Test
  void breakEven_missesWritten_21point74Percent() {
    // 0.25 / (0.25 + 0.90) = 0.217391304...
    assertThat(withWrites.breakEvenHitRate().orElseThrow()).isEqualByComparingTo("0.2173913043");
  }

  @Test
  void breakEven_missesNotWritten_zero() {
    assertThat(withoutWrites.breakEvenHitRate().orElseThrow()).isEqualByComparingTo("0");
  }

  @Test
  void hitRateBelowBreakEven_cachingCostsMore() {
    CachingWhatIf low = caching("15", "0.20", "0.90", "0.25", true);

    // 0.8 x 18.75 + 0.2 x 1.5 = 15.30, above the uncached 15
    assertThat(low.effectivePerMillionTokensUsd()).isEqualByComparingTo("15.30");
    assertThat(low.savingUsd(1_000_000)).isEqualByComparingTo("-0.30");
  }

  @Test
  void zeroHitRate_missesWritten_payWritePremium() {
    assertThat(caching("15", "0", "0.90", "0.25", true).effectivePerMillionTokensUsd())
        .isEqualByComparingTo("18.75");
  }

  @Test
  void allHits_allAtReadPrice() {
    assertThat(caching("15", "1", "0.90", "0.25", true).effectivePerMillionTokensUsd())
        .isEqualByComparingTo("1.5");
  }

  @Test
  void noDiscountNoPremium_noBreakEven() {
    assertThat(caching("15", "0.5", "0", "0", true).breakEvenHitRate()).isEmpty();
  }

  @Test
  void noDiscount_breakEvenAtAllHits() {
    // 0.25 / (0.25 + 0) = 1
    assertThat(caching("15", "0.5", "0", "0.25", true).breakEvenHitRate().orElseThrow())
        .isEqualByComparingTo("1");
  }

  @Test
  void freeInput_noSavingShare() {
    assertThat(caching("0", "0.9", "0.9", "0.25", true).savingShare()).isEmpty();
  }

  @Test
  void zeroTokens_zeroCost() {
    assertThat(withWrites.cachedCostUsd(0)).isEqualByComparingTo("0");
  }

  @Test
  void invalidRates_allReported() {
    assertThatThrownBy(() -> caching("-15", "1.2", "-0.1", "-0.25", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "input price per million tokens -15 must not be negative; hit rate 1.2 must be"
                + " between 0 and 1 (0.95 means 95%); read discount -0.1 must be between 0 and 1"
                + " (0.95 means 95%); write premium -0.25 must not be negative");
  }

  @Test
  void negativeTokens_rejected() {
    assertThatThrownBy(() -> withWrites.cachedCostUsd(-1))
        .hasMessage("input tokens -1 must not be negative");
  }

  private static CachingWhatIf caching(
      String price, String hitRate, String discount, String premium, boolean missesWritten) {
    return new CachingWhatIf(
        new BigDecimal(price),
        new BigDecimal(hitRate),
        new BigDecimal(discount),
        new BigDecimal(premium),
        missesWritten);
  }
}
