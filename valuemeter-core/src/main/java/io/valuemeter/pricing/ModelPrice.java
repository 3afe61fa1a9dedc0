package io.valuemeter.pricing;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The list price of one model from one date on.
 *
 * @param model the catalog key, lower case, as {@link ModelNames} normalises it
 * @param provider the provider that sells at this price, for example {@code anthropic}
 * @param effectiveFrom the first UTC day this price applies, or null when the source gives no date
 *     (then the price applies at any time)
 * @param standard the interactive rates
 * @param batch the batch-API rates, or null when the model has none
 * @param longContext the tier for long prompts, or null when the model has none
 * @param source where the price comes from: a page, a file or an overrides file
 */
public record ModelPrice(
    String model,
    String provider,
    LocalDate effectiveFrom,
    TokenRates standard,
    TokenRates batch,
    LongContextTier longContext,
    String source) {

  public ModelPrice {
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("model price needs a model name");
    }
    if (standard == null) {
      throw new IllegalArgumentException("model price for " + model + " needs standard rates");
    }
    source = source == null ? "" : source;
    provider = provider == null ? "" : provider;
  }

  /** Returns the batch rates, empty when the model has no batch price. */
  public Optional<TokenRates> batchRates() {
    return Optional.ofNullable(batch);
  }

  /** Returns the long-context tier, empty when the model has none. */
  public Optional<LongContextTier> longContextTier() {
    return Optional.ofNullable(longContext);
  }
}
