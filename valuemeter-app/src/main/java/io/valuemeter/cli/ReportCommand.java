package io.valuemeter.cli;

import io.valuemeter.ledger.duckdb.DuckDbLedger;
import io.valuemeter.ledger.duckdb.LedgerImport;
import io.valuemeter.ledger.duckdb.ReportQuery;
import io.valuemeter.pricing.PriceCatalog;
import io.valuemeter.report.CsvRenderer;
import io.valuemeter.report.InputSummary;
import io.valuemeter.report.JsonRenderer;
import io.valuemeter.report.ReportRequest;
import io.valuemeter.report.TableRenderer;
import io.valuemeter.report.UsageReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
      "  valuemeter report --by month --format json | jq .totals.costUsd"
    })
final class ReportCommand implements Callable<Integer> {

  @Mixin InputOptions options;

  @Mixin ReportOptions reportOptions;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ReportRequest request = reportOptions.toRequest();
    Inputs inputs = new Inputs(options, System.err);
    UsageReport report;
    if (!options.paths.isEmpty() || !options.outcomeFiles.isEmpty()) {
      report = fromPaths(inputs, options.paths, request);
    } else if (Files.exists(options.ledgerFile)) {
      try (DuckDbLedger ledger = DuckDbLedger.open(options.ledgerFile)) {
        if (ledger.usageRecordCount() == 0) {
          System.err.println(
              "The ledger "
                  + options.ledgerFile
                  + " holds no usage records yet; add some with valuemeter import PATH");
        }
        PriceCatalog catalog = inputs.catalog(ledger);
        report = ReportQuery.run(ledger, catalog, request, InputSummary.none());
      }
    } else {
      Path claude = Inputs.claudeProjects();
      if (!Files.isDirectory(claude)) {
        throw new UserException(
            "nothing to report: no PATH given, no ledger at "
                + options.ledgerFile
                + " and no Claude Code logs in "
                + claude
                + "; pass files or folders, or import some first",
            ExitCodes.NO_INPUT);
      }
      System.err.println(
          "No PATH given and no ledger at "
              + options.ledgerFile
              + ": reading Claude Code logs in "
              + claude);
      report = fromPaths(inputs, List.of(claude), request);
    }
    render(report, reportOptions.format);
    return ExitCodes.OK;
  }

  private UsageReport fromPaths(Inputs inputs, List<Path> paths, ReportRequest request)
      throws Exception {
    PriceCatalog catalog = inputs.catalog(null);
    try (DuckDbLedger scratch = DuckDbLedger.openTemporary();
        LedgerImport target = scratch.beginImport()) {
      InputSummary summary =
          inputs.loader(inputs.progress()).load(paths, options.outcomeFiles, target, false);
      return ReportQuery.run(scratch, catalog, request, summary);
    }
  }

  private void render(UsageReport report, ReportOptions.Format format) throws Exception {
    var out = System.out;
    switch (format) {
      case json:
        JsonRenderer.render(report, out);
        break;
      case csv:
        CsvRenderer.render(report, out);
        break;
      default:
        TableRenderer.render(report, out);
    }
    out.flush();
  }
}
