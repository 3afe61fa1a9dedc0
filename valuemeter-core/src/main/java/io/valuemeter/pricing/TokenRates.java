package io.valuemeter.pricing;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Prices in US dollars per million tokens for each token bucket.
 *
 * @param inputPerMillionTokens uncached input
 * @param outputPerMillionTokens output, reasoning included unless {@code reasoningPerMillionTokens}
 *     is set
 * @param cacheReadPerMillionTokens cache reads, or null when the catalog gives no cache-read rate
 * @param cacheWrite5mPerMillionTokens 5-minute cache writes, or null
 * @param cacheWrite1hPerMillionTokens 1-hour cache writes, or null
 * @param reasoningPerMillionTokens reasoning output when it has a rate of its own, or null
 */
public record TokenRates(
    BigDecimal inputPerMillionTokens,
    BigDecimal outputPerMillionTokens,
    BigDecimal cacheReadPerMillionTokens,
    BigDecimal cacheWrite5mPerMillionTokens,
    BigDecimal cacheWrite1hPerMillionTokens,
    BigDecimal reasoningPerMillionTokens) {

  public TokenRates {
    requireRate("input", inputPerMillionTokens, true);
    requireRate("output", outputPerMillionTokens, true);
    requireRate("cache read", cacheReadPerMillionTokens, false);
    requireRate("cache write 5m", cacheWrite5mPerMillionTokens, false);
    requireRate("cache write 1h", cacheWrite1hPerMillionTokens, false);
    requireRate("reasoning", reasoningPerMillionTokens, false);
  }

  /** Creates rates with only input and output prices. */
  public static TokenRates of(BigDecimal inputPerMillionTokens, BigDecimal outputPerMillionTokens) {
    return new TokenRates(inputPerMillionTokens, outputPerMillionTokens, null, null, null, null);
  }

  /** Returns the cache-read rate, empty when the catalog has none. */
  public Optional<BigDecimal> cacheRead() {
    return Optional.ofNullable(cacheReadPerMillionTokens);
  }

  /** Returns the 5-minute cache-write rate, empty when the catalog has none. */
  public Optional<BigDecimal> cacheWrite5m() {
    return Optional.ofNullable(cacheWrite5mPerMillionTokens);
  }

  /** Returns the 1-hour cache-write rate, empty when the catalog has none. */
  public Optional<BigDecimal> cacheWrite1h() {
    return Optional.ofNullable(cacheWrite1hPerMillionTokens);
  }

  /** Returns the reasoning rate, empty when reasoning is billed as output. */
  public Optional<BigDecimal> reasoning() {
    return Optional.ofNullable(reasoningPerMillionTokens);
  }

  private static void requireRate(String bucket, BigDecimal rate, boolean required) {
    if (rate == null) {
      if (required) {
        throw new IllegalArgumentException(bucket + " rate is required");
      }
      return;
    }
    if (rate.signum() < 0) {
      throw new IllegalArgumentException(
          bucket + " rate must be non-negative, got " + rate.toPlainString() + " per million");
    }
  }
}
