package io.valuemeter.report;

import io.valuemeter.economics.UsageSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Renders a report as CSV: one row per group, then a row whose first key column is {@code total}.
 * Money is exact, in US dollars; a metric whose denominator is zero is an empty cell.
 */
public final class CsvRenderer {

  private CsvRenderer() {}

  /** Writes the report to {@code out}. */
  public static void render(UsageReport report, PrintStream out) throws IOException {
    List<String> header = new ArrayList<>();
    report.request().groupBy().forEach(d -> header.add(d.label()));
    if (header.isEmpty()) {
      header.add("group");
    }
    header.addAll(
        List.of(
            "calls",
            "priced_calls",
            "input_tokens",
            "cache_read_tokens",
            "cache_write_5m_tokens",
            "cache_write_1h_tokens",
            "output_tokens",
            "reasoning_tokens",
            "cost_usd",
            "reported_cost_usd",
            "tasks",
            "successes",
            "success_rate",
            "cost_per_success_usd",
            "value_per_token_usd"));
    CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT);
    printer.printRecord(header);
    for (ReportGroup group : report.groups()) {
      List<String> row = new ArrayList<>();
      report.request().groupBy().forEach(d -> row.add(group.key().get(d)));
      row.addAll(cells(group.summary()));
      printer.printRecord(row);
    }
    List<String> totals = new ArrayList<>();
    totals.add("total");
    for (int i = 1; i < Math.max(1, report.request().groupBy().size()); i++) {
      totals.add("");
    }
    totals.addAll(cells(report.totals()));
    printer.printRecord(totals);
    printer.flush();
  }

  private static List<String> cells(UsageSummary summary) {
    return List.of(
        Long.toString(summary.calls()),
        Long.toString(summary.pricedCalls()),
        Long.toString(summary.tokens().input()),
        Long.toString(summary.tokens().cacheRead()),
        Long.toString(summary.tokens().cacheWrite5m()),
        Long.toString(summary.tokens().cacheWrite1h()),
        Long.toString(summary.tokens().output()),
        Long.toString(summary.tokens().reasoning()),
        Amounts.plain(summary.costUsd()),
        Amounts.plain(summary.reportedCostUsd()),
        Long.toString(summary.tasks()),
        Long.toString(summary.successes()),
        text(summary.successRate().orElse(null)),
        text(summary.costPerSuccessUsd().orElse(null)),
        text(summary.valuePerTokenUsd().orElse(null)));
  }

  private static String text(BigDecimal value) {
    return value == null ? "" : Amounts.plain(value);
  }
}
