package io.valuemeter.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ReportedCostCheckTest {

  @Test
  void differs_withinRoundingOfReportedValue_false() {
    // 0.12 stands for anything in [0.115, 0.125]
    assertThat(ReportedCostCheck.differs(new BigDecimal("0.12"), new BigDecimal("0.1249")))
        .isFalse();
  }

  @Test
  void differs_beyondRounding_true() {
    assertThat(ReportedCostCheck.differs(new BigDecimal("0.12"), new BigDecimal("0.0018")))
        .isTrue();
  }

  @Test
  void differs_manyDecimals_toleranceAtLeastOneMicrodollar() {
    assertThat(
            ReportedCostCheck.differs(new BigDecimal("0.054399000001"), new BigDecimal("0.054399")))
        .isFalse();
    assertThat(ReportedCostCheck.differs(new BigDecimal("0.054401"), new BigDecimal("0.054399")))
        .isTrue();
  }
}
