package io.valuemeter.cli;

import io.valuemeter.ledger.duckdb.DuckDbLedger;
import io.valuemeter.ledger.duckdb.LedgerImport;
import io.valuemeter.report.InputSummary;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code valuemeter import}: stores usage records and outcomes in the ledger. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Stores usage records and outcomes from files or folders in the ledger."
          + " Importing the same data again changes nothing.",
      "Without a PATH it imports the Claude Code logs in ~/.claude/projects."
    },
    footer = {
      "",
      "Examples:",
      "  valuemeter import ~/.claude/projects ~/.codex/sessions",
      "  valuemeter import --strict usage.csv --mapping usage.mapping"
    })
final class ImportCommand implements Callable<Integer> {

  @Mixin InputOptions options;

  @Option(
      names = "--strict",
      description = "Fail with exit code 3 and store nothing when any row is rejected.")
  boolean strict;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "Summary format: table or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintStream err = System.err;
    List<Path> paths = options.paths;
    if (paths.isEmpty() && options.outcomeFiles.isEmpty()) {
      Path claude = Inputs.claudeProjects();
      if (!Files.isDirectory(claude)) {
        throw new UserException(
            "nothing to import: no PATH given and no Claude Code logs in " + claude,
            ExitCodes.NO_INPUT);
      }
      err.println("No PATH given: importing Claude Code logs in " + claude);
      paths = List.of(claude);
    }
    Inputs inputs = new Inputs(options, err);
    InputSummary summary;
    long stored;
    try (DuckDbLedger ledger = DuckDbLedger.open(options.ledgerFile);
        LedgerImport target = strict ? ledger.beginAtomicImport() : ledger.beginImport()) {
      summary = inputs.loader(inputs.progress()).load(paths, options.outcomeFiles, target, strict);
      stored = ledger.usageRecordCount();
    }
    print(summary, stored);
    return ExitCodes.OK;
  }

  private void print(InputSummary summary, long stored) {
    PrintStream out = System.out;
    if (format.toLowerCase(Locale.ROOT).equals("json")) {
      out.println(
          String.format(
              Locale.ROOT,
              "{\"ledger\": \"%s\", \"files\": %d, \"imported\": %d, \"duplicates\": %d,"
                  + " \"rejected\": %d, \"outcomes\": %d, \"storedRecords\": %d}",
              options.ledgerFile.toString().replace("\\", "\\\\").replace("\"", "\\\""),
              summary.files(),
              summary.imported(),
              summary.duplicates(),
              summary.rejected(),
              summary.outcomes(),
              stored));
      return;
    }
    out.println("Ledger:     " + options.ledgerFile);
    out.println("Files:      " + summary.files());
    out.println("Imported:   " + summary.imported() + " new records");
    out.println("Duplicates: " + summary.duplicates() + " rows already read or stored");
    out.println("Rejected:   " + summary.rejected() + " rows");
    out.println("Outcomes:   " + summary.outcomes() + " read");
    out.println("Stored:     " + stored + " records in the ledger");
  }
}
