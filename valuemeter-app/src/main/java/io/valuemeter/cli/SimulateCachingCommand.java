package io.valuemeter.cli;

import io.valuemeter.advice.CachingWhatIf;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code valuemeter simulate caching}: the effective input price with prompt caching. */
@Command(
    name = "caching",
    mixinStandardHelpOptions = true,
    description = {
      "Computes the effective input price with prompt caching, with and without writing cache"
          + " misses to the cache, the saving over a token volume, and the break-even hit rate.",
      "",
      "effective price = (1 - hit rate) x miss price + hit rate x input price x (1 - read"
          + " discount), where a miss costs input price x (1 + write premium) when it is written"
          + " to the cache. Break-even hit rate = write premium / (write premium + read discount)."
    },
    footer = {
      "",
      "Example:",
      "  valuemeter simulate caching --input-price 15 --hit-rate 90%% \\",
      "      --read-discount 90%% --write-premium 25%% \\",
      "      --input-tokens 1000000 --runs 30",
      "",
      "  pricing                   per million     cost   saving",
      "  no caching                     $15.00  $450.00    $0.00",
      "  cache reads, no writes          $2.85   $85.50  $364.50",
      "  cache reads, writes +25%%       $3.225   $96.75  $353.25",
      "",
      "  Costs over 30 runs of 1,000,000 input tokens, 30,000,000 in all.",
      "  Break-even hit rate when misses are written: 21.74%%; caching saves money above it."
    })
final class SimulateCachingCommand implements Callable<Integer> {

  @Option(
      names = "--input-price",
      required = true,
      paramLabel = "USD",
      converter = SimulateValues.Usd.class,
      description = "Uncached input price in USD per million tokens.")
  BigDecimal inputPrice;

  @Option(
      names = "--hit-rate",
      required = true,
      paramLabel = "FRACTION",
      converter = SimulateValues.Fraction.class,
      description = "Share of input tokens read from the cache, such as 0.9 or 90%%.")
  BigDecimal hitRate;

  @Option(
      names = "--read-discount",
      required = true,
      paramLabel = "FRACTION",
      converter = SimulateValues.Fraction.class,
      description =
          "Price cut on cache reads, such as 90%% when cache reads cost 10%% of the input"
              + " price.")
  BigDecimal readDiscount;

  @Option(
      names = "--write-premium",
      required = true,
      paramLabel = "FRACTION",
      converter = SimulateValues.Fraction.class,
      description =
          "Price increase on cache writes, such as 25%% when writes cost 125%% of the input price,"
              + " as Anthropic's 5-minute cache writes do; 0 when writes cost nothing extra.")
  BigDecimal writePremium;

  @Option(
      names = "--input-tokens",
      paramLabel = "N",
      description = "Input tokens per run, to show costs and savings in USD.")
  Long inputTokens;

  @Option(
      names = "--runs",
      paramLabel = "N",
      defaultValue = "1",
      description = "Runs of --input-tokens each, such as 30 nights (default: ${DEFAULT-VALUE}).")
  long runs;

  @Mixin SimulateOutput.FormatOption output;

  @Override
  public Integer call() throws Exception {
    CachingWhatIf noWrites = caching(false);
    CachingWhatIf writes = caching(true);
    Long totalTokens = totalTokens();
    if (output.json()) {
      writeJson(noWrites, writes, totalTokens);
    } else {
      printTable(noWrites, writes, totalTokens);
    }
    return ExitCodes.OK;
  }

  private CachingWhatIf caching(boolean missesWritten) {
    return SimulateValues.calculate(
        () -> new CachingWhatIf(inputPrice, hitRate, readDiscount, writePremium, missesWritten));
  }

  private Long totalTokens() {
    if (inputTokens == null) {
      return null;
    }
    if (inputTokens < 0 || runs < 0) {
      throw SimulateValues.usage(
          (inputTokens < 0 ? "--input-tokens " + inputTokens : "--runs " + runs)
              + " must not be negative");
    }
    try {
      return Math.multiplyExact(inputTokens, runs);
    } catch (ArithmeticException e) {
      throw SimulateValues.usage("--input-tokens x --runs is too large to count");
    }
  }

