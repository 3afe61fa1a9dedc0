package io.valuemeter.alert;

import io.valuemeter.guard.Alert;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Alerts with fixed content for the sink tests. */
final class Alerts {

  private Alerts() {}

  static Alert threshold(String periodStart) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("budget", "ci-daily");
    details.put("threshold", "0.8");
    details.put("spentUsd", "0.8");
    return new Alert(
        Alert.Kind.BUDGET_THRESHOLD,
        "budget-threshold/ci-daily/agent:ci/" + periodStart + "/0.8",
        "Budget \"ci-daily\" for scope \"agent:ci\" reached 80% of its limit.",
        Instant.parse("2025-03-01T12:30:00Z"),
        details);
  }

  static Alert loop() {
    return new Alert(
        Alert.Kind.ANOMALY,
        "loop/agent:ci",
        "A loop was detected for scope \"agent:ci\".",
        Instant.parse("2025-03-01T12:31:00Z"),
        Map.of("evidence", "40 calls in 60 s"));
  }
}
