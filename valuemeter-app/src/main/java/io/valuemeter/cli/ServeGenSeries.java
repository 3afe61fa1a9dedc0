package io.valuemeter.cli;

import io.valuemeter.anomaly.TimeSeries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Coarser series made from a ServeGen trace. */
final class ServeGenSeries {

  private ServeGenSeries() {}

  /**
   * Returns requests per day: the sum of each day's 10-minute windows. A day with any gap is a gap,
   * because its sum would undercount.
   */
  static TimeSeries daily(TimeSeries tenMinutes) {
    Duration day = Duration.ofDays(1);
    int perDay = (int) (day.toSeconds() / tenMinutes.window().toSeconds());
    List<Double> values = new ArrayList<>();
    for (int from = 0; from + perDay <= tenMinutes.size(); from += perDay) {
      double sum = 0;
      boolean complete = true;
      for (int i = from; i < from + perDay; i++) {
        double value = tenMinutes.valueAt(i);
        complete &= !Double.isNaN(value);
        sum += Double.isNaN(value) ? 0 : value;
      }
      values.add(complete ? sum : null);
    }
    return TimeSeries.of(
        "requests per day",
        tenMinutes.size() == 0 ? java.time.Instant.EPOCH : tenMinutes.startAt(0),
        day,
        values);
  }
}
