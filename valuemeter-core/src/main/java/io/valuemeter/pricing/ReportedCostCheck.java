package io.valuemeter.pricing;

import java.math.BigDecimal;

/**
 * Compares a cost that a source reported with the calculated one.
 *
 * <p>The two agree when they differ by no more than the rounding of the reported value: half a unit
 * in its last decimal place, and never less than one millionth of a dollar. For example a reported
 * {@code 0.12} agrees with anything from 0.115 to 0.125.
 */
public final class ReportedCostCheck {

  private static final BigDecimal MIN_TOLERANCE_USD = new BigDecimal("0.000001");

  private ReportedCostCheck() {}

  /** Returns true when the reported and calculated costs differ beyond rounding. */
  public static boolean differs(BigDecimal reportedUsd, BigDecimal calculatedUsd) {
    return reportedUsd.subtract(calculatedUsd).abs().compareTo(tolerance(reportedUsd)) > 0;
  }

  /** Returns the largest difference that still counts as rounding of a reported cost. */
  public static BigDecimal tolerance(BigDecimal reportedUsd) {
    BigDecimal halfUnit = reportedUsd.ulp().divide(BigDecimal.valueOf(2));
    return halfUnit.max(MIN_TOLERANCE_USD);
  }
}
