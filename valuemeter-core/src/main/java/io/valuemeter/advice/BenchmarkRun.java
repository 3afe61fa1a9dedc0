package io.valuemeter.advice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One published benchmark run: a model solving a fixed set of test cases at a total cost.
 *
 * @param model the model as the benchmark names it
 * @param setting the run's setting, such as an edit format
 * @param date the day of the run, or null
 * @param testCases cases attempted
 * @param solved cases solved
 * @param totalCostUsd cost of the whole run in US dollars
 */
public record BenchmarkRun(
    String model,
    String setting,
    LocalDate date,
    long testCases,
    long solved,
    BigDecimal totalCostUsd) {

  public BenchmarkRun {
    if (testCases < 1 || solved < 0 || solved > testCases) {
      throw new IllegalArgumentException(
          "run of "
              + model
              + " solved "
              + solved
              + " of "
              + testCases
              + " cases; both must be counts with solved at most the cases");
    }
    if (totalCostUsd == null || totalCostUsd.signum() <= 0) {
      throw new IllegalArgumentException(
          "run of " + model + " needs a positive total cost, got " + totalCostUsd);
    }
  }

  /** Returns the pass rate = solved / test cases, a fraction. */
  public BigDecimal passRate() {
    return BigDecimal.valueOf(solved)
        .divide(BigDecimal.valueOf(testCases), 10, RoundingMode.HALF_EVEN);
  }

  /** Returns the cost per solved case = total cost / solved, or null when nothing was solved. */
  public BigDecimal costPerSolvedUsd() {
    return solved == 0
        ? null
        : totalCostUsd.divide(BigDecimal.valueOf(solved), 10, RoundingMode.HALF_EVEN);
  }

  /**
   * Returns the runs that no other run beats on both cost per solved case and pass rate (the
   * cost-quality frontier), cheapest first.
   */
  public static List<BenchmarkRun> frontier(List<BenchmarkRun> runs) {
    List<BenchmarkRun> solvedSome = new ArrayList<>();
    for (BenchmarkRun run : runs) {
      if (run.solved() > 0) {
        solvedSome.add(run);
      }
    }
    solvedSome.sort(
        Comparator.comparing(BenchmarkRun::costPerSolvedUsd)
            .thenComparing(BenchmarkRun::passRate, Comparator.reverseOrder()));
    List<BenchmarkRun> frontier = new ArrayList<>();
    BigDecimal bestPassRate = null;
    for (BenchmarkRun run : solvedSome) {
      if (bestPassRate == null || run.passRate().compareTo(bestPassRate) > 0) {
        frontier.add(run);
        bestPassRate = run.passRate();
      }
    }
    return frontier;
  }
}
