package io.valuemeter.economics;

import java.math.BigDecimal;
import java.util.List;

/**
 * One key metric over the report's periods, with its target and whether it meets it.
 *
 * @param name the metric, such as {@code cost per successful outcome}
 * @param unit the unit of the values, such as {@code USD} or {@code fraction}
 * @param target the target in words, such as {@code falling} or {@code below 0.10}
 * @param periods the period labels, in order
 * @param values the value of each period, null where the period has no value
 * @param latest the value of the last period with one, or null
 * @param trend the direction over the periods
 * @param pass true or false, or null when there are not enough values to judge
 * @param explanation one sentence on how the verdict was reached
 */
public record KeyMetric(
    String name,
    String unit,
    String target,
    List<String> periods,
    List<BigDecimal> values,
    BigDecimal latest,
    Trend.Direction trend,
    Boolean pass,
    String explanation) {

  public KeyMetric {
    periods = List.copyOf(periods);
    values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
  }
}
