package io.valuemeter.guard;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One alert for people: a budget threshold reached or an anomaly detected.
 *
 * @param kind what raised the alert
 * @param key identity of the alert; the same key is never sent twice while the condition lasts
 * @param message one sentence for people
 * @param time when the alert was raised
 * @param details named values behind the message, such as the spend and the limit, in insertion
 *     order
 */
public record Alert(
    Kind kind, String key, String message, Instant time, Map<String, String> details) {

  /** Source of an alert. */
  public enum Kind {
    /** Spend of a budget reached one of its alert thresholds in a period. */
    BUDGET_THRESHOLD,
    /** An anomaly, such as an agent loop, became active. */
    ANOMALY
  }

  public Alert {
    if (kind == null || key == null || message == null || time == null) {
      throw new IllegalArgumentException("kind, key, message and time are required");
    }
    details =
        details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }
}
