package io.valuemeter.report;

import io.valuemeter.usage.TokenUsage;

/**
 * A model that the price catalog could not price, with what it used. Its calls are left out of
 * every cost total.
 *
 * @param model the model as the source spells it
 * @param provider the provider as the source names it, or null
 * @param calls records of the model
 * @param tokens their token buckets summed
 */
public record UnpricedModel(String model, String provider, long calls, TokenUsage tokens) {}
