package io.valuemeter.ledger.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.valuemeter.economics.UsageSummary;
import io.valuemeter.pricing.BuiltInPrices;
import io.valuemeter.pricing.CostCalculator;
import io.valuemeter.pricing.LongContextTier;
import io.valuemeter.pricing.ModelPrice;
import io.valuemeter.pricing.PriceCatalog;
import io.valuemeter.pricing.TokenRates;
import io.valuemeter.report.Dimension;
import io.valuemeter.report.InputSummary;
import io.valuemeter.report.ReportGroup;
import io.valuemeter.report.ReportRequest;
import io.valuemeter.report.UsageReport;
import io.valuemeter.usage.Attribution;
import io.valuemeter.usage.Outcome;
import io.valuemeter.usage.TokenUsage;
import io.valuemeter.usage.UsageMode;
import io.valuemeter.usage.UsageRecord;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerReportTest {

  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

  @TempDir Path dir;

  @Test
  void periods_losAngeles_previousDay() {
    try (DuckDbLedger ledger = DuckDbLedger.open(dir.resolve("ledger.duckdb"))) {
      store(ledger, call("a", "2024-01-25T04:08:00Z", "claude-sonnet-4", TokenUsage.of(10, 10)));

      // 04:08 UTC is 20:08 on 24 January in Los Angeles (UTC-8 in winter)
      assertThat(keys(ledger, Dimension.DAY, LOS_ANGELES)).containsExactly("2024-01-24");
      assertThat(keys(ledger, Dimension.DAY, UTC)).containsExactly("2024-01-25");
      // both days are in the ISO week starting Monday 22 January, and in January
      assertThat(keys(ledger, Dimension.WEEK, LOS_ANGELES)).containsExactly("2024-01-22");
      assertThat(keys(ledger, Dimension.WEEK, UTC)).containsExactly("2024-01-22");
      assertThat(keys(ledger, Dimension.MONTH, LOS_ANGELES)).containsExactly("2024-01");
      assertThat(keys(ledger, Dimension.MONTH, UTC)).containsExactly("2024-01");
    }
  }

  @Test
  void weekAndMonth_boundaryCalls_followReportZone() {
    try (DuckDbLedger ledger = DuckDbLedger.open(dir.resolve("ledger.duckdb"))) {
      // Monday 22 January 04:00 UTC is Sunday 21 January in Los Angeles: the week before
      store(ledger, call("monday", "2024-01-22T04:00:00Z", "claude-sonnet-4", TokenUsage.of(1, 1)));
      // 1 February 04:00 UTC is 31 January in Los Angeles: still January there
      store(
          ledger, call("february", "2024-02-01T04:00:00Z", "claude-sonnet-4", TokenUsage.of(1, 1)));

      assertThat(keys(ledger, Dimension.WEEK, UTC)).containsExactly("2024-01-22", "2024-01-29");
      assertThat(keys(ledger, Dimension.WEEK, LOS_ANGELES))
          .containsExactly("2024-01-15", "2024-01-29");
      assertThat(keys(ledger, Dimension.MONTH, UTC)).containsExactly("2024-01", "2024-02");
      assertThat(keys(ledger, Dimension.MONTH, LOS_ANGELES)).containsExactly("2024-01");
    }
  }

  @Test
  void import_repeatedResponse_lastUsageKept() {
    try (DuckDbLedger ledger = DuckDbLedger.open(dir.resolve("ledger.duckdb"))) {
      MergeCounts counts =
          store(
              ledger,
              call(
                  "claude-code:msg_1:req_1",
                  "2025-06-01T10:00:00Z",
                  "claude-sonnet-4",
                  TokenUsage.of(3, 1)),
              call(
                  "claude-code:msg_1:req_1",
                  "2025-06-01T10:00:01Z",
                  "claude-sonnet-4",
                  TokenUsage.of(3, 40)),
              call(
                  "claude-code:msg_1:req_1",
                  "2025-06-01T10:00:02Z",
                  "claude-sonnet-4",
                  TokenUsage.of(3, 550)));

      UsageSummary totals = report(ledger, List.of(), UTC).totals();

      assertThat(counts.newRecords()).isEqualTo(1);
      assertThat(counts.duplicates()).isEqualTo(2);
      assertThat(totals.calls()).isEqualTo(1);
      assertThat(totals.tokens().output()).isEqualTo(550);
      // 3 x $3 + 550 x $15 = 9 + 8,250 = 8,259 per million
      assertThat(totals.costUsd()).isEqualByComparingTo("0.008259");
    }
  }

  @Test
  void import_duplicatesAcrossBatches_mergedLikeOneBatch() {
    try (DuckDbLedger ledger = DuckDbLedger.open(dir.resolve("ledger.duckdb"))) {
      MergeCounts counts;
      // batches of 2 rows: [a(5), b(1)] [a(9), c(2)] [b(1), a(7)]
      try (LedgerImport target = ledger.beginImport(2)) {
        target.add(call("a", "2025-06-01T10:00:00Z", "gpt-5", TokenUsage.of(1, 5)), "test");
        target.add(call("b", "2025-06-01T10:00:00Z", "gpt-5", TokenUsage.of(1, 1)), "test");
        target.add(call("a", "2025-06-01T10:00:00Z", "gpt-5", TokenUsage.of(1, 9)), "test");
        target.add(call("c", "2025-06-01T10:00:00Z", "gpt-5", TokenUsage.of(1, 2)), "test");
        target.add(call("b", "2025-06-01T10:00:00Z", "gpt-5", TokenUsage.of(1, 1)), "test");
        target.add(call("a", "2025-06-01T10:00:00Z", "gpt-5", TokenUsage.of(1, 7)), "test");
        counts = target.commit();
      }

      assertThat(counts.newRecords()).isEqualTo(3);
      // a(9) in the second batch replaces a(5) of the first
      assertThat(counts.updatedRecords()).isEqualTo(1);
      assertThat(counts.duplicates()).isEqualTo(3);
      assertThat(ledger.usageRecordCount()).isEqualTo(3);
      // outputs kept: a 9, b 1, c 2
      assertThat(report(ledger, List.of(), UTC).totals().tokens().output()).isEqualTo(12);
    }
  }

  @Test
  void atomicImport_closedWithoutCommit_storesNothing() {
    try (DuckDbLedger ledger = DuckDbLedger.open(dir.resolve("ledger.duckdb"))) {
      try (LedgerImport target = ledger.beginAtomicImport()) {
        target.add(call("a", "2025-06-01T10:00:00Z", "gpt-5", TokenUsage.of(1, 5)), "test");
      }

      assertThat(ledger.usageRecordCount()).isZero();
    }
  }

  @Test
  void import_sameDataTwice_changesNothing() {
    Path file = dir.resolve("ledger.duckdb");
    UsageRecord[] calls = {
      call("x1", "2025-06-01T10:00:00Z", "gpt-5", TokenUsage.of(1_000, 100)),
      call("x2", "2025-06-02T10:00:00Z", "gpt-5", TokenUsage.of(2_000, 200))
    };
    try (DuckDbLedger ledger = DuckDbLedger.open(file)) {
      store(ledger, calls);
    }
    try (DuckDbLedger ledger = DuckDbLedger.open(file)) {
      MergeCounts again = store(ledger, calls);

      assertThat(again.newRecords()).isZero();
      assertThat(again.updatedRecords()).isZero();
      assertThat(again.duplicates()).isEqualTo(2);
      assertThat(ledger.usageRecordCount()).isEqualTo(2);
    }
  }

  @Test
  void import_moreCompleteVersionLater_replacesStoredRecord() {
    try (DuckDbLedger ledger = DuckDbLedger.open(dir.resolve("ledger.duckdb"))) {
      store(ledger, call("r", "2025-06-01T10:00:00Z", "gpt-5", TokenUsage.of(10, 5)));
      MergeCounts later =
          store(ledger, call("r", "2025-06-01T10:00:00Z", "gpt-5", TokenUsage.of(10, 50)));

      assertThat(later.updatedRecords()).isEqualTo(1);
      assertThat(ledger.usageRecordCount()).isEqualTo(1);
      assertThat(report(ledger, List.of(), UTC).totals().tokens().output()).isEqualTo(50);
    }
  }

  @Test
  void report_unknownModel_listedUnpriced() {
    try (DuckDbLedger ledger = DuckDbLedger.open(dir.resolve("ledger.duckdb"))) {
      store(
          ledger,
          call("p", "2025-06-01T10:00:00Z", "gpt-5", TokenUsage.of(1_000_000, 0)),
          call("u", "2025-06-01T10:00:00Z", "gpt-5-mni", TokenUsage.of(500, 70)));

      UsageReport report = report(ledger, List.of(), UTC);

      // only gpt-5 is priced: 1,000,000 x $1.25 per million
      assertThat(report.totals().costUsd()).isEqualByComparingTo("1.25");
      assertThat(report.totals().unpricedCalls()).isEqualTo(1);
      assertThat(report.unpricedModels()).hasSize(1);
      assertThat(report.unpricedModels().get(0).model()).isEqualTo("gpt-5-mni");
      assertThat(report.unpricedModels().get(0).tokens().output()).isEqualTo(70);
    }
  }

  @Test
  void report_longContext_tierRate() {
    try (DuckDbLedger ledger = DuckDbLedger.open(dir.resolve("ledger.duckdb"))) {
      // claude-sonnet-4 costs $3 per million input tokens up to 200,000 and $6 above
      store(
          ledger,
          call(
              "big",
              "2025-07-01T00:00:00Z",
              "claude-sonnet-4-20250514",
              TokenUsage.of(300_000, 0)));

      UsageSummary totals = report(ledger, List.of(), UTC).totals();

      // 300,000 x $6 per million = $1.80, not 300,000 x $3 = $1.20
      assertThat(totals.costUsd()).isEqualByComparingTo("1.80");
      assertThat(totals.longContextCalls()).isEqualTo(1);
    }
  }

  @Test
  void report_reportedCostDiffers_flagged() {
    try (DuckDbLedger ledger = DuckDbLedger.open(dir.resolve("ledger.duckdb"))) {
      UsageRecord matching = withReportedCost("m1", new BigDecimal("0.008259"));
      UsageRecord differing = withReportedCost("m2", new BigDecimal("0.12"));
      store(ledger, matching, differing);

      UsageSummary totals = report(ledger, List.of(), UTC).totals();

      assertThat(totals.reportedCostCalls()).isEqualTo(2);
      assertThat(totals.reportedCostMismatches()).isEqualTo(1);
      // 0.008259 + 0.12
      assertThat(totals.reportedCostUsd()).isEqualByComparingTo("0.128259");
      // calculated: 2 x 0.008259
      assertThat(totals.costUsd()).isEqualByComparingTo("0.016518");
    }
  }

  @Test
  void report_outcomes_perSuccessMetrics() {
    try (DuckDbLedger ledger = DuckDbLedger.open(dir.resolve("ledger.duckdb"))) {
      LedgerImport target = ledger.beginImport();
      target.add(task("t1", "gpt-5", TokenUsage.of(8_000, 1_000)), "test");
      target.add(task("t2", "gpt-5", TokenUsage.of(4_000, 2_000)), "test");
      target.add(
          new Outcome("t1", null, true, new BigDecimal("50"), 1, false, null, false), "test");
      target.add(Outcome.ofSuccess("t2", false), "test");
      target.commit();

      UsageSummary totals = report(ledger, List.of(), UTC).totals();

      // cost: 12,000 x $1.25 + 3,000 x $10 = 15,000 + 30,000 = 45,000 per million = $0.045
      assertThat(totals.costUsd()).isEqualByComparingTo("0.045");
      assertThat(totals.tasks()).isEqualTo(2);
      assertThat(totals.successes()).isEqualTo(1);
      // $0.045 / 1 success
      assertThat(totals.costPerSuccessUsd().orElseThrow()).isEqualByComparingTo("0.045");
      // $50 / 15,000 tokens = 0.0033333333
      assertThat(totals.valuePerTokenUsd().orElseThrow()).isEqualByComparingTo("0.0033333333");
    }
  }

  @Test
  void report_timeFilter_untimedLeftOut() {
    try (DuckDbLedger ledger = DuckDbLedger.open(dir.resolve("ledger.duckdb"))) {
      store(
          ledger,
          call("in", "2025-06-10T00:00:00Z", "gpt-5", TokenUsage.of(1, 1)),
          call("out", "2025-05-10T00:00:00Z", "gpt-5", TokenUsage.of(1, 1)),
          call("untimed", null, "gpt-5", TokenUsage.of(1, 1)));
      ReportRequest june =
          new ReportRequest(
              List.of(Dimension.DAY),
              UTC,
              Instant.parse("2025-06-01T00:00:00Z"),
              Instant.parse("2025-07-01T00:00:00Z"));

      UsageReport report =
          ReportQuery.run(ledger, BuiltInPrices.catalog(), june, InputSummary.none());

      assertThat(report.totals().calls()).isEqualTo(1);
      assertThat(report.recordsOutsidePeriod()).isEqualTo(2);
    }
  }

  @Test
  void report_byDay_untimedInTotalsOnly() {
    try (DuckDbLedger ledger = DuckDbLedger.open(dir.resolve("ledger.duckdb"))) {
      store(
          ledger,
          call("timed", "2025-06-10T00:00:00Z", "gpt-5", TokenUsage.of(1, 1)),
          call("untimed", null, "gpt-5", TokenUsage.of(1, 1)));

      UsageReport report = report(ledger, List.of(Dimension.DAY), UTC);

      assertThat(report.groups()).hasSize(1);
      assertThat(report.totals().calls()).isEqualTo(2);
      assertThat(report.recordsWithoutTime()).isEqualTo(1);
    }
  }

  @Test
  void sqlPricing_matchesCostCalculator_forMixedRecords() {
    ModelPrice tiered =
        new ModelPrice(
            "tiered",
            "",
            null,
            new TokenRates(
                new BigDecimal("3"),
                new BigDecimal("15"),
                new BigDecimal("0.3"),
                new BigDecimal("3.75"),
                new BigDecimal("6"),
                null),
            TokenRates.of(new BigDecimal("1.5"), new BigDecimal("7.5")),
            new LongContextTier(
                200_000,
                new TokenRates(
                    new BigDecimal("6"),
                    new BigDecimal("22.5"),
                    new BigDecimal("0.6"),
                    null,
                    null,
                    null)),
            "test");
    ModelPrice before =
        new ModelPrice(
            "dated",
            "",
            LocalDate.parse("2025-01-01"),
            TokenRates.of(new BigDecimal("10"), new BigDecimal("40")),
            null,
            null,
            "test");
    ModelPrice after =
        new ModelPrice(
            "dated",
            "",
            LocalDate.parse("2025-06-10"),
            TokenRates.of(new BigDecimal("2"), new BigDecimal("8")),
            null,
            null,
            "test");
    PriceCatalog catalog = PriceCatalog.of("test", List.of(tiered, before, after));
    Random random = new Random(42);
    List<UsageRecord> records = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      TokenUsage tokens =
          new TokenUsage(
              random.nextInt(250_000),
              random.nextInt(100_000),
              random.nextInt(20_000),
              random.nextInt(5_000),
              random.nextInt(10_000),
              0);
      Instant time =
          Instant.parse("2025-03-01T00:00:00Z").plusSeconds(random.nextInt(200) * 86_400L);
      records.add(
          new UsageRecord(
              "r" + i,
              i % 17 == 0 ? null : time,
              null,
              i % 2 == 0 ? "tiered" : "dated",
              tokens,
              i % 5 == 0 ? UsageMode.BATCH : UsageMode.INTERACTIVE,
              Attribution.NONE,
              null,
              i % 7 == 0,
              "test"));
    }
    BigDecimal expected = BigDecimal.ZERO;
    CostCalculator calculator = new CostCalculator(catalog);
    for (UsageRecord record : records) {
      expected = expected.add(calculator.cost(record).orElseThrow().costUsd());
    }
    try (DuckDbLedger ledger = DuckDbLedger.open(dir.resolve("ledger.duckdb"))) {
      store(ledger, records.toArray(UsageRecord[]::new));

      UsageReport report =
          ReportQuery.run(
              ledger, catalog, new ReportRequest(List.of(), UTC, null, null), InputSummary.none());

      assertThat(report.totals().pricedCalls()).isEqualTo(300);
      assertThat(report.totals().costUsd()).isEqualByComparingTo(expected);
    }
  }

  @Test
  void workflowStacks_handoffsAndRetries_overheadShare() {
    try (DuckDbLedger ledger = DuckDbLedger.open(dir.resolve("ledger.duckdb"))) {
      store(
          ledger,
          step("w1", "review", "work", 30_000),
          step("w2", "review", "handoff", 4_000),
          step("w3", "review", "routing", 1_000),
          step("w4", "review", "retry", 5_000));
      report(ledger, List.of(), UTC);

      List<AdviceQuery.WorkflowStack> stacks = AdviceQuery.workflowStacks(ledger);

      assertThat(stacks).hasSize(1);
      AdviceQuery.WorkflowStack review = stacks.get(0);
      assertThat(review.workTokens()).isEqualTo(30_000);
      assertThat(review.coordinationTokens()).isEqualTo(5_000);
      assertThat(review.retryTokens()).isEqualTo(5_000);
      // 5,000 coordination tokens of 40,000 in all
      assertThat(review.overheadShare()).isEqualByComparingTo("0.125");
    }
  }

  @Test
  void cacheUse_recordedReads_savingAgainstInputRate() {
    try (DuckDbLedger ledger = DuckDbLedger.open(dir.resolve("ledger.duckdb"))) {
      // claude-sonnet-4: input $3, cache read $0.30, 5-minute write $3.75 per million
      store(
          ledger,
          call(
              "cached",
              "2025-07-01T00:00:00Z",
              "claude-sonnet-4",
              new TokenUsage(1_000, 90_000, 9_000, 0, 100, 0)));
      report(ledger, List.of(), UTC);

      AdviceQuery.CacheUse use = AdviceQuery.cacheUse(ledger).get(0);

      // with caching: 1,000 x 3 + 90,000 x 0.30 + 9,000 x 3.75 = 3,000 + 27,000 + 33,750
      // = 63,750 per million; without: 100,000 x 3 = 300,000 per million
      assertThat(use.inputCostUsd()).isEqualByComparingTo("0.06375");
      assertThat(use.uncachedInputCostUsd()).isEqualByComparingTo("0.3");
      assertThat(use.savingUsd()).isEqualByComparingTo("0.23625");
    }
  }

  @Test
  void open_newerSchemaVersion_rejectedWithAdvice() throws Exception {
    Path file = dir.resolve("ledger.duckdb");
    try (DuckDbLedger ledger = DuckDbLedger.open(file);
        Statement statement = ledger.connection().createStatement()) {
      assertThat(ledger.schemaVersion()).isEqualTo(DuckDbLedger.SCHEMA_VERSION);
      statement.execute("INSERT INTO schema_info VALUES (99, current_timestamp)");
    }

    assertThatThrownBy(() -> DuckDbLedger.open(file))
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("schema version 99")
        .hasMessageContaining("upgrade ValueMeter");
  }

  private static UsageRecord step(String id, String workflow, String stepKind, long tokens) {
    return new UsageRecord(
        id,
        Instant.parse("2025-09-01T00:00:00Z"),
        null,
        "gpt-5",
        TokenUsage.of(tokens, 0),
        UsageMode.INTERACTIVE,
        new Attribution("agent", workflow, null, null, stepKind, Map.of()),
        null,
        false,
        "test");
  }

  private static UsageRecord withReportedCost(String id, BigDecimal reported) {
    return new UsageRecord(
        id,
        Instant.parse("2025-06-01T10:00:00Z"),
        "anthropic",
        "claude-sonnet-4",
        TokenUsage.of(3, 550),
        UsageMode.INTERACTIVE,
        Attribution.NONE,
        reported,
        false,
        "test");
  }

  private static UsageRecord task(String task, String model, TokenUsage tokens) {
    return new UsageRecord(
        "call-" + task,
        Instant.parse("2025-09-01T00:00:00Z"),
        null,
        model,
        tokens,
        UsageMode.INTERACTIVE,
        new Attribution(null, null, task, null, null, Map.of()),
        null,
        false,
        "test");
  }

  private static UsageRecord call(String id, String time, String model, TokenUsage tokens) {
    return new UsageRecord(
        id,
        time == null ? null : Instant.parse(time),
        null,
        model,
        tokens,
        UsageMode.INTERACTIVE,
        Attribution.NONE,
        null,
        false,
        "test");
  }

  private static MergeCounts store(DuckDbLedger ledger, UsageRecord... records) {
    try (LedgerImport target = ledger.beginImport()) {
      for (UsageRecord record : records) {
        target.add(record, "test");
      }
      return target.commit();
    }
  }

  private static UsageReport report(DuckDbLedger ledger, List<Dimension> by, ZoneId zone) {
    return ReportQuery.run(
        ledger,
        BuiltInPrices.catalog(),
        new ReportRequest(by, zone, null, null),
        InputSummary.none());
  }

  private static List<String> keys(DuckDbLedger ledger, Dimension dimension, ZoneId zone) {
    return report(ledger, List.of(dimension), zone).groups().stream()
        .map(ReportGroup::key)
        .map(key -> key.get(dimension))
        .toList();
  }
}
