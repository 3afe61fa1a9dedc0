package io.valuemeter.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.valuemeter.advice.ProductPricing;
import io.valuemeter.advice.ProductPricing.Margins;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code valuemeter simulate pricing}: cost-plus, value-based and outcome-based prices. */
@Command(
    name = "pricing",
    mixinStandardHelpOptions = true,
    description = {
      "Prices an AI product three ways over the same cost and outcomes, with each price's margin"
          + " and how the margins move when model prices fall or the success rate changes.",
      "",
      "cost-plus price per task = cost / (1 - margin); value-based price per task = value share"
          + " x value per success x success rate; outcome-based price per success = cost per"
          + " success / (1 - margin). margin = (price - cost) / price.",
      "",
      "The scenarios keep the prices and change only costs or the success rate, so only the"
          + " outcome-based margin moves with the success rate."
    },
    footer = {
      "",
      "Example:",
      "  valuemeter simulate pricing --llm-cost-per-task 0.30 --human-cost-per-task 0.20 \\",
      "      --success-rate 80%% --value-per-success 10 \\",
      "      --target-margin 20%%",
      "",
      "  price                       amount  margin  models 50%% cheaper  success rate 70%%",
      "  cost-plus          $0.625 per task     20%%                 44%%               20%%",
      "  value-based         $1.60 per task  68.75%%              78.12%%            68.75%%",
      "  outcome-based  $0.7812 per success     20%%                 44%%             8.57%%",
      "",
      "  Cost per task $0.50 ($0.30 LLM + $0.20 human); $0.625 per success at 80%% success."
    })
final class SimulatePricingCommand implements Callable<Integer> {

  @Option(
      names = "--llm-cost-per-task",
      required = true,
      paramLabel = "USD",
      converter = SimulateValues.Usd.class,
      description = "LLM cost of one task in USD, failed attempts included.")
  BigDecimal llmCostPerTask;

  @Option(
      names = "--human-cost-per-task",
      paramLabel = "USD",
      converter = SimulateValues.Usd.class,
      defaultValue = "0",
      description = "Human cost of one task in USD, such as review time (default: 0).")
  BigDecimal humanCostPerTask;

  @Option(
      names = "--success-rate",
      required = true,
      paramLabel = "FRACTION",
      converter = SimulateValues.Fraction.class,
      description = "Share of tasks that succeed, such as 0.8 or 80%%.")
  BigDecimal successRate;

  @Option(
      names = "--value-per-success",
      required = true,
      paramLabel = "USD",
      converter = SimulateValues.Usd.class,
      description = "Value of one successful outcome to the customer in USD.")
  BigDecimal valuePerSuccess;

  @Option(
      names = "--target-margin",
      required = true,
      paramLabel = "FRACTION",
      converter = SimulateValues.Fraction.class,
      description = "Margin the cost-plus and outcome-based prices aim at, such as 30%%.")
  BigDecimal targetMargin;

  @Option(
      names = "--value-share",
      paramLabel = "FRACTION",
      converter = SimulateValues.Fraction.class,
      defaultValue = "20%",
      description = "Share of the value the value-based price charges (default: ${DEFAULT-VALUE}).")
  BigDecimal valueShare;

  @Option(
      names = "--model-price-cut",
      paramLabel = "FRACTION",
      converter = SimulateValues.Fraction.class,
      defaultValue = "50%",
      description =
          "Fall in model prices for the first scenario; the LLM cost falls by as much (default:"
              + " ${DEFAULT-VALUE}).")
  BigDecimal modelPriceCut;

  @Option(
      names = "--success-rate-change",
      paramLabel = "FRACTION",
      converter = SimulateValues.Fraction.class,
      defaultValue = "-10%",
      description =
          "Change of the success rate for the second scenario, such as -10%% for 10 points"
              + " lower (default: ${DEFAULT-VALUE}).")
  BigDecimal successRateChange;

  @Mixin SimulateOutput.FormatOption output;

  @Override
  public Integer call() throws Exception {
    ProductPricing pricing =
        SimulateValues.calculate(
            () ->
                new ProductPricing(
                    llmCostPerTask,
                    humanCostPerTask,
                    successRate,
                    valuePerSuccess,
                    valueShare,
                    targetMargin));
    Margins base = pricing.margins();
    Margins cheaperModels =
        SimulateValues.calculate(() -> pricing.marginsAfterModelPriceCut(modelPriceCut));
    Margins changedSuccess =
        SimulateValues.calculate(() -> pricing.marginsAtSuccessRateChange(successRateChange));
    if (output.json()) {
      writeJson(pricing, base, cheaperModels, changedSuccess);
    } else {
      print(pricing, base, cheaperModels, changedSuccess);
    }
    return ExitCodes.OK;
  }

