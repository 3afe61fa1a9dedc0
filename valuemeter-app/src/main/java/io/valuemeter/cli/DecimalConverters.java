package io.valuemeter.cli;

import java.math.BigDecimal;
import picocli.CommandLine;

/** Converters for decimal options, with messages that name the value and the expected form. */
final class DecimalConverters {

  private DecimalConverters() {}

  /** A fraction written as 0.3 or 30%. */
  static final class Fraction implements CommandLine.ITypeConverter<BigDecimal> {
    @Override
    public BigDecimal convert(String text) {
      String trimmed = text.trim();
      try {
        if (trimmed.endsWith("%")) {
          return new BigDecimal(trimmed.substring(0, trimmed.length() - 1).trim()).movePointLeft(2);
        }
        return new BigDecimal(trimmed);
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException(
            "'" + text + "' is not a fraction; write it as 0.3 or 30%");
      }
    }
  }

  /** A decimal number, written as 0.0125 or $0.0125; the command checks its range. */
  static final class Decimal implements CommandLine.ITypeConverter<BigDecimal> {
    @Override
    public BigDecimal convert(String text) {
      String trimmed = text.trim();
      if (trimmed.startsWith("$")) {
        trimmed = trimmed.substring(1);
      }
      try {
        return new BigDecimal(trimmed);
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException(
            "'" + text + "' is not a number; write it as plain digits such as 0.0125");
      }
    }
  }

  /** A non-negative amount, written as 100 or $100. */
  static final class Amount implements CommandLine.ITypeConverter<BigDecimal> {
    @Override
    public BigDecimal convert(String text) {
      String trimmed = text.trim();
      if (trimmed.startsWith("$")) {
        trimmed = trimmed.substring(1);
      }
      BigDecimal value;
      try {
        value = new BigDecimal(trimmed);
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException(
            "'" + text + "' is not a number; write it as plain digits such as 100 or 12.5");
      }
      if (value.signum() < 0) {
        throw new CommandLine.TypeConversionException(
            "'" + text + "' is negative; it must be 0 or more");
      }
      return value;
    }
  }
}
