package io.valuemeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Runs {@code valuemeter simulate} as a user would and checks the worked examples. */
class SimulateCommandTest {

  private final ObjectMapper mapper =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  @RegisterExtension final StandardStreams streams = new StandardStreams();

  private final ByteArrayOutputStream out = streams.out;
  private final ByteArrayOutputStream err = streams.err;

  @Test
  void agents_tenDollarRework_agentBCheaper() throws Exception {
    JsonNode result =
        json(
            "agents",
            "--agent",
            "A:0.15:60%:40%",
            "--agent",
            "B:0.375:95%:5%",
            "--cost-per-rework",
            "10");

    JsonNode a = result.path("agents").get(0);
    JsonNode b = result.path("agents").get(1);
    // 0.15 / 0.60 = 0.25; x 1.40 = 0.35; + 0.40 x 10 = 4.35
    assertThat(a.path("costPerSuccessUsd").decimalValue()).isEqualByComparingTo("0.25");
    assertThat(a.path("costPerSuccessWithReworkUsd").decimalValue()).isEqualByComparingTo("0.35");
    assertThat(a.path("fullyLoadedCostPerSuccessUsd").decimalValue()).isEqualByComparingTo("4.35");
    // 0.375 / 0.95 = 0.39473...; x 1.05 = 0.41447...; + 0.05 x 10 = 0.91447...
    assertThat(b.path("costPerSuccessUsd").decimalValue()).isEqualByComparingTo("0.3947368421");
    assertThat(b.path("costPerSuccessWithReworkUsd").decimalValue())
        .isEqualByComparingTo("0.4144736842");
    assertThat(b.path("fullyLoadedCostPerSuccessUsd").decimalValue())
        .isEqualByComparingTo("0.9144736842");
    assertThat(result.path("cheapest").asText()).isEqualTo("B");
    // 4.35 / 0.91447... = 4.7568...
    assertThat(result.path("costRatio").decimalValue()).isEqualByComparingTo("4.7568345324");
  }

  @Test
  void agents_fifteenReviewMinutes_25DollarRework() throws Exception {
    JsonNode result =
        json(
            "agents",
            "--agent",
            "A:0.15:0.60:0.40",
            "--agent",
            "B:$0.375:0.95:0.05",
            "--review-minutes",
            "15",
            "--hourly-rate",
            "100");

    // 15 / 60 x $100 = $25 per rework
    assertThat(result.path("humanCostPerReworkUsd").decimalValue()).isEqualByComparingTo("25");
    assertThat(result.path("humanCostSource").asText()).isEqualTo("review minutes x hourly rate");
    // 0.35 + 0.40 x 25 = 10.35; 0.41447... + 0.05 x 25 = 1.66447...
    assertThat(result.path("agents").get(0).path("fullyLoadedCostPerSuccessUsd").decimalValue())
        .isEqualByComparingTo("10.35");
    assertThat(result.path("agents").get(1).path("fullyLoadedCostPerSuccessUsd").decimalValue())
        .isEqualByComparingTo("1.6644736842");
  }

  @Test
  void agents_table_namesCheapestAndRatio() {
    int exitCode =
        run(
            "agents",
            "--agent",
            "A:0.15:60%:40%",
            "--agent",
            "B:0.375:95%:5%",
            "--cost-per-rework",
            "10");

    assertThat(exitCode).isZero();
    assertThat(takeOut())
        .contains("$4.35")
        .contains("$0.9145")
        .contains("Cheapest per successful outcome: B at $0.9145; A costs 4.76x as much.");
  }

  @Test
  void agents_successRate120Percent_usageError() {
    int exitCode = run("agents", "--agent", "A:0.15:120%:40%", "--cost-per-rework", "10");

    assertThat(exitCode).isEqualTo(2);
    assertThat(takeErr())
        .contains("agent A: success rate 1.2 must be between 0 and 1 (0.95 means 95%)");
    assertThat(takeOut()).isEmpty();
  }

  @Test
  void agents_costNotAnAmount_usageError() {
    int exitCode = run("agents", "--agent", "A:0.15:60%:40%", "--cost-per-rework", "ten");

    assertThat(exitCode).isEqualTo(2);
    assertThat(takeErr()).contains("'ten' is not an amount in US dollars");
  }

  @Test
  void agents_reviewMinutesWithoutRate_usageError() {
    int exitCode = run("agents", "--agent", "A:0.15:60%:40%", "--review-minutes", "15");

    assertThat(exitCode).isEqualTo(2);
    assertThat(takeErr())
        .contains("--review-minutes needs --hourly-rate, the reviewer's cost per hour in USD");
  }

