package io.valuemeter.ledger.duckdb;

import io.valuemeter.advice.ModelTaskStats;
import io.valuemeter.economics.TokenEfficiency;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Queries behind the metrics and the advice. Each reads the {@code report_records} and {@code
 * rate_card} tables that {@link ReportQuery#run} leaves on the ledger's connection, so it must run
 * after a report on the same ledger and uses the same period and prices.
 */
public final class AdviceQuery {

  private static final Pattern TAG_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  private static final String ALL_TOKENS =
      "input_tokens + cache_read_tokens + cache_write_5m_tokens + cache_write_1h_tokens"
          + " + output_tokens";

  private AdviceQuery() {}

  /**
   * Per model and task category: its tasks with an outcome, their successes and cost. The category
   * is the value of the tag {@code categoryTag}; records without it are left out, and so are models
   * with any unpriced record.
   */
  public static List<ModelTaskStats> modelTaskStats(DuckDbLedger ledger, String categoryTag) {
    String sql =
        "WITH task_cost AS (SELECT model, "
            + categoryExpression(categoryTag)
            + " AS category, task, sum(cost_usd) AS cost, bool_and(priced) AS all_priced"
            + " FROM report_records WHERE task IS NOT NULL GROUP BY ALL)"
            + " SELECT t.model, t.category, count(*), count(*) FILTER (WHERE o.success),"
            + " sum(t.cost) FROM task_cost t JOIN outcomes o ON o.task_id = t.task"
            + " WHERE t.category <> '' AND t.model IN (SELECT model FROM task_cost"
            + " GROUP BY model HAVING bool_and(all_priced)) GROUP BY t.model, t.category";
    List<ModelTaskStats> stats = new ArrayList<>();
    try (PreparedStatement statement = ledger.connection().prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        stats.add(
            new ModelTaskStats(
                rows.getString(1),
                rows.getString(2),
                rows.getLong(3),
                rows.getLong(4),
                rows.getBigDecimal(5).stripTrailingZeros()));
      }
    } catch (SQLException e) {
      throw new LedgerException("failed to read outcomes by model: " + e.getMessage(), e);
    }
    return stats;
  }

  /** Per model and category: all tokens and successes, for token efficiency. */
  public static List<TokenEfficiency.Cell> tokenEfficiencyCells(
      DuckDbLedger ledger, String categoryTag) {
    String sql =
        "WITH task_tokens AS (SELECT model, "
            + categoryExpression(categoryTag)
            + " AS category, task, sum("
            + ALL_TOKENS
            + ") AS tokens FROM report_records WHERE task IS NOT NULL GROUP BY ALL)"
            + " SELECT t.model, t.category, sum(t.tokens), count(*) FILTER (WHERE o.success)"
            + " FROM task_tokens t LEFT JOIN outcomes o ON o.task_id = t.task"
            + " WHERE t.category <> '' GROUP BY t.model, t.category";
    List<TokenEfficiency.Cell> cells = new ArrayList<>();
    try (PreparedStatement statement = ledger.connection().prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        cells.add(
            new TokenEfficiency.Cell(
                rows.getString(1), rows.getString(2), rows.getLong(3), rows.getLong(4)));
      }
    } catch (SQLException e) {
      throw new LedgerException("failed to read tokens by model: " + e.getMessage(), e);
    }
    return cells;
  }

  /**
   * The interactive calls of each model that has batch rates, with their cost now and at batch
   * rates.
   *
   * @param model the model as stored
   * @param calls interactive calls
   * @param costUsd their cost at interactive rates
   * @param batchCostUsd their cost had they been sent through the batch API
   */
  public record BatchOption(String model, long calls, BigDecimal costUsd, BigDecimal batchCostUsd) {

    /** Returns the saving = cost - batch cost, in US dollars. */
    public BigDecimal savingUsd() {
      return costUsd.subtract(batchCostUsd);
    }
  }

  /** Returns what moving each model's interactive calls to batch would save, largest first. */
  public static List<BatchOption> batchOptions(DuckDbLedger ledger) {
    String sql =
        "SELECT r.model, count(*), sum(r.cost_usd), sum(r.input_tokens * b.input_rate"
            + " + r.cache_read_tokens * b.cache_read_rate"
            + " + r.cache_write_5m_tokens * b.cache_write_5m_rate"
            + " + r.cache_write_1h_tokens * b.cache_write_1h_rate"
            + " + (r.output_tokens - r.reasoning_tokens) * b.output_rate"
            + " + r.reasoning_tokens * b.reasoning_rate)"
            + " FROM report_records r JOIN rate_card b ON b.model = r.model"
            + " AND b.provider = coalesce(r.provider, '') AND b.mode = 'batch' AND b.batch_declared"
            + " AND (CASE WHEN r.ts IS NULL THEN b.latest"
            + " ELSE r.ts >= b.valid_from AND r.ts < b.valid_to END)"
            + " AND b.tier = CASE WHEN r.long_context THEN 'long' ELSE 'base' END"
            + " WHERE r.mode = 'interactive' AND r.priced GROUP BY r.model"
            + " ORDER BY sum(r.cost_usd) DESC";
    List<BatchOption> options = new ArrayList<>();
    try (PreparedStatement statement = ledger.connection().prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        options.add(
            new BatchOption(
                rows.getString(1),
                rows.getLong(2),
                rows.getBigDecimal(3).stripTrailingZeros(),
                rows.getBigDecimal(4).stripTrailingZeros()));
      }
    } catch (SQLException e) {
      throw new LedgerException("failed to price calls at batch rates: " + e.getMessage(), e);
    }
    return options;
  }

  /**
   * The prompt caching of one model as recorded.
   *
   * @param model the model as stored
   * @param promptTokens all input tokens
   * @param cacheReadTokens input tokens read from the cache
   * @param cacheWriteTokens input tokens written to the cache (5-minute and 1-hour)
   * @param inputCostUsd what the input buckets cost with caching
   * @param uncachedInputCostUsd what they would cost with every input token at the input rate
   */
  public record CacheUse(
      String model,
      long promptTokens,
      long cacheReadTokens,
      long cacheWriteTokens,
      BigDecimal inputCostUsd,
      BigDecimal uncachedInputCostUsd) {

    /** Returns the saving caching brought = uncached input cost - input cost (negative: a loss). */
    public BigDecimal savingUsd() {
      return uncachedInputCostUsd.subtract(inputCostUsd);
    }
  }

  /** Returns the recorded cache use of each priced model that read or wrote the cache. */
  public static List<CacheUse> cacheUse(DuckDbLedger ledger) {
    String sql =
        "SELECT r.model, sum(r.input_tokens + r.cache_read_tokens + r.cache_write_5m_tokens"
            + " + r.cache_write_1h_tokens), sum(r.cache_read_tokens),"
            + " sum(r.cache_write_5m_tokens + r.cache_write_1h_tokens),"
            + " sum(r.input_tokens * c.input_rate + r.cache_read_tokens * c.cache_read_rate"
            + " + r.cache_write_5m_tokens * c.cache_write_5m_rate"
            + " + r.cache_write_1h_tokens * c.cache_write_1h_rate),"
            + " sum((r.input_tokens + r.cache_read_tokens + r.cache_write_5m_tokens"
            + " + r.cache_write_1h_tokens) * c.input_rate)"
            + " FROM report_records r JOIN rate_card c ON c.model = r.model"
            + " AND c.provider = coalesce(r.provider, '') AND c.mode = r.mode"
            + " AND (CASE WHEN r.ts IS NULL THEN c.latest"
            + " ELSE r.ts >= c.valid_from AND r.ts < c.valid_to END)"
            + " AND c.tier = CASE WHEN r.long_context THEN 'long' ELSE 'base' END"
            + " WHERE r.priced GROUP BY r.model"
            + " HAVING sum(r.cache_read_tokens + r.cache_write_5m_tokens"
            + " + r.cache_write_1h_tokens) > 0 ORDER BY r.model";
    List<CacheUse> uses = new ArrayList<>();
    try (PreparedStatement statement = ledger.connection().prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        uses.add(
            new CacheUse(
                rows.getString(1),
                rows.getLong(2),
                rows.getLong(3),
                rows.getLong(4),
                rows.getBigDecimal(5).stripTrailingZeros(),
                rows.getBigDecimal(6).stripTrailingZeros()));
      }
    } catch (SQLException e) {
      throw new LedgerException("failed to read cache use: " + e.getMessage(), e);
    }
    return uses;
  }

  /**
   * The tokens of one workflow by kind of step.
   *
   * @param workflow the workflow, empty for calls without one
   * @param workTokens tokens of work steps (and steps without a kind)
   * @param coordinationTokens tokens of handoff, routing and summary steps
   * @param retryTokens tokens of retry steps
   * @param otherTokens tokens of other steps, such as tool calls
   * @param costUsd the workflow's cost
   * @param coordinationCostUsd the cost of its coordination steps
   * @param escalatedTasks tasks of the workflow handed to a human
   */
  public record WorkflowStack(
      String workflow,
      long workTokens,
      long coordinationTokens,
      long retryTokens,
      long otherTokens,
      BigDecimal costUsd,
      BigDecimal coordinationCostUsd,
      long escalatedTasks) {

    /**
     * Returns the coordination overhead share = coordination tokens / all tokens, or null without
     * tokens.
     */
    public BigDecimal overheadShare() {
      long total = workTokens + coordinationTokens + retryTokens + otherTokens;
      return total == 0
          ? null
          : BigDecimal.valueOf(coordinationTokens)
              .divide(BigDecimal.valueOf(total), 10, java.math.RoundingMode.HALF_EVEN);
    }
  }

  /** Returns the multi-agent cost stack of every workflow that records step kinds. */
  public static List<WorkflowStack> workflowStacks(DuckDbLedger ledger) {
    String kind = "lower(coalesce(step_kind, 'work'))";
    String sql =
        "WITH w AS (SELECT coalesce(workflow, '') AS workflow, "
            + kind
            + " AS kind, "
            + ALL_TOKENS
            + " AS tokens, coalesce(cost_usd, 0) AS cost, task FROM report_records"
            + " WHERE workflow IS NOT NULL OR step_kind IS NOT NULL)"
            + " SELECT workflow, sum(tokens) FILTER (WHERE kind = 'work'),"
            + " sum(tokens) FILTER (WHERE kind IN ('handoff', 'routing', 'summary')),"
            + " sum(tokens) FILTER (WHERE kind = 'retry'),"
            + " sum(tokens) FILTER (WHERE kind NOT IN ('work', 'handoff', 'routing', 'summary',"
            + " 'retry')), sum(cost), sum(cost) FILTER (WHERE kind IN ('handoff', 'routing',"
            + " 'summary')), (SELECT count(*) FROM outcomes o WHERE o.escalated AND o.task_id IN"
            + " (SELECT task FROM w w2 WHERE w2.workflow = w.workflow))"
            + " FROM w GROUP BY workflow ORDER BY workflow";
    List<WorkflowStack> stacks = new ArrayList<>();
    try (PreparedStatement statement = ledger.connection().prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        stacks.add(
            new WorkflowStack(
                rows.getString(1),
                rows.getLong(2),
                rows.getLong(3),
                rows.getLong(4),
                rows.getLong(5),
                money(rows.getBigDecimal(6)),
                money(rows.getBigDecimal(7)),
                rows.getLong(8)));
      }
    } catch (SQLException e) {
      throw new LedgerException("failed to read workflow costs: " + e.getMessage(), e);
    }
    return stacks;
  }

  private static BigDecimal money(BigDecimal value) {
    return value == null ? BigDecimal.ZERO : value.stripTrailingZeros();
  }

  private static String categoryExpression(String categoryTag) {
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
}
