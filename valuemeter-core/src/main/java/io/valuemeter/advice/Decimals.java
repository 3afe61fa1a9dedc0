package io.valuemeter.advice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/** Decimal arithmetic shared by the advice calculators; money stays exact until a division. */
final class Decimals {

  /** Decimal places of every quotient in this package, rounded HALF_EVEN. */
  static final int SCALE = 10;

  private Decimals() {}

  /** Returns {@code numerator / denominator} rounded to {@link #SCALE} places, HALF_EVEN. */
  static BigDecimal divide(BigDecimal numerator, BigDecimal denominator) {
    return numerator.divide(denominator, SCALE, RoundingMode.HALF_EVEN);
  }

  /**
   * Returns {@code numerator / denominator} as {@link #divide} does, empty when the denominator is
   * 0.
   */
  static Optional<BigDecimal> divideOrEmpty(BigDecimal numerator, BigDecimal denominator) {
    if (denominator.signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(divide(numerator, denominator));
  }

  /** Returns the exact cost in US dollars of {@code tokens} at a price per million tokens. */
  static BigDecimal costOfTokens(long tokens, BigDecimal pricePerMillionTokensUsd) {
    return pricePerMillionTokensUsd.multiply(BigDecimal.valueOf(tokens)).movePointLeft(6);
  }

  /** Returns a decimal without exponent and without trailing zeros, for messages. */
  static String plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() < 0) {
      stripped = stripped.setScale(0);
    }
    return stripped.toPlainString();
  }
}
