package io.valuemeter.ledger.duckdb;

import io.valuemeter.pricing.CostCalculator;
import io.valuemeter.pricing.ModelPrice;
import io.valuemeter.pricing.PriceCatalog;
import io.valuemeter.pricing.TokenRates;
import io.valuemeter.usage.UsageMode;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBConnection;

/**
 * A temporary table {@code rate_card} with the rates per token of every model in the ledger, one
 * row per model, provider, price period, mode and tier, so that queries price calls by a join.
 *
 * <p>Rates come from {@link CostCalculator#effectiveRates}, the same choice the calculator makes
 * for a single record, so the ledger and the calculator agree to the last digit. A price period
 * runs from its effective date (UTC midnight) to the next price's date; the first period also
 * covers any earlier call, and the row flagged {@code latest} prices calls without a timestamp.
 */
final class RateCard {

  private static final String MIN_TIME = "0001-01-01 00:00:00+00";
  private static final String MAX_TIME = "9999-12-31 00:00:00+00";

  private RateCard() {}

  /** Creates or replaces the {@code rate_card} table for the models stored in the ledger. */
  static void install(DuckDBConnection connection, PriceCatalog catalog) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE OR REPLACE TEMP TABLE rate_card (model VARCHAR, provider VARCHAR,"
              + " mode VARCHAR, tier VARCHAR, valid_from TIMESTAMPTZ, valid_to TIMESTAMPTZ,"
              + " latest BOOLEAN, threshold_tokens BIGINT, price_key VARCHAR,"
              + " cache_read_declared BOOLEAN, cache_write_5m_declared BOOLEAN,"
              + " cache_write_1h_declared BOOLEAN, batch_declared BOOLEAN,"
              + " input_rate DECIMAL(38,18), cache_read_rate DECIMAL(38,18),"
              + " cache_write_5m_rate DECIMAL(38,18), cache_write_1h_rate DECIMAL(38,18),"
              + " output_rate DECIMAL(38,18), reasoning_rate DECIMAL(38,18))");
    }
    List<String[]> models = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT DISTINCT model, provider FROM usage_records")) {
      while (rows.next()) {
        models.add(new String[] {rows.getString(1), rows.getString(2)});
      }
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO rate_card VALUES (?, ?, ?, ?, CAST(? AS TIMESTAMPTZ),"
                + " CAST(? AS TIMESTAMPTZ), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (String[] model : models) {
        addModel(insert, model[0], model[1], catalog.history(model[0], model[1]));
      }
      insert.executeBatch();
    }
  }

  private static void addModel(
      PreparedStatement insert, String model, String provider, List<ModelPrice> history)
      throws SQLException {
    for (int i = 0; i < history.size(); i++) {
      ModelPrice price = history.get(i);
      String validFrom = i == 0 ? MIN_TIME : utcMidnight(price.effectiveFrom());
      String validTo =
          i == history.size() - 1 ? MAX_TIME : utcMidnight(history.get(i + 1).effectiveFrom());
      boolean latest = i == history.size() - 1;
      for (UsageMode mode : UsageMode.values()) {
        addRow(insert, model, provider, price, mode, false, validFrom, validTo, latest);
        if (price.longContextTier().isPresent()) {
          addRow(insert, model, provider, price, mode, true, validFrom, validTo, latest);
        }
      }
    }
  }

  private static void addRow(
      PreparedStatement insert,
      String model,
      String provider,
      ModelPrice price,
      UsageMode mode,
      boolean longContext,
      String validFrom,
      String validTo,
      boolean latest)
      throws SQLException {
    TokenRates declared = CostCalculator.declaredRates(price, mode, longContext);
    TokenRates rates = CostCalculator.effectiveRates(price, mode, longContext);
    int column = 1;
    insert.setString(column++, model);
    insert.setString(column++, provider == null ? "" : provider);
    insert.setString(column++, mode.label());
    insert.setString(column++, longContext ? "long" : "base");
    insert.setString(column++, validFrom);
    insert.setString(column++, validTo);
    insert.setBoolean(column++, latest);
    if (price.longContextTier().isPresent()) {
      insert.setLong(column++, price.longContextTier().get().thresholdTokens());
    } else {
      insert.setNull(column++, java.sql.Types.BIGINT);
    }
    insert.setString(column++, price.model());
    insert.setBoolean(column++, declared.cacheRead().isPresent());
    insert.setBoolean(column++, declared.cacheWrite5m().isPresent());
    insert.setBoolean(
        column++, declared.cacheWrite1h().isPresent() || declared.cacheWrite5m().isPresent());
    insert.setBoolean(column++, mode == UsageMode.INTERACTIVE || price.batchRates().isPresent());
    insert.setBigDecimal(column++, perToken(rates.inputPerMillionTokens()));
    insert.setBigDecimal(column++, perToken(rates.cacheReadPerMillionTokens()));
    insert.setBigDecimal(column++, perToken(rates.cacheWrite5mPerMillionTokens()));
    insert.setBigDecimal(column++, perToken(rates.cacheWrite1hPerMillionTokens()));
    insert.setBigDecimal(column++, perToken(rates.outputPerMillionTokens()));
    insert.setBigDecimal(column, perToken(rates.reasoningPerMillionTokens()));
    insert.addBatch();
  }

  private static BigDecimal perToken(BigDecimal perMillionTokens) {
    BigDecimal rate = perMillionTokens.movePointLeft(6);
    if (rate.scale() > 18) {
      throw new IllegalArgumentException(
          "rate "
              + perMillionTokens.toPlainString()
              + " per million tokens has more than 12 decimal places; round it in the price file");
    }
    return rate.setScale(18);
  }

  private static String utcMidnight(LocalDate day) {
    return day == null ? MIN_TIME : day + " 00:00:00+00";
  }
}
