package io.valuemeter.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.valuemeter.advice.DeclaredCascade;
import io.valuemeter.advice.SuccessRateCascade;
import io.valuemeter.advice.SuccessRateCascade.StageResult;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code valuemeter simulate cascade}: a model cascade against one strong model on every item,
 * declared by the items each stage handles or by each stage's success rate.
 */
@Command(
    name = "cascade",
    mixinStandardHelpOptions = true,
    description = {
      "Costs a model cascade, a cheap model first that escalates only what it cannot handle,"
          + " against one model on every item. Give the stages in one of two forms:",
      "",
      "--stage NAME:ITEMS:COST_PER_ITEM for the items each stage handles, a count or a share"
          + " of --items such as 30%%. Cost = sum of items x cost per item.",
      "",
      "--attempt NAME:COST_PER_ITEM:SUCCESS_RATE with --items N for stages that each attempt"
          + " what the stages before them failed. Assumes independent attempts: a stage resolves"
          + " an escalated item at its own success rate, and failures are detected and escalated"
          + " at no cost.",
      "",
      "The baseline is the last stage's model on every item unless --baseline-cost-per-item is"
          + " given."
    },
    footer = {
      "",
      "Examples:",
      "  valuemeter simulate cascade --stage cheap:100:0.001 \\",
      "      --stage mid:30:0.02 --stage top:5:0.10",
      "",
      "  stage  items  cost per item   cost",
      "  cheap    100         $0.001  $0.10",
      "  mid       30          $0.02  $0.60",
      "  top        5          $0.10  $0.50",
      "",
      "  Cascade:  $1.20 for 100 items.",
      "  Baseline: $10.00 at $0.10 per item on all 100 items (top).",
      "  Saving:   $8.80; the cascade is 8.33x cheaper.",
      "",
      "  valuemeter simulate cascade --items 100 --attempt cheap:0.001:70%% \\",
      "      --attempt mid:0.02:80%% \\",
      "      --attempt top:0.10:95%% --success-target 94%%",
      "",
      "  stage  reaching  cost per item  success rate  resolved   cost",
      "  cheap       100         $0.001           70%%        70  $0.10",
      "  mid          30          $0.02           80%%        24  $0.60",
      "  top           6          $0.10           95%%       5.7  $0.60",
      "",
      "  Cascade:  expected $1.30 for 100 items, 99.7 resolved (99.7%%), $0.013 per success.",
      "  Baseline: $10.00 for top on all 100 items, 95 resolved (95%%), $0.1053 per success.",
      "  Saving:   $8.70; the cascade is 7.69x cheaper.",
      "  Cheapest design reaching 94%%: cheap > mid, expected $0.70 at 94%%.",
      "",
      "  Assumes independent attempts: each stage resolves an escalated item at its own success"
          + " rate, and",
      "  every failure is detected and escalated at no cost. Items that cheaper models fail are"
          + " often",
      "  harder, so the expected success rate is an upper estimate."
    })
final class SimulateCascadeCommand implements Callable<Integer> {

  private static final String ASSUMPTION =
      "Assumes independent attempts: each stage resolves an escalated item at its own success"
          + " rate, and every failure is detected and escalated at no cost. Items that cheaper"
          + " models fail are often harder, so the expected success rate is an upper estimate.";

  @Option(
      names = "--stage",
      paramLabel = "NAME:ITEMS:COST_PER_ITEM",
      description =
          "A stage with the items it handles (a count, or a percentage of --items) and its cost"
              + " per item in USD; repeatable, in cascade order.")
  List<String> stages = new ArrayList<>();

  @Option(
      names = "--attempt",
      paramLabel = "NAME:COST_PER_ITEM:SUCCESS_RATE",
      description =
          "A stage with its cost per item in USD and the share of attempted items it resolves"
              + " (0.7 or 70%%); repeatable, in cascade order; needs --items.")
  List<String> attempts = new ArrayList<>();

  @Option(
      names = "--items",
      paramLabel = "N",
      description =
          "Items entering the cascade; required with --attempt and with --stage shares such as"
              + " 30%%.")
  Long items;

  @Option(
      names = "--baseline-cost-per-item",
      paramLabel = "USD",
      converter = SimulateValues.Usd.class,
      description =
          "Cost per item in USD of the single model the cascade replaces (default: the last"
              + " stage's).")
  BigDecimal baselineCostPerItem;

  @Option(
      names = "--baseline-success-rate",
      paramLabel = "FRACTION",
      converter = SimulateValues.Fraction.class,
      description =
          "Success rate of that model, with --attempt and --baseline-cost-per-item (default: the"
              + " last stage's).")
  BigDecimal baselineSuccessRate;

