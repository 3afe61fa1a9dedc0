package io.valuemeter.cli;

import io.valuemeter.ingest.StrictModeException;
import io.valuemeter.ledger.duckdb.LedgerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code valuemeter} command and its subcommands. */
@Command(
    name = "valuemeter",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Reports what AI agents cost per call, per task and per successful outcome.",
    subcommands = {
      ReportCommand.class,
      ImportCommand.class,
      MetricsCommand.class,
      AdviseCommand.class,
      AnomaliesCommand.class,
      BudgetsCommand.class,
      GuardCommand.class,
      LeaderboardCommand.class,
      SimulateCommand.class,
      PricesCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success",
      "  1  failure while running (unreadable file, ledger error, invalid price file)",
      "  2  invalid command line",
      "  3  --strict was set and rows were rejected; nothing was stored",
      "  4  no input found",
      "  5  guard denied the call",
      "",
      "Results go to standard output, messages and progress to standard error."
    })
public final class ValueMeterCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** Runs the program. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the program and returns its exit code; tests call this instead of {@link #main}. */
  public static int execute(String... args) {
    CommandLine commandLine = new CommandLine(new ValueMeterCommand());
    commandLine.setUsageHelpAutoWidth(true);
    commandLine.setUsageHelpWidth(100);
    commandLine.setParameterExceptionHandler(
        (exception, arguments) -> {
          CommandLine failed = exception.getCommandLine();
          failed.getErr().println("valuemeter: " + exception.getMessage());
          failed
              .getErr()
              .println(
                  "Run '" + failed.getCommandSpec().qualifiedName() + " --help' for the options.");
          return ExitCodes.USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (exception, line, parseResult) -> handle(exception, line));
    commandLine.setExitCodeExceptionMapper(
        exception ->
            exception instanceof CommandLine.ParameterException
                ? ExitCodes.USAGE
                : ExitCodes.FAILURE);
    commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
    return commandLine.execute(args);
  }

  private static int handle(Exception exception, CommandLine line) {
    var err = line.getErr();
    if (exception instanceof UserException userException) {
      err.println("valuemeter: " + userException.getMessage());
      return userException.exitCode();
    }
    if (exception instanceof StrictModeException) {
      err.println("valuemeter: " + exception.getMessage());
      return ExitCodes.REJECTED;
    }
    if (exception instanceof IOException
        || exception instanceof UncheckedIOException
        || exception instanceof LedgerException
        || exception instanceof IllegalArgumentException) {
      err.println("valuemeter: " + exception.getMessage());
      return ExitCodes.FAILURE;
    }
    err.println("valuemeter: unexpected failure, please report it with the command line:");
    exception.printStackTrace(err);
    return ExitCodes.FAILURE;
  }
}
