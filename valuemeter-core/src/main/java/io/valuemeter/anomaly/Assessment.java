package io.valuemeter.anomaly;

import java.util.List;

/**
 * What one detector found in one scope: the anomalies, or the reason it could not judge.
 *
 * @param kind the detector's kind of anomaly
 * @param scope the scope, such as {@code agent=reviewer}
 * @param history whether the scope had enough data; with insufficient history there are no
 *     anomalies and the scope must not be read as normal
 * @param anomalies the anomalies found, in time order; empty when none or when history is short
 * @param notes facts about the input that a reader needs, such as how many gaps were skipped
 */
public record Assessment(
    AnomalyKind kind,
    String scope,
    HistoryStatus history,
    List<Anomaly> anomalies,
    List<String> notes) {

  public Assessment {
    anomalies = List.copyOf(anomalies);
    notes = List.copyOf(notes);
  }
}