  @Option(
      names = "--success-target",
      paramLabel = "FRACTION",
      converter = SimulateValues.Fraction.class,
      description =
          "With --attempt, also recommend the cheapest design reaching this success rate: any"
              + " subset of the stages in order, or the baseline alone.")
  BigDecimal successTarget;

  @Mixin SimulateOutput.FormatOption output;

  @Override
  public Integer call() throws Exception {
    if (stages.isEmpty() && attempts.isEmpty()) {
      throw SimulateValues.usage(
          "a cascade needs at least one stage; give --stage NAME:ITEMS:COST_PER_ITEM for each"
              + " stage, or --attempt NAME:COST_PER_ITEM:SUCCESS_RATE with --items N");
    }
    if (!stages.isEmpty() && !attempts.isEmpty()) {
      throw SimulateValues.usage(
          "give either --stage (items per stage) or --attempt (success rate per stage), not"
              + " both");
    }
    if (!stages.isEmpty()) {
      runDeclared();
    } else {
      runSuccessRates();
    }
    return ExitCodes.OK;
  }

  private void runDeclared() throws IOException {
    if (baselineSuccessRate != null || successTarget != null) {
      throw SimulateValues.usage(
          "--baseline-success-rate and --success-target need --attempt stages, which have"
              + " success rates");
    }
    List<DeclaredCascade.Stage> declared = new ArrayList<>();
    for (String stage : stages) {
      declared.add(parseDeclaredStage(stage));
    }
    if (items != null && declared.get(0).items().compareTo(BigDecimal.valueOf(items)) != 0) {
      throw SimulateValues.usage(
          "the first stage, "
              + declared.get(0).name()
              + ", handles "
              + SimulateOutput.quantity(declared.get(0).items())
              + " items but --items is "
              + items
              + "; the first stage of a cascade handles every item");
    }
    DeclaredCascade cascade =
        SimulateValues.calculate(
            () ->
                baselineCostPerItem == null
                    ? DeclaredCascade.againstLastStage(declared)
                    : new DeclaredCascade(declared, baselineCostPerItem));
    if (output.json()) {
      writeDeclaredJson(cascade);
    } else {
      printDeclared(cascade);
    }
  }

  private DeclaredCascade.Stage parseDeclaredStage(String value) {
    String[] fields = fields("--stage", value, "NAME:ITEMS:COST_PER_ITEM", "cheap:100:0.001");
    String name = fields[0].trim();
    BigDecimal cost = SimulateValues.usdField("--stage", value, "cost per item", fields[2]);
    if (SimulateValues.isPercentage(fields[1])) {
      if (items == null) {
        throw SimulateValues.usage(
            "--stage " + value + " gives a share of the items, so --items N is needed too");
      }
      BigDecimal share = SimulateValues.fractionField("--stage", value, "items", fields[1]);
      return SimulateValues.calculate(
          () -> DeclaredCascade.Stage.ofShare(name, share, items, cost));
    }
    BigDecimal count = SimulateValues.numberField("--stage", value, "items", fields[1]);
    return SimulateValues.calculate(() -> new DeclaredCascade.Stage(name, count, cost));
  }

  private void runSuccessRates() throws IOException {
    if (items == null) {
      throw SimulateValues.usage(
          "--attempt needs --items N, the number of items entering the cascade");
    }
    if (baselineSuccessRate != null && baselineCostPerItem == null) {
      throw SimulateValues.usage(
          "--baseline-success-rate needs --baseline-cost-per-item, the baseline's cost per item");
    }
    if (baselineCostPerItem != null && baselineSuccessRate == null) {
      throw SimulateValues.usage(
          "with --attempt, --baseline-cost-per-item needs --baseline-success-rate, the share of"
              + " items the baseline resolves");
    }
    List<SuccessRateCascade.Stage> parsed = new ArrayList<>();
    for (String attempt : attempts) {
      parsed.add(parseAttempt(attempt));
    }
    SuccessRateCascade cascade =
        SimulateValues.calculate(
            () ->
                baselineCostPerItem == null
                    ? SuccessRateCascade.againstLastStage(items, parsed)
                    : new SuccessRateCascade(
                        items,
                        parsed,
                        new SuccessRateCascade.Stage(
                            "baseline", baselineCostPerItem, baselineSuccessRate)));
    Optional<SuccessRateCascade> recommended =
        successTarget == null
            ? Optional.empty()
            : SimulateValues.calculate(() -> cascade.cheapestMeeting(successTarget));
    if (output.json()) {
      writeSuccessRateJson(cascade, recommended);
    } else {
      printSuccessRates(cascade, recommended);
    }
  }

