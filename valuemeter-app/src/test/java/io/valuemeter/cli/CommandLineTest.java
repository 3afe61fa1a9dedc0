package io.valuemeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Runs the command line as a user would, on the bundled real data. */
class CommandLineTest {

  private static final Path TERMINAL_BENCH =
      Path.of("src/test/resources/terminal-bench/trial_token_usage.csv");
  private static final Path MAPPING = Path.of("../examples/terminal-bench.mapping");
  private static final Path CLAUDE_CODE = Path.of("src/test/resources/claude-code");
  private static final Path CODEX = Path.of("src/test/resources/codex");

  private final ObjectMapper mapper = new ObjectMapper();
  @RegisterExtension final StandardStreams streams = new StandardStreams();

  private final ByteArrayOutputStream out = streams.out;
  private final ByteArrayOutputStream err = streams.err;

  @TempDir Path dir;

  @Test
  void report_terminalBenchByModel_matchesHandArithmetic() throws Exception {
    JsonNode report =
        json(
            "report",
            TERMINAL_BENCH.toString(),
            "--mapping",
            MAPPING.toString(),
            "--by",
            "model",
            "--format",
            "json");

    JsonNode sonnet = group(report, "claude-sonnet-4-20250514");
    assertThat(sonnet.path("calls").asLong()).isEqualTo(368);
    assertThat(sonnet.path("successes").asLong()).isEqualTo(108);
    assertThat(sonnet.path("tokens").path("input").asLong()).isEqualTo(4_235_825);
    assertThat(sonnet.path("tokens").path("output").asLong()).isEqualTo(2_763_963);
    // 4,235,825 x $3 + 2,763,963 x $15 = 12,707,475 + 41,459,445 = 54,166,920 per million
    assertThat(sonnet.path("costUsd").decimalValue()).isEqualByComparingTo("54.16692");
    // $54.16692 / 108 = $0.50154556 per successful trial
    assertThat(
            sonnet
                .path("costPerSuccessUsd")
                .decimalValue()
                .setScale(5, java.math.RoundingMode.HALF_EVEN))
        .isEqualByComparingTo("0.50155");
    assertThat(sonnet.path("aggregateCallsAtBaseRates").asLong()).isEqualTo(368);

    JsonNode gpt5 = group(report, "gpt-5");
    assertThat(gpt5.path("calls").asLong()).isEqualTo(444);
    assertThat(gpt5.path("successes").asLong()).isEqualTo(152);
    // 3,553,726 x $1.25 + 3,216,725 x $10 = 4,442,157.5 + 32,167,250 = 36,609,407.5 per million
    assertThat(gpt5.path("costUsd").decimalValue()).isEqualByComparingTo("36.6094075");

    assertThat(report.path("totals").path("calls").asLong()).isEqualTo(6_199);
    assertThat(report.path("records").path("rejected").asLong()).isZero();
    assertThat(report.path("unpricedModels").findValuesAsText("model"))
        .contains("moonshotai/Kimi-K2-Instruct-0905", "grok-4-0709")
        .doesNotContain("gpt-5", "claude-sonnet-4-20250514");
  }

  @Test
  void report_pricesFile_pricesModelsTheCatalogLacks() throws Exception {
    Path prices = dir.resolve("prices.json");
    Files.writeString(
        prices,
        "{\"grok-4-0709\": {\"input_cost_per_token\": 3e-06, \"output_cost_per_token\": 1.5e-05,"
            + " \"litellm_provider\": \"xai\"}}");

    JsonNode report =
        json(
            "report",
            TERMINAL_BENCH.toString(),
            "--mapping",
            MAPPING.toString(),
            "--by",
            "model",
            "--prices",
            prices.toString(),
            "--db",
            dir.resolve("none.duckdb").toString(),
            "--format",
            "json");

    JsonNode grok = group(report, "grok-4-0709");
    // 2,297,959 x $3 + 1,242,037 x $15 = 6,893,877 + 18,630,555 = 25,524,432 per million
    assertThat(grok.path("costUsd").decimalValue()).isEqualByComparingTo("25.524432");
    assertThat(report.path("unpricedModels").findValuesAsText("model"))
        .doesNotContain("grok-4-0709");
  }

