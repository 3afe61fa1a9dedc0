package io.valuemeter.cli;

import io.valuemeter.ledger.duckdb.DuckDbLedger;
import io.valuemeter.ledger.duckdb.LedgerImport;
import io.valuemeter.pricing.PriceCatalog;
import io.valuemeter.report.InputSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The ledger a reading command works on: a temporary one filled from the PATHs given, the ledger
 * file when no PATH is given, or the Claude Code logs when neither exists.
 */
final class LedgerSession implements AutoCloseable {

  final DuckDbLedger ledger;
  final PriceCatalog catalog;
  final InputSummary input;

  private LedgerSession(DuckDbLedger ledger, PriceCatalog catalog, InputSummary input) {
    this.ledger = ledger;
    this.catalog = catalog;
    this.input = input;
  }

  /** Opens the ledger that the options name, loading the PATHs given into a temporary one. */
  static LedgerSession open(InputOptions options) throws Exception {
    Inputs inputs = new Inputs(options, System.err);
    if (!options.paths.isEmpty() || !options.outcomeFiles.isEmpty()) {
      return fromPaths(inputs, options, options.paths);
    }
    if (Files.exists(options.ledgerFile)) {
      DuckDbLedger ledger = DuckDbLedger.open(options.ledgerFile);
      try {
        if (ledger.usageRecordCount() == 0) {
          System.err.println(
              "The ledger "
                  + options.ledgerFile
                  + " holds no usage records yet; add some with valuemeter import PATH");
        }
        return new LedgerSession(ledger, inputs.catalog(ledger), InputSummary.none());
      } catch (Exception e) {
        ledger.close();
        throw e;
      }
    }
    Path claude = Inputs.claudeProjects();
    if (!Files.isDirectory(claude)) {
      throw new UserException(
          "nothing to report: no PATH given, no ledger at "
              + options.ledgerFile
              + " and no Claude Code logs in "
              + claude
              + "; pass files or folders, or import some first",
          ExitCodes.NO_INPUT);
    }
    System.err.println(
        "No PATH given and no ledger at "
            + options.ledgerFile
            + ": reading Claude Code logs in "
            + claude);
    return fromPaths(inputs, options, List.of(claude));
  }

  private static LedgerSession fromPaths(Inputs inputs, InputOptions options, List<Path> paths)
      throws Exception {
    PriceCatalog catalog = inputs.catalog(null);
    DuckDbLedger scratch = DuckDbLedger.openTemporary();
    try (LedgerImport target = scratch.beginImport()) {
      InputSummary summary =
          inputs.loader(inputs.progress()).load(paths, options.outcomeFiles, target, false);
      if (summary.files() == 0 && options.outcomeFiles.isEmpty()) {
        throw new UserException(
            "no .jsonl, .ndjson or .csv files found under "
                + String.join(", ", paths.stream().map(Path::toString).toList())
                + "; pass usage files or folders that contain them",
            ExitCodes.NO_INPUT);
      }
      return new LedgerSession(scratch, catalog, summary);
    } catch (Exception e) {
      scratch.close();
      throw e;
    }
  }

  @Override
  public void close() {
    ledger.close();
  }
}