  @Test
  void agents_help_showsWorkedExample() {
    int exitCode = run("agents", "--help");

    assertThat(exitCode).isZero();
    assertThat(takeOut())
        .contains("--agent B:0.375:95%:5% --cost-per-rework 10")
        .contains("A costs 4.76x as much");
  }

  @Test
  void cascade_noStages_usageError() {
    int exitCode = run("cascade", "--baseline-cost-per-item", "0.10");

    assertThat(exitCode).isEqualTo(2);
    assertThat(takeErr())
        .contains(
            "a cascade needs at least one stage; give --stage NAME:ITEMS:COST_PER_ITEM for each"
                + " stage, or --attempt NAME:COST_PER_ITEM:SUCCESS_RATE with --items N");
  }

  @Test
  void cascade_codeReview_8point33xCheaper() throws Exception {
    JsonNode result =
        json(
            "cascade",
            "--stage",
            "cheap:100:0.001",
            "--stage",
            "mid:30:0.02",
            "--stage",
            "top:5:0.10");

    // 100 x 0.001 + 30 x 0.02 + 5 x 0.10 = 0.10 + 0.60 + 0.50
    assertThat(result.path("costUsd").decimalValue()).isEqualByComparingTo("1.20");
    // the last stage on all 100 files: 100 x 0.10
    assertThat(result.path("baselineCostUsd").decimalValue()).isEqualByComparingTo("10.00");
    // 10.00 / 1.20
    assertThat(result.path("costRatio").decimalValue()).isEqualByComparingTo("8.3333333333");
  }

  @Test
  void cascade_sharesOfItems_sameAsCounts() throws Exception {
    JsonNode result =
        json(
            "cascade",
            "--items",
            "100",
            "--stage",
            "cheap:100%:0.001",
            "--stage",
            "mid:30%:0.02",
            "--stage",
            "top:5%:0.10");

    // 30% of 100 = 30
    assertThat(result.path("stages").get(1).path("items").decimalValue())
        .isEqualByComparingTo("30");
    assertThat(result.path("costUsd").decimalValue()).isEqualByComparingTo("1.20");
  }

  @Test
  void cascade_successRates_expectedCostAndRecommendation() throws Exception {
    JsonNode result =
        json(
            "cascade",
            "--items",
            "100",
            "--attempt",
            "cheap:0.001:70%",
            "--attempt",
            "mid:0.02:80%",
            "--attempt",
            "top:0.10:95%",
            "--success-target",
            "94%");

    // 100 x 0.001 + 30 x 0.02 + 6 x 0.10 = 1.30
    assertThat(result.path("costUsd").decimalValue()).isEqualByComparingTo("1.30");
    // 1 - 0.30 x 0.20 x 0.05 = 0.997
    assertThat(result.path("successRate").decimalValue()).isEqualByComparingTo("0.997");
    // cheap > mid: 0.10 + 0.60 = 0.70 at 1 - 0.30 x 0.20 = 0.94
    assertThat(result.path("recommendation").path("stages").toString())
        .isEqualTo("[\"cheap\",\"mid\"]");
    assertThat(result.path("recommendation").path("costUsd").decimalValue())
        .isEqualByComparingTo("0.70");
    assertThat(result.path("assumption").asText()).startsWith("Assumes independent attempts");
  }

  @Test
  void cascade_bothForms_usageError() {
    int exitCode =
        run("cascade", "--stage", "cheap:100:0.001", "--attempt", "top:0.10:95%", "--items", "100");

    assertThat(exitCode).isEqualTo(2);
    assertThat(takeErr())
        .contains("give either --stage (items per stage) or --attempt (success rate per stage)");
  }

  @Test
  void cascade_attemptWithoutItems_usageError() {
    int exitCode = run("cascade", "--attempt", "top:0.10:95%");

    assertThat(exitCode).isEqualTo(2);
    assertThat(takeErr()).contains("--attempt needs --items N");
  }

  @Test
  void caching_thirtyNights_matchesWorkedExample() throws Exception {
    JsonNode result =
        json(
            "caching",
            "--input-price",
            "15",
            "--hit-rate",
            "90%",
            "--read-discount",
            "90%",
            "--write-premium",
            "25%",
            "--input-tokens",
            "1000000",
            "--runs",
            "30");

    // 0.1 x 15 + 0.9 x 1.5 = 2.85; 0.1 x 18.75 + 0.9 x 1.5 = 3.225
    assertThat(result.path("missesNotWritten").path("effectivePerMillionTokensUsd").decimalValue())
        .isEqualByComparingTo("2.85");
    assertThat(result.path("missesWritten").path("effectivePerMillionTokensUsd").decimalValue())
        .isEqualByComparingTo("3.225");
    // 30M x $15 = $450; 30 x 3.225 = $96.75; saving $353.25
    assertThat(result.path("uncachedCostUsd").decimalValue()).isEqualByComparingTo("450");
    assertThat(result.path("missesWritten").path("costUsd").decimalValue())
        .isEqualByComparingTo("96.75");
    assertThat(result.path("missesWritten").path("savingUsd").decimalValue())
        .isEqualByComparingTo("353.25");
    // 0.25 / (0.25 + 0.90)
    assertThat(result.path("missesWritten").path("breakEvenHitRate").decimalValue())
        .isEqualByComparingTo("0.2173913043");
  }

