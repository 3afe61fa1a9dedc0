package io.valuemeter.advice;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Effective input price with prompt caching, from the hit rate, the cache-read discount and the
 * cache-write premium, and the break-even hit rate.
 *
 * <p>With input price p per million tokens, hit rate h, read discount d and write premium w:
 *
 * <ul>
 *   <li>cache-read price = p x (1 - d), cache-write price = p x (1 + w);
 *   <li>effective price = (1 - h) x miss price + h x cache-read price, where a miss costs the
 *       cache-write price when misses are written to the cache and p otherwise;
 *   <li>break-even hit rate, where caching costs as much as no caching: (1 - h) x (1 + w) + h x (1
 *       - d) = 1 gives h = w / (w + d) when misses are written, and 0 when they are not.
 * </ul>
 *
 * <p>Worked example at $15 per million, 90% hits and a 90% read discount: 0.1 x 15 + 0.9 x 1.5 =
 * $2.85 per million without writes, and 0.1 x 18.75 + 0.9 x 1.5 = $3.225 with writes at a 25%
 * premium. 1 million tokens a night for 30 nights costs $450 without caching and $96.75 with it, a
 * saving of $353.25. The break-even hit rate with writes is 0.25 / 1.15 = 21.74%.
 *
 * @param inputPerMillionTokensUsd uncached input price in US dollars per million tokens
 * @param hitRate share of input tokens read from the cache, from 0 to 1
 * @param readDiscount price cut on cache reads, from 0 to 1 (0.9 when reads cost 10% of input)
 * @param writePremium price increase on cache writes, 0 or more (0.25 when writes cost 125%)
 * @param missesWritten whether the tokens that miss the cache are written to it
 */
public record CachingWhatIf(
    BigDecimal inputPerMillionTokensUsd,
    BigDecimal hitRate,
    BigDecimal readDiscount,
    BigDecimal writePremium,
    boolean missesWritten) {

  /** Validates the inputs, reporting every problem in one {@link IllegalArgumentException}. */
  public CachingWhatIf {
    new Problems()
        .requireNonNegative("input price per million tokens", inputPerMillionTokensUsd)
        .requireFraction("hit rate", hitRate)
        .requireFraction("read discount", readDiscount)
        .requireNonNegative("write premium", writePremium)
        .throwIfAny();
  }

  /** Returns the exact cache-read price in US dollars per million tokens = p x (1 - d). */
  public BigDecimal readPerMillionTokensUsd() {
    return inputPerMillionTokensUsd.multiply(BigDecimal.ONE.subtract(readDiscount));
  }

  /** Returns the exact cache-write price in US dollars per million tokens = p x (1 + w). */
  public BigDecimal writePerMillionTokensUsd() {
    return inputPerMillionTokensUsd.multiply(BigDecimal.ONE.add(writePremium));
  }

  /**
   * Returns the exact effective input price in US dollars per million tokens = (1 - h) x miss price
   * + h x cache-read price.
   */
  public BigDecimal effectivePerMillionTokensUsd() {
    BigDecimal missPrice = missesWritten ? writePerMillionTokensUsd() : inputPerMillionTokensUsd;
    return BigDecimal.ONE
        .subtract(hitRate)
        .multiply(missPrice)
        .add(hitRate.multiply(readPerMillionTokensUsd()));
  }

  /** Returns the exact cost in US dollars of {@code inputTokens} without caching. */
  public BigDecimal uncachedCostUsd(long inputTokens) {
    requireTokens(inputTokens);
    return Decimals.costOfTokens(inputTokens, inputPerMillionTokensUsd);
  }

  /** Returns the exact cost in US dollars of {@code inputTokens} at the effective price. */
  public BigDecimal cachedCostUsd(long inputTokens) {
    requireTokens(inputTokens);
    return Decimals.costOfTokens(inputTokens, effectivePerMillionTokensUsd());
  }

  /**
   * Returns the exact saving in US dollars on {@code inputTokens} = uncached cost - cached cost;
   * negative when caching costs more.
   */
  public BigDecimal savingUsd(long inputTokens) {
    return uncachedCostUsd(inputTokens).subtract(cachedCostUsd(inputTokens));
  }

  /**
   * Returns the saving as a share of the uncached price = 1 - effective price / p, rounded to 10
   * decimal places HALF_EVEN; empty when the input price is $0.
   */
  public Optional<BigDecimal> savingShare() {
    return Decimals.divideOrEmpty(
        inputPerMillionTokensUsd.subtract(effectivePerMillionTokensUsd()),
        inputPerMillionTokensUsd);
  }

  /**
   * Returns the hit rate at which caching costs as much as no caching, rounded to 10 decimal places
   * HALF_EVEN: w / (w + d) when misses are written, 0 when they are not. Above it caching saves
   * money. Empty when the premium that applies and the discount are both 0, because the cost is
   * then the same at every hit rate.
   */
  public Optional<BigDecimal> breakEvenHitRate() {
    BigDecimal premium = missesWritten ? writePremium : BigDecimal.ZERO;
    return Decimals.divideOrEmpty(premium, premium.add(readDiscount));
  }

  private static void requireTokens(long inputTokens) {
    new Problems().requireNonNegative("input tokens", inputTokens).throwIfAny();
  }
}
