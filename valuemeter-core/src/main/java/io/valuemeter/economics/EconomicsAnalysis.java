package io.valuemeter.economics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Key metrics against their targets, the optimisation triggers that fire, and the verdict.
 *
 * @param keyMetrics cost per successful outcome, value per token, retry rate, escalation rate and
 *     model efficiency, in that order
 * @param modelEfficiency successes per million tokens of each model, best first
 * @param tokenEfficiency each model's token efficiency against comparable tasks
 * @param triggers the triggers that fired
 * @param verdict whether to optimise, with the reasons
 */
public record EconomicsAnalysis(
    List<KeyMetric> keyMetrics,
    List<Map.Entry<String, BigDecimal>> modelEfficiency,
    List<TokenEfficiency> tokenEfficiency,
    List<Trigger> triggers,
    Verdict verdict) {

  /** One period of the analysis: its label and totals. */
  public record Period(String label, UsageSummary summary) {}

  /**
   * Analyses usage by period.
   *
   * @param periods the summaries of consecutive periods, oldest first; one entry for data without
   *     timestamps
   * @param models the summary of each model over the whole range
   * @param tokenEfficiency token efficiency of each model, from {@link TokenEfficiency#compare}
   * @param targets targets and trigger thresholds
   */
  public static EconomicsAnalysis of(
      List<Period> periods,
      Map<String, UsageSummary> models,
      List<TokenEfficiency> tokenEfficiency,
      Targets targets) {
    List<String> labels = periods.stream().map(Period::label).toList();
    List<KeyMetric> metrics = new ArrayList<>();
    Trend costTrend = Trend.of(values(periods, s -> s.costPerSuccessUsd().orElse(null)));
    metrics.add(
        trendMetric("cost per successful outcome", "USD", "falling", labels, costTrend, false));
    Trend valueTrend = Trend.of(values(periods, s -> s.valuePerTokenUsd().orElse(null)));
    metrics.add(
        trendMetric("value per token", "USD per token", "rising", labels, valueTrend, true));
    metrics.add(
        ceilingMetric(
            "retry rate",
            targets.maxRetryRate(),
            labels,
            values(periods, s -> s.retryRate().orElse(null))));
    metrics.add(
        ceilingMetric(
            "human escalation rate",
            targets.maxEscalationRate(),
            labels,
            values(periods, s -> s.escalationRate().orElse(null))));
    List<Map.Entry<String, BigDecimal>> efficiency = modelEfficiency(models);
    metrics.add(efficiencyMetric(efficiency));

    List<Trigger> triggers = new ArrayList<>();
    addRisingCostTrigger(triggers, labels, costTrend, targets);
    addTokenEfficiencyTriggers(triggers, tokenEfficiency, targets);
    addHumanInterventionTrigger(triggers, periods, targets);
    Verdict verdict = verdict(metrics, triggers, periods);
    return new EconomicsAnalysis(metrics, efficiency, tokenEfficiency, triggers, verdict);
  }

  private interface Metric {
    BigDecimal of(UsageSummary summary);
  }

  private static List<BigDecimal> values(List<Period> periods, Metric metric) {
    List<BigDecimal> values = new ArrayList<>();
    for (Period period : periods) {
      values.add(metric.of(period.summary()));
    }
    return values;
  }

  private static KeyMetric trendMetric(
      String name,
      String unit,
      String target,
      List<String> labels,
      Trend trend,
      boolean wantRising) {
    Boolean pass;
    String explanation;
    if (trend.direction() == Trend.Direction.UNKNOWN) {
      pass = null;
      explanation =
          trend.latest().isPresent()
              ? "one period only, so no trend can be judged"
              : "no period has a value";
    } else {
      boolean rising = trend.direction() == Trend.Direction.RISING;
      boolean falling = trend.direction() == Trend.Direction.FALLING;
      pass = wantRising ? !falling : !rising;
      explanation =
          "median slope "
              + trend.slopePerPeriod().stripTrailingZeros().toPlainString()
              + " per period over "
              + labels.size()
              + " periods";
    }
    return new KeyMetric(
        name,
        unit,
        target,
        labels,
        trend.values(),
        trend.latest().orElse(null),
        trend.direction(),
        pass,
        explanation);
  }

  private static KeyMetric ceilingMetric(
      String name, BigDecimal maximum, List<String> labels, List<BigDecimal> values) {
    Trend trend = Trend.of(values);
    BigDecimal latest = trend.latest().orElse(null);
    Boolean pass = latest == null ? null : latest.compareTo(maximum) < 0;
    String explanation =
        latest == null
            ? "no outcome records attempts or escalations"
            : "latest period " + percent(latest) + " against a target below " + percent(maximum);
    return new KeyMetric(
        name,
        "fraction",
        "below " + maximum.stripTrailingZeros().toPlainString(),
        labels,
        values,
        latest,
        trend.direction(),
        pass,
        explanation);
  }

  private static List<Map.Entry<String, BigDecimal>> modelEfficiency(
      Map<String, UsageSummary> models) {
    List<Map.Entry<String, BigDecimal>> result = new ArrayList<>();
    models.forEach(
        (model, summary) ->
            summary
                .successesPerMillionTokens()
                .filter(value -> summary.tasks() > 0)
                .ifPresent(value -> result.add(Map.entry(model, value))));
    result.sort(Map.Entry.<String, BigDecimal>comparingByValue().reversed());
    return result;
  }

  private static KeyMetric efficiencyMetric(List<Map.Entry<String, BigDecimal>> efficiency) {
    List<String> names = efficiency.stream().map(Map.Entry::getKey).toList();
    List<BigDecimal> values = efficiency.stream().map(Map.Entry::getValue).toList();
    String explanation =
        efficiency.isEmpty()
            ? "no model has outcomes"
            : "best: "
                + efficiency.get(0).getKey()
                + " with "
                + efficiency.get(0).getValue().setScale(2, RoundingMode.HALF_EVEN).toPlainString()
                + " successes per million tokens; compared across "
                + efficiency.size()
                + " models";
    return new KeyMetric(
        "model efficiency",
        "successes per million tokens",
        "compared across models",
        names,
        values,
        efficiency.isEmpty() ? null : efficiency.get(0).getValue(),
        Trend.Direction.UNKNOWN,
        null,
        explanation);
  }

  private static void addRisingCostTrigger(
      List<Trigger> triggers, List<String> labels, Trend costTrend, Targets targets) {
    int rises = costTrend.risesAtEnd();
    if (rises >= targets.risingPeriods()) {
      triggers.add(
          new Trigger(
              "cost per outcome rising",
              "all usage",
              "cost per successful outcome rose "
                  + rises
                  + " periods in a row up to "
                  + labels.get(labels.size() - 1)
                  + ", to $"
                  + costTrend
                      .latest()
                      .orElseThrow()
                      .setScale(6, RoundingMode.HALF_EVEN)
                      .toPlainString(),
              "find what changed: model, prompts, retries; compare the models with"
                  + " valuemeter advise"));
    }
  }

  private static void addTokenEfficiencyTriggers(
      List<Trigger> triggers, List<TokenEfficiency> efficiency, Targets targets) {
    for (TokenEfficiency scope : efficiency) {
      if (scope.efficiency() != null
          && scope.efficiency().compareTo(targets.minTokenEfficiency()) < 0) {
        triggers.add(
            new Trigger(
                "token efficiency below comparable tasks",
                "model " + scope.scope(),
                "spends "
                    + BigDecimal.ONE
                        .divide(scope.efficiency(), 2, RoundingMode.HALF_EVEN)
                        .toPlainString()
                    + "x the median tokens of the other models per success, over "
                    + scope.categories()
                    + " comparable task categories",
                "review its prompts and context, or move these tasks to a more efficient"
                    + " model"));
      }
    }
  }

  private static void addHumanInterventionTrigger(
      List<Trigger> triggers, List<Period> periods, Targets targets) {
    if (periods.isEmpty()) {
      return;
    }
    UsageSummary latest = periods.get(periods.size() - 1).summary();
    latest
        .humanInterventionRate()
        .filter(rate -> rate.compareTo(targets.maxHumanInterventionRate()) > 0)
        .ifPresent(
            rate ->
                triggers.add(
                    new Trigger(
                        "human intervention above threshold",
                        "all usage, period " + periods.get(periods.size() - 1).label(),
                        percent(rate)
                            + " of tasks needed a human (escalation, rework or review minutes),"
                            + " above "
                            + percent(targets.maxHumanInterventionRate()),
                        "look at the tasks that needed a human: unclear inputs, a weak model, or"
                            + " missing tools")));
  }

  private static Verdict verdict(
      List<KeyMetric> metrics, List<Trigger> triggers, List<Period> periods) {
    List<String> reasons = new ArrayList<>();
    for (Trigger trigger : triggers) {
      reasons.add(trigger.name() + " (" + trigger.scope() + "): " + trigger.evidence());
    }
    for (KeyMetric metric : metrics) {
      if (Boolean.FALSE.equals(metric.pass())) {
        reasons.add(metric.name() + " misses its target (" + metric.target() + ")");
      }
    }
    if (!reasons.isEmpty()) {
      return new Verdict(true, "optimise: " + reasons.get(0), reasons);
    }
    List<String> calm = new ArrayList<>();
    for (KeyMetric metric : metrics) {
      if (Boolean.TRUE.equals(metric.pass())) {
        calm.add(metric.name() + " meets its target (" + metric.target() + ")");
      } else if (metric.pass() == null) {
        calm.add(metric.name() + ": " + metric.explanation());
      }
    }
    calm.add("no optimisation trigger fired");
    calm.add("budgets: none defined, so spending was not checked against one");
    if (periods.size() < 3) {
      calm.add("stability: fewer than 3 periods, so stability could not be judged");
    }
    return new Verdict(false, "do not optimise", calm);
  }

  private static String percent(BigDecimal fraction) {
    return fraction.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + "%";
  }
}
