package io.valuemeter.guard;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of one anomaly as a detector last saw it: active or cleared.
 *
 * @param anomalyKey identity of the anomaly, such as {@code loop/agent:ci}; one alert is sent per
 *     key until the anomaly clears
 * @param active true while the anomaly lasts, false once it has cleared
 * @param message one sentence for people: the pattern, its likely cause and the action
 * @param details named values behind the message, in insertion order
 */
public record AnomalyState(
    String anomalyKey, boolean active, String message, Map<String, String> details) {

  public AnomalyState {
    if (anomalyKey == null || anomalyKey.isBlank() || message == null) {
      throw new IllegalArgumentException("anomaly key and message are required");
    }
    details =
        details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }
}
