package io.valuemeter.economics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrendTest {

  @Test
  void slope_oneOutlier_medianIgnoresIt() {
    // pairwise slopes of 1, 2, 3, 40: (2-1)/1, (3-1)/2, (40-1)/3, (3-2)/1, (40-2)/2, (40-3)/1
    // = 1, 1, 13, 1, 19, 37; the median of six is the mean of 1 and 13 = 7
    Trend trend = Trend.of(values("1", "2", "3", "40"));

    assertThat(trend.slopePerPeriod()).isEqualByComparingTo("7");
    assertThat(trend.direction()).isEqualTo(Trend.Direction.RISING);
  }

  @Test
  void risesAtEnd_threeRisesAfterFall_three() {
    assertThat(Trend.of(values("5", "2", "3", "4", "6")).risesAtEnd()).isEqualTo(3);
  }

  @Test
  void risesAtEnd_missingPeriodSkipped() {
    assertThat(Trend.of(values("1", null, "2", "3")).risesAtEnd()).isEqualTo(2);
  }

  @Test
  void direction_singleValue_unknown() {
    assertThat(Trend.of(values("1")).direction()).isEqualTo(Trend.Direction.UNKNOWN);
  }

  private static List<BigDecimal> values(String... texts) {
    return Arrays.stream(texts).map(t -> t == null ? null : new BigDecimal(t)).toList();
  }
}
