package io.valuemeter.ledger.duckdb;

import io.valuemeter.economics.HumanCostSettings;
import io.valuemeter.economics.OutcomeDetail;
import io.valuemeter.economics.UsageSummary;
import io.valuemeter.pricing.PriceCatalog;
import io.valuemeter.report.Dimension;
import io.valuemeter.report.InputSummary;
import io.valuemeter.report.ReportGroup;
import io.valuemeter.report.ReportRequest;
import io.valuemeter.report.UnpricedModel;
import io.valuemeter.report.UsageReport;
import io.valuemeter.usage.TokenUsage;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBConnection;

/**
 * Builds a {@link UsageReport} from the ledger. Pricing and aggregation both run inside DuckDB:
 * every record is joined to its rate in {@link RateCard}, and groups are summed by SQL.
 */
public final class ReportQuery {

  private static final String PROMPT_TOKENS =
      "u.input_tokens + u.cache_read_tokens + u.cache_write_5m_tokens + u.cache_write_1h_tokens";

  private static final String PRICED_RECORDS =
      "SELECT u.* EXCLUDE (origin, source_format), rc.price_key, rc.price_key IS NOT NULL AS priced,"
          + " coalesce(rc.tier = 'long', false) AS long_context,"
          + " u.aggregate AND rc.threshold_tokens IS NOT NULL AS aggregate_at_base,"
          + " u.input_tokens * rc.input_rate + u.cache_read_tokens * rc.cache_read_rate"
          + " + u.cache_write_5m_tokens * rc.cache_write_5m_rate"
          + " + u.cache_write_1h_tokens * rc.cache_write_1h_rate"
          + " + (u.output_tokens - u.reasoning_tokens) * rc.output_rate"
          + " + u.reasoning_tokens * rc.reasoning_rate AS cost_usd"
          + " FROM usage_records u LEFT JOIN rate_card rc ON rc.model = u.model"
          + " AND rc.provider = coalesce(u.provider, '') AND rc.mode = u.mode"
          + " AND (CASE WHEN u.ts IS NULL THEN rc.latest"
          + " ELSE u.ts >= rc.valid_from AND u.ts < rc.valid_to END)"
          + " AND rc.tier = CASE WHEN NOT u.aggregate AND rc.threshold_tokens IS NOT NULL AND "
          + PROMPT_TOKENS
          + " > rc.threshold_tokens THEN 'long' ELSE 'base' END";

  private static final String SUMS =
      "count(*) AS calls, count(*) FILTER (WHERE priced) AS priced_calls,"
          + " coalesce(sum(input_tokens), 0) AS input_tokens,"
          + " coalesce(sum(cache_read_tokens), 0) AS cache_read_tokens,"
          + " coalesce(sum(cache_write_5m_tokens), 0) AS cache_write_5m_tokens,"
          + " coalesce(sum(cache_write_1h_tokens), 0) AS cache_write_1h_tokens,"
          + " coalesce(sum(output_tokens), 0) AS output_tokens,"
          + " coalesce(sum(reasoning_tokens), 0) AS reasoning_tokens,"
          + " coalesce(sum(cost_usd), 0) AS cost_usd,"
          + " coalesce(sum(reported_cost_usd), 0) AS reported_cost_usd,"
          + " count(reported_cost_usd) AS reported_cost_calls,"
          + " coalesce(sum(cost_usd) FILTER (WHERE reported_cost_usd IS NOT NULL), 0)"
          + " AS reported_calls_cost_usd,"
          + " count(*) FILTER (WHERE priced AND reported_cost_usd IS NOT NULL"
          + " AND abs(reported_cost_usd - cost_usd) > reported_cost_tolerance_usd)"
          + " AS reported_cost_mismatches,"
          + " count(*) FILTER (WHERE aggregate_at_base) AS aggregate_calls,"
          + " count(*) FILTER (WHERE long_context) AS long_context_calls";

  private ReportQuery() {}

