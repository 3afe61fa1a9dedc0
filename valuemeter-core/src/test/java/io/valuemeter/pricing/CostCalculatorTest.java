package io.valuemeter.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.valuemeter.usage.Attribution;
import io.valuemeter.usage.TokenUsage;
import io.valuemeter.usage.UsageMode;
import io.valuemeter.usage.UsageRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostCalculatorTest {

  private static final Instant TIME = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void anthropicUsage_cacheWrite5m_pricedAtWriteRate() {
    ModelPrice sonnet37 =
        price("claude-3-7-sonnet", rates("3", "15", "0.30", "3.75", "6"), null, null);
    UsageRecord call =
        record("claude-3-7-sonnet-20250219", new TokenUsage(3, 0, 12_304, 0, 550, 0));

    // 3 x 3 + 12,304 x 3.75 + 550 x 15 = 9 + 46,140 + 8,250 = 54,399 per million = $0.054399
    assertThat(CostCalculator.cost(call, sonnet37).costUsd())
        .isEqualByComparingTo(new BigDecimal("0.054399"));
  }

  @Test
  void openaiUsage_cachedTokens_pricedAtCachedRate() {
    ModelPrice gpt4o = price("gpt-4o", rates("2.50", "10", "1.25", null, null), null, null);
    // prompt 2,006 of which 1,920 cached: 86 uncached input tokens
    UsageRecord call = record("gpt-4o", new TokenUsage(86, 1_920, 0, 0, 300, 0));

    // 86 x 2.50 + 1,920 x 1.25 + 300 x 10 = 215 + 2,400 + 3,000 = 5,615 per million = $0.005615
    assertThat(CostCalculator.cost(call, gpt4o).costUsd())
        .isEqualByComparingTo(new BigDecimal("0.005615"));
    assertThat(call.tokens().promptTokens()).isEqualTo(2_006);
  }

  @Test
  void longContext_pastThreshold_tierRate() {
    ModelPrice tiered =
        price(
            "tiered-model",
            rates("3", "15", null, null, null),
            null,
            new LongContextTier(200_000, rates("6", "22.50", null, null, null)));
    UsageRecord call = record("tiered-model", TokenUsage.of(300_000, 0));

    CallCost cost = CostCalculator.cost(call, tiered);

    // 300,000 x $6 per million = $1.80 (not 300,000 x $3 = $1.20)
    assertThat(cost.costUsd()).isEqualByComparingTo(new BigDecimal("1.80"));
    assertThat(cost.longContextApplied()).isTrue();
  }

  @Test
  void longContext_promptCountsCacheBuckets() {
    ModelPrice tiered =
        price(
            "tiered-model",
            rates("3", "15", "0.30", "3.75", "6"),
            null,
            new LongContextTier(200_000, rates("6", "22.50", "0.60", "7.50", "12")));
    // 1,000 uncached + 199,500 cache read = 200,500 prompt tokens, past 200,000
    UsageRecord call = record("tiered-model", new TokenUsage(1_000, 199_500, 0, 0, 100, 0));

    // 1,000 x 6 + 199,500 x 0.60 + 100 x 22.50 = 6,000 + 119,700 + 2,250 = 127,950 per million
    assertThat(CostCalculator.cost(call, tiered).costUsd())
        .isEqualByComparingTo(new BigDecimal("0.12795"));
  }

  @Test
  void longContext_atThreshold_staysAtBaseRate() {
    ModelPrice tiered =
        price(
            "tiered-model",
            rates("3", "15", null, null, null),
            null,
            new LongContextTier(200_000, rates("6", "22.50", null, null, null)));

    CallCost cost = CostCalculator.cost(record("tiered-model", TokenUsage.of(200_000, 0)), tiered);

    // exactly 200,000 is not past the threshold: 200,000 x 3 per million = $0.60
    assertThat(cost.costUsd()).isEqualByComparingTo(new BigDecimal("0.60"));
    assertThat(cost.longContextApplied()).isFalse();
  }

  @Test
  void aggregateRow_pastThreshold_pricedAtBaseRates() {
    ModelPrice tiered =
        price(
            "tiered-model",
            rates("3", "15", null, null, null),
            null,
            new LongContextTier(200_000, rates("6", "22.50", null, null, null)));
    UsageRecord run =
        new UsageRecord(
            "run-1",
            null,
            "anthropic",
            "tiered-model",
            TokenUsage.of(4_235_825, 2_763_963),
            UsageMode.INTERACTIVE,
            Attribution.NONE,
            null,
            true,
            "test");

    CallCost cost = CostCalculator.cost(run, tiered);

    // 4,235,825 x 3 + 2,763,963 x 15 = 12,707,475 + 41,459,445 = 54,166,920 per million
    assertThat(cost.costUsd()).isEqualByComparingTo(new BigDecimal("54.16692"));
    assertThat(cost.longContextApplied()).isFalse();
    assertThat(cost.aggregateAtBaseRates()).isTrue();
  }

  @Test
  void batchCall_batchRates_applied() {
    ModelPrice gpt4o =
        price(
            "gpt-4o",
            rates("2.50", "10", "1.25", null, null),
            TokenRates.of(new BigDecimal("1.25"), new BigDecimal("5")),
            null);
    UsageRecord call =
        new UsageRecord(
            "b1",
            TIME,
            "openai",
            "gpt-4o",
            TokenUsage.of(1_000_000, 100_000),
            UsageMode.BATCH,
            Attribution.NONE,
            null,
            false,
            "test");

    // 1,000,000 x 1.25 + 100,000 x 5 = 1,250,000 + 500,000 = 1,750,000 per million = $1.75
    assertThat(CostCalculator.cost(call, gpt4o).costUsd())
        .isEqualByComparingTo(new BigDecimal("1.75"));
  }

  @Test
  void batchCall_withoutBatchRates_standardRatesFlagged() {
    ModelPrice model = price("m", rates("2", "8", null, null, null), null, null);
    UsageRecord call =
        new UsageRecord(
            "b2",
            TIME,
            null,
            "m",
            TokenUsage.of(1_000_000, 0),
            UsageMode.BATCH,
            Attribution.NONE,
            null,
            false,
            "test");

    CallCost cost = CostCalculator.cost(call, model);

    assertThat(cost.costUsd()).isEqualByComparingTo(new BigDecimal("2"));
    assertThat(cost.batchRatesMissing()).isTrue();
  }

  @Test
  void cacheRead_noRate_inputRateFlagged() {
    ModelPrice model = price("m", rates("2", "8", null, null, null), null, null);
    UsageRecord call = record("m", new TokenUsage(0, 500_000, 0, 0, 0, 0));

    CallCost cost = CostCalculator.cost(call, model);

    // 500,000 x 2 per million = $1
    assertThat(cost.costUsd()).isEqualByComparingTo(new BigDecimal("1"));
    assertThat(cost.cacheRateMissing()).isTrue();
  }

  @Test
  void reasoningRate_appliesToReasoningShareOnly() {
    TokenRates withReasoning =
        new TokenRates(
            new BigDecimal("0.30"),
            new BigDecimal("2.50"),
            null,
            null,
            null,
            new BigDecimal("3.50"));
    ModelPrice model = price("m", withReasoning, null, null);
    UsageRecord call = record("m", new TokenUsage(0, 0, 0, 0, 1_000, 400));

    // 600 x 2.50 + 400 x 3.50 = 1,500 + 1,400 = 2,900 per million = $0.0029
    assertThat(CostCalculator.cost(call, model).costUsd())
        .isEqualByComparingTo(new BigDecimal("0.0029"));
  }

  @Test
  void catalog_effectiveDates_priceInForce() {
    ModelPrice before =
        new ModelPrice(
            "o3",
            "openai",
            LocalDate.parse("2025-04-16"),
            rates("10", "40", null, null, null),
            null,
            null,
            "test");
    ModelPrice after =
        new ModelPrice(
            "o3",
            "openai",
            LocalDate.parse("2025-06-10"),
            rates("2", "8", null, null, null),
            null,
            null,
            "test");
    CostCalculator calculator = new CostCalculator(PriceCatalog.of("test", List.of(after, before)));
    UsageRecord may = recordAt("o3", Instant.parse("2025-05-31T23:59:59Z"));
    UsageRecord june = recordAt("o3", Instant.parse("2025-06-10T00:00:00Z"));

    // 1,000,000 input tokens: $10 before the cut, $2 from 2025-06-10 on
    assertThat(calculator.cost(may).orElseThrow().costUsd()).isEqualByComparingTo("10");
    assertThat(calculator.cost(june).orElseThrow().costUsd()).isEqualByComparingTo("2");
  }

  @Test
  void catalog_unknownModel_empty() {
    CostCalculator calculator = new CostCalculator(BuiltInPrices.catalog());

    assertThat(calculator.cost(record("gpt-5-mni", TokenUsage.of(10, 10)))).isEmpty();
  }

  @Test
  void builtInCatalog_datedAndPrefixedNames_found() {
    PriceCatalog catalog = BuiltInPrices.catalog();

    assertThat(catalog.find("claude-sonnet-4-20250514", "anthropic", TIME))
        .get()
        .extracting(ModelPrice::model)
        .isEqualTo("claude-sonnet-4");
    assertThat(catalog.find("Anthropic/Claude-Opus-4-1-20250805", null, TIME))
        .get()
        .extracting(ModelPrice::model)
        .isEqualTo("claude-opus-4-1");
    assertThat(catalog.find("gpt-4o-2024-05-13", "openai", TIME).orElseThrow().standard())
        .extracting(TokenRates::inputPerMillionTokens)
        .isEqualTo(new BigDecimal("5"));
  }

  @Test
  void builtInCatalog_everyEntryHasSource() {
    assertThat(BuiltInPrices.load()).allSatisfy(p -> assertThat(p.source()).isNotBlank());
  }

  private static UsageRecord record(String model, TokenUsage tokens) {
    return new UsageRecord(
        "id-" + model,
        TIME,
        null,
        model,
        tokens,
        UsageMode.INTERACTIVE,
        Attribution.NONE,
        null,
        false,
        "test");
  }

  private static UsageRecord recordAt(String model, Instant time) {
    return new UsageRecord(
        "id-" + time,
        time,
        null,
        model,
        TokenUsage.of(1_000_000, 0),
        UsageMode.INTERACTIVE,
        Attribution.NONE,
        null,
        false,
        "test");
  }

  private static ModelPrice price(
      String model, TokenRates standard, TokenRates batch, LongContextTier tier) {
    return new ModelPrice(model, "test", null, standard, batch, tier, "test");
  }

  private static TokenRates rates(
      String input, String output, String cacheRead, String cacheWrite5m, String cacheWrite1h) {
    return new TokenRates(
        new BigDecimal(input),
        new BigDecimal(output),
        cacheRead == null ? null : new BigDecimal(cacheRead),
        cacheWrite5m == null ? null : new BigDecimal(cacheWrite5m),
        cacheWrite1h == null ? null : new BigDecimal(cacheWrite1h),
        null);
  }
}