  private static SuccessRateCascade.Stage parseAttempt(String value) {
    String[] fields =
        fields("--attempt", value, "NAME:COST_PER_ITEM:SUCCESS_RATE", "cheap:0.001:70%");
    BigDecimal cost = SimulateValues.usdField("--attempt", value, "cost per item", fields[1]);
    BigDecimal rate = SimulateValues.fractionField("--attempt", value, "success rate", fields[2]);
    return SimulateValues.calculate(
        () -> new SuccessRateCascade.Stage(fields[0].trim(), cost, rate));
  }

  private static String[] fields(String option, String value, String format, String example) {
    String[] fields = value.split(":", -1);
    if (fields.length != 3) {
      throw SimulateValues.usage(
          option
              + " "
              + value
              + " has "
              + fields.length
              + " fields; write "
              + format
              + ", such as "
              + example);
    }
    return fields;
  }

  private void printDeclared(DeclaredCascade cascade) {
    List<List<String>> rows = new ArrayList<>();
    for (DeclaredCascade.Stage stage : cascade.stages()) {
      rows.add(
          List.of(
              stage.name(),
              SimulateOutput.quantity(stage.items()),
              SimulateOutput.usd(stage.costPerItemUsd()),
              SimulateOutput.usd(stage.costUsd())));
    }
    PrintStream out = System.out;
    SimulateOutput.printTable(out, List.of("stage", "items", "cost per item", "cost"), rows);
    out.println();
    out.println(
        "Cascade:  "
            + SimulateOutput.usd(cascade.costUsd())
            + " for "
            + SimulateOutput.quantity(cascade.items())
            + " items.");
    out.println(
        "Baseline: "
            + SimulateOutput.usd(cascade.baselineCostUsd())
            + " at "
            + SimulateOutput.usd(cascade.baselineCostPerItemUsd())
            + " per item on all "
            + SimulateOutput.quantity(cascade.items())
            + " items"
            + (baselineCostPerItem == null ? " (" + lastStageName(cascade) + ")." : "."));
    out.println(savingLine(cascade.savingUsd(), cascade.costRatio()));
    out.flush();
  }

  private void printSuccessRates(SuccessRateCascade cascade, Optional<SuccessRateCascade> best) {
    PrintStream out = System.out;
    printStageResults(out, cascade);
    out.println();
    out.println(
        "Cascade:  expected "
            + SimulateOutput.usd(cascade.costUsd())
            + " for "
            + SimulateOutput.count(cascade.items())
            + " items, "
            + SimulateOutput.quantity(cascade.successes())
            + " resolved ("
            + SimulateOutput.percent(cascade.successRate())
            + "), "
            + SimulateOutput.usd(cascade.costPerSuccessUsd())
            + " per success.");
    out.println(
        "Baseline: "
            + SimulateOutput.usd(cascade.baselineCostUsd())
            + " for "
            + cascade.baseline().name()
            + " on all "
            + SimulateOutput.count(cascade.items())
            + " items, "
            + SimulateOutput.quantity(cascade.baselineSuccesses())
            + " resolved ("
            + SimulateOutput.percent(cascade.baseline().successRate())
            + "), "
            + SimulateOutput.usd(cascade.baselineCostPerSuccessUsd())
            + " per success.");
    out.println(savingLine(cascade.savingUsd(), cascade.costRatio()));
    if (successTarget != null) {
      out.println(recommendationLine(best));
    }

    out.println();
    SimulateOutput.printWrapped(out, ASSUMPTION, 96);
    out.flush();
  }

  private static void printStageResults(PrintStream out, SuccessRateCascade cascade) {
    List<List<String>> rows = new ArrayList<>();
    for (StageResult result : cascade.stageResults()) {
      rows.add(
          List.of(
              result.stage().name(),
              SimulateOutput.quantity(result.itemsReaching()),
              SimulateOutput.usd(result.stage().costPerItemUsd()),
              SimulateOutput.percent(result.stage().successRate()),
              SimulateOutput.quantity(result.successes()),
              SimulateOutput.usd(result.costUsd())));
    }
    SimulateOutput.printTable(
        out,
        List.of("stage", "reaching", "cost per item", "success rate", "resolved", "cost"),
        rows);
  }

  private String recommendationLine(Optional<SuccessRateCascade> best) {
    if (best.isEmpty()) {
      return "No design of these stages reaches " + SimulateOutput.percent(successTarget) + ".";
    }
    SuccessRateCascade design = best.get();
    return "Cheapest design reaching "
        + SimulateOutput.percent(successTarget)
        + ": "
        + designName(design)
        + ", expected "
        + SimulateOutput.usd(design.costUsd())
        + " at "
        + SimulateOutput.percent(design.successRate())
        + ".";
  }

  private static String lastStageName(DeclaredCascade cascade) {
    return cascade.stages().get(cascade.stages().size() - 1).name();
  }

