package io.valuemeter.advice;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Value per token and return of one outcome, from its business value, the tokens it took and their
 * price.
 *
 * <p>Worked example: a resolved ticket worth $50 that took 15,000 tokens at $10 per million costs
 * 15,000 x 10 / 1,000,000 = $0.15, so the value per token is 50 / 15,000 = $0.0033333333 and the
 * return is 50 / 0.15 = 333.33x.
 *
 * @param valueUsd business value of the outcome in US dollars
 * @param tokens all tokens the outcome took, input and output
 * @param pricePerMillionTokensUsd blended price of those tokens in US dollars per million
 */
public record ValuePerToken(BigDecimal valueUsd, long tokens, BigDecimal pricePerMillionTokensUsd) {

  /** Validates that no value is missing or negative, reporting all problems together. */
  public ValuePerToken {
    new Problems()
        .requireNonNegative("value", valueUsd)
        .requireNonNegative("tokens", tokens)
        .requireNonNegative("price per million tokens", pricePerMillionTokensUsd)
        .throwIfAny();
  }

  /** Returns the exact cost in US dollars = tokens x price per million / 1,000,000. */
  public BigDecimal costUsd() {
    return Decimals.costOfTokens(tokens, pricePerMillionTokensUsd);
  }

  /**
   * Returns the value per token in US dollars = value / tokens, rounded to 10 decimal places
   * HALF_EVEN; empty when there are no tokens.
   */
  public Optional<BigDecimal> valuePerTokenUsd() {
    return Decimals.divideOrEmpty(valueUsd, BigDecimal.valueOf(tokens));
  }

  /**
   * Returns the return = value / cost, a multiple (333.33 means 333.33x), rounded to 10 decimal
   * places HALF_EVEN; empty when the cost is $0.
   */
  public Optional<BigDecimal> returnMultiple() {
    return Decimals.divideOrEmpty(valueUsd, costUsd());
  }
}
