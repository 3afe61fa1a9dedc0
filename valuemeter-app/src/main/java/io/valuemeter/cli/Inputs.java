package io.valuemeter.cli;

import io.valuemeter.ingest.LoadProgress;
import io.valuemeter.ingest.SourceFormat;
import io.valuemeter.ingest.SourceLoader;
import io.valuemeter.ingest.prices.LiteLlmPriceReader;
import io.valuemeter.ingest.tabular.ColumnMapping;
import io.valuemeter.ledger.duckdb.DuckDbLedger;
import io.valuemeter.ledger.duckdb.LedgerPrices;
import io.valuemeter.pricing.BuiltInPrices;
import io.valuemeter.pricing.PriceCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns {@link InputOptions} into a price catalog, a loader and the default paths. */
final class Inputs {

  private final InputOptions options;
  private final PrintStream err;

  Inputs(InputOptions options, PrintStream err) {
    this.options = options;
    this.err = err;
  }

  /**
   * Returns the catalog for this run: the built-in prices, under the prices imported into the
   * ledger (when the ledger file exists), under each {@code --prices} file in order.
   */
  PriceCatalog catalog(DuckDbLedger openLedger) throws IOException {
    PriceCatalog catalog = BuiltInPrices.catalog();
    PriceCatalog imported = null;
    if (openLedger != null) {
      imported = LedgerPrices.load(openLedger);
    } else if (Files.exists(options.ledgerFile)) {
      try (DuckDbLedger ledger = DuckDbLedger.open(options.ledgerFile)) {
        imported = LedgerPrices.load(ledger);
      }
    }
    if (imported != null && imported.size() > 0) {
      catalog = catalog.overlay(imported);
    }
    LiteLlmPriceReader reader = new LiteLlmPriceReader();
    for (Path file : options.priceFiles) {
      LiteLlmPriceReader.Result result = reader.read(file);
      if (!result.problems().isEmpty()) {
        throw new UserException(
            "invalid price file " + file + ":\n  " + String.join("\n  ", result.problems()),
            ExitCodes.FAILURE);
      }
      catalog = catalog.overlay(result.catalog(file.getFileName().toString()));
    }
    return catalog;
  }

  /** Returns a loader configured by the options. */
  SourceLoader loader(LoadProgress progress) throws IOException {
    SourceFormat format = null;
    if (options.source != null) {
      format =
          SourceFormat.parse(options.source)
              .orElseThrow(
                  () ->
                      new UserException(
                          "--source "
                              + options.source
                              + " is not a format; use one of "
                              + SourceFormat.labels(),
                          ExitCodes.USAGE));
    }
    SourceLoader loader =
        new SourceLoader(format, mapping(), options.quiet ? line -> {} : err::println, progress);
    if (!options.outcomeMapPairs.isEmpty()) {
      try {
        loader.withOutcomeMapping(ColumnMapping.ofPairs(options.outcomeMapPairs, "--outcome-map"));
      } catch (IllegalArgumentException e) {
        throw new UserException(e.getMessage(), ExitCodes.USAGE);
      }
    }
    return loader;
  }

  private ColumnMapping mapping() throws IOException {
    ColumnMapping mapping = null;
    try {
      if (options.mapping != null) {
        if (!Files.isRegularFile(options.mapping)) {
          throw new UserException(
              "mapping file " + options.mapping + " not found; check the path", ExitCodes.USAGE);
        }
        mapping = ColumnMapping.parse(options.mapping);
      }
      List<String> pairs = new ArrayList<>(options.mapPairs);
      if (options.defaultModel != null) {
        pairs.add("default.model=" + options.defaultModel);
      }
      if (!pairs.isEmpty()) {
        ColumnMapping fromPairs = ColumnMapping.ofPairs(pairs, "the command line");
        mapping = mapping == null ? fromPairs : mapping.merge(fromPairs);
      }
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), ExitCodes.USAGE);
    }
    return mapping;
  }

  /**
   * Returns the Claude Code projects folder: {@code $CLAUDE_CONFIG_DIR/projects} or the home one.
   */
  static Path claudeProjects() {
    String configDir = System.getenv("CLAUDE_CONFIG_DIR");
    Path base =
        configDir != null && !configDir.isBlank()
            ? Path.of(configDir)
            : Path.of(System.getProperty("user.home"), ".claude");
    return base.resolve("projects");
  }

  /** Returns a progress display, or none with {@code --quiet}. */
  LoadProgress progress() {
    return options.quiet ? LoadProgress.NONE : new ConsoleProgress(err);
  }
}
