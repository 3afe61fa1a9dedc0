package io.valuemeter.ledger.duckdb;

import io.valuemeter.pricing.ReportedCostCheck;
import io.valuemeter.usage.Attribution;
import io.valuemeter.usage.Outcome;
import io.valuemeter.usage.TokenUsage;
import io.valuemeter.usage.UsageRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One import into the ledger: records are appended to staging tables, then {@link #commit()} merges
 * them by id.
 *
 * <p>Merge rule: among rows with one id, in the staging table and in the ledger, the row with the
 * most output tokens wins, then the one with the largest prompt, then the one read last. Claude
 * Code writes one response on several lines as it streams, and the last, most complete line has the
 * largest usage. A row that loses changes nothing, so importing the same data twice leaves the
 * ledger as it was.
 */
public final class LedgerImport implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LedgerImport.class);

  private static final String BEST_STAGED =
      "SELECT * EXCLUDE (seq, rank) FROM (SELECT *, row_number() OVER (PARTITION BY id ORDER BY"
          + " output_tokens DESC, input_tokens + cache_read_tokens + cache_write_5m_tokens"
          + " + cache_write_1h_tokens DESC, seq ASC) AS rank FROM staging_usage) WHERE rank = 1";

  private static final String CREATE_USAGE_STAGING =
      "CREATE OR REPLACE TEMP TABLE staging_usage ("
          + LedgerSchema.USAGE_COLUMNS.replace("ts TIMESTAMPTZ", "ts_micros BIGINT")
          + ", seq BIGINT NOT NULL)";

  /** All input tokens of a row, with {@code $} standing for the table alias and its dot. */
  private static final String PROMPT =
      "($input_tokens + $cache_read_tokens + $cache_write_5m_tokens + $cache_write_1h_tokens)";

  /** Decimal places of money columns, DECIMAL(38,18). */
  private static final int MONEY_SCALE = 18;

  /** Decimal places of the human minutes column, DECIMAL(38,6). */
  private static final int MINUTES_SCALE = 6;

  /**
   * Staged usage rows merged at a time, 250,000 unless the system property {@code
   * valuemeter.batchRows} sets another number. Fewer rows per batch lower peak memory but add a
   * join against the ledger per batch; docs/benchmarks.md has the measurements.
   */
  static final int BATCH_ROWS = Integer.getInteger("valuemeter.batchRows", 250_000);

  private final DuckDBConnection connection;
  private DuckDBAppender usageAppender;
  private DuckDBAppender outcomeAppender;
  private long usageSequence;
  private long outcomeSequence;
  private long pendingUsageRows;
  private long newRecords;
  private long updatedRecords;
  private long mergeNanos;
  private boolean finished;

  private final long batchRows;

  /**
   * Starts an import.
   *
   * @param batchRows staged rows per merge, or {@code Long.MAX_VALUE} for one merge at commit
   */
  LedgerImport(DuckDBConnection connection, long batchRows) {
    this.connection = connection;
    this.batchRows = batchRows;
    try (Statement statement = connection.createStatement()) {
      statement.execute(CREATE_USAGE_STAGING);
      statement.execute(
          "CREATE OR REPLACE TEMP TABLE staging_outcomes ("
              + LedgerSchema.OUTCOME_COLUMNS.replace("ts TIMESTAMPTZ", "ts_micros BIGINT")
              + ", seq BIGINT NOT NULL)");
      usageAppender = connection.createAppender("temp", "main", "staging_usage");
      outcomeAppender = connection.createAppender("temp", "main", "staging_outcomes");
    } catch (SQLException e) {
      throw new LedgerException("failed to start an import: " + e.getMessage(), e);
    }
  }

  /** Stages one usage record. */
  public void add(UsageRecord record, String sourceFormat) {
    TokenUsage tokens = record.tokens();
    Attribution attribution = record.attribution();
    try {
      usageAppender.beginRow();
      usageAppender.append(record.id());
      appendMicros(usageAppender, record.time());
      appendText(usageAppender, record.provider());
      usageAppender.append(record.model());
      usageAppender.append(tokens.input());
      usageAppender.append(tokens.cacheRead());
      usageAppender.append(tokens.cacheWrite5m());
      usageAppender.append(tokens.cacheWrite1h());
      usageAppender.append(tokens.output());
      usageAppender.append(tokens.reasoning());
      usageAppender.append(record.mode().label());
      appendText(usageAppender, attribution.agent());
      appendText(usageAppender, attribution.workflow());
      appendText(usageAppender, attribution.task());
      appendText(usageAppender, attribution.session());
      appendText(usageAppender, attribution.stepKind());
      appendText(usageAppender, tagsText(attribution.tags()));
      appendMoney(usageAppender, record.reportedCostUsd());
      appendMoney(
          usageAppender,
          record.reportedCostUsd() == null
              ? null
              : ReportedCostCheck.tolerance(record.reportedCostUsd()));
      usageAppender.append(record.aggregate());
      usageAppender.append(record.origin());
      appendText(usageAppender, sourceFormat);
      usageAppender.append(usageSequence++);
      usageAppender.endRow();
      if (++pendingUsageRows >= batchRows) {
        mergeUsageBatch(true);
      }
    } catch (SQLException e) {
      throw new LedgerException(
          "failed to stage usage record " + record.id() + ": " + e.getMessage(), e);
    }
  }

  /** Stages one outcome; of several outcomes for one task the last one read is kept. */
  public void add(Outcome outcome, String origin) {
    try {
      outcomeAppender.beginRow();
      outcomeAppender.append(outcome.taskId());
      appendMicros(outcomeAppender, outcome.time());
      outcomeAppender.append(outcome.success());
      appendMoney(outcomeAppender, outcome.valueUsd());
      outcomeAppender.append(outcome.attempts());
      outcomeAppender.append(outcome.reworkNeeded());
      appendDecimal(outcomeAppender, outcome.humanMinutes(), MINUTES_SCALE);
      outcomeAppender.append(outcome.escalated());
      outcomeAppender.append(origin == null ? "" : origin);
      outcomeAppender.append(outcomeSequence++);
      outcomeAppender.endRow();
    } catch (SQLException e) {
      throw new LedgerException(
          "failed to stage the outcome of task " + outcome.taskId() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Returns one message per task with more than one staged outcome, at most {@code limit}, each
   * naming the task, the rows and which one is kept.
   */
  public List<String> duplicateOutcomeTasks(int limit) {
    List<String> messages = new ArrayList<>();
    try {
      outcomeAppender.flush();
      try (Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT task_id, count(*), string_agg(origin, ', ' ORDER BY seq),"
                      + " last(origin ORDER BY seq) FROM staging_outcomes GROUP BY task_id"
                      + " HAVING count(*) > 1 ORDER BY min(seq) LIMIT "
                      + limit)) {
        while (rows.next()) {
          messages.add(
              "task \""
                  + rows.getString(1)
                  + "\" has "
                  + rows.getLong(2)
                  + " outcomes ("
                  + rows.getString(3)
                  + "); the last one read ("
                  + rows.getString(4)
                  + ") is kept, so remove the others if it is not the right one");
        }
      }
    } catch (SQLException e) {
      throw new LedgerException("failed to check for duplicate outcomes: " + e.getMessage(), e);
    }
    return messages;
  }

  /** Returns how many usage rows have been staged so far. */
  public long stagedUsageRows() {
    return usageSequence;
  }

  /** Merges the staged rows into the ledger, commits, and returns what changed. */
  public MergeCounts commit() {
    try {
      long[] outcomeCounts;
      try (Statement statement = connection.createStatement()) {
        statement.execute("BEGIN TRANSACTION");
        mergeUsageBatch(false);
        closeAppenders();
        outcomeCounts = mergeOutcomes(statement);
        statement.execute("COMMIT");
      }
      LOG.debug(
          "merged {} staged rows into {} new records in {} ms",
          usageSequence,
          newRecords,
          mergeNanos / 1_000_000);
      return new MergeCounts(
          usageSequence,
          newRecords,
          updatedRecords,
          outcomeSequence,
          outcomeCounts[0],
          outcomeCounts[1]);
    } catch (SQLException e) {
      rollbackQuietly();
      throw new LedgerException("failed to store the imported records: " + e.getMessage(), e);
    } finally {
      finished = true;
      dropStaging();
    }
  }

  /**
   * Merges the staged usage rows into the ledger and empties the staging table.
   *
   * @param ownTransaction whether to run in a transaction of its own
   */
  private void mergeUsageBatch(boolean ownTransaction) throws SQLException {
    if (pendingUsageRows == 0) {
      return;
    }
    long started = System.nanoTime();
    usageAppender.close();
    usageAppender = null;
    try (Statement statement = connection.createStatement()) {
      if (ownTransaction) {
        timed(statement, "BEGIN TRANSACTION");
      }
      String bestRows =
          "SELECT * EXCLUDE (ts_micros), CASE WHEN ts_micros IS NULL THEN NULL"
              + " ELSE make_timestamp(ts_micros)::TIMESTAMPTZ END AS ts FROM ("
              + BEST_STAGED
              + ")";
      if (scalar(statement, "SELECT count(*) FROM (SELECT 1 FROM usage_records LIMIT 1)") == 0) {
        // An empty ledger, as for a report read straight from files, needs no join.
        newRecords += statement.executeUpdate("INSERT INTO usage_records BY NAME " + bestRows);
      } else {
        // One join classifies each staged id: new, more complete than the stored row, or neither.
        timed(
            statement,
            "CREATE OR REPLACE TEMP TABLE best_usage AS SELECT b.*, CASE"
                + " WHEN u.id IS NULL THEN 'new' WHEN b.output_tokens > u.output_tokens"
                + " OR (b.output_tokens = u.output_tokens AND "
                + PROMPT.replace("$", "b.")
                + " > u.prompt) THEN 'replace' ELSE 'keep' END AS merge_action FROM ("
                + bestRows
                + ") b LEFT JOIN (SELECT id, output_tokens, "
                + PROMPT.replace("$", "")
                + " AS prompt FROM usage_records) u ON u.id = b.id");
        newRecords +=
            scalar(statement, "SELECT count(*) FROM best_usage WHERE merge_action = 'new'");
        long replaced =
            scalar(statement, "SELECT count(*) FROM best_usage WHERE merge_action = 'replace'");
        if (replaced > 0) {
          timed(
              statement,
              "DELETE FROM usage_records WHERE id IN"
                  + " (SELECT id FROM best_usage WHERE merge_action = 'replace')");
          updatedRecords += replaced;
        }
        timed(
            statement,
            "INSERT INTO usage_records BY NAME SELECT * EXCLUDE (merge_action) FROM best_usage"
                + " WHERE merge_action <> 'keep'");
        timed(statement, "DROP TABLE IF EXISTS best_usage");
      }
      // Dropping frees the rows' memory; a DELETE would only mark them deleted.
      timed(statement, "DROP TABLE staging_usage");
      timed(statement, CREATE_USAGE_STAGING);
      if (ownTransaction) {
        timed(statement, "COMMIT");
        // Writing the batch to the file now frees the memory that DuckDB holds for rows not yet
        // checkpointed, which otherwise grows with the import.
        timed(statement, "CHECKPOINT");
      }
    }
    pendingUsageRows = 0;
    usageAppender = connection.createAppender("temp", "main", "staging_usage");
    mergeNanos += System.nanoTime() - started;
  }

  private long[] mergeOutcomes(Statement statement) throws SQLException {
    statement.execute(
        "CREATE OR REPLACE TEMP TABLE best_outcomes AS SELECT * EXCLUDE (ts_micros, seq, rank),"
            + " CASE WHEN ts_micros IS NULL THEN NULL"
            + " ELSE make_timestamp(ts_micros)::TIMESTAMPTZ END AS ts FROM (SELECT *,"
            + " row_number() OVER (PARTITION BY task_id ORDER BY seq DESC) AS rank"
            + " FROM staging_outcomes) WHERE rank = 1");
    long newOutcomes =
        scalar(
            statement,
            "SELECT count(*) FROM best_outcomes b ANTI JOIN outcomes o ON o.task_id = b.task_id");
    String changed =
        " FROM best_outcomes b JOIN outcomes o ON o.task_id = b.task_id WHERE"
            + " b.success IS DISTINCT FROM o.success OR b.value_usd IS DISTINCT FROM o.value_usd"
            + " OR b.attempts IS DISTINCT FROM o.attempts OR b.rework IS DISTINCT FROM o.rework"
            + " OR b.human_minutes IS DISTINCT FROM o.human_minutes"
            + " OR b.escalated IS DISTINCT FROM o.escalated OR b.ts IS DISTINCT FROM o.ts";
    long updatedOutcomes = scalar(statement, "SELECT count(*)" + changed);
    if (updatedOutcomes > 0) {
      statement.execute("DELETE FROM outcomes WHERE task_id IN (SELECT b.task_id" + changed + ")");
    }
    statement.execute(
        "INSERT INTO outcomes BY NAME SELECT b.* FROM best_outcomes b"
            + " ANTI JOIN outcomes o ON o.task_id = b.task_id");
    statement.execute("DROP TABLE IF EXISTS best_outcomes");
    return new long[] {newOutcomes, updatedOutcomes};
  }

  private static void timed(Statement statement, String sql) throws SQLException {
    long started = System.nanoTime();
    statement.execute(sql);
    LOG.debug(
        "{} ms: {}",
        (System.nanoTime() - started) / 1_000_000,
        sql.substring(0, Math.min(60, sql.length())));
  }

  private static long scalar(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private void closeAppenders() throws SQLException {
    if (usageAppender != null) {
      usageAppender.close();
      usageAppender = null;
    }
    if (outcomeAppender != null) {
      outcomeAppender.close();
      outcomeAppender = null;
    }
  }

  private void rollbackQuietly() {
    try (Statement statement = connection.createStatement()) {
      statement.execute("ROLLBACK");
    } catch (SQLException e) {
      // No transaction was open: nothing to undo.
    }
  }

  private void dropStaging() {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS staging_usage");
      statement.execute("DROP TABLE IF EXISTS staging_outcomes");
    } catch (SQLException e) {
      // Temporary tables vanish with the connection anyway.
    }
  }

  @Override
  public void close() {
    if (!finished) {
      try {
        closeAppenders();
      } catch (SQLException e) {
        // The import is abandoned; the rollback below discards what it staged.
      }
      finished = true;
      rollbackQuietly();
      dropStaging();
    }
  }

  private static void appendMicros(DuckDBAppender appender, Instant time) throws SQLException {
    if (time == null) {
      appender.appendNull();
    } else {
      appender.append(ChronoUnit.MICROS.between(Instant.EPOCH, time));
    }
  }

  private static void appendText(DuckDBAppender appender, String text) throws SQLException {
    if (text == null) {
      appender.appendNull();
    } else {
      appender.append(text);
    }
  }

  private static void appendMoney(DuckDBAppender appender, BigDecimal amount) throws SQLException {
    appendDecimal(appender, amount, MONEY_SCALE);
  }

  private static void appendDecimal(DuckDBAppender appender, BigDecimal amount, int scale)
      throws SQLException {
    if (amount == null) {
      appender.appendNull();
    } else {
      appender.append(amount.setScale(scale, RoundingMode.HALF_EVEN));
    }
  }

  private static String tagsText(Map<String, String> tags) {
    if (tags.isEmpty()) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    tags.forEach(
        (key, value) -> {
          if (text.length() > 0) {
            text.append(';');
          }
          text.append(key).append('=').append(value);
        });
    return text.toString();
  }
}
