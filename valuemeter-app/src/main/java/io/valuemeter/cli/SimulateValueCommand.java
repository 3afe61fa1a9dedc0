package io.valuemeter.cli;

import io.valuemeter.advice.ValuePerToken;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code valuemeter simulate value}: the value per token and return of one outcome. */
@Command(
    name = "value",
    mixinStandardHelpOptions = true,
    description = {
      "Computes the value per token and the return of one outcome from its value, its tokens"
          + " and their price.",
      "",
      "cost = tokens x price per million / 1,000,000; value per token = value / tokens; return ="
          + " value / cost."
    },
    footer = {
      "",
      "Example:",
      "  valuemeter simulate value --value 50 --tokens 15000 --price 10",
      "",
      "  Cost:            $0.15 for 15,000 tokens at $10.00 per million.",
      "  Value per token: $0.00333 of a $50.00 outcome.",
      "  Return:          333.33x the cost."
    })
final class SimulateValueCommand implements Callable<Integer> {

  @Option(
      names = "--value",
      required = true,
      paramLabel = "USD",
      converter = SimulateValues.Usd.class,
      description = "Business value of the outcome in USD, such as a resolved ticket.")
  BigDecimal value;

  @Option(
      names = "--tokens",
      required = true,
      paramLabel = "N",
      description = "All tokens the outcome took, input and output.")
  long tokens;

  @Option(
      names = "--price",
      required = true,
      paramLabel = "USD",
      converter = SimulateValues.Usd.class,
      description = "Blended price of those tokens in USD per million.")
  BigDecimal price;

  @Mixin SimulateOutput.FormatOption output;

  @Override
  public Integer call() throws Exception {
    ValuePerToken outcome = SimulateValues.calculate(() -> new ValuePerToken(value, tokens, price));
    if (output.json()) {
      SimulateOutput.writeJson(
          "value",
          json -> {
            SimulateOutput.number(json, "valueUsd", outcome.valueUsd());
            json.writeNumberField("tokens", outcome.tokens());
            SimulateOutput.number(
                json, "pricePerMillionTokensUsd", outcome.pricePerMillionTokensUsd());
            SimulateOutput.number(json, "costUsd", outcome.costUsd());
            SimulateOutput.number(json, "valuePerTokenUsd", outcome.valuePerTokenUsd());
            SimulateOutput.number(json, "returnMultiple", outcome.returnMultiple());
          });
      return ExitCodes.OK;
    }
    PrintStream out = System.out;
    out.println(
        "Cost:            "
            + SimulateOutput.usd(outcome.costUsd())
            + " for "
            + SimulateOutput.count(tokens)
            + " tokens at "
            + SimulateOutput.usd(price)
            + " per million.");
    out.println(
        outcome
            .valuePerTokenUsd()
            .map(
                perToken ->
                    "Value per token: "
                        + SimulateOutput.usd(perToken)
                        + " of a "
                        + SimulateOutput.usd(value)
                        + " outcome.")
            .orElse("Value per token: none, because the outcome took no tokens."));
    out.println(
        outcome
            .returnMultiple()
            .map(multiple -> "Return:          " + SimulateOutput.times(multiple) + " the cost.")
            .orElse("Return:          none, because the tokens cost $0."));
    out.flush();
    return ExitCodes.OK;
  }
}
