package io.valuemeter.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.valuemeter.budget.BudgetDefinition;
import io.valuemeter.budget.BudgetEvaluator;
import io.valuemeter.budget.BudgetPeriod;
import io.valuemeter.budget.BudgetStatus;
import io.valuemeter.budget.BudgetValidator;
import io.valuemeter.guard.AlertDeduplicator;
import io.valuemeter.guard.ThresholdCrossing;
import io.valuemeter.ingest.budget.BudgetFileReader;
import io.valuemeter.ledger.duckdb.BudgetQuery;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code valuemeter budgets}: checks budget files and shows the status of each budget. */
@Command(
    name = "budgets",
    mixinStandardHelpOptions = true,
    description = "Validates budget files and shows the status of each budget.",
    subcommands = {BudgetsCommand.Validate.class, BudgetsCommand.Status.class})
final class BudgetsCommand implements Runnable {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Checks a budget file (YAML, or JSON when the name ends in .json) and lists every"
            + " problem at once.",
        "Exit code 0 when the file is valid, 2 when it has problems, 1 when it cannot be read."
      },
      footer = {"", "Example:", "  valuemeter budgets validate examples/budgets.yaml"})
  static final class Validate implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The budget file.")
    Path file;

    @Override
    public Integer call() {
      BudgetValidator.Result result;
      try {
        result = readBudgets(file);
      } catch (UserException e) {
        System.err.println("valuemeter: " + e.getMessage());
        return e.exitCode();
      }
      if (!result.valid()) {
        printProblems(file, result);
        return ExitCodes.USAGE;
      }
      List<String> names = new ArrayList<>();
      for (BudgetDefinition budget : result.budgets()) {
        names.add(budget.name());
      }
      System.out.println(
          file + ": " + names.size() + " valid budget(s): " + String.join(", ", names));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = {
        "Shows, for every budget in FILE, the spend of its current period: spent, limit,"
            + " remaining, share used, forecast for the end of the period, the alert"
            + " thresholds reached, the state and, for investment budgets, the payback so far.",
        "Reads the same input as report: the PATHs given, or else the ledger."
      },
      footer = {
        "",
        "Example:",
        "  valuemeter budgets status examples/budgets.yaml examples/data/claude-code"
            + " --at 2025-11-20T00:00:00Z"
      })
  static final class Status implements Callable<Integer> {

    /** Output formats of the status. */
    enum Format {
      table,
      json
    }

    @Parameters(index = "0", paramLabel = "FILE", description = "The budget file.")
    Path file;

    @Mixin InputOptions options;

    @Option(
        names = "--at",
        paramLabel = "INSTANT",
        description =
            "Evaluate at this ISO-8601 instant, such as 2025-11-20T00:00:00Z, instead of now:"
                + " each budget's period is the one containing it, and spend after it is left"
                + " out.")
    String at;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        defaultValue = "table",
        description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Mixin AlertOptions alerts;

    /** The clock of "now" when --at is not given. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
      BudgetValidator.Result result;
      Clock evaluationClock;
      try {
        result = readBudgets(file);
        evaluationClock = evaluationClock();
      } catch (UserException e) {
        System.err.println("valuemeter: " + e.getMessage());
        return e.exitCode();
      }
      if (!result.valid()) {
        printProblems(file, result);
        return ExitCodes.USAGE;
      }
      dropBudgetFileFromPaths();
      List<BudgetStatus> statuses = new ArrayList<>();
      BudgetEvaluator evaluator = new BudgetEvaluator(evaluationClock);
      try (LedgerSession session = LedgerSession.open(options)) {
        for (BudgetDefinition budget : result.budgets()) {
          BudgetPeriod.Window window = evaluator.currentWindow(budget);
          // Spend after the evaluation instant is left out, so --at shows the past as it was.
          Instant end =
              window.end().isAfter(evaluationClock.instant())
                  ? evaluationClock.instant()
                  : window.end();
          BudgetEvaluator.Spend spend =
              end.isAfter(window.start())
                  ? BudgetQuery.spend(
                      session.ledger,
                      session.catalog,
                      budget.scope(),
                      new BudgetPeriod.Window(window.start(), end),
                      budget.zone())
                  : BudgetEvaluator.Spend.NONE;
          statuses.add(evaluator.evaluate(budget, window, spend));
        }
      }
      if (format == Format.json) {
        BudgetStatusOutput.writeJson(statuses, evaluationClock.instant(), System.out);
      } else {
        BudgetStatusOutput.writeTable(statuses, evaluationClock.instant(), System.out);
      }
      System.out.flush();
      if (alerts.enabled()) {
        sendAlerts(statuses, evaluationClock);
      }
      return ExitCodes.OK;
    }

    /** Sends one alert per budget, period and crossed threshold that no earlier run sent. */
    private void sendAlerts(List<BudgetStatus> statuses, Clock evaluationClock) {
      try (AlertOptions.Sinks sinks = alerts.open()) {
        AlertDeduplicator deduplicator = new AlertDeduplicator(sinks.sink(), evaluationClock);
        for (BudgetStatus status : statuses) {
          BudgetDefinition budget = status.budget();
          boolean tokens = budget.limit().unit() == BudgetDefinition.LimitUnit.TOKENS;
          for (BigDecimal threshold : status.crossedThresholds()) {
            deduplicator.thresholdCrossed(
                new ThresholdCrossing(
                    budget.name(),
                    budget.scope().toString(),
                    status.window().start(),
                    status.window().end(),
                    threshold,
                    status.spentUsd(),
                    tokens ? null : status.limit(),
                    status.spentTokens(),
                    tokens ? status.limit().longValue() : null));
          }
        }
        System.err.println(
            "Alerts: "
                + sinks.sink().sent()
                + " new, "
                + sinks.sink().skipped()
                + " already sent by an earlier run ("
                + alerts.stateFile
                + ").");
      }
    }

    private Clock evaluationClock() {
      if (at == null) {
        return clock;
      }
      try {
        return Clock.fixed(Instant.parse(at.trim()), ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new UserException(
            "--at " + at + " is not an instant; use ISO-8601 in UTC such as 2025-11-20T00:00:00Z",
            ExitCodes.USAGE);
      }
    }

    /**
     * Removes FILE from the PATHs. Picocli gives the unindexed PATH parameters of {@link
     * InputOptions} every positional argument, FILE included, so without this the budget file would
     * be read as usage data.
     */
    private void dropBudgetFileFromPaths() {
      if (!options.paths.isEmpty() && options.paths.get(0).equals(file)) {
        options.paths = new ArrayList<>(options.paths.subList(1, options.paths.size()));
      }
    }
  }

  static BudgetValidator.Result readBudgets(Path file) {
    if (java.nio.file.Files.isDirectory(file)) {
      throw new UserException(
          "budget file " + file + " is a folder; pass a YAML or JSON file", ExitCodes.FAILURE);
    }
    if (!java.nio.file.Files.exists(file)) {
      throw new UserException(
          "budget file " + file + " not found; check the path", ExitCodes.FAILURE);
    }
    Object document;
    try {
      document = BudgetFileReader.read(file);
    } catch (BudgetFileReader.SyntaxException e) {
      throw new UserException(e.getMessage(), ExitCodes.USAGE);
    } catch (IOException e) {
      throw new UserException(
          "failed to read budget file " + file + ": " + e.getMessage(), ExitCodes.FAILURE);
    }
    return BudgetValidator.validate(document, file.toString());
  }

  private static void printProblems(Path file, BudgetValidator.Result result) {
    for (String problem : result.problems()) {
      System.err.println(problem);
    }
    System.err.println(
        file + ": " + result.problems().size() + " problem(s); fix them and validate again.");
  }

  /** Table and JSON output of budget statuses. */
  static final class BudgetStatusOutput {

    private static final String[] HEADER = {
      "budget",
      "category",
      "scope",
      "period",
      "spent",
      "limit",
      "remaining",
      "used",
      "forecast",
      "state"
    };

    private BudgetStatusOutput() {}

    static void writeTable(List<BudgetStatus> statuses, Instant at, PrintStream out) {
      List<String[]> rows = new ArrayList<>();
      rows.add(HEADER);
      for (BudgetStatus status : statuses) {
        rows.add(cells(status));
      }
      int[] widths = new int[HEADER.length];
      for (String[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          widths[i] = Math.max(widths[i], row[i].length());
        }
      }
      for (int r = 0; r < rows.size(); r++) {
        out.println(line(rows.get(r), widths));
        if (r == 0) {
          String[] rule = new String[HEADER.length];
          for (int i = 0; i < rule.length; i++) {
            rule[i] = "-".repeat(widths[i]);
          }
          out.println(line(rule, widths));
        }
      }
      out.println();
      out.println(
          "Evaluated at " + at + ". Costs in US dollars; forecasts at the run rate so far.");
      for (BudgetStatus status : statuses) {
        for (String note : notes(status)) {
          out.println(status.budget().name() + ": " + note);
        }
      }
    }

    private static String[] cells(BudgetStatus status) {
      BudgetDefinition budget = status.budget();
      return new String[] {
        budget.name(),
        budget.category().label(),
        budget.scope().toString(),
        budget.period().periodName(status.window().start(), budget.zone())
            + " "
            + budget.zone().getId(),
        amount(status, status.spent()),
        amount(status, status.limit()),
        amount(status, status.remaining()),
        percent(status.shareUsed()),
        amount(status, status.forecast()),
        status.state().name() + (status.hardStopActive() ? " (hard stop)" : "")
      };
    }

    private static List<String> notes(BudgetStatus status) {
      List<String> notes = new ArrayList<>();
      if (status.overspend().signum() > 0) {
        notes.add("over the limit by " + amount(status, status.overspend()) + ".");
      }
      if (status.hardStopActive()) {
        notes.add("hard stop active: calls in scope must stop until the next period.");
      }
      if (!status.crossedThresholds().isEmpty()) {
        List<String> crossed = new ArrayList<>();
        for (BigDecimal threshold : status.crossedThresholds()) {
          crossed.add(percent(threshold));
        }
        notes.add("alert thresholds reached: " + String.join(", ", crossed) + ".");
      }
      if (status.shareUsed() == null) {
        notes.add("the limit is $0 because no successful outcome in scope records a value yet.");
      }
      if (status.paybackRatio() != null) {
        notes.add(
            "payback so far "
                + plain(status.paybackRatio())
                + " (value "
                + usd(status.outcomeValueUsd())
                + " / spent "
                + usd(status.spentUsd())
                + ").");
      }
      if (status.paybackMonths() != null && status.spentUsd().signum() > 0) {
        notes.add(
            "the spend so far equals "
                + plain(status.paybackMonths().setScale(2, RoundingMode.HALF_EVEN))
                + " month(s) of the expected value.");
      }
      if (status.unpricedCalls() > 0) {
        notes.add(
            status.unpricedCalls()
                + " unpriced call(s) are left out of the spent dollars; add prices with"
                + " --prices FILE.");
      }
      return notes;
    }

    static void writeJson(List<BudgetStatus> statuses, Instant at, PrintStream out)
        throws IOException {
      try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.useDefaultPrettyPrinter();
        json.writeStartObject();
        json.writeStringField("at", at.toString());
        json.writeArrayFieldStart("budgets");
        for (BudgetStatus status : statuses) {
          writeStatus(json, status);
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      out.println();
    }

    private static void writeStatus(JsonGenerator json, BudgetStatus status) throws IOException {
      BudgetDefinition budget = status.budget();
      json.writeStartObject();
      json.writeStringField("name", budget.name());
      json.writeStringField("category", budget.category().label());
      json.writeStringField("scope", budget.scope().toString());
      json.writeStringField("period", budget.period().label());
      json.writeStringField(
          "periodName", budget.period().periodName(status.window().start(), budget.zone()));
      json.writeStringField("zone", budget.zone().getId());

      json.writeStringField("windowStart", status.window().start().toString());
      json.writeStringField("windowEnd", status.window().end().toString());
      number(json, "fractionElapsed", status.fractionElapsed());

      json.writeStringField("unit", status.inTokens() ? "tokens" : "usd");
      number(json, "spent", status.spent());
      number(json, "limit", status.limit());
      number(json, "remaining", status.remaining());
      number(json, "overspend", status.overspend());
      number(json, "shareUsed", status.shareUsed());
      number(json, "forecast", status.forecast());
      number(json, "spentUsd", status.spentUsd());
      json.writeNumberField("spentTokens", status.spentTokens());
      number(json, "outcomeValueUsd", status.outcomeValueUsd());
      json.writeNumberField("unpricedCalls", status.unpricedCalls());

      json.writeArrayFieldStart("crossedThresholds");
      for (BigDecimal threshold : status.crossedThresholds()) {
        json.writeNumber(threshold);
      }
      json.writeEndArray();
      json.writeStringField("state", status.state().name());
      json.writeBooleanField("hardStop", budget.hardStop());
      json.writeBooleanField("hardStopActive", status.hardStopActive());
      number(json, "paybackRatio", status.paybackRatio());
      number(json, "paybackMonths", status.paybackMonths());
      json.writeEndObject();
    }

    private static void number(JsonGenerator json, String field, BigDecimal value)
        throws IOException {
      if (value == null) {
        json.writeNullField(field);
      } else {
        json.writeNumberField(field, value);
      }
    }

    private static String line(String[] cells, int[] widths) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < cells.length; i++) {
        if (i > 0) {
          text.append("  ");
        }
        // The first four columns are text and align left; the figures align right.
        String format = i < 4 ? "%-" + widths[i] + "s" : "%" + widths[i] + "s";
        text.append(String.format(Locale.ROOT, format, cells[i]));
      }
      return text.toString().stripTrailing();
    }

    private static String amount(BudgetStatus status, BigDecimal value) {
      if (value == null) {
        return "-";
      }
      if (status.inTokens()) {
        return String.format(
            Locale.ROOT, "%,d", value.setScale(0, RoundingMode.HALF_EVEN).longValueExact());
      }
      return usd(value);
    }

    /** Returns dollars rounded to six decimal places, as report tables show them. */
    private static String usd(BigDecimal value) {
      return "$" + plain(value.setScale(6, RoundingMode.HALF_EVEN));
    }

    private static String percent(BigDecimal fraction) {
      if (fraction == null) {
        return "-";
      }
      return fraction.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }

    private static String plain(BigDecimal value) {
      BigDecimal stripped = value.stripTrailingZeros();
      return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
  }
}