  /**
   * Runs a report over the ledger's records with the given prices.
   *
   * @param ledger the ledger to read
   * @param catalog the prices to apply
   * @param request grouping, zone and period
   * @param input what was read to fill the ledger for this run, for the report's input section
   */
  public static UsageReport run(
      DuckDbLedger ledger, PriceCatalog catalog, ReportRequest request, InputSummary input) {
    DuckDBConnection connection = ledger.connection();
    try {
      RateCard.install(connection, catalog);
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET TimeZone = '" + duckDbZone(request.zone()).replace("'", "''") + "'");
      }
      try {
        createPricedView(connection, request);
        HumanCostSettings humanCost = request.humanCost();
        UsageSummary totals = summaries(connection, List.of(), false, humanCost).get(0).summary();
        List<ReportGroup> groups =
            request.groupBy().isEmpty()
                ? List.of()
                : summaries(connection, request.groupBy(), request.groupsByTime(), humanCost);
        List<UnpricedModel> unpriced = unpricedModels(connection);
        long withoutTime =
            scalar(connection, "SELECT count(*) FROM report_records WHERE ts IS NULL");
        long outside =
            scalar(connection, "SELECT count(*) FROM usage_records")
                - scalar(connection, "SELECT count(*) FROM report_records");
        long outcomesWithoutUsage =
            scalar(
                connection,
                "SELECT count(*) FROM outcomes o ANTI JOIN usage_records u ON u.task = o.task_id");
        return new UsageReport(
            request,
            catalog.name(),
            totals,
            groups,
            unpriced,
            withoutTime,
            outside,
            outcomesWithoutUsage,
            input);
      } finally {
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET TimeZone = 'UTC'");
        }
      }
    } catch (SQLException e) {
      throw new LedgerException("failed to run the report query: " + e.getMessage(), e);
    }
  }

  /**
   * Returns the zone name DuckDB accepts: the offset {@code Z} becomes {@code UTC}, a whole-hour
   * offset such as {@code +02:00} becomes {@code Etc/GMT-2} (the Etc names invert the sign), and
   * region names stay as they are.
   *
   * @throws IllegalArgumentException for an offset that is not a whole number of hours
   */
  static String duckDbZone(java.time.ZoneId zone) {
    java.time.ZoneId normalized = zone.normalized();
    if (!(normalized instanceof java.time.ZoneOffset offset)) {
      return zone.getId();
    }
    int seconds = offset.getTotalSeconds();
    if (seconds == 0) {
      return "UTC";
    }
    if (seconds % 3600 != 0) {
      throw new IllegalArgumentException(
          "time zone "
              + zone.getId()
              + " is an offset that is not a whole number of hours; use a region name such as"
              + " Asia/Kolkata instead");
    }
    int hours = seconds / 3600;
    return "Etc/GMT" + (hours > 0 ? "-" : "+") + Math.abs(hours);
  }

  private static void createPricedView(DuckDBConnection connection, ReportRequest request)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder("CREATE OR REPLACE TEMP TABLE report_records AS SELECT * FROM (")
            .append(PRICED_RECORDS)
            .append(") WHERE true");
    if (request.since() != null) {
      sql.append(" AND ts >= ?");
    }
    if (request.until() != null) {
      sql.append(" AND ts < ?");
    }
    try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      int index = 1;
      if (request.since() != null) {
        statement.setObject(index++, utc(request.since()));
      }
      if (request.until() != null) {
        statement.setObject(index, utc(request.until()));
      }
      statement.execute();
    }
  }

  private static java.time.OffsetDateTime utc(java.time.Instant instant) {
    return instant.atOffset(java.time.ZoneOffset.UTC);
  }

  private static List<ReportGroup> summaries(
      DuckDBConnection connection,
      List<Dimension> dimensions,
      boolean timedOnly,
      HumanCostSettings humanCost)
      throws SQLException {
    List<String> keys = new ArrayList<>();
    List<String> keyExpressions = new ArrayList<>();
    for (int i = 0; i < dimensions.size(); i++) {
      keys.add("k" + i);
      keyExpressions.add(keyExpression(dimensions.get(i)) + " AS k" + i);
    }
    if (keys.isEmpty()) {
      keys.add("k0");
      keyExpressions.add("'' AS k0");
    }
    String keyList = String.join(", ", keys);
    String where = timedOnly ? " WHERE ts IS NOT NULL" : "";
    String sql =
        "WITH keyed AS (SELECT *, "
            + String.join(", ", keyExpressions)
            + " FROM report_records"
            + where
            + "), sums AS (SELECT "
            + keyList
            + ", "
            + SUMS
            + " FROM keyed GROUP BY "
            + keyList
            + "), group_tasks AS (SELECT "
            + keyList
            + ", task, bool_and(priced) AS task_priced FROM keyed WHERE task IS NOT NULL"
            + " GROUP BY "
            + keyList
            + ", task), results AS (SELECT "
            + prefixed("t.", keys)
            + ", count(o.task_id) AS tasks,"
            + " count(*) FILTER (WHERE o.task_id IS NULL) AS tasks_without_outcome,"
            + " count(*) FILTER (WHERE o.success) AS successes,"
            + " count(*) FILTER (WHERE o.success AND t.task_priced) AS priced_successes,"
            + " sum(o.value_usd) FILTER (WHERE o.success) AS success_value_usd,"
            + " count(*) FILTER (WHERE o.attempts > 1) AS retried_tasks,"
            + " count(*) FILTER (WHERE o.rework) AS rework_tasks,"
            + " count(*) FILTER (WHERE o.escalated) AS escalated_tasks,"
            + " count(*) FILTER (WHERE o.escalated OR o.rework OR o.human_minutes > 0)"
            + " AS intervention_tasks,"
            + " coalesce(sum(o.human_minutes), 0) AS recorded_minutes,"
            + " coalesce(sum(CASE WHEN o.task_id IS NOT NULL AND o.human_minutes IS NULL THEN"
            + " (CASE WHEN o.success THEN 0 ELSE "
            + humanCost.reviewMinutesPerFailure().toPlainString()
            + " END) + (CASE WHEN o.rework THEN "
            + humanCost.reviewMinutesPerRework().toPlainString()
            + " ELSE 0 END) END), 0) AS estimated_minutes,"
            + " coalesce(sum(CASE WHEN t.task_priced THEN coalesce(o.human_minutes, CASE WHEN"
            + " o.task_id IS NULL THEN 0 ELSE (CASE WHEN o.success THEN 0 ELSE "
            + humanCost.reviewMinutesPerFailure().toPlainString()
            + " END) + (CASE WHEN o.rework THEN "
            + humanCost.reviewMinutesPerRework().toPlainString()
            + " ELSE 0 END) END) ELSE 0 END), 0) AS priced_minutes"
            + " FROM group_tasks t LEFT JOIN outcomes o ON o.task_id = t.task GROUP BY "
            + prefixed("t.", keys)
            + ") SELECT s.*, coalesce(r.tasks, 0) AS tasks,"
            + " coalesce(r.successes, 0) AS successes,"
            + " coalesce(r.priced_successes, 0) AS priced_successes, r.success_value_usd,"
            + " coalesce(r.tasks_without_outcome, 0) AS tasks_without_outcome,"
            + " coalesce(r.retried_tasks, 0) AS retried_tasks,"
            + " coalesce(r.rework_tasks, 0) AS rework_tasks,"
            + " coalesce(r.escalated_tasks, 0) AS escalated_tasks,"
            + " coalesce(r.intervention_tasks, 0) AS intervention_tasks,"
            + " coalesce(r.recorded_minutes, 0) AS recorded_minutes,"
            + " coalesce(r.estimated_minutes, 0) AS estimated_minutes,"
            + " coalesce(r.priced_minutes, 0) AS priced_minutes"
            + " FROM sums s LEFT JOIN results r USING ("
            + keyList
            + ") ORDER BY "
            + keyList;
    List<ReportGroup> groups = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        Map<Dimension, String> key = new EnumMap<>(Dimension.class);
        for (int i = 0; i < dimensions.size(); i++) {
          key.put(dimensions.get(i), rows.getString("k" + i));
        }
        groups.add(new ReportGroup(key, summary(rows, humanCost)));
      }
    }
    if (groups.isEmpty() && dimensions.isEmpty()) {
      groups.add(new ReportGroup(Map.of(), emptySummary()));
    }
    return groups;
  }

  private static String keyExpression(Dimension dimension) {
    switch (dimension) {
      case HOUR:
        return "strftime(ts, '%Y-%m-%d %H:00')";
      case DAY:
        return "strftime(ts, '%Y-%m-%d')";
      case WEEK:
        return "strftime(date_trunc('week', ts), '%Y-%m-%d')";
      case MONTH:
        return "strftime(ts, '%Y-%m')";
      case PROVIDER:
        return "coalesce(provider, '')";
      case MODEL:
        return "model";
      case AGENT:
        return "coalesce(agent, '')";
      case SESSION:
        return "coalesce(session, '')";
      case TASK:
        return "coalesce(task, '')";
      default:
        throw new IllegalArgumentException("no grouping expression for " + dimension);
    }
  }

  private static String prefixed(String prefix, List<String> names) {
    List<String> result = new ArrayList<>();
    for (String name : names) {
      result.add(prefix + name);
    }
    return String.join(", ", result);
  }

  private static UsageSummary summary(ResultSet rows, HumanCostSettings humanCost)
      throws SQLException {
    TokenUsage tokens =
        new TokenUsage(
            rows.getLong("input_tokens"),
            rows.getLong("cache_read_tokens"),
            rows.getLong("cache_write_5m_tokens"),
            rows.getLong("cache_write_1h_tokens"),
            rows.getLong("output_tokens"),
            rows.getLong("reasoning_tokens"));
    return new UsageSummary(
        rows.getLong("calls"),
        rows.getLong("priced_calls"),
        tokens,
        money(rows.getBigDecimal("cost_usd")),
        money(rows.getBigDecimal("reported_cost_usd")),
        rows.getLong("reported_cost_calls"),
        rows.getLong("reported_cost_mismatches"),
        rows.getLong("aggregate_calls"),
        rows.getLong("long_context_calls"),
        rows.getLong("tasks"),
        rows.getLong("successes"),
        rows.getLong("priced_successes"),
        rows.getBigDecimal("success_value_usd") == null
            ? null
            : money(rows.getBigDecimal("success_value_usd")),
        detail(rows, humanCost),
        money(rows.getBigDecimal("reported_calls_cost_usd")));
  }

  private static OutcomeDetail detail(ResultSet rows, HumanCostSettings humanCost)
      throws SQLException {
    BigDecimal recorded = money(rows.getBigDecimal("recorded_minutes"));
    BigDecimal estimated = money(rows.getBigDecimal("estimated_minutes"));
    return new OutcomeDetail(
        rows.getLong("tasks_without_outcome"),
        rows.getLong("retried_tasks"),
        rows.getLong("rework_tasks"),
        rows.getLong("escalated_tasks"),
        rows.getLong("intervention_tasks"),
        recorded,
        estimated,
        humanCost.costOfMinutes(recorded.add(estimated)),
        humanCost.costOfMinutes(money(rows.getBigDecimal("priced_minutes"))));
  }

  private static BigDecimal money(BigDecimal amount) {
    if (amount == null) {
      return BigDecimal.ZERO;
    }
    BigDecimal stripped = amount.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  private static UsageSummary emptySummary() {
    return new UsageSummary(
        0, 0, TokenUsage.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0, 0, 0, 0, 0, 0, 0, null, null);
  }

  private static List<UnpricedModel> unpricedModels(DuckDBConnection connection)
      throws SQLException {
    String sql =
        "SELECT model, provider, count(*), sum(input_tokens), sum(cache_read_tokens),"
            + " sum(cache_write_5m_tokens), sum(cache_write_1h_tokens), sum(output_tokens),"
            + " sum(reasoning_tokens) FROM report_records WHERE NOT priced"
            + " GROUP BY model, provider ORDER BY count(*) DESC, model";
    List<UnpricedModel> models = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        models.add(
            new UnpricedModel(
                rows.getString(1),
                rows.getString(2),
                rows.getLong(3),
                new TokenUsage(
                    rows.getLong(4),
                    rows.getLong(5),
                    rows.getLong(6),
                    rows.getLong(7),
                    rows.getLong(8),
                    rows.getLong(9))));
      }
    }
    return models;
  }

  private static long scalar(DuckDBConnection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
