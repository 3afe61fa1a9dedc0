package io.valuemeter.advice;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Saving from moving latency-tolerant interactive traffic to a batch API.
 *
 * <p>In US dollars, with token counts and rates per million tokens:
 *
 * <ul>
 *   <li>interactive cost = input x standard input rate + output x standard output rate;
 *   <li>batch cost = input x batch input rate + output x batch output rate;
 *   <li>saving = interactive cost - batch cost, negative when the batch rates are higher.
 * </ul>
 *
 * All three are exact. {@link #atDiscount} derives the batch rates from a discount on the standard
 * rates, {@link #DEFAULT_BATCH_DISCOUNT} when no batch rate is known.
 *
 * @param inputTokens input tokens that could wait for a batch
 * @param outputTokens output tokens of the same requests
 * @param standardInputPerMillionTokensUsd interactive input rate in US dollars per million tokens
 * @param standardOutputPerMillionTokensUsd interactive output rate in US dollars per million
 * @param batchInputPerMillionTokensUsd batch input rate in US dollars per million tokens
 * @param batchOutputPerMillionTokensUsd batch output rate in US dollars per million tokens
 */
public record BatchWhatIf(
    long inputTokens,
    long outputTokens,
    BigDecimal standardInputPerMillionTokensUsd,
    BigDecimal standardOutputPerMillionTokensUsd,
    BigDecimal batchInputPerMillionTokensUsd,
    BigDecimal batchOutputPerMillionTokensUsd) {

  /**
   * Discount of batch rates on standard rates, 50%, used when no batch rate is given. Anthropic's
   * batch processing documentation gives 50% for its Message Batches API, and OpenAI's Batch API is
   * commonly listed at 50% too. Other providers and models may differ, so pass their batch rates.
   */
  public static final BigDecimal DEFAULT_BATCH_DISCOUNT = new BigDecimal("0.50");

  /** Validates the inputs, reporting every problem in one {@link IllegalArgumentException}. */
  public BatchWhatIf {
    new Problems()
        .requireNonNegative("input tokens", inputTokens)
        .requireNonNegative("output tokens", outputTokens)
        .requireNonNegative("standard input rate", standardInputPerMillionTokensUsd)
        .requireNonNegative("standard output rate", standardOutputPerMillionTokensUsd)
        .requireNonNegative("batch input rate", batchInputPerMillionTokensUsd)
        .requireNonNegative("batch output rate", batchOutputPerMillionTokensUsd)
        .throwIfAny();
  }

  /**
   * Creates a what-if whose batch rates are the standard rates x (1 - discount), exact.
   *
   * @param discount price cut of the batch rates, from 0 to 1 (0.5 for half price)
   * @throws IllegalArgumentException when a value is invalid
   */
  public static BatchWhatIf atDiscount(
      long inputTokens,
      long outputTokens,
      BigDecimal standardInputPerMillionTokensUsd,
      BigDecimal standardOutputPerMillionTokensUsd,
      BigDecimal discount) {
    new Problems()
        .requireNonNegative("standard input rate", standardInputPerMillionTokensUsd)
        .requireNonNegative("standard output rate", standardOutputPerMillionTokensUsd)
        .requireFraction("batch discount", discount)
        .throwIfAny();
    return new BatchWhatIf(
        inputTokens,
        outputTokens,
        standardInputPerMillionTokensUsd,
        standardOutputPerMillionTokensUsd,
        discountedRate(standardInputPerMillionTokensUsd, discount),
        discountedRate(standardOutputPerMillionTokensUsd, discount));
  }

  /**
   * Returns the exact batch rate = standard rate x (1 - discount).
   *
   * @throws IllegalArgumentException when the rate is negative or the discount outside 0 to 1
   */
  public static BigDecimal discountedRate(BigDecimal standardRate, BigDecimal discount) {
    new Problems()
        .requireNonNegative("standard rate", standardRate)
        .requireFraction("batch discount", discount)
        .throwIfAny();
    return standardRate.multiply(BigDecimal.ONE.subtract(discount));
  }

  /** Returns the exact interactive cost in US dollars at the standard rates. */
  public BigDecimal interactiveCostUsd() {
    return Decimals.costOfTokens(inputTokens, standardInputPerMillionTokensUsd)
        .add(Decimals.costOfTokens(outputTokens, standardOutputPerMillionTokensUsd));
  }

  /** Returns the exact cost in US dollars at the batch rates. */
  public BigDecimal batchCostUsd() {
    return Decimals.costOfTokens(inputTokens, batchInputPerMillionTokensUsd)
        .add(Decimals.costOfTokens(outputTokens, batchOutputPerMillionTokensUsd));
  }

  /** Returns the exact saving in US dollars = interactive cost - batch cost. */
  public BigDecimal savingUsd() {
    return interactiveCostUsd().subtract(batchCostUsd());
  }

  /**
   * Returns the saving as a share of the interactive cost, rounded to 10 decimal places HALF_EVEN;
   * empty when the interactive cost is $0.
   */
  public Optional<BigDecimal> savingShare() {
    return Decimals.divideOrEmpty(savingUsd(), interactiveCostUsd());
  }
}
