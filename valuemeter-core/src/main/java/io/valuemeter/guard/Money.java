package io.valuemeter.guard;

import java.math.BigDecimal;

/** Text forms of US dollar amounts in guard messages, exact and without trailing zeros. */
final class Money {

  private Money() {}

  /** Returns the amount as plain decimal text: {@code 0.0001768}, {@code 1}, {@code 0}. */
  static String plain(BigDecimal amountUsd) {
    if (amountUsd == null) {
      return "null";
    }
    if (amountUsd.signum() == 0) {
      return "0";
    }
    return amountUsd.stripTrailingZeros().toPlainString();
  }

  /** Returns the amount with a dollar sign: {@code $0.0001768}. */
  static String format(BigDecimal amountUsd) {
    return "$" + plain(amountUsd);
  }
}
