package io.valuemeter.pricing;

/**
 * Higher rates that apply to the whole request once its prompt passes a threshold.
 *
 * @param thresholdTokens the tier applies when the prompt has more than this many input tokens
 *     (uncached input, cache reads and cache writes together)
 * @param rates the rates for every bucket of such a request
 */
public record LongContextTier(long thresholdTokens, TokenRates rates) {

  public LongContextTier {
    if (thresholdTokens <= 0) {
      throw new IllegalArgumentException(
          "long-context threshold must be positive, got " + thresholdTokens);
    }
    if (rates == null) {
      throw new IllegalArgumentException("long-context tier needs rates");
    }
  }
}
