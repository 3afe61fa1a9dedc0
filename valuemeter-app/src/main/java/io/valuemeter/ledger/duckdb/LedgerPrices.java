package io.valuemeter.ledger.duckdb;

import com.fasterxml.jackson.databind.JsonNode;
import io.valuemeter.ingest.prices.LiteLlmPriceReader;
import io.valuemeter.pricing.PriceCatalog;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.duckdb.DuckDBAppender;

/**
 * Prices imported into the ledger with {@code prices import}. Each entry is stored as its LiteLLM
 * JSON text under its key; importing a key again replaces it.
 */
public final class LedgerPrices {

  private LedgerPrices() {}

  /**
   * Stores LiteLLM entries, replacing entries with the same keys, and returns how many were stored.
   */
  public static int store(DuckDbLedger ledger, Map<String, JsonNode> entries, String source) {
    try (Statement statement = ledger.connection().createStatement()) {
      statement.execute(
          "CREATE OR REPLACE TEMP TABLE staging_prices (model VARCHAR, price_json VARCHAR)");
      try (DuckDBAppender appender =
          ledger.connection().createAppender("temp", "main", "staging_prices")) {
        for (Map.Entry<String, JsonNode> entry : entries.entrySet()) {
          appender.beginRow();
          appender.append(entry.getKey());
          appender.append(entry.getValue().toString());
          appender.endRow();
        }
      }
      statement.execute("BEGIN TRANSACTION");
      statement.execute(
          "DELETE FROM catalog_prices WHERE model IN (SELECT model FROM staging_prices)");
      try (PreparedStatement insert =
          ledger
              .connection()
              .prepareStatement(
                  "INSERT INTO catalog_prices SELECT model, NULL, NULL, price_json, ?,"
                      + " current_timestamp FROM staging_prices")) {
        insert.setString(1, source);
        insert.execute();
      }
      statement.execute("COMMIT");
      statement.execute("DROP TABLE staging_prices");
      return entries.size();
    } catch (SQLException e) {
      throw new LedgerException("failed to store imported prices: " + e.getMessage(), e);
    }
  }

  /** Loads the imported prices as a catalog; empty when none were imported. */
  public static PriceCatalog load(DuckDbLedger ledger) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    String source = null;
    try (Statement statement = ledger.connection().createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT model, price_json, source FROM catalog_prices ORDER BY imported_at, model")) {
      while (rows.next()) {
        entries.put(rows.getString(1), rows.getString(2));
        source = rows.getString(3);
      }
    } catch (SQLException e) {
      throw new LedgerException("failed to read imported prices: " + e.getMessage(), e);
    }
    if (entries.isEmpty()) {
      return PriceCatalog.empty();
    }
    LiteLlmPriceReader reader = new LiteLlmPriceReader();
    String name = "imported " + source;
    return reader.read(reader.objectOf(entries), name).catalog(name);
  }
}