  @Test
  void report_claudeCodeFolder_deduplicatesAcrossLines() throws Exception {
    JsonNode report =
        json(
            "report", CLAUDE_CODE.toString(), "--by", "session", "--tz", "UTC", "--format", "json");

    // sidechain_integrated.jsonl writes one response on lines 3 and 4: counted once
    assertThat(report.path("records").path("duplicates").asLong()).isEqualTo(1);
    JsonNode session = groupByKey(report, "session", "88a8d761-7b9a-4bf1-a8ca-c1febe6bf358");
    assertThat(session.path("calls").asLong()).isEqualTo(3);
    // 365 + 183 + 190
    assertThat(session.path("tokens").path("output").asLong()).isEqualTo(738);
  }

  @Test
  void report_codexFork_replayedHistoryCountedOnce() throws Exception {
    JsonNode report =
        json("report", CODEX.resolve("branch-history").toString(), "--format", "json");

    JsonNode tokens = report.path("totals").path("tokens");
    // parent 1,000 (100 cached) plus the branch's new turn of 600 (200 cached)
    assertThat(tokens.path("input").asLong() + tokens.path("cacheRead").asLong()).isEqualTo(1_600);
    assertThat(tokens.path("cacheRead").asLong()).isEqualTo(300);
    assertThat(tokens.path("output").asLong()).isEqualTo(450);
  }

  @Test
  void import_twice_secondImportAddsNothing() throws Exception {
    String db = dir.resolve("ledger.duckdb").toString();
    int first = run("import", CLAUDE_CODE.toString(), "--db", db, "--format", "json", "--quiet");
    JsonNode firstSummary = mapper.readTree(takeOut());
    int second = run("import", CLAUDE_CODE.toString(), "--db", db, "--format", "json", "--quiet");
    JsonNode secondSummary = mapper.readTree(takeOut());

    assertThat(first).isZero();
    assertThat(second).isZero();
    assertThat(secondSummary.path("imported").asLong()).isZero();
    assertThat(secondSummary.path("storedRecords").asLong())
        .isEqualTo(firstSummary.path("storedRecords").asLong());

    JsonNode report = json("report", "--db", db, "--format", "json");
    assertThat(report.path("totals").path("calls").asLong())
        .isEqualTo(firstSummary.path("storedRecords").asLong());
  }

  @Test
  void import_strictRejection_storesNothing() throws Exception {
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(
        bad,
        "{\"id\":\"a\",\"model\":\"gpt-4o\",\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5}}\n"
            + "{not json\n");
    String db = dir.resolve("ledger.duckdb").toString();

    int code = run("import", bad.toString(), "--db", db, "--strict");

    assertThat(code).isEqualTo(3);
    assertThat(takeErr()).contains("bad.jsonl line 2").contains("nothing was stored");
    JsonNode report = json("report", "--db", db, "--format", "json");
    assertThat(report.path("totals").path("calls").asLong()).isZero();
  }

  @Test
  void report_missingMappedColumn_stops() throws Exception {
    Path csv = dir.resolve("usage.csv");
    Files.writeString(csv, "model,in,out\ngpt-4o,10,5\n");

    int code = run("report", csv.toString(), "--map", "input=in", "--map", "output=nosuch");

    assertThat(code).isEqualTo(1);
    assertThat(takeErr()).contains("nosuch").contains("usage.csv");
  }

  @Test
  void report_unknownOption_usageExitCode() {
    assertThat(run("report", "--bogus")).isEqualTo(2);
  }

