package io.valuemeter.ledger.duckdb;

import io.valuemeter.anomaly.RunVariationDetector;
import io.valuemeter.anomaly.TimeSeries;
import io.valuemeter.pricing.PriceCatalog;
import io.valuemeter.report.InputSummary;
import io.valuemeter.report.ReportRequest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;

/**
 * Builds per-scope time series from the ledger for the anomaly detectors.
 *
 * <p>{@link #open} runs {@link ReportQuery#run} once with the request's period, which prices every
 * record and leaves them in the temp table {@code report_records}; the series are then summed from
 * that table by SQL. Records without a timestamp are left out. Windows are UTC hours or days, so
 * they have a fixed length.
 *
 * <p>A window in which a scope has no usage record is a gap, not a zero: the ledger cannot tell an
 * idle hour from an hour whose logs were never imported.
 */
public final class AnomalyQuery {

  /** A grouping of usage records into the scopes that anomalies are reported for. */
  public enum Scope {
    AGENT("coalesce(agent, '')"),
    MODEL("model"),
    SESSION("coalesce(session, '')"),
    TASK("coalesce(task, '')"),
    WORKFLOW("coalesce(workflow, '')");

    private final String expression;

    Scope(String expression) {
      this.expression = expression;
    }

    /** Returns the scope's label for {@code key}, such as {@code agent=reviewer}. */
    public String label(String key) {
      return name().toLowerCase(Locale.ROOT) + "=" + (key.isEmpty() ? "(none)" : key);
    }
  }

  /**
   * The usage of one scope per window.
   *
   * @param scope the scope label
   * @param calls calls per window
   * @param costUsd priced cost per window, in USD
   */
  public record UsageSeries(String scope, TimeSeries calls, TimeSeries costUsd) {}

  /**
   * The daily cost and outcomes of one scope, on the same windows.
   *
   * @param scope the scope label
   * @param costUsd priced cost per day, in USD
   * @param successes successful tasks per day, each counted on the day of its last record
   * @param anyOutcome whether any task of the scope has an outcome
   */
  public record OutcomeSeries(
      String scope, TimeSeries costUsd, TimeSeries successes, boolean anyOutcome) {}

  private static final Pattern TAG_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  private final DuckDbLedger ledger;
  private final Scope scope;

  private AnomalyQuery(DuckDbLedger ledger, Scope scope) {
    this.ledger = ledger;
    this.scope = scope;
  }

  /** Prices the records in the request's period and prepares the series of {@code scope}. */
  public static AnomalyQuery open(
      DuckDbLedger ledger, PriceCatalog catalog, ReportRequest request, Scope scope) {
    ReportQuery.run(
        ledger,
        catalog,
        new ReportRequest(List.of(), request.zone(), request.since(), request.until()),
        InputSummary.none());
    return new AnomalyQuery(ledger, scope);
  }

  /** Returns calls and cost per hour or day for every scope, in scope order. */
  public List<UsageSeries> usage(Duration window) {
    String sql =
        "SELECT "
            + scope.expression
            + " AS k, date_trunc('"
            + unit(window)
            + "', ts) AS w, count(*) AS calls, coalesce(sum(cost_usd), 0) AS cost"
            + " FROM report_records WHERE ts IS NOT NULL GROUP BY k, w ORDER BY k, w";
    Map<String, Map<Instant, double[]>> byScope = query(sql, 2);
    List<UsageSeries> series = new ArrayList<>();
    for (Map.Entry<String, Map<Instant, double[]>> entry : byScope.entrySet()) {
      series.add(
          new UsageSeries(
              scope.label(entry.getKey()),
              TimeSeries.onGrid("calls per " + unit(window), window, column(entry.getValue(), 0)),
              TimeSeries.onGrid(
                  "cost USD per " + unit(window), window, column(entry.getValue(), 1))));
    }
    return series;
  }

  /**
   * Returns the prompt tokens per call per day for every scope: input, cache read and cache write
   * tokens summed, over calls.
   */
  public Map<String, TimeSeries> promptTokensPerCallByDay() {
    String sql =
        "SELECT "
            + scope.expression
            + " AS k, date_trunc('day', ts) AS w,"
            + " avg(input_tokens + cache_read_tokens + cache_write_5m_tokens"
            + " + cache_write_1h_tokens) AS tokens"
            + " FROM report_records WHERE ts IS NOT NULL GROUP BY k, w ORDER BY k, w";
    Map<String, TimeSeries> series = new LinkedHashMap<>();
    for (Map.Entry<String, Map<Instant, double[]>> entry : query(sql, 1).entrySet()) {
      series.put(
          scope.label(entry.getKey()),
          TimeSeries.onGrid(
              "prompt tokens per call per day", Duration.ofDays(1), column(entry.getValue(), 0)));
    }
    return series;
  }

