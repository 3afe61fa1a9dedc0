package io.valuemeter.ingest.servegen;

import io.valuemeter.anomaly.TimeSeries;
import io.valuemeter.ingest.Rejection;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads a ServeGen client trace ({@code chunk-N-trace.csv}) into a series of requests per 10-minute
 * window.
 *
 * <p>Each line, without a header, is {@code window_start_seconds, requests_per_second,
 * interarrival_cv, distribution_name, param1, param2}. Requests in a window are the rate x 600
 * seconds. A line with an empty distribution name is a window without traffic, so it is a real 0. A
 * window with no line, or whose line is rejected, is a gap. Window starts count seconds from the
 * start of the trace, which the traces do not date; they are placed after {@code origin}.
 */
public final class ServeGenTraceReader {

  /** The length of one trace window. */
  public static final Duration WINDOW = Duration.ofMinutes(10);

  private static final int FIELDS = 6;

  private ServeGenTraceReader() {}

  /**
   * Reads a trace; invalid lines go to {@code rejections} and leave a gap.
   *
   * @param origin the instant that window start 0 is placed at
   */
  public static TimeSeries read(Path file, Instant origin, Consumer<Rejection> rejections)
      throws IOException {
    Map<Instant, Double> requests = new TreeMap<>();
    long lineNumber = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        try {
          Window window = parse(line);
          Instant start = origin.plusSeconds(window.startSeconds);
          if (requests.containsKey(start)) {
            throw new Invalid(
                "window_start_seconds",
                window.startSeconds + "",
                "repeats an earlier line; remove the duplicate");
          }
          requests.put(start, window.requests);
        } catch (Invalid e) {
          rejections.accept(
              new Rejection(file.toString(), lineNumber, e.field, e.value, e.getMessage()));
        }
      }
    }
    return TimeSeries.onGrid("requests per 10 minutes", WINDOW, requests);
  }

  private record Window(long startSeconds, double requests) {}

  private static Window parse(String line) throws Invalid {
    String[] fields = line.split(",", -1);
    if (fields.length != FIELDS) {
      throw new Invalid(
          null, null, "has " + fields.length + " fields where a trace line has " + FIELDS);
    }
    long start;
    try {
      start = Long.parseLong(fields[0].trim());
    } catch (NumberFormatException e) {
      throw new Invalid("window_start_seconds", fields[0], "is not a whole number of seconds");
    }
    if (start < 0 || start % WINDOW.toSeconds() != 0) {
      throw new Invalid(
          "window_start_seconds", fields[0], "is not a non-negative multiple of 600 seconds");
    }
    if (fields[3].isBlank()) {
      return new Window(start, 0);
    }
    double rate;
    try {
      rate = Double.parseDouble(fields[1].trim());
    } catch (NumberFormatException e) {
      throw new Invalid("requests_per_second", fields[1], "is not a number");
    }
    if (!Double.isFinite(rate) || rate < 0) {
      throw new Invalid("requests_per_second", fields[1], "must be a non-negative number");
    }
    return new Window(start, rate * WINDOW.toSeconds());
  }

  /** A line that cannot be read, with the field at fault. */
  private static final class Invalid extends Exception {
    final String field;
    final String value;

    Invalid(String field, String value, String reason) {
      super(reason, null, false, false);
      this.field = field;
      this.value = value;
    }
  }
}
