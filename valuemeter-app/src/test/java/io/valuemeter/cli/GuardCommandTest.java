package io.valuemeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GuardCommandTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-03-01T09:00:00Z"), ZoneOffset.UTC);

  private final ObjectMapper mapper = new ObjectMapper();
  @RegisterExtension final StandardStreams streams = new StandardStreams();

  private final ByteArrayOutputStream out = streams.out;
  private final ByteArrayOutputStream err = streams.err;

  @Test
  void guard_hardLimitSpent_deniedWithExitFive() {
    int exitCode =
        run(
            "--scope",
            "agent:ci",
            "--estimate",
            "0.0001768",
            "--limit",
            "0.00001",
            "--spent",
            "0.0001768");

    // $0.0001768 spent + $0 reserved >= $0.00001
    assertThat(exitCode).isEqualTo(5);
    assertThat(stdout())
        .isEqualTo(
            String.join(
                System.lineSeparator(),
                "decision  denied (HARD_BUDGET_SPENT)",
                "scope     agent:ci",
                "budget    limit (hard stop)",
                "estimate  $0.0001768",
                "spent     $0.0001768",
                "reserved  $0",
                "limit     $0.00001",
                "",
                "Denied: hard budget \"limit\" for scope \"agent:ci\" is spent ($0.0001768 spent"
                    + " + $0 reserved, limit $0.00001).",
                ""));
  }

  @Test
  void guard_firstCallAboveLimit_allowed() throws Exception {
    int exitCode =
        run(
            "--scope",
            "agent:ci",
            "--estimate",
            "0.0001768",
            "--limit",
            "0.00001",
            "--format",
            "json");

    // $0 spent + $0 reserved < $0.00001 before the call, so the first call is allowed.
    assertThat(exitCode).isZero();
    JsonNode json = mapper.readTree(stdout());
    assertThat(json.path("allowed").asBoolean()).isTrue();
    assertThat(json.path("reason").asText()).isEqualTo("WITHIN_BUDGET");
    assertThat(json.path("estimateUsd").decimalValue()).isEqualByComparingTo("0.0001768");
    assertThat(json.path("spentUsd").decimalValue()).isEqualByComparingTo("0");
    assertThat(json.path("limitUsd").decimalValue()).isEqualByComparingTo("0.00001");
    assertThat(json.path("tokenLimit").isNull()).isTrue();
  }

  @Test
  void guard_reservedReachesLimit_denied() throws Exception {
    int denied =
        run(
            "--scope",
            "s",
            "--estimate",
            "0.01",
            "--limit",
            "1.00",
            "--spent",
            "0.30",
            "--reserved",
            "0.70",
            "--format",
            "json");
    JsonNode deniedJson = mapper.readTree(stdout());
    out.reset();
    int allowed =
        run(
            "--scope",
            "s",
            "--estimate",
            "0.01",
            "--limit",
            "1.00",
            "--spent",
            "0.30",
            "--reserved",
            "0.69",
            "--format",
            "json");

    // $0.30 + $0.70 = $1.00 >= $1.00 is denied; $0.30 + $0.69 = $0.99 < $1.00 is allowed.
    assertThat(denied).isEqualTo(5);
    assertThat(deniedJson.path("reservedUsd").decimalValue()).isEqualByComparingTo("0.70");
    assertThat(deniedJson.path("spentUsd").decimalValue()).isEqualByComparingTo("0.30");
    assertThat(allowed).isZero();
  }

  @Test
  void guard_reservedOnSpentLimit_stillReported() throws Exception {
    run(
        "--scope",
        "s",
        "--estimate",
        "0.01",
        "--limit",
        "0",
        "--reserved",
        "0.25",
        "--format",
        "json");

    assertThat(mapper.readTree(stdout()).path("reservedUsd").decimalValue())
        .isEqualByComparingTo("0.25");
  }

  @Test
  void guard_zeroEstimateOnSpentLimit_allowed() throws Exception {
    int exitCode =
        run("--scope", "s", "--estimate", "0", "--limit", "1", "--spent", "3", "--format", "json");

    assertThat(exitCode).isZero();
    assertThat(mapper.readTree(stdout()).path("reason").asText()).isEqualTo("ZERO_PRICED_SCOPE");
  }

  @Test
  void guard_loop_deniedWithExitFive() throws Exception {
    int exitCode =
        run(
            "--scope",
            "agent:ci",
            "--estimate",
            "0.01",
            "--limit",
            "5",
            "--loop",
            "--format",
            "json");

    assertThat(exitCode).isEqualTo(5);
    JsonNode json = mapper.readTree(stdout());
    assertThat(json.path("reason").asText()).isEqualTo("LOOP_DETECTED");
    assertThat(json.path("loopDetected").asBoolean()).isTrue();
    assertThat(json.path("message").asText())
        .isEqualTo(
            "Denied: a loop was detected for scope \"agent:ci\" and has not been cleared"
                + " (evidence: --loop was given).");
  }

  @Test
  void guard_tokenLimitSpent_denied() {
    int exitCode =
        run(
            "--scope",
            "s",
            "--estimate",
            "0",
            "--tokens",
            "500",
            "--limit",
            "1",
            "--token-limit",
            "10000",
            "--spent-tokens",
            "10000");

    // 10,000 tokens spent >= 10,000: a $0 call is still held to the token limit.
    assertThat(exitCode).isEqualTo(5);
    assertThat(stdout()).contains("tokens    500 estimated, 10000 spent, limit 10000");
  }

  @Test
  void guard_negativeValues_usageErrorNamesAll() {
    int exitCode = run("--scope", "s", "--estimate", "-0.01", "--limit", "1", "--spent", "-2");

    assertThat(exitCode).isEqualTo(2);
    assertThat(stdout()).isEmpty();
    assertThat(stderr())
        .contains(
            "--estimate must be non-negative, got -0.01; --spent must be non-negative, got -2");
  }

  @Test
  void guard_missingLimit_usageError() {
    int exitCode = run("--scope", "s", "--estimate", "0.01");

    assertThat(exitCode).isEqualTo(2);
    assertThat(stderr()).contains("--limit is required unless --budgets FILE is given");
  }

  @Test
  void guard_help_documentsExitCodeAndSpent() {
    int exitCode = run("--help");

    // Help text wraps at the terminal width, so compare with single spaces.
    String help = stdout().replaceAll("\\s+", " ");
    assertThat(exitCode).isZero();
    assertThat(help).contains("Exits with 0 when the call is allowed and 5 when it is denied.");
    assertThat(help).contains("read from the ledger (--db)");
  }

  @Test
  void budgetsFromLedger_hardBudgetSpent_denied(@TempDir Path dir) throws Exception {
    String db = dir.resolve("ledger.duckdb").toString();
    assertThat(
            ValueMeterCommand.execute(
                "import", "../examples/data/claude-code", "--db", db, "--quiet"))
        .isZero();
    Path budgets = dir.resolve("budgets.yaml");
    Files.writeString(
        budgets,
        "budgets:\n"
            + "  - name: cc-month\n    category: fixed\n    scope: agent:claude-code\n"
            + "    period: month\n    zone: Europe/Budapest\n    limit_usd: 0.50\n"
            + "    hard_stop: true\n");
    Clock november = Clock.fixed(Instant.parse("2025-11-20T00:00:00Z"), ZoneOffset.UTC);

    int code =
        new CommandLine(new GuardCommand(november))
            .execute(
                "--scope",
                "agent:claude-code",
                "--estimate",
                "0.01",
                "--budgets",
                budgets.toString(),
                "--db",
                db,
                "--format",
                "json");

    String output = stdout();
    JsonNode decision = new ObjectMapper().readTree(output.substring(output.lastIndexOf("{\n")));
    // November 2025 in Budapest contains the sidechain session: $0.6686811 spent of $0.50
    assertThat(code).isEqualTo(ExitCodes.DENIED);
    assertThat(decision.toString()).contains("HARD_BUDGET_SPENT").contains("0.6686811");
  }

  private int run(String... args) {
    return new CommandLine(new GuardCommand(CLOCK)).execute(args);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
