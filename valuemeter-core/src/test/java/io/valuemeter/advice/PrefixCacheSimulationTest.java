package io.valuemeter.advice;

import static org.assertj.core.api.Assertions.assertThat;

import io.valuemeter.pricing.ModelPrice;
import io.valuemeter.pricing.TokenRates;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefixCacheSimulationTest {

  private static final ModelPrice SONNET =
      new ModelPrice(
          "claude-sonnet-4",
          "anthropic",
          null,
          new TokenRates(
              new BigDecimal("3"),
              new BigDecimal("15"),
              new BigDecimal("0.30"),
              new BigDecimal("3.75"),
              new BigDecimal("6"),
              null),
          null,
          null,
          "test");

  @Test
  void replay_sharedPrefix_hitsCountedOnlyWhileContiguous() {
    PrefixCacheSimulation simulation = new PrefixCacheSimulation(512);
    // first request: 1,200 tokens in blocks 1, 2, 3 (512 + 512 + 176), all misses
    simulation.add(1_200, 100, List.of(1L, 2L, 3L));
    // second: blocks 1, 2 seen, 9 new, 3 seen again but after a miss, so not a prefix hit
    simulation.add(2_000, 100, List.of(1L, 2L, 9L, 3L));

    PrefixCacheSimulation.Result result = simulation.result(SONNET);

    // hits: 512 + 512 of the second request
    assertThat(result.hitTokens()).isEqualTo(1_024);
    assertThat(result.promptTokens()).isEqualTo(3_200);
    // without cache: 3,200 x 3 + 200 x 15 = 9,600 + 3,000 = 12,600 per million
    assertThat(result.costWithoutCacheUsd()).isEqualByComparingTo("0.0126");
    // with cache: 1,024 x 0.30 + 2,176 x 3.75 + 200 x 15 = 307.2 + 8,160 + 3,000 = 11,467.2
    assertThat(result.costWithCacheUsd()).isEqualByComparingTo("0.0114672");
    // write premium 0.25, read discount 0.9: 0.25 / 1.15
    assertThat(result.breakEvenHitRate()).isEqualByComparingTo("0.2173913043");
  }

  @Test
  void breakEven_noWritePremium_zero() {
    assertThat(PrefixCacheSimulation.breakEvenHitRate(BigDecimal.ZERO, new BigDecimal("0.9")))
        .isEqualByComparingTo("0");
  }
}