  @Test
  void report_outcomesFile_humanCostAndRates() throws Exception {
    Path usage = dir.resolve("usage.jsonl");
    Files.writeString(
        usage,
        line("c1", "2025-03-01T10:00:00Z", "t1", 10_000, 2_000)
            + line("c2", "2025-03-01T11:00:00Z", "t2", 8_000, 1_000)
            + line("c3", "2025-03-02T11:00:00Z", "t3", 4_000, 500));
    Path outcomes = dir.resolve("outcomes.csv");
    Files.writeString(
        outcomes,
        "task_id,success,value,attempts,rework,human_minutes,escalated\n"
            + "t1,true,50,1,false,,false\n"
            + "t2,false,,3,true,30,true\n"
            + "t2,false,,2,true,20,true\n"
            + "t9,true,10,1,false,,false\n"
            + "t3,maybe,,1,false,,false\n"
            + "t1,true,-5,1,false,,false\n");

    JsonNode report =
        json("report", usage.toString(), "--outcomes", outcomes.toString(), "--format", "json");

    JsonNode totals = report.path("totals");
    String messages = takeErr();
    // gpt-4o at $2.50 / $10: (10,000 + 8,000 + 4,000) x 2.50 + (2,000 + 1,000 + 500) x 10
    // = 55,000 + 35,000 = 90,000 per million
    assertThat(totals.path("costUsd").decimalValue()).isEqualByComparingTo("0.09");
    // t1 and t2 have outcomes; the only outcome of t3 is rejected ("maybe")
    assertThat(totals.path("tasks").asLong()).isEqualTo(2);
    assertThat(totals.path("tasksWithoutOutcome").asLong()).isEqualTo(1);
    assertThat(totals.path("successes").asLong()).isEqualTo(1);
    // the later t2 row is kept: 2 attempts, rework, escalated, 20 recorded minutes
    assertThat(totals.path("retryRate").decimalValue()).isEqualByComparingTo("0.5");
    assertThat(totals.path("escalationRate").decimalValue()).isEqualByComparingTo("0.5");
    assertThat(totals.path("recordedHumanMinutes").decimalValue()).isEqualByComparingTo("20");
    assertThat(totals.path("humanCostSource").asText()).isEqualTo("recorded");
    // 20 minutes x $100 per hour / 60 = $33.3333333333
    assertThat(totals.path("humanCostUsd").decimalValue()).isEqualByComparingTo("33.3333333333");
    // ($0.09 + $33.3333333333) / 1 success
    assertThat(totals.path("fullyLoadedCostPerSuccessUsd").decimalValue())
        .isEqualByComparingTo("33.4233333333");
    // $50 / $0.09
    assertThat(totals.path("returnOnCost").decimalValue()).isEqualByComparingTo("555.5555555556");
    // t9 has an outcome but no usage
    assertThat(report.path("outcomesWithoutUsage").asLong()).isEqualTo(1);
    assertThat(report.path("records").path("rejected").asLong()).isEqualTo(2);
    assertThat(messages).contains("task \"t2\" has 2 outcomes").contains("line 6");
  }

  @Test
  void report_outcomesWithoutMinutes_humanCostEstimated() throws Exception {
    Path usage = dir.resolve("usage.jsonl");
    Files.writeString(
        usage,
        line("c1", "2025-03-01T10:00:00Z", "t1", 1_000, 100)
            + line("c2", "2025-03-01T11:00:00Z", "t2", 1_000, 100));
    Path outcomes = dir.resolve("outcomes.csv");
    Files.writeString(outcomes, "task_id,success,rework\nt1,true,true\nt2,false,false\n");

    JsonNode totals =
        json(
                "report",
                usage.toString(),
                "--outcomes",
                outcomes.toString(),
                "--hourly-rate",
                "60",
                "--review-minutes-per-failure",
                "10",
                "--review-minutes-per-rework",
                "5",
                "--format",
                "json")
            .path("totals");

    // t1 reworked: 5 minutes; t2 failed: 10 minutes; 15 minutes at $60 per hour = $15
    assertThat(totals.path("estimatedHumanMinutes").decimalValue()).isEqualByComparingTo("15");
    assertThat(totals.path("humanCostSource").asText()).isEqualTo("estimated");
    assertThat(totals.path("humanCostUsd").decimalValue()).isEqualByComparingTo("15");
  }

  private static String line(String id, String time, String task, int prompt, int completion) {
    return "{\"id\":\""
        + id
        + "\",\"timestamp\":\""
        + time
        + "\",\"model\":\"gpt-4o\",\"task_id\":\""
        + task
        + "\",\"usage\":{\"prompt_tokens\":"
        + prompt
        + ",\"completion_tokens\":"
        + completion
        + "}}\n";
  }

  @Test
  void metrics_terminalBench_nanoTriggerFires() throws Exception {
    JsonNode metrics =
        json(
            "metrics",
            TERMINAL_BENCH.toString(),
            "--mapping",
            MAPPING.toString(),
            "--format",
            "json",
            "--quiet");

    assertThat(metrics.path("keyMetrics")).hasSize(5);
    assertThat(metrics.path("modelEfficiency").get(0).path("model").asText()).isEqualTo("gpt-5");
    // gpt-5: 152 successes / 6,770,451 tokens x 1,000,000 = 22.4504984971
    assertThat(
            metrics.path("modelEfficiency").get(0).path("successesPerMillionTokens").decimalValue())
        .isEqualByComparingTo("22.4504984971");
    assertThat(metrics.path("triggers").findValuesAsText("scope")).contains("model gpt-5-nano");
    assertThat(metrics.path("verdict").path("optimise").asBoolean()).isTrue();
  }