  @Test
  void caching_hitRateAbove100Percent_usageError() {
    int exitCode =
        run(
            "caching",
            "--input-price",
            "15",
            "--hit-rate",
            "120%",
            "--read-discount",
            "90%",
            "--write-premium",
            "-25%");

    assertThat(exitCode).isEqualTo(2);
    assertThat(takeErr())
        .contains(
            "hit rate 1.2 must be between 0 and 1 (0.95 means 95%); write premium -0.25 must not"
                + " be negative");
  }

  @Test
  void batch_defaultDiscount_halfPrice() throws Exception {
    JsonNode result =
        json(
            "batch",
            "--input-tokens",
            "10000000",
            "--output-tokens",
            "2000000",
            "--input-price",
            "3",
            "--output-price",
            "15");

    // 10M x $3 + 2M x $15 = $60; at half the rates $30
    assertThat(result.path("interactiveCostUsd").decimalValue()).isEqualByComparingTo("60");
    assertThat(result.path("batchCostUsd").decimalValue()).isEqualByComparingTo("30");
    assertThat(result.path("savingUsd").decimalValue()).isEqualByComparingTo("30");
  }

  @Test
  void batch_oneBatchRateGiven_otherFromDiscount() throws Exception {
    JsonNode result =
        json(
            "batch",
            "--input-tokens",
            "10000000",
            "--output-tokens",
            "2000000",
            "--input-price",
            "3",
            "--output-price",
            "15",
            "--batch-output-price",
            "10");

    // 10M x $1.50 + 2M x $10 = 15 + 20 = 35
    assertThat(result.path("batchInputPerMillionTokensUsd").decimalValue())
        .isEqualByComparingTo("1.5");
    assertThat(result.path("batchCostUsd").decimalValue()).isEqualByComparingTo("35");
  }

  @Test
  void handoffs_fourHandoffs_minimumAndTypical() throws Exception {
    JsonNode result = json("handoffs", "--handoffs", "4", "--work-tokens", "40000", "--price", "3");

    JsonNode minimum = result.path("scenarios").get(0);
    JsonNode typical = result.path("scenarios").get(1);
    // 4 x 1,000 and 4 x 2,500
    assertThat(minimum.path("overheadTokens").asLong()).isEqualTo(4_000);
    assertThat(typical.path("overheadTokens").asLong()).isEqualTo(10_000);
    // 10,000 / 50,000
    assertThat(typical.path("overheadShare").decimalValue()).isEqualByComparingTo("0.2");
    // 10,000 x $3 / 1,000,000
    assertThat(typical.path("overheadCostUsd").decimalValue()).isEqualByComparingTo("0.03");
  }

  @Test
  void handoffs_negativeCount_usageError() {
    int exitCode = run("handoffs", "--handoffs", "-4", "--work-tokens", "40000", "--price", "3");

    assertThat(exitCode).isEqualTo(2);
    assertThat(takeErr()).contains("handoffs -4 must not be negative");
  }

  @Test
  void pricing_supportBot_pricesAndSensitivity() throws Exception {
    JsonNode result =
        json(
            "pricing",
            "--llm-cost-per-task",
            "0.30",
            "--human-cost-per-task",
            "0.20",
            "--success-rate",
            "80%",
            "--value-per-success",
            "10",
            "--target-margin",
            "20%");

    JsonNode prices = result.path("prices");
    // 0.50 / 0.80 = 0.625; 0.20 x 10 x 0.80 = 1.60; 0.50 / (0.80 x 0.80) = 0.78125
    assertThat(prices.path("costPlusPerTaskUsd").decimalValue()).isEqualByComparingTo("0.625");
    assertThat(prices.path("valueBasedPerTaskUsd").decimalValue()).isEqualByComparingTo("1.60");
    assertThat(prices.path("outcomeBasedPerSuccessUsd").decimalValue())
        .isEqualByComparingTo("0.78125");
    // LLM cost halved: (0.625 - 0.35) / 0.625 = 0.44
    assertThat(result.path("marginsAfterModelPriceCut").path("costPlus").decimalValue())
        .isEqualByComparingTo("0.44");
    // 10 points lower: 0.78125 x 0.70 = 0.546875 per task; 0.046875 / 0.546875
    assertThat(result.path("marginsAtSuccessRateChange").path("outcomeBased").decimalValue())
        .isEqualByComparingTo("0.0857142857");
  }

