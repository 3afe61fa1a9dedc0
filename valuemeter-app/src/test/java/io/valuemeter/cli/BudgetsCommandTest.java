package io.valuemeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code budgets validate} and {@code budgets status} on the bundled Claude Code logs. */
class BudgetsCommandTest {

  private static final Path CLAUDE_CODE = Path.of("../examples/data/claude-code");
  private static final Path EXAMPLE_BUDGETS = Path.of("../examples/budgets.yaml");

  private final ObjectMapper mapper = new ObjectMapper();
  @RegisterExtension final StandardStreams streams = new StandardStreams();

  private final ByteArrayOutputStream out = streams.out;
  private final ByteArrayOutputStream err = streams.err;

  @TempDir Path dir;

  @Test
  void validate_exampleFile_exitsZero() {
    int exitCode = run("validate", EXAMPLE_BUDGETS.toString());

    assertThat(exitCode).isEqualTo(0);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "4 valid budget(s): claude-code-monthly, gpt-5-daily-tokens,"
                + " support-share-of-value, alpha-rollout");
  }

  @Test
  void validate_badFile_listsEveryProblemAndExitsTwo() throws Exception {
    Path file =
        write(
            "bad.yaml",
            "budgets:\n"
                + "  - name: ci-bots\n"
                + "    category: fixed\n"
                + "    scope: team:search\n"
                + "    period: month\n"
                + "    zone: Mars/Olympus\n"
                + "    limit_usd: -5\n"
                + "  - name: ci-bots\n"
                + "    category: fixed\n"
                + "    scope: all\n"
                + "    period: week\n"
                + "    limit_usd: 10\n");

    int exitCode = run("validate", file.toString());

    String messages = err.toString(StandardCharsets.UTF_8);
    assertThat(exitCode).isEqualTo(2);
    assertThat(messages)
        .contains(
            file
                + " budget \"ci-bots\": field \"scope\" value \"team:search\" has an unknown"
                + " scope kind \"team\".");
    assertThat(messages)
        .contains(
            file
                + " budget \"ci-bots\": field \"zone\" value \"Mars/Olympus\" is not an IANA time"
                + " zone. Use a name such as Europe/Budapest.");
    assertThat(messages)
        .contains(file + " budget \"ci-bots\": field \"limit_usd\" value \"-5\" must be positive.");
    assertThat(messages)
        .contains(file + " budget \"ci-bots\": defined twice, as budgets #1 and #2.");
    assertThat(messages).contains(file + ": 4 problem(s); fix them and validate again.");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void validate_yamlSyntaxError_exitsTwoWithLine() throws Exception {
    Path file = write("broken.yaml", "budgets:\n  - name: [unclosed\n");

    int exitCode = run("validate", file.toString());

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(file + " line ")
        .contains("invalid YAML");
  }

  @Test
  void validate_duplicateKey_isSyntaxError() throws Exception {
    Path file =
        write("twice.yaml", "budgets:\n  - name: a\n    zone: UTC\n    zone: Europe/Budapest\n");

    int exitCode = run("validate", file.toString());

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Duplicate field 'zone'");
  }

  @Test
  void validate_missingFile_exitsOne() {
    int exitCode = run("validate", dir.resolve("absent.yaml").toString());

    assertThat(exitCode).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("absent.yaml not found");
  }

  @Test
  void status_claudeCodeNovember_exceededWithHardStop() throws Exception {
    Path file =
        write(
            "budgets.yaml",
            "budgets:\n"
                + "  - name: claude-code-november\n"
                + "    category: fixed\n"
                + "    scope: agent:claude-code\n"
                + "    period: month\n"
                + "    zone: Europe/Budapest\n"
                + "    limit_usd: 0.5\n"
                + "    hard_stop: true\n"
                + "  - name: sonnet-weekly-tokens\n"
                + "    category: fixed\n"
                + "    scope: model:claude-sonnet-4-5-20250929\n"
                + "    period: week\n"
                + "    zone: UTC\n"
                + "    limit_tokens: 1000000\n");

    JsonNode budgets = statusJson(file, "2025-11-20T00:00:00Z").path("budgets");

    JsonNode november = budgets.get(0);
    // November 2025 in Budapest (UTC+1 all month): 2025-10-31T23:00Z to 2025-11-30T23:00Z
    assertThat(november.path("windowStart").asText()).isEqualTo("2025-10-31T23:00:00Z");
    assertThat(november.path("windowEnd").asText()).isEqualTo("2025-11-30T23:00:00Z");
    // the three claude-sonnet-4-5 calls of 2025-11-19 at $3 input, $0.30 cache read, $3.75
    // cache write and $15 output per million: 9 x 3 + 141,272 x 0.30 + 164,054 x 3.75
    // + 738 x 15 = 27 + 42,381.6 + 615,202.5 + 11,070 = 668,681.1 per million = $0.6686811
    assertThat(november.path("spent").decimalValue()).isEqualByComparingTo("0.6686811");
    // $0.6686811 - $0.5 = $0.1686811
    assertThat(november.path("overspend").decimalValue()).isEqualByComparingTo("0.1686811");
    assertThat(november.path("remaining").decimalValue()).isEqualByComparingTo("0");
    // $0.6686811 / $0.5 = 1.3373622
    assertThat(november.path("shareUsed").decimalValue()).isEqualByComparingTo("1.3373622");
    assertThat(november.path("state").asText()).isEqualTo("EXCEEDED");
    assertThat(november.path("hardStopActive").asBoolean()).isTrue();
    // 19 days and 1 hour = 457 of 720 hours elapsed: $0.6686811 x 720 / 457 = $1.0535019519
    assertThat(november.path("forecast").decimalValue().setScale(10, RoundingMode.HALF_EVEN))
        .isEqualByComparingTo("1.0535019519");

    JsonNode tokens = budgets.get(1);
    // ISO week of Monday 2025-11-17 in UTC
    assertThat(tokens.path("windowStart").asText()).isEqualTo("2025-11-17T00:00:00Z");
    assertThat(tokens.path("unit").asText()).isEqualTo("tokens");
    // 9 input + 141,272 cache read + 164,054 cache write + 738 output = 306,073 tokens
    assertThat(tokens.path("spent").decimalValue()).isEqualByComparingTo("306073");
    // 306,073 / 1,000,000 = 0.306073
    assertThat(tokens.path("shareUsed").decimalValue()).isEqualByComparingTo("0.306073");
    assertThat(tokens.path("state").asText()).isEqualTo("OK");
  }

  @Test
  void status_exampleInvestment_paybackOverQuarter() throws Exception {
    JsonNode budgets = statusJson(EXAMPLE_BUDGETS, "2026-01-31T12:00:00Z").path("budgets");

    JsonNode alpha = budgets.get(3);
    assertThat(alpha.path("name").asText()).isEqualTo("alpha-rollout");
    // Q1 2026 in Budapest starts 2026-01-01 00:00 local = 2025-12-31T23:00Z
    assertThat(alpha.path("windowStart").asText()).isEqualTo("2025-12-31T23:00:00Z");
    // session-alpha: $0.0095925 + $0.00114675 on 2026-01-09, $0.002787 on 2026-01-10
    // = $0.01352625 (report --by day --by model --format json)
    assertThat(alpha.path("spentUsd").decimalValue()).isEqualByComparingTo("0.01352625");
    // no outcome value: $0 / $0.01352625 = 0
    assertThat(alpha.path("paybackRatio").decimalValue()).isEqualByComparingTo("0");
    // $0.01352625 / $5 per month = 0.00270525 months
    assertThat(alpha.path("paybackMonths").decimalValue()).isEqualByComparingTo("0.00270525");

    JsonNode share = budgets.get(2);
    // week of Monday 2026-01-26 in New York has no Claude Code call: nothing spent, nothing due
    assertThat(share.path("spent").decimalValue()).isEqualByComparingTo("0");
    assertThat(share.path("limit").decimalValue()).isEqualByComparingTo("0");
    assertThat(share.path("shareUsed").isNull()).isTrue();
    assertThat(share.path("state").asText()).isEqualTo("OK");
  }

  @Test
  void status_beforeAnyCall_spendsNothing() throws Exception {
    JsonNode budgets = statusJson(EXAMPLE_BUDGETS, "2025-06-01T00:00:00Z").path("budgets");

    JsonNode monthly = budgets.get(0);
    // 2025-06-01T00:00Z is 02:00 in Budapest, so June has begun but its calls of 2025-06-14
    // have not happened yet
    assertThat(monthly.path("periodName").asText()).isEqualTo("2025-06");
    assertThat(monthly.path("spent").decimalValue()).isEqualByComparingTo("0");
    assertThat(monthly.path("state").asText()).isEqualTo("OK");
  }

  @Test
  void status_table_showsStateAndNotes() {
    int exitCode =
        run(
            "status",
            EXAMPLE_BUDGETS.toString(),
            CLAUDE_CODE.toString(),
            "--quiet",
            "--at",
            "2025-11-20T00:00:00Z");

    String table = out.toString(StandardCharsets.UTF_8);
    assertThat(exitCode).isEqualTo(0);
    assertThat(table).contains("claude-code-monthly").contains("$0.668681").contains("WARNING");
    assertThat(table).contains("claude-code-monthly: alert thresholds reached: 50.0%.");
  }

  @Test
  void status_invalidAt_exitsTwo() {
    int exitCode =
        run("status", EXAMPLE_BUDGETS.toString(), CLAUDE_CODE.toString(), "--at", "yesterday");

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--at yesterday is not an instant");
  }

  private JsonNode statusJson(Path budgets, String at) throws Exception {
    int exitCode =
        run(
            "status",
            budgets.toString(),
            CLAUDE_CODE.toString(),
            "--quiet",
            "--at",
            at,
            "--format",
            "json");
    assertThat(exitCode).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(0);
    return mapper.readTree(out.toString(StandardCharsets.UTF_8));
  }

  private int run(String... args) {
    return new CommandLine(new BudgetsCommand()).execute(args);
  }

  private Path write(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }
}
