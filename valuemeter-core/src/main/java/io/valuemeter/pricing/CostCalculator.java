package io.valuemeter.pricing;

import io.valuemeter.usage.TokenUsage;
import io.valuemeter.usage.UsageMode;
import io.valuemeter.usage.UsageRecord;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Calculates the cost of usage records from their tokens and a {@link PriceCatalog}.
 *
 * <p>Cost in US dollars = sum over buckets of tokens x rate per million / 1,000,000, where the
 * rates are chosen as follows:
 *
 * <ul>
 *   <li>a batch call takes the model's batch rates when it has them;
 *   <li>a single call whose prompt (all input buckets) passes the long-context threshold takes the
 *       tier's rates for every bucket, output included; a record that sums many calls never does;
 *   <li>a cache bucket without a cache rate is priced at the input rate and flagged;
 *   <li>reasoning tokens take their own rate when the catalog has one, otherwise the output rate.
 * </ul>
 *
 * <p>The arithmetic is exact: a rate per million times a token count, shifted six decimal places.
 */
public final class CostCalculator {

  private final PriceCatalog catalog;

  public CostCalculator(PriceCatalog catalog) {
    this.catalog = catalog;
  }

  /** Returns the cost of a record, empty when the catalog has no price for its model. */
  public Optional<CallCost> cost(UsageRecord record) {
    return catalog
        .find(record.model(), record.provider(), record.time())
        .map(price -> cost(record, price));
  }

  /** Returns the cost of a record at a given price. */
  public static CallCost cost(UsageRecord record, ModelPrice price) {
    TokenUsage tokens = record.tokens();
    TokenRates rates = price.standard();
    boolean batchRatesMissing = false;
    if (record.mode() == UsageMode.BATCH) {
      if (price.batchRates().isPresent()) {
        rates = withCacheRatesFrom(price.batchRates().get(), rates);
      } else {
        batchRatesMissing = true;
      }
    }

    boolean longContextApplied = false;
    boolean aggregateAtBaseRates = false;
    if (price.longContextTier().isPresent()) {
      LongContextTier tier = price.longContextTier().get();
      if (record.aggregate()) {
        aggregateAtBaseRates = true;
      } else if (tokens.promptTokens() > tier.thresholdTokens()) {
        rates = withCacheRatesFrom(tier.rates(), rates);
        longContextApplied = true;
      }
    }

    boolean cacheRateMissing =
        (tokens.cacheRead() > 0 && rates.cacheRead().isEmpty())
            || (tokens.cacheWrite5m() > 0 && rates.cacheWrite5m().isEmpty())
            || (tokens.cacheWrite1h() > 0 && rates.cacheWrite1h().isEmpty());
    BigDecimal cost = costAtRates(tokens, rates);
    return new CallCost(
        cost, price, longContextApplied, aggregateAtBaseRates, batchRatesMissing, cacheRateMissing);
  }

  /**
   * Returns the exact cost of token buckets at given rates. A 1-hour cache write without a rate of
   * its own takes the 5-minute rate, and any cache bucket without a rate takes the input rate.
   */
  public static BigDecimal costAtRates(TokenUsage tokens, TokenRates rates) {
    BigDecimal input = rates.inputPerMillionTokens();
    BigDecimal cacheRead = rates.cacheRead().orElse(input);
    BigDecimal cacheWrite5m = rates.cacheWrite5m().orElse(input);
    BigDecimal cacheWrite1h = rates.cacheWrite1h().orElse(cacheWrite5m);
    BigDecimal output = rates.outputPerMillionTokens();
    BigDecimal reasoning = rates.reasoning().orElse(output);

    BigDecimal perMillion =
        times(tokens.input(), input)
            .add(times(tokens.cacheRead(), cacheRead))
            .add(times(tokens.cacheWrite5m(), cacheWrite5m))
            .add(times(tokens.cacheWrite1h(), cacheWrite1h))
            .add(times(tokens.output() - tokens.reasoning(), output))
            .add(times(tokens.reasoning(), reasoning));
    return perMillion.movePointLeft(6);
  }

  private static BigDecimal times(long tokens, BigDecimal ratePerMillion) {
    return tokens == 0 ? BigDecimal.ZERO : ratePerMillion.multiply(BigDecimal.valueOf(tokens));
  }

  /** Fills the cache and reasoning rates that {@code primary} lacks from {@code fallback}. */
  private static TokenRates withCacheRatesFrom(TokenRates primary, TokenRates fallback) {
    return new TokenRates(
        primary.inputPerMillionTokens(),
        primary.outputPerMillionTokens(),
        primary.cacheRead().orElse(fallback.cacheReadPerMillionTokens()),
        primary.cacheWrite5m().orElse(fallback.cacheWrite5mPerMillionTokens()),
        primary.cacheWrite1h().orElse(fallback.cacheWrite1hPerMillionTokens()),
        primary.reasoning().orElse(fallback.reasoningPerMillionTokens()));
  }
}
