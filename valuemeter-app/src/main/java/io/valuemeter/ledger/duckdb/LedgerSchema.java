package io.valuemeter.ledger.duckdb;

import java.util.List;

/** The DDL of schema version 1. */
final class LedgerSchema {

  /** Columns of a usage record, in the order the staging appender writes them. */
  static final String USAGE_COLUMNS =
      "id VARCHAR NOT NULL, ts TIMESTAMPTZ, provider VARCHAR, model VARCHAR NOT NULL,"
          + " input_tokens BIGINT NOT NULL, cache_read_tokens BIGINT NOT NULL,"
          + " cache_write_5m_tokens BIGINT NOT NULL, cache_write_1h_tokens BIGINT NOT NULL,"
          + " output_tokens BIGINT NOT NULL, reasoning_tokens BIGINT NOT NULL,"
          + " mode VARCHAR NOT NULL, agent VARCHAR, workflow VARCHAR, task VARCHAR,"
          + " session VARCHAR, step_kind VARCHAR, tags VARCHAR,"
          + " reported_cost_usd DECIMAL(38,18), reported_cost_tolerance_usd DECIMAL(38,18),"
          + " aggregate BOOLEAN NOT NULL, origin VARCHAR, source_format VARCHAR";

  static final String OUTCOME_COLUMNS =
      "task_id VARCHAR NOT NULL, ts TIMESTAMPTZ, success BOOLEAN NOT NULL,"
          + " value_usd DECIMAL(38,18), attempts INTEGER NOT NULL, rework BOOLEAN NOT NULL,"
          + " human_minutes DECIMAL(38,6), escalated BOOLEAN NOT NULL, origin VARCHAR";

  // NOTE: ids are kept unique by the merge in LedgerImport rather than by a PRIMARY KEY, because
  // DuckDB holds a key index in memory and that would make memory grow with the ledger's size.
  static final List<String> CREATE_STATEMENTS =
      List.of(
          "CREATE TABLE IF NOT EXISTS usage_records (" + USAGE_COLUMNS + ")",
          "CREATE TABLE IF NOT EXISTS outcomes (" + OUTCOME_COLUMNS + ")",
          "CREATE TABLE IF NOT EXISTS catalog_prices (model VARCHAR NOT NULL, provider VARCHAR,"
              + " effective_from DATE, price_json VARCHAR NOT NULL, source VARCHAR,"
              + " imported_at TIMESTAMPTZ NOT NULL)");

  private LedgerSchema() {}
}
