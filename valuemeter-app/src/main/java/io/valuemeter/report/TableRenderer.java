package io.valuemeter.report;

import io.valuemeter.economics.UsageSummary;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Renders a report as aligned text tables for a terminal. */
public final class TableRenderer {

  private TableRenderer() {}

  /** Writes the report to {@code out}. */
  public static void render(UsageReport report, PrintStream out) {
    boolean outcomes = hasOutcomes(report);
    boolean values = hasValues(report);
    List<String> header = new ArrayList<>();
    report.request().groupBy().forEach(d -> header.add(d.label()));
    if (header.isEmpty()) {
      header.add("");
    }
    header.addAll(metricHeader(outcomes, values));
    List<List<String>> rows = new ArrayList<>();
    for (ReportGroup group : report.groups()) {
      List<String> row = new ArrayList<>();
      report.request().groupBy().forEach(d -> row.add(display(group.key().get(d))));
      row.addAll(metricCells(group.summary(), outcomes, values));
      rows.add(row);
    }
    List<String> totals = new ArrayList<>();
    totals.add("total");
    for (int i = 1; i < Math.max(1, report.request().groupBy().size()); i++) {
      totals.add("");
    }
    totals.addAll(metricCells(report.totals(), outcomes, values));
    rows.add(totals);
    printTable(header, rows, Math.max(1, report.request().groupBy().size()), out);
    printFootnotes(report, out);
  }

  private static boolean hasOutcomes(UsageReport report) {
    return report.totals().tasks() > 0;
  }

  private static boolean hasValues(UsageReport report) {
    return report.totals().successValueUsd() != null;
  }

  private static List<String> metricHeader(boolean outcomes, boolean values) {
    List<String> header =
        new ArrayList<>(
            List.of(
                "calls",
                "input",
                "cache read",
                "cache write 5m",
                "cache write 1h",
                "output",
                "cost"));
    if (outcomes) {
      header.addAll(
          List.of(
              "tasks",
              "successes",
              "success rate",
              "cost per success",
              "human cost",
              "fully loaded per success"));
    }
    if (values) {
      header.add("value per token");
    }
    return header;
  }

  private static List<String> metricCells(UsageSummary summary, boolean outcomes, boolean values) {
    List<String> cells = new ArrayList<>();
    cells.add(Amounts.count(summary.calls()));
    cells.add(Amounts.count(summary.tokens().input()));
    cells.add(Amounts.count(summary.tokens().cacheRead()));
    cells.add(Amounts.count(summary.tokens().cacheWrite5m()));
    cells.add(Amounts.count(summary.tokens().cacheWrite1h()));
    cells.add(Amounts.count(summary.tokens().output()));
    String cost =
        summary.pricedCalls() == 0 && summary.calls() > 0 ? "-" : Amounts.usd(summary.costUsd());
    cells.add(summary.partiallyPriced() ? cost + " *" : cost);
    if (outcomes) {
      cells.add(Amounts.count(summary.tasks()));
      cells.add(Amounts.count(summary.successes()));
      cells.add(Amounts.percent(summary.successRate().orElse(null)));
      cells.add(Amounts.usd(summary.costPerSuccessUsd().orElse(null)));
      cells.add(Amounts.usd(summary.humanCostUsd()));
      cells.add(Amounts.usd(summary.fullyLoadedCostPerSuccessUsd().orElse(null)));
    }
    if (values) {
      cells.add(summary.valuePerTokenUsd().map(v -> "$" + Amounts.plain(v)).orElse("-"));
    }
    return cells;
  }