  @Test
  void advise_terminalBench_cascadeCheaperThanStrongestModel() throws Exception {
    JsonNode advice =
        json(
                "advise",
                TERMINAL_BENCH.toString(),
                "--mapping",
                MAPPING.toString(),
                "--success-target",
                "0.3",
                "--format",
                "json",
                "--quiet")
            .path("advice");

    JsonNode choice = advice.path("modelChoice");
    assertThat(choice.path("categories").asInt()).isEqualTo(74);
    assertThat(choice.path("strongest").path("models").get(0).asText()).isEqualTo("gpt-5");
    JsonNode cascade = choice.path("cheapestCascade");
    assertThat(cascade.path("successRate").decimalValue())
        .isGreaterThanOrEqualTo(new BigDecimal("0.3"));
    assertThat(cascade.path("costPerTaskUsd").decimalValue())
        .isLessThan(choice.path("strongest").path("costPerTaskUsd").decimalValue());
    // batch rates halve the cost of claude-sonnet-4's 368 trials: $54.16692 / 2
    JsonNode sonnet = null;
    for (JsonNode option : advice.path("batch")) {
      if (option.path("model").asText().equals("claude-sonnet-4-20250514")) {
        sonnet = option;
      }
    }
    assertThat(sonnet).isNotNull();
    assertThat(sonnet.path("batchCostUsd").decimalValue()).isEqualByComparingTo("27.08346");
  }

  @Test
  void advise_mooncakeTrace_prefixCacheWhatIf() throws Exception {
    JsonNode trace =
        json(
                "advise",
                CODEX.toString(),
                "--cache-trace",
                "../examples/data/conversation_trace.jsonl",
                "--trace-model",
                "claude-sonnet-4",
                "--format",
                "json",
                "--quiet")
            .path("advice")
            .path("traceCaching");

    assertThat(trace.path("requests").asLong()).isEqualTo(12_031);
    assertThat(trace.path("promptTokens").asLong()).isEqualTo(144_793_823);
    assertThat(trace.path("hitTokens").asLong()).isEqualTo(54_098_411);
    // output costs the same either way; input without caching: 144,793,823 x $3 = 434,381,469
    // per million; with caching: 54,098,411 hits x $0.30 + 90,695,412 misses x $3.75
    // = 16,229,523.3 + 340,107,795 = 356,337,318.3; saving 78,044,150.7 per million
    assertThat(trace.path("savingUsd").decimalValue()).isEqualByComparingTo("78.0441507");
  }

  @Test
  void leaderboard_aiderPolyglot_costPerSolvedTask() throws Exception {
    JsonNode board =
        json("leaderboard", "../examples/data/polyglot_leaderboard.yml", "--format", "json");

    JsonNode first = board.path("runs").get(0);
    assertThat(first.path("model").asText()).isEqualTo("DeepSeek Chat V3 (prev)");
    assertThat(first.path("frontier").asBoolean()).isTrue();
    // total cost / solved cases
    assertThat(first.path("costPerSolvedUsd").decimalValue())
        .isEqualByComparingTo(
            first
                .path("totalCostUsd")
                .decimalValue()
                .divide(
                    new BigDecimal(first.path("solved").asLong()),
                    10,
                    java.math.RoundingMode.HALF_EVEN));
    assertThat(board.path("runs")).hasSize(51);
  }

  @Test
  void simulate_codeReviewCascade_registered() throws Exception {
    JsonNode cascade =
        json(
            "simulate",
            "cascade",
            "--stage",
            "cheap:100:0.001",
            "--stage",
            "mid:30:0.02",
            "--stage",
            "top:5:0.10",
            "--baseline-cost-per-item",
            "0.10",
            "--format",
            "json");

    assertThat(cascade.toString()).contains("1.2").contains("10");
  }

