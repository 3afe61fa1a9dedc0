package io.valuemeter.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.valuemeter.advice.ModelChoice;
import io.valuemeter.advice.PrefixCacheSimulation;
import io.valuemeter.economics.EconomicsAnalysis;
import io.valuemeter.economics.KeyMetric;
import io.valuemeter.economics.TokenEfficiency;
import io.valuemeter.economics.Trigger;
import io.valuemeter.ledger.duckdb.AdviceQuery;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/** Writes the key metrics, triggers, verdict and advice as fields of a JSON object. */
public final class AnalysisJson {

  private AnalysisJson() {}

  /**
   * Writes {@code keyMetrics}, {@code modelEfficiency}, {@code tokenEfficiency}, {@code triggers}
   * and {@code verdict}.
   */
  public static void writeAnalysis(JsonGenerator json, EconomicsAnalysis analysis)
      throws IOException {
    json.writeArrayFieldStart("keyMetrics");
    for (KeyMetric metric : analysis.keyMetrics()) {
      json.writeStartObject();
      json.writeStringField("name", metric.name());
      json.writeStringField("unit", metric.unit());
      json.writeStringField("target", metric.target());
      number(json, "value", metric.latest());
      json.writeStringField("trend", metric.trend().name().toLowerCase(Locale.ROOT));
      if (metric.pass() == null) {
        json.writeNullField("pass");
      } else {
        json.writeBooleanField("pass", metric.pass());
      }
      json.writeStringField("explanation", metric.explanation());
      json.writeArrayFieldStart("periods");
      for (int i = 0; i < metric.periods().size(); i++) {
        json.writeStartObject();
        json.writeStringField("period", metric.periods().get(i));
        number(json, "value", metric.values().get(i));
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("modelEfficiency");
    for (Map.Entry<String, BigDecimal> entry : analysis.modelEfficiency()) {
      json.writeStartObject();
      json.writeStringField("model", entry.getKey());
      number(json, "successesPerMillionTokens", entry.getValue());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("tokenEfficiency");
    for (TokenEfficiency efficiency : analysis.tokenEfficiency()) {
      json.writeStartObject();
      json.writeStringField("model", efficiency.scope());
      json.writeNumberField("categories", efficiency.categories());
      number(json, "efficiency", efficiency.efficiency());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("triggers");
    for (Trigger trigger : analysis.triggers()) {
      json.writeStartObject();
      json.writeStringField("name", trigger.name());
      json.writeStringField("scope", trigger.scope());
      json.writeStringField("evidence", trigger.evidence());
      json.writeStringField("action", trigger.action());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeObjectFieldStart("verdict");
    json.writeBooleanField("optimise", analysis.verdict().optimise());
    json.writeStringField("headline", analysis.verdict().headline());
    json.writeArrayFieldStart("reasons");
    for (String reason : analysis.verdict().reasons()) {
      json.writeString(reason);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /** Writes the {@code advice} object. */
  public static void writeAdvice(JsonGenerator json, AdviceReport advice) throws IOException {
    json.writeObjectFieldStart("advice");
    writeModelChoice(json, advice);
    json.writeArrayFieldStart("batch");
    for (AdviceQuery.BatchOption option : advice.batch()) {
      json.writeStartObject();
      json.writeStringField("model", option.model());
      json.writeNumberField("interactiveCalls", option.calls());
      number(json, "costUsd", option.costUsd());
      number(json, "batchCostUsd", option.batchCostUsd());
      number(json, "savingUsd", option.savingUsd());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("caching");
    for (AdviceQuery.CacheUse use : advice.caching()) {
      json.writeStartObject();
      json.writeStringField("model", use.model());
      json.writeNumberField("promptTokens", use.promptTokens());
      json.writeNumberField("cacheReadTokens", use.cacheReadTokens());
      json.writeNumberField("cacheWriteTokens", use.cacheWriteTokens());
      number(json, "inputCostUsd", use.inputCostUsd());
      number(json, "uncachedInputCostUsd", use.uncachedInputCostUsd());
      number(json, "savingUsd", use.savingUsd());
      json.writeEndObject();
    }
    json.writeEndArray();
    if (advice.traceCaching() != null) {
      PrefixCacheSimulation.Result trace = advice.traceCaching();
      json.writeObjectFieldStart("traceCaching");
      json.writeStringField("model", trace.model());
      json.writeNumberField("requests", trace.requests());
      json.writeNumberField("promptTokens", trace.promptTokens());
      json.writeNumberField("hitTokens", trace.hitTokens());
      number(json, "hitRate", trace.hitRate());
      number(json, "costWithoutCacheUsd", trace.costWithoutCacheUsd());
      number(json, "costWithCacheUsd", trace.costWithCacheUsd());
      number(json, "savingUsd", trace.savingUsd());
      number(json, "breakEvenHitRate", trace.breakEvenHitRate());
      json.writeEndObject();
    }
    json.writeArrayFieldStart("workflows");
    for (AdviceQuery.WorkflowStack stack : advice.workflows()) {
      json.writeStartObject();
      json.writeStringField("workflow", stack.workflow());
      json.writeNumberField("workTokens", stack.workTokens());
      json.writeNumberField("coordinationTokens", stack.coordinationTokens());
      json.writeNumberField("retryTokens", stack.retryTokens());
      json.writeNumberField("otherTokens", stack.otherTokens());
      number(json, "overheadShare", stack.overheadShare());
      number(json, "costUsd", stack.costUsd());
      number(json, "coordinationCostUsd", stack.coordinationCostUsd());
      json.writeNumberField("escalatedTasks", stack.escalatedTasks());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void writeModelChoice(JsonGenerator json, AdviceReport advice) throws IOException {
    json.writeObjectFieldStart("modelChoice");
    json.writeStringField("categoryTag", advice.categoryTag());
    ModelChoice choice = advice.modelChoice();
    if (choice == null) {
      json.writeStringField("note", advice.modelChoiceNote());
      json.writeEndObject();
      return;
    }
    number(json, "successTarget", choice.target());
    json.writeNumberField("categories", choice.categories());
    json.writeStringField("assumption", choice.assumption());
    option(json, "strongest", choice.strongest(), choice);
    option(json, "cheapestSingle", choice.cheapestSingle(), choice);
    option(json, "cheapestCascade", choice.cheapestCascade(), choice);
    json.writeArrayFieldStart("models");
    for (ModelChoice.Option single : choice.options()) {
      json.writeStartObject();
      json.writeStringField("model", single.models().get(0));
      number(json, "successRate", single.successRate());
      number(json, "costPerTaskUsd", single.costPerTaskUsd());
      number(json, "costPerSuccessUsd", single.costPerSuccessUsd());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void option(
      JsonGenerator json, String field, ModelChoice.Option option, ModelChoice choice)
      throws IOException {
    if (option == null) {
      json.writeNullField(field);
      return;
    }
    json.writeObjectFieldStart(field);
    json.writeArrayFieldStart("models");
    for (String model : option.models()) {
      json.writeString(model);
    }
    json.writeEndArray();
    number(json, "successRate", option.successRate());
    number(json, "costPerTaskUsd", option.costPerTaskUsd());
    number(json, "costPerSuccessUsd", option.costPerSuccessUsd());
    number(json, "savingPerTaskUsd", choice.savingPerTaskUsd(option));
    json.writeEndObject();
  }

  static void number(JsonGenerator json, String field, BigDecimal value) throws IOException {
    if (value == null) {
      json.writeNullField(field);
    } else {
      json.writeFieldName(field);
      json.writeNumber(Amounts.plain(value));
    }
  }
}
