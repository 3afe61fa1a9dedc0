package io.valuemeter.cli;

import io.valuemeter.economics.EconomicsAnalysis;
import io.valuemeter.ledger.duckdb.ReportQuery;
import io.valuemeter.report.AdviceReport;
import io.valuemeter.report.CsvRenderer;
import io.valuemeter.report.HtmlRenderer;
import io.valuemeter.report.JsonRenderer;
import io.valuemeter.report.ReportRequest;
import io.valuemeter.report.TableRenderer;
import io.valuemeter.report.UsageReport;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code valuemeter report}: cost, tokens and outcomes, grouped. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Reports calls, tokens by bucket and cost, and with outcomes also tasks, successes,"
          + " success rate, cost per successful outcome and value per token.",
      "",
      "Reads the PATHs given (nothing is stored), or the ledger when no PATH is given."
          + " With neither, it reads the Claude Code logs in ~/.claude/projects.",
    },
    footer = {
      "",
      "Examples:",
      "  valuemeter report ~/.claude/projects --by day --tz Europe/Budapest",
      "  valuemeter report trial_token_usage.csv --mapping examples/terminal-bench.mapping"
          + " --by model",
      "  valuemeter report --by month --format json | jq .totals.costUsd",
      "  valuemeter report --by day,model --format html > report.html"
    })
final class ReportCommand implements Callable<Integer> {

  @Mixin InputOptions options;

  @Mixin ReportOptions reportOptions;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin AnalysisOptions analysisOptions;

  @Option(
      names = "--analysis",
      description =
          "With --format json, add the key metrics, triggers, verdict and advice of"
              + " valuemeter metrics and valuemeter advise (always part of --format html).")
  boolean withAnalysis;

  @Override
  public Integer call() throws Exception {
    if (withAnalysis && reportOptions.format != ReportOptions.Format.json) {
      System.err.println(
          "--analysis applies to --format json only (--format html always includes it)");
    }
    ReportRequest request = reportOptions.toRequest();
    try (LedgerSession session = LedgerSession.open(options)) {
      UsageReport report = ReportQuery.run(session.ledger, session.catalog, request, session.input);
      EconomicsAnalysis analysis = null;
      AdviceReport advice = null;
      boolean analyse =
          reportOptions.format == ReportOptions.Format.html
              || (reportOptions.format == ReportOptions.Format.json && withAnalysis);
      if (analyse) {
        AnalysisRunner runner =
            new AnalysisRunner(
                session.ledger, session.catalog, request, analysisOptions, System.err);
        analysis = runner.analyse();
        advice = runner.advise();
      }
      render(report, analysis, advice, reportOptions.format);
    }
    return ExitCodes.OK;
  }

  private void render(
      UsageReport report,
      EconomicsAnalysis analysis,
      AdviceReport advice,
      ReportOptions.Format format)
      throws Exception {
    var out = System.out;
    switch (format) {
      case json:
        JsonRenderer.render(report, analysis, advice, out);
        break;
      case csv:
        CsvRenderer.render(report, out);
        break;
      case html:
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        JsonRenderer.render(report, analysis, advice, json);
        HtmlRenderer.render(json.toByteArray(), out);
        break;
      default:
        TableRenderer.render(report, out);
    }
    out.flush();
  }
}
