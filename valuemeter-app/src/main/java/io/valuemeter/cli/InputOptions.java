package io.valuemeter.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options that {@code report} and {@code import} share: what to read and how to price it. */
final class InputOptions {

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description =
          "Files or folders to read. Folders are searched for .jsonl, .ndjson and .csv files.")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--outcomes",
      paramLabel = "FILE",
      description =
          "CSV or JSONL file of outcomes, one row per task, joined to usage by task id: columns"
              + " task_id and success, optionally value, attempts, rework, human_minutes,"
              + " escalated and timestamp (other names through --outcome-map); repeatable.")
  List<Path> outcomeFiles = new ArrayList<>();

  @Option(
      names = "--outcome-map",
      paramLabel = "FIELD=COLUMN",
      description =
          "Column of an outcome file for a field (task, success, value, attempts, rework,"
              + " human_minutes, escalated, time), for example --outcome-map task=ticket;"
              + " repeatable.")
  List<String> outcomeMapPairs = new ArrayList<>();

  @Option(
      names = "--source",
      paramLabel = "FORMAT",
      description =
          "Reader for every file: claude-code, codex, csv or jsonl."
              + " By default each file's format is detected from its content and extension.")
  String source;

  @Option(
      names = "--mapping",
      paramLabel = "FILE",
      description =
          "Column mapping for CSV and JSONL: 'field = column' lines, see examples/*.mapping.")
  Path mapping;

  @Option(
      names = "--map",
      paramLabel = "FIELD=COLUMN",
      description =
          "One mapping line on the command line, for example --map model=model_name;"
              + " repeatable, and it overrides the same field in --mapping.")
  List<String> mapPairs = new ArrayList<>();

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      description = "Model for CSV and JSONL rows that name none, for example gpt-4o.")
  String defaultModel;

  @Option(
      names = "--prices",
      paramLabel = "FILE",
      description =
          "Extra or overriding prices in the LiteLLM JSON format, for this run only;"
              + " repeatable, later files win.")
  List<Path> priceFiles = new ArrayList<>();

  @Option(
      names = "--db",
      paramLabel = "FILE",
      description = "Ledger database file (default: ${DEFAULT-VALUE}).",
      defaultValue = "${env:VALUEMETER_DB:-${sys:user.home}/.valuemeter/ledger.duckdb}")
  Path ledgerFile;

  @Option(
      names = "--quiet",
      description = "Print no progress and no per-row messages on standard error.")
  boolean quiet;
}
