package io.valuemeter.economics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * How human time is priced.
 *
 * <p>An outcome that records human minutes uses them. One that records none is estimated: {@code
 * reviewMinutesPerFailure} if it failed, plus {@code reviewMinutesPerRework} if it needed rework.
 * Defaults: $100 per hour, 15 minutes per failure, 15 minutes per rework.
 *
 * @param hourlyRateUsd cost of one hour of human time, in US dollars
 * @param reviewMinutesPerFailure minutes assumed for a failed task without recorded minutes
 * @param reviewMinutesPerRework minutes assumed for a reworked task without recorded minutes
 */
public record HumanCostSettings(
    BigDecimal hourlyRateUsd,
    BigDecimal reviewMinutesPerFailure,
    BigDecimal reviewMinutesPerRework) {

  /** $100 per hour, 15 minutes per failure and per rework. */
  public static final HumanCostSettings DEFAULT =
      new HumanCostSettings(new BigDecimal("100"), new BigDecimal("15"), new BigDecimal("15"));

  public HumanCostSettings {
    List<String> problems = new ArrayList<>();
    requireNonNegative("hourly rate", hourlyRateUsd, problems);
    requireNonNegative("review minutes per failure", reviewMinutesPerFailure, problems);
    requireNonNegative("review minutes per rework", reviewMinutesPerRework, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /** Returns the cost of human minutes = minutes x hourly rate / 60, rounded to 10 places. */
  public BigDecimal costOfMinutes(BigDecimal minutes) {
    return minutes
        .multiply(hourlyRateUsd)
        .divide(BigDecimal.valueOf(60), UsageSummary.DERIVED_SCALE, RoundingMode.HALF_EVEN)
        .stripTrailingZeros();
  }

  private static void requireNonNegative(String name, BigDecimal value, List<String> problems) {
    if (value == null) {
      problems.add(name + " is required");
    } else if (value.signum() < 0) {
      problems.add(name + " must be non-negative, got " + value.toPlainString());
    }
  }
}
