package io.valuemeter.advice;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkRunTest {

  @Test
  void costPerSolved_totalOverSolved() {
    BenchmarkRun run = new BenchmarkRun("m", "diff", null, 225, 80, new BigDecimal("20"));

    // $20 / 80 solved = $0.25; 80 / 225 = 0.3555555556
    assertThat(run.costPerSolvedUsd()).isEqualByComparingTo("0.25");
    assertThat(run.passRate()).isEqualByComparingTo("0.3555555556");
  }

  @Test
  void frontier_dominatedRunLeftOut() {
    BenchmarkRun cheapWeak = new BenchmarkRun("a", "", null, 100, 20, new BigDecimal("2"));
    BenchmarkRun dearStrong = new BenchmarkRun("b", "", null, 100, 80, new BigDecimal("40"));
    // $1 per solved, worse than a ($0.10) and weaker than b (80%)
    BenchmarkRun dominated = new BenchmarkRun("c", "", null, 100, 30, new BigDecimal("30"));

    assertThat(BenchmarkRun.frontier(List.of(dominated, dearStrong, cheapWeak)))
        .containsExactly(cheapWeak, dearStrong);
  }
}
