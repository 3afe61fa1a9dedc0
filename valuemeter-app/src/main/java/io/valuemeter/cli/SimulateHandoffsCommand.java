package io.valuemeter.cli;

import io.valuemeter.advice.CoordinationOverhead;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code valuemeter simulate handoffs}: the coordination overhead of a multi-agent design. */
@Command(
    name = "handoffs",
    mixinStandardHelpOptions = true,
    description = {
      "Computes the coordination overhead of a multi-agent design: the tokens spent on handoffs"
          + " between agents, routing and summaries, on top of the work itself.",
      "",
      "overhead = handoffs x tokens per handoff + routing tokens + summary tokens; share ="
          + " overhead / (work + overhead). Without --tokens-per-handoff it shows two estimates:"
          + " about 1,000 tokens per handoff at the least and 2,500 typically."
    },
    footer = {
      "",
      "Example:",
      "  valuemeter simulate handoffs --handoffs 4 --work-tokens 40000 --price 3",
      "",
      "  handoff size  per handoff  overhead tokens  overhead share  overhead cost  total cost",
      "  minimum             1,000            4,000           9.09%%         $0.012      $0.132",
      "  typical             2,500           10,000             20%%          $0.03       $0.15",
      "",
      "  The work alone, 40,000 tokens, costs $0.12 at $3.00 per million tokens."
    })
final class SimulateHandoffsCommand implements Callable<Integer> {

  @Option(
      names = "--handoffs",
      required = true,
      paramLabel = "N",
      description = "Times work passes from one agent to another, per task.")
  long handoffs;

  @Option(
      names = "--work-tokens",
      required = true,
      paramLabel = "N",
      description = "Tokens of the work itself per task, which a single agent would spend too.")
  long workTokens;

  @Option(
      names = "--price",
      required = true,
      paramLabel = "USD",
      converter = SimulateValues.Usd.class,
      description = "Blended price of these tokens in USD per million.")
  BigDecimal price;

  @Option(
      names = "--tokens-per-handoff",
      paramLabel = "N",
      description = "Tokens of context one handoff carries (default: show both 1,000 and 2,500).")
  Long tokensPerHandoff;

  @Option(
      names = "--routing-tokens",
      paramLabel = "N",
      defaultValue = "0",
      description = "Tokens of routing decisions per task (default: ${DEFAULT-VALUE}).")
  long routingTokens;

  @Option(
      names = "--summary-tokens",
      paramLabel = "N",
      defaultValue = "0",
      description = "Tokens of summaries written for other agents per task (default: 0).")
  long summaryTokens;

  @Mixin SimulateOutput.FormatOption output;

  @Override
  public Integer call() throws Exception {
    List<String> labels = new ArrayList<>();
    List<CoordinationOverhead> scenarios = new ArrayList<>();
    if (tokensPerHandoff != null) {
      labels.add("given");
      scenarios.add(overhead(tokensPerHandoff));
    } else {
      labels.add("minimum");
      scenarios.add(overhead(CoordinationOverhead.MINIMUM_TOKENS_PER_HANDOFF));
      labels.add("typical");
      scenarios.add(overhead(CoordinationOverhead.TYPICAL_TOKENS_PER_HANDOFF));
    }
    try {
      if (output.json()) {
        writeJson(labels, scenarios);
      } else {
        print(labels, scenarios);
      }
    } catch (ArithmeticException e) {
      throw SimulateValues.usage("the token counts are too large to add up; give smaller counts");
    }
    return ExitCodes.OK;
  }

  private CoordinationOverhead overhead(long perHandoff) {
    return SimulateValues.calculate(
        () ->
            new CoordinationOverhead(
                handoffs, perHandoff, workTokens, routingTokens, summaryTokens, price));
  }

  private void print(List<String> labels, List<CoordinationOverhead> scenarios) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < scenarios.size(); i++) {
      CoordinationOverhead scenario = scenarios.get(i);
      rows.add(
          List.of(
              labels.get(i),
              SimulateOutput.count(scenario.tokensPerHandoff()),
              SimulateOutput.count(scenario.overheadTokens()),
              SimulateOutput.percent(scenario.overheadShare()),
              SimulateOutput.usd(scenario.overheadCostUsd()),
              SimulateOutput.usd(scenario.totalCostUsd())));
    }
    PrintStream out = System.out;
    SimulateOutput.printTable(
        out,
        List.of(
            "handoff size",
            "per handoff",
            "overhead tokens",
            "overhead share",
            "overhead cost",
            "total cost"),
        rows);
    out.println();
    out.println(
        "The work alone, "
            + SimulateOutput.count(workTokens)
            + " tokens, costs "
            + SimulateOutput.usd(scenarios.get(0).workCostUsd())
            + " at "
            + SimulateOutput.usd(price)
            + " per million tokens.");
    out.flush();
  }

  private void writeJson(List<String> labels, List<CoordinationOverhead> scenarios)
      throws IOException {
    SimulateOutput.writeJson(
        "handoffs",
        json -> {
          json.writeNumberField("handoffs", handoffs);
          json.writeNumberField("workTokens", workTokens);
          json.writeNumberField("routingTokens", routingTokens);
          json.writeNumberField("summaryTokens", summaryTokens);
          SimulateOutput.number(json, "pricePerMillionTokensUsd", price);
          SimulateOutput.number(json, "workCostUsd", scenarios.get(0).workCostUsd());
          json.writeArrayFieldStart("scenarios");
          for (int i = 0; i < scenarios.size(); i++) {
            CoordinationOverhead scenario = scenarios.get(i);
            json.writeStartObject();
            json.writeStringField("handoffSize", labels.get(i));
            json.writeNumberField("tokensPerHandoff", scenario.tokensPerHandoff());
            json.writeNumberField("handoffTokens", scenario.handoffTokens());
            json.writeNumberField("overheadTokens", scenario.overheadTokens());
            json.writeNumberField("totalTokens", scenario.totalTokens());
            SimulateOutput.number(json, "overheadShare", scenario.overheadShare());
            SimulateOutput.number(json, "overheadCostUsd", scenario.overheadCostUsd());
            SimulateOutput.number(json, "totalCostUsd", scenario.totalCostUsd());
            json.writeEndObject();
          }
          json.writeEndArray();
        });
  }
}
