package io.valuemeter.guard;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link AlertPolicy} that sends each alert once: one per budget, scope, period and threshold,
 * and one per anomaly until it clears. An anomaly that clears and becomes active again alerts
 * again. Clearing itself sends nothing.
 *
 * <p>Per budget and scope it remembers only the latest period. A crossing for an earlier period
 * than one already seen is stale, because that period has ended, and is dropped without an alert.
 * Memory therefore grows with the number of budgets and active anomalies, not with time.
 *
 * <p>Thread-safe. The sink is called outside the lock, so a slow sink delays only its own caller.
 */
public final class AlertDeduplicator implements AlertPolicy {

  private final AlertSink sink;
  private final Clock clock;
  private final AtomicLong failedSends = new AtomicLong();

  // Guarded by this.
  private final Map<BudgetScope, PeriodThresholds> latestPeriods = new HashMap<>();
  private final Set<String> activeAnomalies = new HashSet<>();

  /** Creates a deduplicator that sends to {@code sink} and stamps alerts with {@code clock}. */
  public AlertDeduplicator(AlertSink sink, Clock clock) {
    if (sink == null || clock == null) {
      throw new IllegalArgumentException("sink and clock are required");
    }
    this.sink = sink;
    this.clock = clock;
  }

  @Override
  public boolean thresholdCrossed(ThresholdCrossing crossing) {
    if (!recordFirstCrossing(crossing)) {
      return false;
    }
    deliver(thresholdAlert(crossing));
    return true;
  }

  @Override
  public boolean anomalyChanged(AnomalyState state) {
    if (!recordActivation(state)) {
      return false;
    }
    deliver(
        new Alert(
            Alert.Kind.ANOMALY,
            state.anomalyKey(),
            state.message(),
            clock.instant(),
            state.details()));
    return true;
  }

  /** Returns how many alerts the sink failed to take because it threw. */
  public long failedSends() {
    return failedSends.get();
  }

  private synchronized boolean recordFirstCrossing(ThresholdCrossing crossing) {
    BudgetScope budget = new BudgetScope(crossing.budgetName(), crossing.scopeKey());
    PeriodThresholds latest = latestPeriods.get(budget);
    if (latest != null && crossing.periodStart().isBefore(latest.periodStart)) {
      return false;
    }
    if (latest == null || crossing.periodStart().isAfter(latest.periodStart)) {
      latest = new PeriodThresholds(crossing.periodStart());
      latestPeriods.put(budget, latest);
    }
    return latest.alerted.add(crossing.threshold());
  }

  private synchronized boolean recordActivation(AnomalyState state) {
    if (state.active()) {
      return activeAnomalies.add(state.anomalyKey());
    }
    activeAnomalies.remove(state.anomalyKey());
    return false;
  }

  private void deliver(Alert alert) {
    try {
      sink.send(alert);
    } catch (RuntimeException e) {
      // NOTE: the core has no logging library, so a throwing sink is only counted here. The
      // application's sinks log their own failures and do not throw.
      failedSends.incrementAndGet();
    }
  }

  private Alert thresholdAlert(ThresholdCrossing crossing) {
    String percent = crossing.threshold().movePointRight(2).stripTrailingZeros().toPlainString();
    String key =
        "budget-threshold/"
            + crossing.budgetName()
            + "/"
            + crossing.scopeKey()
            + "/"
            + crossing.periodStart()
            + "/"
            + crossing.threshold().toPlainString();
    String message =
        "Budget \""
            + crossing.budgetName()
            + "\" for scope \""
            + crossing.scopeKey()
            + "\" reached "
            + percent
            + "% of its limit in the period from "
            + crossing.periodStart()
            + " to "
            + crossing.periodEnd()
            + ": "
            + spendSummary(crossing)
            + ".";
    return new Alert(
        Alert.Kind.BUDGET_THRESHOLD, key, message, clock.instant(), thresholdDetails(crossing));
  }

  private static String spendSummary(ThresholdCrossing crossing) {
    StringBuilder summary = new StringBuilder();
    if (crossing.moneyLimitUsd() != null) {
      summary
          .append(Money.format(crossing.spentUsd()))
          .append(" spent of ")
          .append(Money.format(crossing.moneyLimitUsd()));
    }
    if (crossing.tokenLimit() != null) {
      if (summary.length() > 0) {
        summary.append(", ");
      }
      summary.append(crossing.spentTokens()).append(" tokens of ").append(crossing.tokenLimit());
    }
    return summary.toString();
  }

  private static Map<String, String> thresholdDetails(ThresholdCrossing crossing) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("budget", crossing.budgetName());
    details.put("scope", crossing.scopeKey());
    details.put("periodStart", crossing.periodStart().toString());
    details.put("periodEnd", String.valueOf(crossing.periodEnd()));
    details.put("threshold", crossing.threshold().toPlainString());
    details.put("spentUsd", Money.plain(crossing.spentUsd()));
    if (crossing.moneyLimitUsd() != null) {
      details.put("moneyLimitUsd", Money.plain(crossing.moneyLimitUsd()));
    }
    details.put("spentTokens", Long.toString(crossing.spentTokens()));
    if (crossing.tokenLimit() != null) {
      details.put("tokenLimit", Long.toString(crossing.tokenLimit()));
    }
    return details;
  }

  private record BudgetScope(String budgetName, String scopeKey) {}

  private static final class PeriodThresholds {
    final Instant periodStart;
    final Set<BigDecimal> alerted = new TreeSet<>();

    PeriodThresholds(Instant periodStart) {
      this.periodStart = periodStart;
    }
  }
}
