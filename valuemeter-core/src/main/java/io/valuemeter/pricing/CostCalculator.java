package io.valuemeter.pricing;

import io.valuemeter.usage.TokenUsage;
import io.valuemeter.usage.UsageMode;
import io.valuemeter.usage.UsageRecord;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Calculates the cost of usage records from their tokens and a {@link PriceCatalog}.
 *
 * <p>Cost in US dollars = sum over buckets of tokens x rate per million / 1,000,000, with the rates
 * that {@link #effectiveRates} chooses. A single call whose prompt (all input buckets) has more
 * tokens than the model's long-context threshold takes the tier's rates for every bucket, output
 * included. A record that sums many calls has no single prompt size, so it is always priced at base
 * rates.
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
    boolean hasTier = price.longContextTier().isPresent();
    boolean longContext =
        hasTier
            && !record.aggregate()
            && tokens.promptTokens() > price.longContextTier().get().thresholdTokens();
    TokenRates declared = declaredRates(price, record.mode(), longContext);
    boolean cacheRateMissing =
        (tokens.cacheRead() > 0 && declared.cacheRead().isEmpty())
            || (tokens.cacheWrite5m() > 0 && declared.cacheWrite5m().isEmpty())
            || (tokens.cacheWrite1h() > 0
                && declared.cacheWrite1h().isEmpty()
                && declared.cacheWrite5m().isEmpty());
    BigDecimal cost = costAtRates(tokens, effectiveRates(price, record.mode(), longContext));
    return new CallCost(
        cost,
        price,
        longContext,
        hasTier && record.aggregate(),
        record.mode() == UsageMode.BATCH && price.batchRates().isEmpty(),
        cacheRateMissing);
  }

  /**
   * Returns the rates that apply to a call, with every bucket filled in.
   *
   * <p>The choice, in order: the long-context tier's rates when {@code longContext} is true; for a
   * batch call the model's batch rates when it has them; the standard rates otherwise. A rate that
   * the chosen set lacks comes from the next set down (tier, then batch, then standard). A 1-hour
   * cache write still without a rate takes the 5-minute rate, any other cache bucket without a rate
   * takes the input rate, and reasoning without a rate takes the output rate.
   *
   * @param price the model's price
   * @param mode interactive or batch
   * @param longContext whether the request passed the long-context threshold
   */
  public static TokenRates effectiveRates(ModelPrice price, UsageMode mode, boolean longContext) {
    TokenRates rates = declaredRates(price, mode, longContext);
    BigDecimal input = rates.inputPerMillionTokens();
    BigDecimal cacheWrite5m = rates.cacheWrite5m().orElse(input);
    return new TokenRates(
        input,
        rates.outputPerMillionTokens(),
        rates.cacheRead().orElse(input),
        cacheWrite5m,
        rates.cacheWrite1h().orElse(cacheWrite5m),
        rates.reasoning().orElse(rates.outputPerMillionTokens()));
  }

  /** Returns the exact cost of token buckets at rates whose buckets are all filled in. */
  public static BigDecimal costAtRates(TokenUsage tokens, TokenRates rates) {
    BigDecimal perMillion =
        times(tokens.input(), rates.inputPerMillionTokens())
            .add(times(tokens.cacheRead(), rates.cacheReadPerMillionTokens()))
            .add(times(tokens.cacheWrite5m(), rates.cacheWrite5mPerMillionTokens()))
            .add(times(tokens.cacheWrite1h(), rates.cacheWrite1hPerMillionTokens()))
            .add(times(tokens.output() - tokens.reasoning(), rates.outputPerMillionTokens()))
            .add(times(tokens.reasoning(), rates.reasoningPerMillionTokens()));
    return perMillion.movePointLeft(6);
  }

  /**
   * Returns the rates a price declares for a call, before any bucket without a rate is filled in:
   * the tier's rates over the batch rates over the standard rates.
   */
  public static TokenRates declaredRates(ModelPrice price, UsageMode mode, boolean longContext) {
    TokenRates rates = price.standard();
    if (mode == UsageMode.BATCH && price.batchRates().isPresent()) {
      rates = fillFrom(price.batchRates().get(), rates);
    }
    if (longContext) {
      // NOTE: a batch call past the threshold takes the tier's interactive rates, because no
      // catalog here lists batch rates for long-context tiers; such a call may be overpriced.
      rates = fillFrom(price.longContextTier().get().rates(), rates);
    }
    return rates;
  }

  private static BigDecimal times(long tokens, BigDecimal ratePerMillion) {
    return tokens == 0 ? BigDecimal.ZERO : ratePerMillion.multiply(BigDecimal.valueOf(tokens));
  }

  /** Fills the optional rates that {@code primary} lacks from {@code fallback}. */
  private static TokenRates fillFrom(TokenRates primary, TokenRates fallback) {
    return new TokenRates(
        primary.inputPerMillionTokens(),
        primary.outputPerMillionTokens(),
        primary.cacheRead().orElse(fallback.cacheReadPerMillionTokens()),
        primary.cacheWrite5m().orElse(fallback.cacheWrite5mPerMillionTokens()),
        primary.cacheWrite1h().orElse(fallback.cacheWrite1hPerMillionTokens()),
        primary.reasoning().orElse(fallback.reasoningPerMillionTokens()));
  }
}