  private void printTable(CachingWhatIf noWrites, CachingWhatIf writes, Long tokens) {
    List<String> header = new ArrayList<>(List.of("pricing", "per million"));
    if (tokens != null) {
      header.addAll(List.of("cost", "saving"));
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(uncachedRow(noWrites, tokens));
    rows.add(cachedRow("cache reads, no writes", noWrites, tokens));
    rows.add(
        cachedRow("cache reads, writes +" + SimulateOutput.percent(writePremium), writes, tokens));
    PrintStream out = System.out;
    SimulateOutput.printTable(out, header, rows);
    out.println();
    if (tokens != null) {
      out.println(
          "Costs over "
              + SimulateOutput.count(runs)
              + (runs == 1 ? " run of " : " runs of ")
              + SimulateOutput.count(inputTokens)
              + " input tokens, "
              + SimulateOutput.count(tokens)
              + " in all.");
    }
    out.println(
        "Break-even hit rate when misses are written: "
            + SimulateOutput.percent(writes.breakEvenHitRate())
            + "; caching saves money above it.");
    out.flush();
  }

  private static List<String> uncachedRow(CachingWhatIf caching, Long tokens) {
    List<String> row = new ArrayList<>();
    row.add("no caching");
    row.add(SimulateOutput.usd(caching.inputPerMillionTokensUsd()));
    if (tokens != null) {
      row.add(SimulateOutput.usd(caching.uncachedCostUsd(tokens)));
      row.add(SimulateOutput.usd(BigDecimal.ZERO));
    }
    return row;
  }

  private static List<String> cachedRow(String label, CachingWhatIf caching, Long tokens) {
    List<String> row = new ArrayList<>();
    row.add(label);
    row.add(SimulateOutput.usd(caching.effectivePerMillionTokensUsd()));
    if (tokens != null) {
      row.add(SimulateOutput.usd(caching.cachedCostUsd(tokens)));
      row.add(SimulateOutput.usd(caching.savingUsd(tokens)));
    }
    return row;
  }

  private void writeJson(CachingWhatIf noWrites, CachingWhatIf writes, Long tokens)
      throws IOException {
    SimulateOutput.writeJson(
        "caching",
        json -> {
          SimulateOutput.number(json, "inputPerMillionTokensUsd", inputPrice);
          SimulateOutput.number(json, "hitRate", hitRate);
          SimulateOutput.number(json, "readDiscount", readDiscount);
          SimulateOutput.number(json, "writePremium", writePremium);
          SimulateOutput.number(json, "readPerMillionTokensUsd", writes.readPerMillionTokensUsd());
          SimulateOutput.number(
              json, "writePerMillionTokensUsd", writes.writePerMillionTokensUsd());
          if (tokens == null) {
            json.writeNullField("inputTokens");
            json.writeNullField("uncachedCostUsd");
          } else {
            json.writeNumberField("inputTokens", tokens);
            SimulateOutput.number(json, "uncachedCostUsd", noWrites.uncachedCostUsd(tokens));
          }
          for (CachingWhatIf what : List.of(noWrites, writes)) {
            json.writeObjectFieldStart(what.missesWritten() ? "missesWritten" : "missesNotWritten");
            SimulateOutput.number(
                json, "effectivePerMillionTokensUsd", what.effectivePerMillionTokensUsd());
            SimulateOutput.number(json, "savingShare", what.savingShare());
            SimulateOutput.number(json, "breakEvenHitRate", what.breakEvenHitRate());
            SimulateOutput.number(
                json, "costUsd", tokens == null ? null : what.cachedCostUsd(tokens));
            SimulateOutput.number(
                json, "savingUsd", tokens == null ? null : what.savingUsd(tokens));
            json.writeEndObject();
          }
        });
  }
}