  @Test
  void pricing_marginOf100Percent_usageError() {
    int exitCode =
        run(
            "pricing",
            "--llm-cost-per-task",
            "0.30",
            "--success-rate",
            "80%",
            "--value-per-success",
            "10",
            "--target-margin",
            "100%");

    assertThat(exitCode).isEqualTo(2);
    assertThat(takeErr()).contains("target margin 1 must be at least 0 and below 1");
  }

  @Test
  void value_resolvedTicket_333x() throws Exception {
    JsonNode result = json("value", "--value", "50", "--tokens", "15000", "--price", "10");

    // 15,000 x $10 / 1,000,000 = $0.15; 50 / 15,000; 50 / 0.15
    assertThat(result.path("costUsd").decimalValue()).isEqualByComparingTo("0.15");
    assertThat(result.path("valuePerTokenUsd").decimalValue()).isEqualByComparingTo("0.0033333333");
    assertThat(result.path("returnMultiple").decimalValue()).isEqualByComparingTo("333.3333333333");
  }

  @ParameterizedTest
  @ValueSource(strings = {"agents", "cascade", "caching", "batch", "handoffs", "pricing", "value"})
  void help_examples_matchTheirOutput(String command) {
    run(command, "--help");
    String help = takeOut();
    List<List<String>> examples = exampleCommands(help);

    assertThat(examples).as("examples in the help of %s", command).isNotEmpty();
    for (List<String> example : examples) {
      int exitCode = run(example.toArray(String[]::new));
      String output = takeOut();
      assertThat(exitCode).as("exit code of %s", example).isZero();
      for (String line : output.split("\n")) {
        if (!line.isBlank()) {
          assertThat(help).as("help of %s shows the output of %s", command, example).contains(line);
        }
      }
    }
  }

  /**
   * Returns the arguments after "valuemeter simulate" of every example in a help text, joining the
   * lines that end with a backslash.
   */
  private static List<List<String>> exampleCommands(String help) {
    List<List<String>> examples = new ArrayList<>();
    StringBuilder command = null;
    for (String line : help.split("\n")) {
      String trimmed = line.trim();
      if (command == null && trimmed.startsWith("valuemeter simulate ")) {
        command = new StringBuilder();
      }
      if (command == null) {
        continue;
      }
      boolean continued = trimmed.endsWith("\\");
      command.append(' ').append(continued ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
      if (!continued) {
        List<String> words = new ArrayList<>(List.of(command.toString().trim().split("\\s+")));
        examples.add(words.subList(2, words.size()));
        command = null;
      }
    }
    return examples;
  }

  private JsonNode json(String... args) throws Exception {
    List<String> withFormat = new ArrayList<>(List.of(args));
    withFormat.add("--format");
    withFormat.add("json");
    int exitCode = run(withFormat.toArray(String[]::new));
    assertThat(exitCode).as("exit code, stderr: %s", err).isZero();
    return mapper.readTree(takeOut());
  }

  /**
   * Runs {@code valuemeter simulate ARGS}. Until {@code simulate} is registered in {@link
   * ValueMeterCommand}, it runs the command alone with the same help width and the same handling of
   * {@link UserException}.
   */
  private static int run(String... args) {
    CommandLine root = new CommandLine(new ValueMeterCommand());
    if (root.getSubcommands().containsKey("simulate")) {
      List<String> full = new ArrayList<>(List.of("simulate"));
      full.addAll(List.of(args));
      return ValueMeterCommand.execute(full.toArray(String[]::new));
    }
    CommandLine simulate = new CommandLine(new SimulateCommand());
    simulate.setUsageHelpWidth(100);
    simulate.setExecutionExceptionHandler(
        (exception, line, parseResult) -> {
          if (exception instanceof UserException userException) {
            line.getErr().println("valuemeter: " + userException.getMessage());
            return userException.exitCode();
          }
          throw exception;
        });
    return simulate.execute(args);
  }

  private String takeOut() {
    String text = out.toString(StandardCharsets.UTF_8);
    out.reset();
    return text;
  }

  private String takeErr() {
    String text = err.toString(StandardCharsets.UTF_8);
    err.reset();
    return text;
  }
}
