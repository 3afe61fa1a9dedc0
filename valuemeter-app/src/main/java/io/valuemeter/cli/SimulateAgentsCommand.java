package io.valuemeter.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.valuemeter.advice.AgentComparison;
import io.valuemeter.advice.AgentEconomics;
import io.valuemeter.advice.AgentProfile;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code valuemeter simulate agents}: agents compared by cost per successful outcome. */
@Command(
    name = "agents",
    mixinStandardHelpOptions = true,
    description = {
      "Compares agents that do the same task by cost per successful outcome, with rework and"
          + " human review counted, and names the cheapest.",
      "",
      "cost per success = cost per task / success rate; with rework = that x (1 + rework rate);"
          + " fully loaded = with rework + rework rate x human cost per rework. The rework rate is"
          + " the share of successful outcomes that need one rework.",
      "",
      "Columns: LLM cost per task, success rate, rework rate, then per successful outcome the"
          + " LLM cost, the LLM cost with rework, the human review cost and the fully loaded cost,"
          + " and the fully loaded cost as a multiple of the cheapest agent's."
    },
    footer = {
      "",
      "Example:",
      "  valuemeter simulate agents --agent A:0.15:60%%:40%% \\",
      "      --agent B:0.375:95%%:5%% --cost-per-rework 10",
      "",
      "  agent  per task  success  rework  per success  with rework  review  fully loaded  vs"
          + " cheapest",
      "  A         $0.15      60%%     40%%        $0.25        $0.35   $4.00         $4.35       "
          + " 4.76x",
      "  B        $0.375      95%%      5%%      $0.3947      $0.4145   $0.50       $0.9145       "
          + " 1.00x",
      "",
      "  Human cost per rework: $10.00.",
      "  Cheapest per successful outcome: B at $0.9145; A costs 4.76x as much."
    })
final class SimulateAgentsCommand implements Callable<Integer> {

  private static final String AGENT_FORMAT = "NAME:COST_PER_TASK:SUCCESS_RATE[:REWORK_RATE]";

  @Option(
      names = "--agent",
      required = true,
      paramLabel = AGENT_FORMAT,
      description =
          "An agent: its name, LLM cost per task in USD, success rate and rework rate (0 when"
              + " left out), the rates as fractions (0.95) or percentages (95%%); repeatable.")
  List<String> agents = new ArrayList<>();

  @Option(
      names = "--cost-per-rework",
      paramLabel = "USD",
      converter = SimulateValues.Usd.class,
      description = "Human cost of one rework in USD, such as a reviewer's time.")
  BigDecimal costPerRework;

  @Option(
      names = "--review-minutes",
      paramLabel = "MINUTES",
      description =
          "Human review minutes per rework, priced at --hourly-rate; instead of"
              + " --cost-per-rework.")
  BigDecimal reviewMinutes;

  @Option(
      names = "--hourly-rate",
      paramLabel = "USD",
      converter = SimulateValues.Usd.class,
      description = "Reviewer's cost per hour in USD, for --review-minutes.")
  BigDecimal hourlyRate;

  @Mixin SimulateOutput.FormatOption output;

  @Override
  public Integer call() throws Exception {
    List<AgentProfile> profiles = new ArrayList<>();
    for (String agent : agents) {
      profiles.add(parseAgent(agent));
    }
    BigDecimal humanCost = humanCostPerRework();
    AgentComparison comparison =
        SimulateValues.calculate(() -> new AgentComparison(profiles, humanCost));
    if (output.json()) {
      writeJson(comparison);
    } else {
      printTable(comparison);
    }
    return ExitCodes.OK;
  }

  private static AgentProfile parseAgent(String value) {
    String[] fields = value.split(":", -1);
    if (fields.length < 3 || fields.length > 4) {
      throw SimulateValues.usage(
          "--agent "
              + value
              + " has "
              + fields.length
              + " fields; write "
              + AGENT_FORMAT
              + ", such as A:0.15:60%:40%");
    }
    BigDecimal cost = SimulateValues.usdField("--agent", value, "cost per task", fields[1]);
    BigDecimal success = SimulateValues.fractionField("--agent", value, "success rate", fields[2]);
    BigDecimal rework =
        fields.length == 4
            ? SimulateValues.fractionField("--agent", value, "rework rate", fields[3])
            : BigDecimal.ZERO;
    return SimulateValues.calculate(
        () -> new AgentProfile(fields[0].trim(), cost, success, rework));
  }

  private BigDecimal humanCostPerRework() {
    boolean review = reviewMinutes != null || hourlyRate != null;
    if (costPerRework != null && review) {
      throw SimulateValues.usage(
          "give either --cost-per-rework or --review-minutes with --hourly-rate, not both");
    }
    if (review && (reviewMinutes == null || hourlyRate == null)) {
      throw SimulateValues.usage(
          reviewMinutes == null
              ? "--hourly-rate needs --review-minutes, the review minutes per rework"
              : "--review-minutes needs --hourly-rate, the reviewer's cost per hour in USD");
    }
    if (review) {
      return SimulateValues.calculate(
          () -> AgentComparison.reviewCostUsd(reviewMinutes, hourlyRate));
    }
    return costPerRework == null ? BigDecimal.ZERO : costPerRework;
  }

