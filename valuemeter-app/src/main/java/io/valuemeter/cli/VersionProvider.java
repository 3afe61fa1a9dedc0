package io.valuemeter.cli;

import io.valuemeter.ledger.duckdb.DuckDbLedger;
import picocli.CommandLine;

/** Supplies {@code --version} from the jar's manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = ValueMeterCommand.class.getPackage().getImplementationVersion();
    return new String[] {
      "valuemeter " + (version == null ? "development build" : version),
      "ledger schema version " + DuckDbLedger.SCHEMA_VERSION
    };
  }
}
