package io.valuemeter.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.valuemeter.advice.BenchmarkRun;
import io.valuemeter.ingest.benchmark.AiderLeaderboardReader;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code valuemeter leaderboard}: cost per solved task against pass rate of benchmark runs. */
@Command(
    name = "leaderboard",
    mixinStandardHelpOptions = true,
    description = {
      "Shows cost per solved task against pass rate for every run of an Aider leaderboard file"
          + " that records a cost, cheapest per solved task first, and marks the runs that no"
          + " other run beats on both (the cost-quality frontier)."
    },
    footer = {"", "Example:", "  valuemeter leaderboard polyglot_leaderboard.yml"})
final class LeaderboardCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "Aider leaderboard YAML file.")
  Path file;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "Output format: table or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws Exception {
    AiderLeaderboardReader.Result result = new AiderLeaderboardReader().read(file);
    for (String problem : result.problems()) {
      System.err.println("skipped: " + problem);
    }
    List<BenchmarkRun> runs = new ArrayList<>(result.runs());
    runs.sort(
        Comparator.comparing(
            BenchmarkRun::costPerSolvedUsd, Comparator.nullsLast(Comparator.naturalOrder())));
    Set<BenchmarkRun> frontier = new HashSet<>(BenchmarkRun.frontier(runs));
    if (format.toLowerCase(Locale.ROOT).equals("json")) {
      json(runs, frontier, result.withoutCost());
    } else {
      table(runs, frontier, result.withoutCost(), System.out);
    }
    return ExitCodes.OK;
  }

  private static void table(
      List<BenchmarkRun> runs, Set<BenchmarkRun> frontier, int withoutCost, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%-48s %-12s %-10s %6s %6s %9s %11s %16s%n",
        "model",
        "setting",
        "date",
        "cases",
        "solved",
        "pass rate",
        "total cost",
        "cost per solved");
    for (BenchmarkRun run : runs) {
      BigDecimal perSolved = run.costPerSolvedUsd();
      out.printf(
          Locale.ROOT,
          "%-48s %-12s %-10s %6d %6d %8s%% %11s %16s%s%n",
          run.model(),
          run.setting(),
          run.date() == null ? "-" : run.date().toString(),
          run.testCases(),
          run.solved(),
          run.passRate().movePointRight(2).setScale(1, RoundingMode.HALF_EVEN).toPlainString(),
          "$" + run.totalCostUsd().setScale(2, RoundingMode.HALF_EVEN).toPlainString(),
          perSolved == null
              ? "-"
              : "$" + perSolved.setScale(4, RoundingMode.HALF_EVEN).toPlainString(),
          frontier.contains(run) ? "  frontier" : "");
    }
    out.println();
    out.println(
        runs.size()
            + " runs with a cost; "
            + withoutCost
            + " runs record no cost (0) and are left out. Frontier: no other run is both"
            + " cheaper per solved task and more successful.");
  }

  private static void json(List<BenchmarkRun> runs, Set<BenchmarkRun> frontier, int withoutCost)
      throws Exception {
    try (JsonGenerator json = new JsonFactory().createGenerator(System.out, JsonEncoding.UTF8)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeNumberField("runsWithoutCost", withoutCost);
      json.writeArrayFieldStart("runs");
      for (BenchmarkRun run : runs) {
        json.writeStartObject();
        json.writeStringField("model", run.model());
        json.writeStringField("setting", run.setting());
        json.writeStringField("date", run.date() == null ? null : run.date().toString());
        json.writeNumberField("testCases", run.testCases());
        json.writeNumberField("solved", run.solved());
        json.writeNumberField("passRate", run.passRate());
        json.writeNumberField("totalCostUsd", run.totalCostUsd());
        if (run.costPerSolvedUsd() == null) {
          json.writeNullField("costPerSolvedUsd");
        } else {
          json.writeNumberField("costPerSolvedUsd", run.costPerSolvedUsd());
        }
        json.writeBooleanField("frontier", frontier.contains(run));
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    System.out.println();
  }
}
