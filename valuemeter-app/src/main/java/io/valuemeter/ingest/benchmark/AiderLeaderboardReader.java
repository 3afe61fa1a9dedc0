package io.valuemeter.ingest.benchmark;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.valuemeter.advice.BenchmarkRun;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an Aider leaderboard file: a YAML list of benchmark runs with {@code model}, {@code
 * edit_format}, {@code date}, {@code test_cases}, {@code pass_rate_2} (percent solved after one
 * retry), {@code pass_num_2} (cases solved, in newer files) and {@code total_cost} (US dollars for
 * the run; 0 means unknown).
 */
public final class AiderLeaderboardReader {

  private final ObjectMapper mapper =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /**
   * The runs read, with those left out.
   *
   * @param runs runs with a cost
   * @param withoutCost runs whose total cost is 0 or missing
   * @param problems one message per invalid run
   */
  public record Result(List<BenchmarkRun> runs, int withoutCost, List<String> problems) {}

  /** Reads the file. */
  public Result read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("leaderboard file " + file + " not found");
    }
    JsonNode root = mapper.readTree(file.toFile());
    if (root == null || !root.isArray()) {
      throw new IOException(file + " is not a YAML list of benchmark runs");
    }
    List<BenchmarkRun> runs = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int withoutCost = 0;
    for (int i = 0; i < root.size(); i++) {
      JsonNode run = root.get(i);
      BigDecimal cost =
          run.path("total_cost").isNumber() ? run.get("total_cost").decimalValue() : null;
      if (cost == null || cost.signum() <= 0) {
        withoutCost++;
        continue;
      }
      try {
        runs.add(toRun(run, cost));
      } catch (IllegalArgumentException e) {
        problems.add(
            file
                + " run "
                + (i + 1)
                + " ("
                + run.path("dirname").asText()
                + "): "
                + e.getMessage());
      }
    }
    return new Result(runs, withoutCost, problems);
  }

  private static BenchmarkRun toRun(JsonNode run, BigDecimal cost) {
    long cases = run.path("test_cases").asLong(0);
    long solved;
    if (run.path("pass_num_2").isNumber()) {
      solved = run.get("pass_num_2").asLong();
    } else if (run.path("pass_rate_2").isNumber()) {
      solved =
          run.get("pass_rate_2")
              .decimalValue()
              .multiply(BigDecimal.valueOf(cases))
              .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_EVEN)
              .longValueExact();
    } else {
      throw new IllegalArgumentException("has neither pass_num_2 nor pass_rate_2");
    }
    LocalDate date = null;
    if (run.hasNonNull("date")) {
      try {
        date = LocalDate.parse(run.get("date").asText());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "date " + run.get("date").asText() + " is not YYYY-MM-DD");
      }
    }
    return new BenchmarkRun(
        run.path("model").asText("unknown"),
        run.path("edit_format").asText(""),
        date,
        cases,
        solved,
        cost);
  }
}
