package io.valuemeter.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.valuemeter.economics.EconomicsAnalysis;
import io.valuemeter.economics.UsageSummary;
import io.valuemeter.ingest.Rejection;
import io.valuemeter.usage.TokenUsage;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders a report as JSON; {@code docs/report-json.md} documents the schema.
 *
 * <p>Money is written as exact decimal numbers in US dollars, never rounded. Metrics whose
 * denominator is zero are written as {@code null}.
 */
public final class JsonRenderer {

  /** The version of the JSON layout; it changes when a field is renamed or removed. */
  public static final int SCHEMA_VERSION = 1;

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonRenderer() {}

  /** Writes the report to {@code out} and flushes it, leaving the stream open. */
  public static void render(UsageReport report, OutputStream out) throws IOException {
    render(report, null, null, out);
  }

  /**
   * Writes the report with the key metrics and the advice, each left out when null, to {@code out}
   * and flushes it, leaving the stream open.
   */
  public static void render(
      UsageReport report, EconomicsAnalysis analysis, AdviceReport advice, OutputStream out)
      throws IOException {
    try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeNumberField("schemaVersion", SCHEMA_VERSION);
      json.writeStringField("currency", "USD");
      json.writeStringField("prices", report.catalogName());
      writeRequest(json, report.request());
      json.writeFieldName("totals");
      writeSummary(json, report.totals());
      json.writeArrayFieldStart("groups");
      for (ReportGroup group : report.groups()) {
        json.writeStartObject();
        json.writeObjectFieldStart("key");
        for (Dimension dimension : report.request().groupBy()) {
          json.writeStringField(dimension.label(), group.key().get(dimension));
        }
        json.writeEndObject();
        writeSummaryFields(json, group.summary());
        json.writeEndObject();
      }
      json.writeEndArray();
      writeUnpriced(json, report);
      json.writeNumberField("recordsWithoutTime", report.recordsWithoutTime());
      json.writeNumberField("recordsOutsidePeriod", report.recordsOutsidePeriod());
      json.writeNumberField("outcomesWithoutUsage", report.outcomesWithoutUsage());
      writeHumanCostSettings(json, report.request());
      writeInput(json, report.input());
      if (analysis != null) {
        AnalysisJson.writeAnalysis(json, analysis);
      }
      if (advice != null) {
        AnalysisJson.writeAdvice(json, advice);
      }
      json.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  private static void writeRequest(JsonGenerator json, ReportRequest request) throws IOException {
    json.writeArrayFieldStart("groupBy");
    for (Dimension dimension : request.groupBy()) {
      json.writeString(dimension.label());
    }
    json.writeEndArray();
    json.writeStringField("timeZone", request.zone().getId());
    writeNullableString(json, "since", request.since() == null ? null : request.since().toString());
    writeNullableString(json, "until", request.until() == null ? null : request.until().toString());
  }

  private static void writeSummary(JsonGenerator json, UsageSummary summary) throws IOException {
    json.writeStartObject();
    writeSummaryFields(json, summary);
    json.writeEndObject();
  }

  private static void writeSummaryFields(JsonGenerator json, UsageSummary summary)
      throws IOException {
    json.writeNumberField("calls", summary.calls());
    json.writeNumberField("pricedCalls", summary.pricedCalls());
    json.writeNumberField("unpricedCalls", summary.unpricedCalls());
    json.writeFieldName("tokens");
    writeTokens(json, summary.tokens());
    writeMoney(json, "costUsd", summary.costUsd());
    writeMoney(json, "reportedCostUsd", summary.reportedCostUsd());
    json.writeNumberField("reportedCostCalls", summary.reportedCostCalls());
    writeMoney(json, "reportedCallsCostUsd", summary.reportedCallsCostUsd());
    json.writeNumberField("reportedCostMismatches", summary.reportedCostMismatches());
    json.writeNumberField("aggregateCallsAtBaseRates", summary.aggregateCalls());
    json.writeNumberField("longContextCalls", summary.longContextCalls());
    json.writeNumberField("tasks", summary.tasks());
    json.writeNumberField("successes", summary.successes());
    json.writeNumberField("pricedSuccesses", summary.pricedSuccesses());
    writeOptional(json, "successRate", summary.successRate());
    writeOptional(json, "costPerSuccessUsd", summary.costPerSuccessUsd());
    writeMoney(json, "successValueUsd", summary.successValueUsd());
    writeOptional(json, "valuePerTokenUsd", summary.valuePerTokenUsd());
    writeOptional(json, "returnOnCost", summary.returnOnCost());
    json.writeNumberField("tasksWithoutOutcome", summary.detail().tasksWithoutOutcome());
    json.writeNumberField("retriedTasks", summary.detail().retriedTasks());
    json.writeNumberField("reworkTasks", summary.detail().reworkTasks());
    json.writeNumberField("escalatedTasks", summary.detail().escalatedTasks());
    writeOptional(json, "retryRate", summary.retryRate());
    writeOptional(json, "reworkRate", summary.reworkRate());
    writeOptional(json, "escalationRate", summary.escalationRate());
    writeMoney(json, "recordedHumanMinutes", summary.detail().recordedHumanMinutes());
    writeMoney(json, "estimatedHumanMinutes", summary.detail().estimatedHumanMinutes());
    json.writeStringField(
        "humanCostSource", summary.detail().humanCostSource().name().toLowerCase(Locale.ROOT));
    writeMoney(json, "humanCostUsd", summary.humanCostUsd());
    writeMoney(json, "fullyLoadedCostUsd", summary.fullyLoadedCostUsd());
    writeOptional(json, "fullyLoadedCostPerSuccessUsd", summary.fullyLoadedCostPerSuccessUsd());
    writeOptional(json, "successesPerMillionTokens", summary.successesPerMillionTokens());
  }

  private static void writeHumanCostSettings(JsonGenerator json, ReportRequest request)
      throws IOException {
    json.writeObjectFieldStart("humanCostSettings");
    writeMoney(json, "hourlyRateUsd", request.humanCost().hourlyRateUsd());
    writeMoney(json, "reviewMinutesPerFailure", request.humanCost().reviewMinutesPerFailure());
    writeMoney(json, "reviewMinutesPerRework", request.humanCost().reviewMinutesPerRework());
    json.writeEndObject();
  }

  private static void writeTokens(JsonGenerator json, TokenUsage tokens) throws IOException {
    json.writeStartObject();
    json.writeNumberField("input", tokens.input());
    json.writeNumberField("cacheRead", tokens.cacheRead());
    json.writeNumberField("cacheWrite5m", tokens.cacheWrite5m());
    json.writeNumberField("cacheWrite1h", tokens.cacheWrite1h());
    json.writeNumberField("output", tokens.output());
    json.writeNumberField("reasoning", tokens.reasoning());
    json.writeNumberField("total", tokens.totalTokens());
    json.writeEndObject();
  }

  private static void writeUnpriced(JsonGenerator json, UsageReport report) throws IOException {
    json.writeArrayFieldStart("unpricedModels");
    for (UnpricedModel model : report.unpricedModels()) {
      json.writeStartObject();
      json.writeStringField("model", model.model());
      writeNullableString(json, "provider", model.provider());
      json.writeNumberField("calls", model.calls());
      json.writeFieldName("tokens");
      writeTokens(json, model.tokens());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void writeInput(JsonGenerator json, InputSummary input) throws IOException {
    json.writeObjectFieldStart("records");
    json.writeNumberField("files", input.files());
    json.writeNumberField("imported", input.imported());
    json.writeNumberField("duplicates", input.duplicates());
    json.writeNumberField("rejected", input.rejected());
    json.writeNumberField("outcomes", input.outcomes());
    json.writeArrayFieldStart("rejections");
    for (Rejection rejection : input.rejections()) {
      json.writeStartObject();
      json.writeStringField("file", rejection.file());
      json.writeNumberField("line", rejection.line());
      writeNullableString(json, "field", rejection.field());
      writeNullableString(json, "value", rejection.value());
      json.writeStringField("reason", rejection.reason());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("notes");
    for (String note : input.notes()) {
      json.writeString(note);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void writeMoney(JsonGenerator json, String field, BigDecimal amount)
      throws IOException {
    if (amount == null) {
      json.writeNullField(field);
    } else {
      json.writeFieldName(field);
      json.writeNumber(Amounts.plain(amount));
    }
  }

  private static void writeOptional(JsonGenerator json, String field, Optional<BigDecimal> value)
      throws IOException {
    writeMoney(json, field, value.orElse(null));
  }

  private static void writeNullableString(JsonGenerator json, String field, String value)
      throws IOException {
    if (value == null) {
      json.writeNullField(field);
    } else {
      json.writeStringField(field, value);
    }
  }
}