  private static void printTable(
      List<String> header, List<List<String>> rows, int keyColumns, PrintStream out) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < header.size(); i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    out.println(line(header, widths, keyColumns));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
    }
    out.println(rule);
    for (int r = 0; r < rows.size(); r++) {
      if (r == rows.size() - 1 && rows.size() > 1) {
        out.println(rule);
      }
      out.println(line(rows.get(r), widths, keyColumns));
    }
  }

  private static String line(List<String> cells, int[] widths, int keyColumns) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      String padding = " ".repeat(widths[i] - cell.length());
      text.append(i == 0 ? "" : "  ");
      // Group keys are left-aligned, metrics right-aligned.
      text.append(i < keyColumns ? cell + padding : padding + cell);
    }
    return text.toString().stripTrailing();
  }

  private static String display(String key) {
    return key == null || key.isEmpty() ? "(none)" : key;
  }

  private static void printOutcomeNotes(UsageReport report, PrintStream out) {
    UsageSummary totals = report.totals();
    if (totals.tasks() > 0) {
      String source;
      switch (totals.detail().humanCostSource()) {
        case RECORDED:
          source = "from the minutes recorded on outcomes";
          break;
        case ESTIMATED:
          source =
              "estimated: no outcome records minutes, so each failure counts "
                  + Amounts.plain(report.request().humanCost().reviewMinutesPerFailure())
                  + " and each rework "
                  + Amounts.plain(report.request().humanCost().reviewMinutesPerRework())
                  + " review minutes";
          break;
        case MIXED:
          source = "recorded minutes where outcomes have them, estimated for the rest";
          break;
        default:
          source = "none recorded or estimated";
      }
      out.println(
          "Human cost at $"
              + Amounts.plain(report.request().humanCost().hourlyRateUsd())
              + " per hour: "
              + source
              + " (--hourly-rate, --review-minutes-per-failure, --review-minutes-per-rework).");
    }
    if (totals.detail().tasksWithoutOutcome() > 0) {
      out.println(
          Amounts.count(totals.detail().tasksWithoutOutcome())
              + " task(s) have usage but no outcome: their cost counts, but not as a success"
              + " or failure.");
    }
    if (report.outcomesWithoutUsage() > 0) {
      out.println(
          Amounts.count(report.outcomesWithoutUsage())
              + " outcome(s) belong to tasks with no usage record; check the task ids.");
    }
  }

  private static void printFootnotes(UsageReport report, PrintStream out) {
    out.println();
    out.println("Prices: " + report.catalogName() + ". Costs in US dollars.");
    if (!report.unpricedModels().isEmpty()) {
      out.println(
          "* Unpriced models, left out of every cost total (add prices with --prices FILE):");
      for (UnpricedModel model : report.unpricedModels()) {
        out.println(
            "    "
                + model.model()
                + (model.provider() == null ? "" : " (" + model.provider() + ")")
                + ": "
                + Amounts.count(model.calls())
                + " calls, "
                + Amounts.count(model.tokens().promptTokens())
                + " input and "
                + Amounts.count(model.tokens().output())
                + " output tokens");
      }
    }
    UsageSummary totals = report.totals();
    printOutcomeNotes(report, out);
    if (totals.aggregateCalls() > 0) {
      out.println(
          Amounts.count(totals.aggregateCalls())
              + " row(s) of models with a long-context tier sum many calls, so they were priced"
              + " at base rates: such a row has no single request size to compare with the"
              + " threshold.");
    }
    if (totals.longContextCalls() > 0) {
      out.println(
          Amounts.count(totals.longContextCalls())
              + " call(s) passed a long-context threshold and were priced at the higher tier.");
    }
    if (totals.reportedCostCalls() > 0) {
      out.println(
          "Cost reported by the source: "
              + Amounts.usd(totals.reportedCostUsd())
              + " over "
              + Amounts.count(totals.reportedCostCalls())
              + " call(s); calculated for the same calls: "
              + Amounts.usd(
                  totals.reportedCallsCostUsd() == null
                      ? totals.costUsd()
                      : totals.reportedCallsCostUsd())
              + ".");
      if (totals.reportedCostMismatches() > 0) {
        out.println(
            "  "
                + Amounts.count(totals.reportedCostMismatches())
                + " call(s) report a cost that differs from the calculated one beyond rounding;"
                + " the calculated cost is shown.");
      }
    }
    if (report.recordsWithoutTime() > 0 && report.request().groupsByTime()) {
      out.println(
          Amounts.count(report.recordsWithoutTime())
              + " record(s) have no timestamp: they are in the total but in no day, week or"
              + " month row.");
    }
    if (report.recordsOutsidePeriod() > 0) {
      out.println(
          Amounts.count(report.recordsOutsidePeriod())
              + " record(s) fall outside --since/--until or have no timestamp, and are left out.");
    }
    InputSummary input = report.input();
    if (input.files() > 0) {
      out.println(
          "Read "
              + Amounts.count(input.files())
              + " file(s): "
              + Amounts.count(input.imported())
              + " records, "
              + Amounts.count(input.duplicates())
              + " duplicates skipped, "
              + Amounts.count(input.rejected())
              + " rejected"
              + (input.outcomes() > 0 ? ", " + Amounts.count(input.outcomes()) + " outcomes" : "")
              + ".");
    }
  }
}