  private static String designName(SuccessRateCascade design) {
    return design.stages().stream()
        .map(SuccessRateCascade.Stage::name)
        .collect(Collectors.joining(" > "));
  }

  private static String savingLine(BigDecimal saving, Optional<BigDecimal> ratio) {
    if (saving.signum() >= 0) {
      return "Saving:   "
          + SimulateOutput.usd(saving)
          + "; the cascade is "
          + SimulateOutput.times(ratio)
          + " cheaper.";
    }
    return "Saving:   "
        + SimulateOutput.usd(saving)
        + "; the cascade costs more than the baseline, which costs "
        + SimulateOutput.times(ratio)
        + " as much.";
  }

  private void writeDeclaredJson(DeclaredCascade cascade) throws IOException {
    SimulateOutput.writeJson(
        "cascade",
        json -> {
          json.writeStringField("form", "declared");
          SimulateOutput.number(json, "items", cascade.items());
          json.writeArrayFieldStart("stages");
          for (DeclaredCascade.Stage stage : cascade.stages()) {
            json.writeStartObject();
            json.writeStringField("name", stage.name());
            SimulateOutput.number(json, "items", stage.items());
            SimulateOutput.number(json, "costPerItemUsd", stage.costPerItemUsd());
            SimulateOutput.number(json, "costUsd", stage.costUsd());
            json.writeEndObject();
          }
          json.writeEndArray();
          SimulateOutput.number(json, "costUsd", cascade.costUsd());
          SimulateOutput.number(json, "costPerItemUsd", cascade.costPerItemUsd());
          SimulateOutput.number(json, "baselineCostPerItemUsd", cascade.baselineCostPerItemUsd());
          SimulateOutput.number(json, "baselineCostUsd", cascade.baselineCostUsd());
          SimulateOutput.number(json, "savingUsd", cascade.savingUsd());
          SimulateOutput.number(json, "costRatio", cascade.costRatio());
        });
  }

  private void writeSuccessRateJson(SuccessRateCascade cascade, Optional<SuccessRateCascade> best)
      throws IOException {
    SimulateOutput.writeJson(
        "cascade",
        json -> {
          json.writeStringField("form", "successRates");
          json.writeNumberField("items", cascade.items());
          json.writeArrayFieldStart("stages");
          for (StageResult result : cascade.stageResults()) {
            json.writeStartObject();
            json.writeStringField("name", result.stage().name());
            SimulateOutput.number(json, "costPerItemUsd", result.stage().costPerItemUsd());
            SimulateOutput.number(json, "successRate", result.stage().successRate());
            SimulateOutput.number(json, "itemsReaching", result.itemsReaching());
            SimulateOutput.number(json, "successes", result.successes());
            SimulateOutput.number(json, "costUsd", result.costUsd());
            json.writeEndObject();
          }
          json.writeEndArray();
          SimulateOutput.number(json, "costUsd", cascade.costUsd());
          SimulateOutput.number(json, "successes", cascade.successes());
          SimulateOutput.number(json, "successRate", cascade.successRate());
          SimulateOutput.number(json, "unresolvedItems", cascade.unresolvedItems());
          SimulateOutput.number(json, "costPerSuccessUsd", cascade.costPerSuccessUsd());
          json.writeObjectFieldStart("baseline");
          json.writeStringField("name", cascade.baseline().name());
          SimulateOutput.number(json, "costPerItemUsd", cascade.baseline().costPerItemUsd());
          SimulateOutput.number(json, "successRate", cascade.baseline().successRate());
          SimulateOutput.number(json, "costUsd", cascade.baselineCostUsd());
          SimulateOutput.number(json, "successes", cascade.baselineSuccesses());
          SimulateOutput.number(json, "costPerSuccessUsd", cascade.baselineCostPerSuccessUsd());
          json.writeEndObject();
          SimulateOutput.number(json, "savingUsd", cascade.savingUsd());
          SimulateOutput.number(json, "costRatio", cascade.costRatio());
          SimulateOutput.number(json, "successTarget", successTarget);
          writeRecommendation(json, best);
          json.writeStringField("assumption", ASSUMPTION);
        });
  }

  private void writeRecommendation(JsonGenerator json, Optional<SuccessRateCascade> best)
      throws IOException {
    if (best.isEmpty()) {
      json.writeNullField("recommendation");
      return;
    }
    json.writeObjectFieldStart("recommendation");
    json.writeArrayFieldStart("stages");
    for (SuccessRateCascade.Stage stage : best.get().stages()) {
      json.writeString(stage.name());
    }
    json.writeEndArray();
    SimulateOutput.number(json, "costUsd", best.get().costUsd());
    SimulateOutput.number(json, "successRate", best.get().successRate());
    json.writeEndObject();
  }
}
