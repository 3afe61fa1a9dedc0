package io.valuemeter.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ValuePerTokenTest {

  private final ValuePerToken ticket =
      new ValuePerToken(new BigDecimal("50"), 15_000, new BigDecimal("10"));

  @Test
  void cost_resolvedTicket_fifteenCents() {
    // 15,000 x $10 / 1,000,000 = $0.15
    assertThat(ticket.costUsd()).isEqualByComparingTo("0.15");
  }

  @Test
  void valuePerToken_resolvedTicket_matchesWorkedExample() {
    // $50 / 15,000 = $0.003333...
    assertThat(ticket.valuePerTokenUsd().orElseThrow()).isEqualByComparingTo("0.0033333333");
  }

  @Test
  void returnMultiple_resolvedTicket_333x() {
    // $50 / $0.15 = 333.333...
    assertThat(ticket.returnMultiple().orElseThrow()).isEqualByComparingTo("333.3333333333");
  }

  @Test
  void valuePerToken_noTokens_empty() {
    ValuePerToken none = new ValuePerToken(new BigDecimal("50"), 0, BigDecimal.TEN);

    assertThat(none.valuePerTokenUsd()).isEmpty();
    assertThat(none.returnMultiple()).isEmpty();
    assertThat(none.costUsd()).isEqualByComparingTo("0");
  }

  @Test
  void returnMultiple_freeTokens_empty() {
    assertThat(new ValuePerToken(BigDecimal.TEN, 1_000, BigDecimal.ZERO).returnMultiple())
        .isEmpty();
  }

  @Test
  void constructor_negativeValues_allReported() {
    assertThatThrownBy(() -> new ValuePerToken(new BigDecimal("-50"), -1, BigDecimal.TEN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("value -50 must not be negative; tokens -1 must not be negative");
  }
}
