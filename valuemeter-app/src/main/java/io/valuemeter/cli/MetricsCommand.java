package io.valuemeter.cli;

import io.valuemeter.economics.EconomicsAnalysis;
import io.valuemeter.report.AnalysisJson;
import io.valuemeter.report.AnalysisTable;
import io.valuemeter.report.ReportRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code valuemeter metrics}: key metrics against targets, triggers and the verdict. */
@Command(
    name = "metrics",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the key metrics per period against their targets (cost per successful outcome"
          + " falling, value per token rising, retry rate and human escalation below their"
          + " limits, model efficiency compared), the optimisation triggers that fire, and"
          + " whether to optimise at all.",
      "Reads the same input as report."
    },
    footer = {
      "",
      "Examples:",
      "  valuemeter metrics --period month",
      "  valuemeter metrics examples/data/trial_token_usage.csv"
          + " --mapping examples/terminal-bench.mapping --category-tag category"
    })
final class MetricsCommand implements Callable<Integer> {

  @Mixin InputOptions options;

  @Mixin ReportOptions reportOptions;

  @Mixin AnalysisOptions analysisOptions;

  @Override
  public Integer call() throws Exception {
    AnalysisOutput.requireTableOrJson(reportOptions.format, "metrics");
    ReportRequest request = reportOptions.toRequest();
    try (LedgerSession session = LedgerSession.open(options)) {
      EconomicsAnalysis analysis =
          new AnalysisRunner(session.ledger, session.catalog, request, analysisOptions, System.err)
              .analyse();
      if (reportOptions.format == ReportOptions.Format.json) {
        AnalysisOutput.writeJsonObject(json -> AnalysisJson.writeAnalysis(json, analysis));
      } else {
        AnalysisTable.renderAnalysis(analysis, System.out);
      }
    }
    System.out.flush();
    return ExitCodes.OK;
  }
}