  @Test
  void report_html_selfContainedPage() throws Exception {
    int code =
        run(
            "report",
            TERMINAL_BENCH.toString(),
            "--mapping",
            MAPPING.toString(),
            "--by",
            "model",
            "--format",
            "html",
            "--quiet");

    String page = takeOut();
    assertThat(code).isZero();
    assertThat(page).startsWith("<!DOCTYPE html>").contains("report-data").contains("keyMetrics");
    assertThat(page).doesNotContain("src=\"http").doesNotContain("href=\"http");
  }

  @Test
  void report_outcomeMap_readsOtherColumnNames() throws Exception {
    Path usage = dir.resolve("usage.jsonl");
    Files.writeString(usage, line("c1", "2025-03-01T10:00:00Z", "t1", 1_000, 100));
    Path outcomes = dir.resolve("tickets.csv");
    Files.writeString(outcomes, "ticket,resolved_ok\nt1,yes\n");

    JsonNode totals =
        json(
                "report",
                usage.toString(),
                "--outcomes",
                outcomes.toString(),
                "--outcome-map",
                "task=ticket",
                "--outcome-map",
                "success=resolved_ok",
                "--format",
                "json",
                "--quiet")
            .path("totals");

    assertThat(totals.path("tasks").asLong()).isEqualTo(1);
    assertThat(totals.path("successes").asLong()).isEqualTo(1);
  }

  @Test
  void report_badValuesAndBytes_rejectedPerLine() throws Exception {
    Path usage = dir.resolve("usage.jsonl");
    byte[] invalidUtf8 =
        "{\"id\":\"x\",\"model\":\"gpt-4o\u00ff\",\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    Files.write(
        usage,
        (line("c1", "2025-03-01T10:00:00Z", "t1", 1_000, 100)
                + "{\"id\":\"big\",\"model\":\"gpt-4o\",\"usage\":{\"prompt_tokens\":9000000000000000000,"
                + "\"completion_tokens\":1}}\n")
            .getBytes(StandardCharsets.UTF_8));
    Files.write(usage, invalidUtf8, java.nio.file.StandardOpenOption.APPEND);
    Path outcomes = dir.resolve("outcomes.csv");
    Files.writeString(outcomes, "task_id,success,value\nt1,true,1e400\n");

    JsonNode report =
        json("report", usage.toString(), "--outcomes", outcomes.toString(), "--format", "json");

