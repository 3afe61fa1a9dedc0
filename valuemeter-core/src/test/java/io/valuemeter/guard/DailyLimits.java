package io.valuemeter.guard;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** A test {@link LimitSource} with one budget per scope that renews every UTC day. */
final class DailyLimits {

  private DailyLimits() {}

  static LimitSource money(
      String budget, String scope, String limitUsd, boolean hardStop, String... thresholds) {
    return of(budget, scope, new BigDecimal(limitUsd), null, hardStop, thresholds);
  }

  static LimitSource of(
      String budget,
      String scope,
      BigDecimal limitUsd,
      Long tokenLimit,
      boolean hardStop,
      String... thresholds) {
    List<BigDecimal> fractions = java.util.Arrays.stream(thresholds).map(BigDecimal::new).toList();
    return (scopeKey, at) -> {
      if (!scopeKey.equals(scope)) {
        return Optional.empty();
      }
      Instant dayStart = at.truncatedTo(ChronoUnit.DAYS);
      return Optional.of(
          new GuardLimit(
              budget,
              scope,
              dayStart,
              dayStart.plus(Duration.ofDays(1)),
              limitUsd,
              tokenLimit,
              hardStop,
              fractions));
    };
  }
}