  /** Returns the daily cost and successes for every scope. */
  public List<OutcomeSeries> costAndSuccessesByDay() {
    Map<String, Map<Instant, double[]>> cost =
        query(
            "SELECT "
                + scope.expression
                + " AS k, date_trunc('day', ts) AS w, coalesce(sum(cost_usd), 0)"
                + " FROM report_records WHERE ts IS NOT NULL GROUP BY k, w ORDER BY k, w",
            1);
    Map<String, Map<Instant, double[]>> successes =
        query(
            "WITH tasks AS (SELECT "
                + scope.expression
                + " AS k, task, max(ts) AS last_ts FROM report_records"
                + " WHERE ts IS NOT NULL AND task IS NOT NULL GROUP BY k, task)"
                + " SELECT t.k, date_trunc('day', t.last_ts) AS w,"
                + " count(*) FILTER (WHERE o.success), count(o.task_id)"
                + " FROM tasks t LEFT JOIN outcomes o ON o.task_id = t.task GROUP BY t.k, w",
            2);
    List<OutcomeSeries> series = new ArrayList<>();
    Duration day = Duration.ofDays(1);
    for (Map.Entry<String, Map<Instant, double[]>> entry : cost.entrySet()) {
      Map<Instant, double[]> outcomes = successes.getOrDefault(entry.getKey(), Map.of());
      Map<Instant, Double> successCounts = new TreeMap<>();
      boolean anyOutcome = false;
      for (Instant start : entry.getValue().keySet()) {
        double[] counts = outcomes.get(start);
        successCounts.put(start, counts == null ? 0.0 : counts[0]);
        anyOutcome |= counts != null && counts[1] > 0;
      }
      series.add(
          new OutcomeSeries(
              scope.label(entry.getKey()),
              TimeSeries.onGrid("cost USD per day", day, column(entry.getValue(), 0)),
              TimeSeries.onGrid("successes per day", day, successCounts),
              anyOutcome));
    }
    return series;
  }

  /**
   * Returns the runs of each task, with their cost in USD. For the task scope a run is one session
   * of the task; for the other scopes a run is one task id, and the runs of a scope are grouped by
   * the value of {@code categoryTag} (the kind of task) when the records carry it.
   */
  public Map<String, List<RunVariationDetector.Run>> runCosts(String categoryTag) {
    String run = scope == Scope.TASK ? "coalesce(session, '')" : "task";
    String group = scope == Scope.TASK ? "''" : tagExpression(categoryTag);
    String sql =
        "SELECT "
            + scope.expression
            + " AS k, "
            + group
            + " AS g, min(ts), max(ts), coalesce(sum(cost_usd), 0) FROM report_records"
            + " WHERE "
            + run
            + " IS NOT NULL GROUP BY k, g, "
            + run
            + " ORDER BY k, g, min(ts)";
    Map<String, List<RunVariationDetector.Run>> runs = new LinkedHashMap<>();
    try (Statement statement = ledger.connection().createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        String label = scope.label(rows.getString(1));
        String category = rows.getString(2);
        if (category != null && !category.isEmpty()) {
          label = label + ", " + categoryTag + "=" + category;
        }
        runs.computeIfAbsent(label, key -> new ArrayList<>())
            .add(
                new RunVariationDetector.Run(
                    instant(rows.getObject(3, OffsetDateTime.class)),
                    instant(rows.getObject(4, OffsetDateTime.class)),
                    rows.getDouble(5)));
      }
    } catch (SQLException e) {
      throw new LedgerException("failed to read the task runs: " + e.getMessage(), e);
    }
    return runs;
  }

  private Map<String, Map<Instant, double[]>> query(String sql, int valueColumns) {
    Map<String, Map<Instant, double[]>> byScope = new LinkedHashMap<>();
    DuckDBConnection connection = ledger.connection();
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        double[] values = new double[valueColumns];
        for (int i = 0; i < valueColumns; i++) {
          values[i] = rows.getDouble(3 + i);
        }
        byScope
            .computeIfAbsent(rows.getString(1), key -> new TreeMap<>())
            .put(rows.getObject(2, OffsetDateTime.class).toInstant(), values);
      }
    } catch (SQLException e) {
      throw new LedgerException("failed to read the anomaly series: " + e.getMessage(), e);
    }
    return byScope;
  }

  private static Map<Instant, Double> column(Map<Instant, double[]> rows, int index) {
    Map<Instant, Double> values = new HashMap<>();
    rows.forEach((start, row) -> values.put(start, row[index]));
    return values;
  }

  private static String tagExpression(String categoryTag) {
    if (!TAG_NAME.matcher(categoryTag).matches()) {
      throw new IllegalArgumentException(
          "category tag \""
              + categoryTag
              + "\" may contain only letters, digits, '_', '.' and '-'");
    }
    return "coalesce(regexp_extract(tags, '(^|;)"
        + categoryTag.replace(".", "\\.")
        + "=([^;]*)', 2), '')";
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  private static String unit(Duration window) {
    if (window.equals(Duration.ofHours(1))) {
      return "hour";
    }
    if (window.equals(Duration.ofDays(1))) {
      return "day";
    }
    throw new IllegalArgumentException("anomaly windows are an hour or a day, not " + window);
  }
}
