package io.valuemeter.cli;

import io.valuemeter.report.AdviceReport;
import io.valuemeter.report.AnalysisJson;
import io.valuemeter.report.AnalysisTable;
import io.valuemeter.report.ReportRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code valuemeter advise}: model choice and cascades, batch, caching and coordination cost. */
@Command(
    name = "advise",
    mixinStandardHelpOptions = true,
    description = {
      "Advises from the recorded usage and outcomes: the cheapest single model and the cheapest"
          + " cascade (cheap model first, failures escalated) that meet a success target,"
          + " replayed from outcomes; what batch rates would save; what prompt caching saves or"
          + " would save; and the coordination overhead of each workflow.",
      "Reads the same input as report."
    },
    footer = {
      "",
      "Examples:",
      "  valuemeter advise examples/data/trial_token_usage.csv"
          + " --mapping examples/terminal-bench.mapping --success-target 0.3",
      "  valuemeter advise --cache-trace conversation_trace.jsonl --trace-model claude-sonnet-4"
    })
final class AdviseCommand implements Callable<Integer> {

  @Mixin InputOptions options;

  @Mixin ReportOptions reportOptions;

  @Mixin AnalysisOptions analysisOptions;

  @Override
  public Integer call() throws Exception {
    AnalysisOutput.requireTableOrJson(reportOptions.format, "advise");
    ReportRequest request = reportOptions.toRequest();
    try (LedgerSession session = LedgerSession.open(options)) {
      AdviceReport advice =
          new AnalysisRunner(session.ledger, session.catalog, request, analysisOptions, System.err)
              .advise();
      if (reportOptions.format == ReportOptions.Format.json) {
        AnalysisOutput.writeJsonObject(json -> AnalysisJson.writeAdvice(json, advice));
      } else {
        AnalysisTable.renderAdvice(advice, System.out);
      }
    }
    System.out.flush();
    return ExitCodes.OK;
  }
}