  private String humanCostSource() {
    if (reviewMinutes != null) {
      return "review minutes x hourly rate";
    }
    return costPerRework != null ? "cost per rework" : "none";
  }

  private void printTable(AgentComparison comparison) {
    List<List<String>> rows = new ArrayList<>();
    for (AgentEconomics agent : comparison.economics()) {
      AgentProfile profile = agent.agent();
      rows.add(
          List.of(
              profile.name(),
              SimulateOutput.usd(profile.costPerTaskUsd()),
              SimulateOutput.percent(profile.successRate()),
              SimulateOutput.percent(profile.reworkRate()),
              SimulateOutput.usd(agent.costPerSuccessUsd()),
              SimulateOutput.usd(agent.costPerSuccessWithReworkUsd()),
              SimulateOutput.usd(agent.humanCostPerSuccessUsd()),
              SimulateOutput.usd(agent.fullyLoadedCostPerSuccessUsd()),
              SimulateOutput.times(comparison.timesCheapest(agent))));
    }
    var out = System.out;
    SimulateOutput.printTable(
        out,
        List.of(
            "agent",
            "per task",
            "success",
            "rework",
            "per success",
            "with rework",
            "review",
            "fully loaded",
            "vs cheapest"),
        rows);
    out.println();
    out.println(humanCostLine(comparison.humanCostPerReworkUsd()));
    out.println(verdict(comparison));
    out.flush();
  }

  private String humanCostLine(BigDecimal humanCost) {
    if (reviewMinutes != null) {
      return "Human cost per rework: "
          + SimulateOutput.usd(humanCost)
          + " ("
          + SimulateOutput.quantity(reviewMinutes)
          + " review minutes at "
          + SimulateOutput.usd(hourlyRate)
          + " per hour).";
    }
    if (costPerRework != null) {
      return "Human cost per rework: " + SimulateOutput.usd(humanCost) + ".";
    }
    return "Human cost per rework: not counted, so fully loaded equals with rework; set"
        + " --cost-per-rework, or --review-minutes with --hourly-rate.";
  }

  private static String verdict(AgentComparison comparison) {
    Optional<AgentEconomics> cheapest = comparison.cheapest();
    if (cheapest.isEmpty()) {
      return "No agent succeeds, so none has a cost per successful outcome.";
    }
    String line =
        "Cheapest per successful outcome: "
            + cheapest.get().agent().name()
            + " at "
            + SimulateOutput.usd(cheapest.get().fullyLoadedCostPerSuccessUsd());
    Optional<BigDecimal> ratio = comparison.costRatio();
    if (ratio.isPresent()) {
      line +=
          "; "
              + comparison.costliest().orElseThrow().agent().name()
              + " costs "
              + SimulateOutput.times(ratio)
              + " as much";
    }
    return line + ".";
  }

  private void writeJson(AgentComparison comparison) throws Exception {
    SimulateOutput.writeJson(
        "agents",
        json -> {
          SimulateOutput.number(json, "humanCostPerReworkUsd", comparison.humanCostPerReworkUsd());
          json.writeStringField("humanCostSource", humanCostSource());
          json.writeArrayFieldStart("agents");
          for (AgentEconomics agent : comparison.economics()) {
            AgentProfile profile = agent.agent();
            json.writeStartObject();
            json.writeStringField("name", profile.name());
            SimulateOutput.number(json, "costPerTaskUsd", profile.costPerTaskUsd());
            SimulateOutput.number(json, "successRate", profile.successRate());
            SimulateOutput.number(json, "reworkRate", profile.reworkRate());
            SimulateOutput.number(json, "costPerSuccessUsd", agent.costPerSuccessUsd());
            SimulateOutput.number(
                json, "costPerSuccessWithReworkUsd", agent.costPerSuccessWithReworkUsd());
            SimulateOutput.number(json, "humanCostPerSuccessUsd", agent.humanCostPerSuccessUsd());
            SimulateOutput.number(
                json, "fullyLoadedCostPerSuccessUsd", agent.fullyLoadedCostPerSuccessUsd());
            SimulateOutput.number(json, "timesCheapest", comparison.timesCheapest(agent));
            json.writeEndObject();
          }
          json.writeEndArray();
          writeName(json, "cheapest", comparison.cheapest());
          writeName(json, "costliest", comparison.costliest());
          SimulateOutput.number(json, "costRatio", comparison.costRatio());
        });
  }

  private static void writeName(JsonGenerator json, String field, Optional<AgentEconomics> agent)
      throws IOException {
    if (agent.isPresent()) {
      json.writeStringField(field, agent.get().agent().name());
    } else {
      json.writeNullField(field);
    }
  }
}
