package io.valuemeter.economics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenEfficiencyTest {

  @Test
  void compare_twiceTheTokensPerSuccess_halfEfficiency() {
    // task "a": x spends 1,000 tokens per success, y and z 500 each
    // ratio of x = median(500, 500) / 1,000 = 0.5
    List<TokenEfficiency> result =
        TokenEfficiency.compare(
            List.of(
                new TokenEfficiency.Cell("x", "a", 2_000, 2),
                new TokenEfficiency.Cell("y", "a", 500, 1),
                new TokenEfficiency.Cell("z", "a", 1_500, 3)));

    TokenEfficiency x = result.get(0);
    assertThat(x.scope()).isEqualTo("x");
    assertThat(x.categories()).isEqualTo(1);
    assertThat(x.efficiency()).isEqualByComparingTo("0.5");
    // y: median(1,000, 500) / 500 = 750 / 500 = 1.5
    assertThat(result.get(1).efficiency()).isEqualByComparingTo("1.5");
  }

  @Test
  void compare_noSuccessAnywhere_noEfficiency() {
    List<TokenEfficiency> result =
        TokenEfficiency.compare(
            List.of(
                new TokenEfficiency.Cell("x", "a", 2_000, 0),
                new TokenEfficiency.Cell("y", "a", 500, 1)));

    assertThat(result.get(0).efficiency()).isNull();
    // y has no other model with a success to compare with
    assertThat(result.get(1).efficiency()).isNull();
  }
}
