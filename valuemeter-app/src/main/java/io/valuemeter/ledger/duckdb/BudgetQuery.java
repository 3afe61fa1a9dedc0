package io.valuemeter.ledger.duckdb;

import io.valuemeter.budget.BudgetEvaluator;
import io.valuemeter.budget.BudgetPeriod;
import io.valuemeter.budget.BudgetScope;
import io.valuemeter.pricing.PriceCatalog;
import io.valuemeter.report.InputSummary;
import io.valuemeter.report.ReportRequest;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;

/**
 * Sums the spend of one budget scope in one time window from the ledger.
 *
 * <p>Calls are priced by {@link ReportQuery}, so a budget's spend and a report over the same window
 * agree to the last digit. Sums stay in DuckDB's {@code DECIMAL(38,18)}.
 */
public final class BudgetQuery {

  private static final String SPEND_SQL =
      "WITH scoped AS (SELECT * FROM report_records WHERE %s)"
          + " SELECT coalesce(sum(cost_usd) FILTER (WHERE priced), 0) AS cost_usd,"
          + " coalesce(sum(input_tokens + cache_read_tokens + cache_write_5m_tokens"
          + " + cache_write_1h_tokens + output_tokens), 0) AS tokens,"
          + " count(*) FILTER (WHERE NOT priced) AS unpriced_calls,"
          + " (SELECT coalesce(sum(o.value_usd), 0) FROM outcomes o WHERE o.success"
          + " AND o.task_id IN (SELECT task FROM scoped WHERE task IS NOT NULL)) AS value_usd"
          + " FROM scoped";

  private BudgetQuery() {}

  /**
   * Returns what the calls of {@code scope} with a timestamp in {@code window} cost, their tokens,
   * and the value of the successful outcomes of their tasks. Calls without a timestamp are in no
   * window.
   *
   * <p>An outcome counts in every window in which its task has a call in scope, so a task whose
   * calls span two periods adds its value to both.
   *
   * @param zone the budget's zone, passed to the report query so its local times match the budget's
   */
  public static BudgetEvaluator.Spend spend(
      DuckDbLedger ledger,
      PriceCatalog catalog,
      BudgetScope scope,
      BudgetPeriod.Window window,
      ZoneId zone) {
    // ReportQuery.run leaves its priced and window-filtered records in the temporary table
    // report_records (one row per usage record, with cost_usd and priced), which the sum reads.
    ReportQuery.run(
        ledger,
        catalog,
        new ReportRequest(List.of(), zone, window.start(), window.end()),
        InputSummary.none());
    String sql = String.format(SPEND_SQL, predicate(scope));
    try (PreparedStatement statement = ledger.connection().prepareStatement(sql)) {
      String parameter = parameter(scope);
      if (parameter != null) {
        statement.setString(1, parameter);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return new BudgetEvaluator.Spend(
            plain(rows.getBigDecimal("cost_usd")),
            rows.getLong("tokens"),
            plain(rows.getBigDecimal("value_usd")),
            rows.getLong("unpriced_calls"));
      }
    } catch (SQLException e) {
      throw new LedgerException(
          "failed to sum the spend of budget scope " + scope + ": " + e.getMessage(), e);
    }
  }

  /** Returns the SQL condition of a scope over report_records, with at most one parameter. */
  private static String predicate(BudgetScope scope) {
    switch (scope.kind()) {
      case ALL:
        return "true";
      case AGENT:
        return "agent = ?";
      case WORKFLOW:
        return "workflow = ?";
      case TASK:
        return "task = ?";
      case SESSION:
        return "session = ?";
      case MODEL:
        return "model = ?";
      case PROVIDER:
        return "provider = ?";
      case TAG:
      case TENANT:
        // LedgerImport stores tags as key=value pairs joined by ';', sorted by key.
        // NOTE: a tag value that itself contains ';' cannot be matched this way.
        return "list_contains(string_split(coalesce(tags, ''), ';'), ?)";
      default:
        throw new IllegalArgumentException("no SQL condition for scope " + scope);
    }
  }

  private static String parameter(BudgetScope scope) {
    switch (scope.kind()) {
      case ALL:
        return null;
      case TAG:
      case TENANT:
        return scope.tagKey() + "=" + scope.value();
      default:
        return scope.value();
    }
  }

  private static BigDecimal plain(BigDecimal amount) {
    if (amount == null) {
      return BigDecimal.ZERO;
    }
    BigDecimal stripped = amount.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