    String messages = takeErr();
    // line 1 kept; line 2 over a trillion tokens; line 3 not UTF-8; the outcome value too large
    assertThat(report.path("totals").path("calls").asLong()).isEqualTo(1);
    assertThat(report.path("records").path("rejected").asLong()).isEqualTo(3);
    assertThat(messages).contains("usage.jsonl line 2").contains("trillion");
    assertThat(messages).contains("usage.jsonl line 3").contains("not valid UTF-8");
    assertThat(messages).contains("outcomes.csv line 2").contains("1e400");
  }

  @Test
  void report_emptyFolder_noInputExit() throws Exception {
    Files.createDirectories(dir.resolve("empty"));

    int code = run("report", dir.resolve("empty").toString());

    assertThat(code).isEqualTo(4);
    assertThat(takeErr()).contains("no .jsonl, .ndjson or .csv files found");
  }

  @Test
  void advise_successTargetAsPercent_accepted() throws Exception {
    JsonNode choice =
        json(
                "advise",
                TERMINAL_BENCH.toString(),
                "--mapping",
                MAPPING.toString(),
                "--success-target",
                "30%",
                "--format",
                "json",
                "--quiet")
            .path("advice")
            .path("modelChoice");

    assertThat(choice.path("successTarget").decimalValue()).isEqualByComparingTo("0.3");
  }

  @Test
  void budgetsStatus_alertsTwice_sentOnce() throws Exception {
    Path alertFile = dir.resolve("alerts.jsonl");
    Path stateFile = dir.resolve("alerts-sent.txt");
    String[] args = {
      "budgets",
      "status",
      "../examples/budgets.yaml",
      CLAUDE_CODE.toString(),
      "--at",
      "2025-11-20T00:00:00Z",
      "--quiet",
      "--alert-file",
      alertFile.toString(),
      "--alert-state",
      stateFile.toString()
    };

    int first = run(args);
    int second = run(args);

    assertThat(first).isZero();
    assertThat(second).isZero();
    // claude-code-monthly reaches 50%; support-share-of-value reaches 80% and 100%: 3 alerts,
    // and the second run of the same period sends none of them again
    List<String> alerts = Files.readAllLines(alertFile);
    assertThat(alerts).hasSize(3);
    assertThat(alerts.get(0)).contains("budget-threshold/claude-code-monthly/agent:claude-code");
    assertThat(takeErr())
        .contains("Alerts: 3 new, 0 already sent")
        .contains("Alerts: 0 new, 3 already sent");
  }

  @Test
  void budgetsStatus_budgetWithoutZone_evaluatedInUtc() throws Exception {
    Path budgets = dir.resolve("budgets.yaml");
    Files.writeString(
        budgets,
        "budgets:\n  - name: all-month\n    category: fixed\n    scope: all\n"
            + "    period: month\n    limit_usd: 1\n");

    int code =
        run(
            "budgets",
            "status",
            budgets.toString(),
            CLAUDE_CODE.toString(),
            "--at",
            "2026-01-15T00:00:00Z",
            "--quiet");

    String table = takeOut();
    assertThat(code).isZero();
    // January 2026 contains the three calls of session-alpha on 9 and 10 January
    assertThat(table).contains("2026-01 UTC").contains("$0.013526");
  }

  @Test
  void budgetsStatus_shareOfValue_limitFromValue() throws Exception {
    Path usage = dir.resolve("usage.jsonl");
    Files.writeString(
        usage,
        line("c1", "2025-03-01T10:00:00Z", "t1", 100_000, 10_000)
            + line("c2", "2025-03-02T10:00:00Z", "t2", 100_000, 10_000));
    Path outcomes = dir.resolve("outcomes.csv");
    Files.writeString(outcomes, "task_id,success,value\nt1,true,2\nt2,false,5\n");
    Path budgets = dir.resolve("budgets.yaml");
    Files.writeString(
        budgets,
        "budgets:\n  - name: half-of-value\n    category: variable\n    scope: all\n"
            + "    period: month\n    limit_share_of_value: 0.5\n");

    int code =
        run(
            "budgets",
            "status",
            budgets.toString(),
            usage.toString(),
            "--outcomes",
            outcomes.toString(),
            "--at",
            "2025-03-16T00:00:00Z",
            "--format",
            "json",
            "--quiet");

    JsonNode status = mapper.readTree(takeOut()).path("budgets").get(0);
    assertThat(code).isZero();
    // only the successful task's value counts: limit = 0.5 x $2 = $1
    assertThat(status.path("limit").decimalValue()).isEqualByComparingTo("1");
    // gpt-4o at $2.50 / $10: 2 x (100,000 x 2.50 + 10,000 x 10) = 700,000 per million
    assertThat(status.path("spentUsd").decimalValue()).isEqualByComparingTo("0.7");
    assertThat(status.path("shareUsed").decimalValue()).isEqualByComparingTo("0.7");
  }

  @Test
  void report_invalidZone_usageErrorNamesValue() {
    int code = run("report", TERMINAL_BENCH.toString(), "--tz", "Mars/Olympus");

    assertThat(code).isEqualTo(2);
    assertThat(takeErr()).contains("--tz Mars/Olympus is not a known time zone");
  }

  @Test
  void report_missingPath_failureNamesPath() {
    int code = run("report", dir.resolve("missing.jsonl").toString());

    assertThat(code).isEqualTo(1);
    assertThat(takeErr()).contains("missing.jsonl not found");
  }

  @Test
  void pricesShow_knownModel_listsDatesAndSource() {
    int code = run("prices", "show", "o3", "--db", dir.resolve("none.duckdb").toString());

    String text = takeOut();
    assertThat(code).isZero();
    assertThat(text).contains("from 2025-04-16").contains("from 2025-06-10");
    assertThat(text).contains("source:").contains("openai.com");
  }

  private JsonNode json(String... args) throws Exception {
    int code = run(args);
    String text = takeOut();
    assertThat(code).as("exit code; standard error: %s", err).isZero();
    return mapper.readTree(text);
  }

  private int run(String... args) {
    return ValueMeterCommand.execute(args);
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

  private static JsonNode group(JsonNode report, String model) {
    return groupByKey(report, "model", model);
  }

  private static JsonNode groupByKey(JsonNode report, String dimension, String value) {
    for (JsonNode group : report.path("groups")) {
      if (value.equals(group.path("key").path(dimension).asText())) {
        return group;
      }
    }
    throw new AssertionError("no group with " + dimension + " = " + value + " in " + report);
  }
}
