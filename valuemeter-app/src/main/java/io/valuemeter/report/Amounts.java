package io.valuemeter.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Formatting of money, token counts and rates for tables and CSV. */
final class Amounts {

  /** Decimal places of money shown in tables: enough for per-call costs of cheap models. */
  static final int TABLE_MONEY_SCALE = 6;

  private Amounts() {}

  /** Returns an amount rounded to six decimal places, trailing zeros removed, with a "$". */
  static String usd(BigDecimal amount) {
    if (amount == null) {
      return "-";
    }
    return "$" + plain(amount.setScale(TABLE_MONEY_SCALE, RoundingMode.HALF_EVEN));
  }

  /** Returns an exact decimal without exponent and without trailing zeros. */
  static String plain(BigDecimal amount) {
    BigDecimal stripped = amount.stripTrailingZeros();
    if (stripped.scale() < 0) {
      stripped = stripped.setScale(0);
    }
    return stripped.toPlainString();
  }

  /** Returns a count with thousands separators. */
  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** Returns a fraction from 0 to 1 as a percentage with one decimal place. */
  static String percent(BigDecimal fraction) {
    if (fraction == null) {
      return "-";
    }
    return fraction.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + "%";
  }
}
