package io.valuemeter.cli;

import io.valuemeter.advice.BatchWhatIf;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code valuemeter simulate batch}: the saving from moving traffic that can wait to batch. */
@Command(
    name = "batch",
    mixinStandardHelpOptions = true,
    description = {
      "Computes the saving from sending requests that can wait for their results to a batch API"
          + " instead of the interactive one.",
      "",
      "cost = input tokens x input rate + output tokens x output rate, at standard rates now and"
          + " at batch rates after. A batch rate not given is the standard rate x (1 - --batch-"
          + "discount)."
    },
    footer = {
      "",
      "Example:",
      "  valuemeter simulate batch --input-tokens 10000000 --output-tokens 2000000 \\",
      "      --input-price 3 --output-price 15",
      "",
      "  Interactive: $60.00 at $3.00 input and $15.00 output per million tokens.",
      "  Batch:       $30.00 at $1.50 input and $7.50 output per million tokens.",
      "  Saving:      $30.00, 50%% of the interactive cost."
    })
final class SimulateBatchCommand implements Callable<Integer> {

  @Option(
      names = "--input-tokens",
      required = true,
      paramLabel = "N",
      description = "Input tokens of the requests that could wait.")
  long inputTokens;

  @Option(
      names = "--output-tokens",
      required = true,
      paramLabel = "N",
      description = "Output tokens of the same requests.")
  long outputTokens;

  @Option(
      names = "--input-price",
      required = true,
      paramLabel = "USD",
      converter = SimulateValues.Usd.class,
      description = "Standard input rate in USD per million tokens.")
  BigDecimal inputPrice;

  @Option(
      names = "--output-price",
      required = true,
      paramLabel = "USD",
      converter = SimulateValues.Usd.class,
      description = "Standard output rate in USD per million tokens.")
  BigDecimal outputPrice;

  @Option(
      names = "--batch-input-price",
      paramLabel = "USD",
      converter = SimulateValues.Usd.class,
      description = "Batch input rate in USD per million tokens (default: from --batch-discount).")
  BigDecimal batchInputPrice;

  @Option(
      names = "--batch-output-price",
      paramLabel = "USD",
      converter = SimulateValues.Usd.class,
      description = "Batch output rate in USD per million tokens (default: from --batch-discount).")
  BigDecimal batchOutputPrice;

  @Option(
      names = "--batch-discount",
      paramLabel = "FRACTION",
      converter = SimulateValues.Fraction.class,
      defaultValue = "50%",
      description =
          "Batch price cut on the standard rates, for the batch rates not given (default:"
              + " ${DEFAULT-VALUE}, Anthropic's batch discount).")
  BigDecimal batchDiscount;

  @Mixin SimulateOutput.FormatOption output;

  @Override
  public Integer call() throws Exception {
    BatchWhatIf batch =
        SimulateValues.calculate(
            () ->
                new BatchWhatIf(
                    inputTokens,
                    outputTokens,
                    inputPrice,
                    outputPrice,
                    batchInputPrice != null
                        ? batchInputPrice
                        : BatchWhatIf.discountedRate(inputPrice, batchDiscount),
                    batchOutputPrice != null
                        ? batchOutputPrice
                        : BatchWhatIf.discountedRate(outputPrice, batchDiscount)));
    if (output.json()) {
      writeJson(batch);
    } else {
      print(batch);
    }
    return ExitCodes.OK;
  }

  private static void print(BatchWhatIf batch) {
    PrintStream out = System.out;
    out.println(
        "Interactive: "
            + SimulateOutput.usd(batch.interactiveCostUsd())
            + rates(
                batch.standardInputPerMillionTokensUsd(),
                batch.standardOutputPerMillionTokensUsd()));
    out.println(
        "Batch:       "
            + SimulateOutput.usd(batch.batchCostUsd())
            + rates(batch.batchInputPerMillionTokensUsd(), batch.batchOutputPerMillionTokensUsd()));
    out.println(
        "Saving:      "
            + SimulateOutput.usd(batch.savingUsd())
            + batch
                .savingShare()
                .map(share -> ", " + SimulateOutput.percent(share) + " of the interactive cost.")
                .orElse("."));
    out.flush();
  }

  private static String rates(BigDecimal input, BigDecimal output) {
    return " at "
        + SimulateOutput.usd(input)
        + " input and "
        + SimulateOutput.usd(output)
        + " output per million tokens.";
  }

  private static void writeJson(BatchWhatIf batch) throws IOException {
    SimulateOutput.writeJson(
        "batch",
        json -> {
          json.writeNumberField("inputTokens", batch.inputTokens());
          json.writeNumberField("outputTokens", batch.outputTokens());
          SimulateOutput.number(
              json, "standardInputPerMillionTokensUsd", batch.standardInputPerMillionTokensUsd());
          SimulateOutput.number(
              json, "standardOutputPerMillionTokensUsd", batch.standardOutputPerMillionTokensUsd());
          SimulateOutput.number(
              json, "batchInputPerMillionTokensUsd", batch.batchInputPerMillionTokensUsd());
          SimulateOutput.number(
              json, "batchOutputPerMillionTokensUsd", batch.batchOutputPerMillionTokensUsd());
          SimulateOutput.number(json, "interactiveCostUsd", batch.interactiveCostUsd());
          SimulateOutput.number(json, "batchCostUsd", batch.batchCostUsd());
          SimulateOutput.number(json, "savingUsd", batch.savingUsd());
          SimulateOutput.number(json, "savingShare", batch.savingShare());
        });
  }
}
