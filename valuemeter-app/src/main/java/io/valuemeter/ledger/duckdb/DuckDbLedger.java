package io.valuemeter.ledger.duckdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;

/**
 * The usage ledger in an embedded DuckDB database file.
 *
 * <p>Tables: {@code usage_records} (one row per call id), {@code outcomes} (one row per task),
 * {@code catalog_prices} (prices imported with {@code prices import}) and {@code schema_info},
 * whose single row carries {@link #SCHEMA_VERSION}. Storing the same data twice changes nothing,
 * because every import merges by id (see {@link LedgerImport}).
 */
public final class DuckDbLedger implements AutoCloseable {

  /** The version of the table layout that this code writes and reads. */
  public static final int SCHEMA_VERSION = 1;

  /**
   * DuckDB's memory limit: past it, DuckDB spills to a temporary folder beside the ledger file. The
   * system property {@code valuemeter.duckdb.memoryLimit} overrides it, for example {@code 1GB}.
   */
  private static final String DUCKDB_MEMORY_LIMIT =
      System.getProperty("valuemeter.duckdb.memoryLimit", "128MB");

  private final DuckDBConnection connection;
  private final Path file;
  private final boolean temporary;
  private boolean closed;

  private DuckDbLedger(DuckDBConnection connection, Path file, boolean temporary) {
    this.connection = connection;
    this.file = file;
    this.temporary = temporary;
  }

  /**
   * Opens the ledger in a file, creating the file, its folder and the tables when missing.
   *
   * @throws LedgerException when the file is not a DuckDB database, is locked by another process,
   *     or was written by a newer version of ValueMeter
   */
  public static DuckDbLedger open(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new LedgerException("failed to create the folder for ledger " + file + ": " + e, e);
    }
    return connect(file, false);
  }

  /** Opens a ledger in a new temporary file that is deleted on {@link #close()}. */
  public static DuckDbLedger openTemporary() {
    try {
      Path dir = Files.createTempDirectory("valuemeter-");
      return connect(dir.resolve("scratch.duckdb"), true);
    } catch (IOException e) {
      throw new LedgerException("failed to create a temporary ledger: " + e, e);
    }
  }

  private static DuckDbLedger connect(Path file, boolean temporary) {
    try {
      Connection plain = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
      DuckDBConnection connection = plain.unwrap(DuckDBConnection.class);
      DuckDbLedger ledger = new DuckDbLedger(connection, file, temporary);
      ledger.configure();
      ledger.migrate();
      return ledger;
    } catch (SQLException e) {
      throw new LedgerException("failed to open ledger " + file + ": " + e.getMessage(), e);
    }
  }

  private void configure() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      // Timestamps are stored and converted in UTC; reports switch the zone per query.
      statement.execute("SET TimeZone = 'UTC'");
      statement.execute("SET memory_limit = '" + DUCKDB_MEMORY_LIMIT.replace("'", "") + "'");
      statement.execute("SET threads = 2");
      statement.execute("SET preserve_insertion_order = false");
    }
  }

  private void migrate() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS schema_info (version INTEGER NOT NULL,"
              + " created_at TIMESTAMPTZ NOT NULL)");
      Integer version = null;
      try (ResultSet rows = statement.executeQuery("SELECT max(version) FROM schema_info")) {
        if (rows.next()) {
          int value = rows.getInt(1);
          version = rows.wasNull() ? null : value;
        }
      }
      if (version != null && version > SCHEMA_VERSION) {
        throw new LedgerException(
            "ledger "
                + file
                + " has schema version "
                + version
                + ", newer than this ValueMeter reads ("
                + SCHEMA_VERSION
                + "); upgrade ValueMeter or pass --db with another file");
      }
      for (String ddl : LedgerSchema.CREATE_STATEMENTS) {
        statement.execute(ddl);
      }
      if (version == null) {
        statement.execute(
            "INSERT INTO schema_info VALUES (" + SCHEMA_VERSION + ", current_timestamp)");
      }
    }
  }

  /** Returns the schema version stored in the file. */
  public int schemaVersion() {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT max(version) FROM schema_info")) {
      rows.next();
      return rows.getInt(1);
    } catch (SQLException e) {
      throw new LedgerException("failed to read the schema version: " + e.getMessage(), e);
    }
  }

  /** Starts a batched import; see {@link LedgerImport} for what batching means. */
  public LedgerImport beginImport() {
    return new LedgerImport(connection, LedgerImport.BATCH_ROWS);
  }

  /** Starts an import that merges every {@code batchRows} rows, for tests of batching. */
  LedgerImport beginImport(long batchRows) {
    return new LedgerImport(connection, batchRows);
  }

  /**
   * Starts an import that stores all or nothing: every record is staged in memory until {@link
   * LedgerImport#commit()}.
   */
  public LedgerImport beginAtomicImport() {
    return new LedgerImport(connection, Long.MAX_VALUE);
  }

  /** Returns the number of stored usage records. */
  public long usageRecordCount() {
    return count("usage_records");
  }

  /** Returns the number of stored outcomes. */
  public long outcomeCount() {
    return count("outcomes");
  }

  private long count(String table) {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new LedgerException("failed to count " + table + ": " + e.getMessage(), e);
    }
  }

  /** Returns the JDBC connection for queries in this package. */
  DuckDBConnection connection() {
    return connection;
  }

  /** Returns the database file. */
  public Path file() {
    return file;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      connection.close();
    } catch (SQLException e) {
      throw new LedgerException("failed to close ledger " + file + ": " + e.getMessage(), e);
    } finally {
      if (temporary) {
        deleteQuietly(file);
        deleteQuietly(Path.of(file + ".wal"));
        deleteQuietly(file.getParent());
      }
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // A temporary file left behind is harmless: it lives in the system's temporary folder.
    }
  }
}
