package io.valuemeter.report;

import io.valuemeter.advice.ModelChoice;
import io.valuemeter.advice.PrefixCacheSimulation;
import io.valuemeter.economics.EconomicsAnalysis;
import io.valuemeter.economics.KeyMetric;
import io.valuemeter.economics.TokenEfficiency;
import io.valuemeter.economics.Trigger;
import io.valuemeter.ledger.duckdb.AdviceQuery;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** Renders the key metrics, triggers, verdict and advice as text for a terminal. */
public final class AnalysisTable {

  private AnalysisTable() {}

  /** Writes the key metrics, model comparison, triggers and verdict. */
  public static void renderAnalysis(EconomicsAnalysis analysis, PrintStream out) {
    out.println("Key metrics");
    for (KeyMetric metric : analysis.keyMetrics()) {
      String status = metric.pass() == null ? "n/a " : metric.pass() ? "PASS" : "FAIL";
      out.println(
          "  "
              + status
              + "  "
              + metric.name()
              + ": "
              + (metric.latest() == null ? "-" : format(metric.latest(), metric.unit()))
              + " (target: "
              + metric.target()
              + ", trend: "
              + metric.trend().name().toLowerCase(java.util.Locale.ROOT)
              + "); "
              + metric.explanation());
      if (metric.periods().size() > 1 && !metric.name().equals("model efficiency")) {
        StringBuilder series = new StringBuilder("        ");
        for (int i = 0; i < metric.periods().size(); i++) {
          BigDecimal value = metric.values().get(i);
          series
              .append(i == 0 ? "" : ", ")
              .append(metric.periods().get(i))
              .append(" ")
              .append(value == null ? "-" : format(value, metric.unit()));
        }
        out.println(series);
      }
    }
    out.println();
    out.println("Model efficiency (successes per million tokens) and token efficiency");
    for (Map.Entry<String, BigDecimal> entry : analysis.modelEfficiency()) {
      TokenEfficiency tokens =
          analysis.tokenEfficiency().stream()
              .filter(t -> t.scope().equals(entry.getKey()))
              .findFirst()
              .orElse(null);
      String relative =
          tokens == null || tokens.efficiency() == null
              ? "no comparable tasks"
              : Amounts.percent(tokens.efficiency())
                  + " of the others' efficiency over "
                  + tokens.categories()
                  + " categories";
      out.println(
          String.format(
              java.util.Locale.ROOT,
              "  %-52s %10s   %s",
              entry.getKey(),
              entry.getValue().setScale(2, RoundingMode.HALF_EVEN).toPlainString(),
              relative));
    }
    out.println();
    if (analysis.triggers().isEmpty()) {
      out.println("Optimisation triggers: none fired");
    } else {
      out.println("Optimisation triggers");
      for (Trigger trigger : analysis.triggers()) {
        out.println("  " + trigger.name() + " (" + trigger.scope() + "): " + trigger.evidence());
        out.println("      next: " + trigger.action());
      }
    }
    out.println();
    out.println("Verdict: " + analysis.verdict().headline());
    for (String reason : analysis.verdict().reasons()) {
      out.println("  - " + reason);
    }
  }