  private void print(ProductPricing pricing, Margins base, Margins cut, Margins changed) {
    List<List<String>> rows =
        List.of(
            List.of(
                "cost-plus",
                SimulateOutput.usd(pricing.costPlusPricePerTaskUsd()) + " per task",
                SimulateOutput.percent(base.costPlus()),
                SimulateOutput.percent(cut.costPlus()),
                SimulateOutput.percent(changed.costPlus())),
            List.of(
                "value-based",
                SimulateOutput.usd(pricing.valueBasedPricePerTaskUsd()) + " per task",
                SimulateOutput.percent(base.valueBased()),
                SimulateOutput.percent(cut.valueBased()),
                SimulateOutput.percent(changed.valueBased())),
            List.of(
                "outcome-based",
                SimulateOutput.usd(pricing.outcomePricePerSuccessUsd()) + " per success",
                SimulateOutput.percent(base.outcomeBased()),
                SimulateOutput.percent(cut.outcomeBased()),
                SimulateOutput.percent(changed.outcomeBased())));
    PrintStream out = System.out;
    SimulateOutput.printTable(
        out,
        List.of(
            "price",
            "amount",
            "margin",
            "models " + SimulateOutput.percent(modelPriceCut) + " cheaper",
            "success rate " + SimulateOutput.percent(changed.successRate())),
        rows);
    out.println();
    out.println(
        "Cost per task "
            + SimulateOutput.usd(pricing.costPerTaskUsd())
            + " ("
            + SimulateOutput.usd(llmCostPerTask)
            + " LLM + "
            + SimulateOutput.usd(humanCostPerTask)
            + " human); "
            + SimulateOutput.usd(pricing.costPerSuccessUsd())
            + " per success at "
            + SimulateOutput.percent(successRate)
            + " success.");
    out.flush();
  }

  private void writeJson(ProductPricing pricing, Margins base, Margins cut, Margins changed)
      throws IOException {
    SimulateOutput.writeJson(
        "pricing",
        json -> {
          SimulateOutput.number(json, "llmCostPerTaskUsd", llmCostPerTask);
          SimulateOutput.number(json, "humanCostPerTaskUsd", humanCostPerTask);
          SimulateOutput.number(json, "costPerTaskUsd", pricing.costPerTaskUsd());
          SimulateOutput.number(json, "successRate", successRate);
          SimulateOutput.number(json, "costPerSuccessUsd", pricing.costPerSuccessUsd());
          SimulateOutput.number(json, "valuePerSuccessUsd", valuePerSuccess);
          SimulateOutput.number(json, "valueShare", valueShare);
          SimulateOutput.number(json, "targetMargin", targetMargin);
          json.writeObjectFieldStart("prices");
          SimulateOutput.number(json, "costPlusPerTaskUsd", pricing.costPlusPricePerTaskUsd());
          SimulateOutput.number(json, "valueBasedPerTaskUsd", pricing.valueBasedPricePerTaskUsd());
          SimulateOutput.number(
              json, "outcomeBasedPerSuccessUsd", pricing.outcomePricePerSuccessUsd());
          json.writeEndObject();
          writeMargins(json, "margins", base);
          SimulateOutput.number(json, "modelPriceCut", modelPriceCut);
          writeMargins(json, "marginsAfterModelPriceCut", cut);
          SimulateOutput.number(json, "successRateChange", successRateChange);
          writeMargins(json, "marginsAtSuccessRateChange", changed);
        });
  }

  private static void writeMargins(JsonGenerator json, String field, Margins margins)
      throws IOException {
    json.writeObjectFieldStart(field);
    SimulateOutput.number(json, "costPerTaskUsd", margins.costPerTaskUsd());
    SimulateOutput.number(json, "successRate", margins.successRate());
    SimulateOutput.number(json, "costPlus", margins.costPlus());
    SimulateOutput.number(json, "valueBased", margins.valueBased());
    SimulateOutput.number(json, "outcomeBased", margins.outcomeBased());
    json.writeEndObject();
  }
}
