package io.valuemeter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.valuemeter.ingest.prices.LiteLlmPriceReader;
import io.valuemeter.ledger.duckdb.DuckDbLedger;
import io.valuemeter.ledger.duckdb.LedgerPrices;
import io.valuemeter.pricing.LongContextTier;
import io.valuemeter.pricing.ModelNames;
import io.valuemeter.pricing.ModelPrice;
import io.valuemeter.pricing.PriceCatalog;
import io.valuemeter.pricing.TokenRates;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code valuemeter prices}: the price catalog. */
@Command(
    name = "prices",
    mixinStandardHelpOptions = true,
    description = "Lists, shows and imports model prices.",
    subcommands = {
      PricesCommand.ListPrices.class,
      PricesCommand.ShowPrice.class,
      PricesCommand.ImportPrices.class
    })
final class PricesCommand implements Runnable {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  /** The options of the price commands: which ledger and which extra price files. */
  static final class PriceOptions {
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

    InputOptions toInputOptions() {
      InputOptions options = new InputOptions();
      options.priceFiles = priceFiles;
      options.ledgerFile = ledgerFile;
      return options;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description =
          "Lists every priced model with its current rates in US dollars per million tokens.")
  static final class ListPrices implements Callable<Integer> {
    @Mixin PriceOptions options;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PriceCatalog catalog = new Inputs(options.toInputOptions(), System.err).catalog(null);
      Map<String, ModelPrice> latest = new TreeMap<>();
      for (ModelPrice price : catalog.all()) {
        String key = ModelNames.canonical(price.model());
        ModelPrice known = latest.get(key);
        if (known == null || laterThan(price, known)) {
          latest.put(key, price);
        }
      }
      PrintStream out = System.out;
      out.printf(
          Locale.ROOT,
          "%-44s %-12s %-10s %10s %10s %10s %10s%n",
          "model",
          "provider",
          "since",
          "input",
          "output",
          "cache rd",
          "cache wr");
      for (ModelPrice price : latest.values()) {
        TokenRates rates = price.standard();
        out.printf(
            Locale.ROOT,
            "%-44s %-12s %-10s %10s %10s %10s %10s%n",
            price.model(),
            price.provider(),
            price.effectiveFrom() == null ? "-" : price.effectiveFrom().toString(),
            plain(rates.inputPerMillionTokens()),
            plain(rates.outputPerMillionTokens()),
            plain(rates.cacheReadPerMillionTokens()),
            plain(rates.cacheWrite5mPerMillionTokens()));
      }
      out.println();
      out.println(latest.size() + " models from " + catalog.name() + "; rates per million tokens.");
      return ExitCodes.OK;
    }

    private static boolean laterThan(ModelPrice candidate, ModelPrice known) {
      if (candidate.effectiveFrom() == null) {
        return false;
      }
      return known.effectiveFrom() == null
          || candidate.effectiveFrom().isAfter(known.effectiveFrom());
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description =
          "Shows one model's rates, every date they took effect, and where they come from.")
  static final class ShowPrice implements Callable<Integer> {
    @Parameters(
        index = "0",
        paramLabel = "MODEL",
        description = "Model name, as any source spells it.")
    String model;

    @Mixin PriceOptions options;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PriceCatalog catalog = new Inputs(options.toInputOptions(), System.err).catalog(null);
      List<ModelPrice> history = catalog.history(model, null);
      if (history.isEmpty()) {
        throw new UserException(
            "model \""
                + model
                + "\" is not in the price catalog ("
                + catalog.name()
                + "); add it with --prices FILE or valuemeter prices import FILE",
            ExitCodes.FAILURE);
      }
      PrintStream out = System.out;
      out.println(
          model + " is priced as " + history.get(0).model() + " (US dollars per million tokens)");
      for (ModelPrice price : history) {
        out.println();
        out.println(
            "from "
                + (price.effectiveFrom() == null ? "any date" : price.effectiveFrom().toString())
                + ", provider "
                + (price.provider().isEmpty() ? "-" : price.provider()));
        out.println("  source:         " + price.source());
        printRates(out, "  standard", price.standard());
        price.batchRates().ifPresent(rates -> printRates(out, "  batch", rates));
        if (price.longContextTier().isPresent()) {
          LongContextTier tier = price.longContextTier().get();
          printRates(
              out,
              "  prompt > " + String.format(Locale.ROOT, "%,d", tier.thresholdTokens()),
              tier.rates());
        }
      }
      return ExitCodes.OK;
    }

    private static void printRates(PrintStream out, String label, TokenRates rates) {
      out.println(
          label
              + ": input "
              + plain(rates.inputPerMillionTokens())
              + ", output "
              + plain(rates.outputPerMillionTokens())
              + ", cache read "
              + plain(rates.cacheReadPerMillionTokens())
              + ", cache write 5m "
              + plain(rates.cacheWrite5mPerMillionTokens())
              + ", cache write 1h "
              + plain(rates.cacheWrite1hPerMillionTokens())
              + (rates.reasoning().isPresent()
                  ? ", reasoning " + plain(rates.reasoningPerMillionTokens())
                  : ""));
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Validates a price file in the LiteLLM JSON format and stores its prices in the ledger,"
            + " where every later command finds them, over the built-in prices."
      })
  static final class ImportPrices implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "LiteLLM JSON price file.")
    Path file;

    @Mixin PriceOptions options;

    @Option(
        names = "--strict",
        description = "Fail with exit code 3 and store nothing when any entry is invalid.")
    boolean strict;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintStream err = System.err;
      LiteLlmPriceReader reader = new LiteLlmPriceReader();
      LiteLlmPriceReader.Result result = reader.read(file);
      for (String problem : result.problems()) {
        err.println("skipped: " + problem);
      }
      if (strict && !result.problems().isEmpty()) {
        throw new UserException(
            result.problems().size()
                + " invalid price entries and --strict is set, so nothing was stored",
            ExitCodes.REJECTED);
      }
      if (result.prices().isEmpty()) {
        throw new UserException(
            "no valid price in " + file + "; nothing was stored", ExitCodes.FAILURE);
      }
      Map<String, JsonNode> entries = reader.entries(file);
      Map<String, JsonNode> valid = new TreeMap<>();
      for (ModelPrice price : result.prices()) {
        valid.put(price.model(), entries.get(price.model()));
      }
      int stored;
      try (DuckDbLedger ledger = DuckDbLedger.open(options.ledgerFile)) {
        stored = LedgerPrices.store(ledger, valid, file.getFileName().toString());
      }
      System.out.println(
          "Imported "
              + stored
              + " prices from "
              + file
              + " into "
              + options.ledgerFile
              + "; skipped "
              + result.skipped()
              + " entries without per-token input and output prices and "
              + result.problems().size()
              + " invalid entries.");
      return ExitCodes.OK;
    }
  }

  static String plain(BigDecimal rate) {
    if (rate == null) {
      return "-";
    }
    BigDecimal stripped = rate.stripTrailingZeros();
    return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
  }
}