  /** Writes the advice. */
  public static void renderAdvice(AdviceReport advice, PrintStream out) {
    renderModelChoice(advice, out);
    out.println();
    if (advice.batch().isEmpty()) {
      out.println("Batch: no interactive calls of a model with batch rates");
    } else {
      out.println("Batch: interactive calls priced at batch rates, if they can wait");
      for (AdviceQuery.BatchOption option : advice.batch()) {
        out.println(
            "  "
                + option.model()
                + ": "
                + Amounts.count(option.calls())
                + " calls, "
                + Amounts.usd(option.costUsd())
                + " now, "
                + Amounts.usd(option.batchCostUsd())
                + " at batch rates, saving "
                + Amounts.usd(option.savingUsd()));
      }
    }
    out.println();
    if (advice.caching().isEmpty()) {
      out.println("Prompt caching: no recorded cache reads or writes");
    } else {
      out.println("Prompt caching as recorded (input buckets only)");
      for (AdviceQuery.CacheUse use : advice.caching()) {
        BigDecimal hitRate =
            use.promptTokens() == 0
                ? null
                : BigDecimal.valueOf(use.cacheReadTokens())
                    .divide(BigDecimal.valueOf(use.promptTokens()), 10, RoundingMode.HALF_EVEN);
        out.println(
            "  "
                + use.model()
                + ": "
                + Amounts.percent(hitRate)
                + " of input read from cache; input cost "
                + Amounts.usd(use.inputCostUsd())
                + " against "
                + Amounts.usd(use.uncachedInputCostUsd())
                + " without caching, saving "
                + Amounts.usd(use.savingUsd()));
      }
    }
    if (advice.traceCaching() != null) {
      PrefixCacheSimulation.Result trace = advice.traceCaching();
      out.println();
      out.println("Prompt caching what-if from the trace, priced as " + trace.model());
      out.println(
          "  "
              + Amounts.count(trace.requests())
              + " requests, "
              + Amounts.count(trace.promptTokens())
              + " prompt tokens, "
              + Amounts.count(trace.hitTokens())
              + " reusable as cached prefix ("
              + Amounts.percent(trace.hitRate())
              + ", an upper bound: the simulated cache never evicts)");
      out.println(
          "  cost "
              + Amounts.usd(trace.costWithoutCacheUsd())
              + " without caching, "
              + Amounts.usd(trace.costWithCacheUsd())
              + " with it (misses written at the write rate), saving "
              + Amounts.usd(trace.savingUsd())
              + "; break-even hit rate "
              + Amounts.percent(trace.breakEvenHitRate()));
    }
    out.println();
    if (advice.workflows().isEmpty()) {
      out.println("Multi-agent cost stack: no records carry a workflow or step kind");
    } else {
      out.println("Multi-agent cost stack per workflow (tokens)");
      for (AdviceQuery.WorkflowStack stack : advice.workflows()) {
        out.println(
            "  "
                + (stack.workflow().isEmpty() ? "(none)" : stack.workflow())
                + ": work "
                + Amounts.count(stack.workTokens())
                + ", coordination "
                + Amounts.count(stack.coordinationTokens())
                + " ("
                + Amounts.percent(stack.overheadShare())
                + " overhead), retries "
                + Amounts.count(stack.retryTokens())
                + ", other "
                + Amounts.count(stack.otherTokens())
                + ", escalated tasks "
                + stack.escalatedTasks()
                + "; cost "
                + Amounts.usd(stack.costUsd())
                + " of which coordination "
                + Amounts.usd(stack.coordinationCostUsd()));
      }
    }
  }

  private static void renderModelChoice(AdviceReport advice, PrintStream out) {
    ModelChoice choice = advice.modelChoice();
    if (choice == null) {
      out.println("Model choice: " + advice.modelChoiceNote());
      return;
    }
    out.println(
        "Model choice for a success target of "
            + Amounts.percent(choice.target())
            + ", replayed over "
            + choice.categories()
            + " task categories (tag \""
            + advice.categoryTag()
            + "\")");
    printOption(out, "strongest single model", choice.strongest(), choice);
    if (choice.cheapestSingle() == null) {
      out.println("  cheapest single model meeting the target: none");
    } else {
      printOption(out, "cheapest single model meeting the target", choice.cheapestSingle(), choice);
    }
    if (choice.cheapestCascade() == null) {
      out.println("  cheapest cascade meeting the target: none");
    } else {
      printOption(out, "cheapest cascade meeting the target", choice.cheapestCascade(), choice);
    }
    out.println("  assumption: " + choice.assumption());
  }

  private static void printOption(
      PrintStream out, String label, ModelChoice.Option option, ModelChoice choice) {
    out.println(
        "  "
            + label
            + ": "
            + String.join(" -> ", option.models())
            + ", success "
            + Amounts.percent(option.successRate())
            + ", "
            + Amounts.usd(option.costPerTaskUsd())
            + " per task, "
            + Amounts.usd(option.costPerSuccessUsd())
            + " per success"
            + savingText(option, choice));
  }

  private static String savingText(ModelChoice.Option option, ModelChoice choice) {
    if (option == choice.strongest()) {
      return "";
    }
    BigDecimal saving = choice.savingPerTaskUsd(option);
    if (saving.signum() >= 0) {
      return ", saving " + Amounts.usd(saving) + " per task against the strongest model alone";
    }
    return ", "
        + Amounts.usd(saving.negate())
        + " per task more than the strongest model alone, which misses the target";
  }

  private static String format(BigDecimal value, String unit) {
    switch (unit) {
      case "USD":
        return Amounts.usd(value);
      case "fraction":
        return Amounts.percent(value);
      default:
        return Amounts.plain(value.setScale(6, RoundingMode.HALF_EVEN));
    }
  }
}
