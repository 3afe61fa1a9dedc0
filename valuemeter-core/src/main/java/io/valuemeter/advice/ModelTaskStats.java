package io.valuemeter.advice;

import java.math.BigDecimal;

/**
 * What one model did on one task category, as recorded in the ledger.
 *
 * @param model the model
 * @param category the task or task category, such as a benchmark task name
 * @param trials tasks of the category that the model attempted and that have an outcome
 * @param successes those trials that succeeded
 * @param costUsd the LLM cost of those trials in US dollars
 */
public record ModelTaskStats(
    String model, String category, long trials, long successes, BigDecimal costUsd) {

  public ModelTaskStats {
    if (trials < 1) {
      throw new IllegalArgumentException(
          "model " + model + " on " + category + " needs at least one trial, got " + trials);
    }
    if (successes < 0 || successes > trials) {
      throw new IllegalArgumentException(
          "model "
              + model
              + " on "
              + category
              + " has "
              + successes
              + " successes in "
              + trials
              + " trials");
    }
  }
}
