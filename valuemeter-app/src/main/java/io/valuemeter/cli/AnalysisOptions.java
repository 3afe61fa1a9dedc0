package io.valuemeter.cli;

import io.valuemeter.economics.Targets;
import io.valuemeter.report.Dimension;
import java.math.BigDecimal;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of the key metrics, triggers and advice. */
final class AnalysisOptions {

  @Option(
      names = "--period",
      paramLabel = "PERIOD",
      defaultValue = "month",
      description = "Period of the key metrics: day, week or month (default: ${DEFAULT-VALUE}).")
  String period;

  @Option(
      names = "--category-tag",
      paramLabel = "TAG",
      defaultValue = "category",
      description =
          "Tag whose value groups comparable tasks, for token efficiency and model choice"
              + " (default: ${DEFAULT-VALUE}).")
  String categoryTag;

  @Option(
      names = "--target-retry-rate",
      converter = DecimalConverters.Fraction.class,
      paramLabel = "FRACTION",
      defaultValue = "0.10",
      description = "Retry rate that passes, below this (default: ${DEFAULT-VALUE}).")
  BigDecimal maxRetryRate;

  @Option(
      names = "--target-escalation-rate",
      converter = DecimalConverters.Fraction.class,
      paramLabel = "FRACTION",
      defaultValue = "0.05",
      description = "Human escalation rate that passes, below this (default: ${DEFAULT-VALUE}).")
  BigDecimal maxEscalationRate;

  @Option(
      names = "--trigger-rising-periods",
      paramLabel = "N",
      defaultValue = "3",
      description =
          "Consecutive rises of cost per outcome that fire a trigger (default: ${DEFAULT-VALUE}).")
  int risingPeriods;

  @Option(
      names = "--trigger-token-efficiency",
      converter = DecimalConverters.Fraction.class,
      paramLabel = "FRACTION",
      defaultValue = "0.5",
      description =
          "Token efficiency against comparable tasks below which a trigger fires"
              + " (default: ${DEFAULT-VALUE}).")
  BigDecimal minTokenEfficiency;

  @Option(
      names = "--trigger-human-rate",
      converter = DecimalConverters.Fraction.class,
      paramLabel = "FRACTION",
      defaultValue = "0.20",
      description =
          "Share of tasks needing a human above which a trigger fires (default: ${DEFAULT-VALUE}).")
  BigDecimal maxHumanInterventionRate;

  @Option(
      names = "--success-target",
      converter = DecimalConverters.Fraction.class,
      paramLabel = "FRACTION",
      description =
          "Success rate the recommended model or cascade must reach, as 0.3 or 30%% (default: 90%% of the"
              + " strongest single model's rate).")
  BigDecimal successTarget;

  @Option(
      names = "--max-stages",
      paramLabel = "N",
      defaultValue = "3",
      description = "Longest cascade considered, 1 to 4 models (default: ${DEFAULT-VALUE}).")
  int maxStages;

  @Option(
      names = "--cache-trace",
      paramLabel = "FILE",
      description =
          "Request trace with prompt block hashes (input_length, output_length, hash_ids per"
              + " line) for a prompt caching what-if; needs --trace-model.")
  Path cacheTrace;

  @Option(
      names = "--trace-model",
      paramLabel = "MODEL",
      description = "Model whose prices the --cache-trace what-if uses.")
  String traceModel;

  @Option(
      names = "--block-tokens",
      paramLabel = "N",
      defaultValue = "512",
      description = "Prompt tokens per hash in --cache-trace (default: ${DEFAULT-VALUE}).")
  int blockTokens;

  Targets targets() {
    try {
      return new Targets(
          maxRetryRate,
          maxEscalationRate,
          risingPeriods,
          minTokenEfficiency,
          maxHumanInterventionRate);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), ExitCodes.USAGE);
    }
  }

  Dimension periodDimension() {
    switch (period.toLowerCase(java.util.Locale.ROOT)) {
      case "day":
        return Dimension.DAY;
      case "week":
        return Dimension.WEEK;
      case "month":
        return Dimension.MONTH;
      default:
        throw new UserException(
            "--period " + period + " is not a period; use day, week or month", ExitCodes.USAGE);
    }
  }
}
