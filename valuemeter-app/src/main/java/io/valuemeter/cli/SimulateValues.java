package io.valuemeter.cli;

import java.math.BigDecimal;
import java.util.function.Supplier;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parsing of the values the {@code simulate} commands take: amounts in US dollars, and fractions
 * written either as decimals (0.95) or as percentages (95%).
 *
 * <p>Only the syntax is checked here. The calculators in {@code io.valuemeter.advice} check the
 * ranges, and {@link #calculate} turns their messages into usage errors.
 */
final class SimulateValues {

  private SimulateValues() {}

  /** Converts an option value such as 0.15 or $0.15 to US dollars. */
  static final class Usd implements ITypeConverter<BigDecimal> {
    @Override
    public BigDecimal convert(String text) {
      BigDecimal amount = parseUsd(text);
      if (amount == null) {
        throw new TypeConversionException(
            "'" + text + "' is not an amount in US dollars; write it as 0.15 or $0.15");
      }
      return amount;
    }
  }

  /** Converts an option value such as 0.95 or 95% to a fraction, 0.95 in both cases. */
  static final class Fraction implements ITypeConverter<BigDecimal> {
    @Override
    public BigDecimal convert(String text) {
      BigDecimal fraction = parseFraction(text);
      if (fraction == null) {
        throw new TypeConversionException(
            "'" + text + "' is not a fraction; write it as 0.95 or 95%");
      }
      return fraction;
    }
  }

  /**
   * Returns a US dollar amount such as 0.15 or $0.15 from one field of a composite option, or
   * throws a usage error that quotes the whole option.
   */
  static BigDecimal usdField(String option, String value, String field, String text) {
    BigDecimal amount = parseUsd(text);
    if (amount == null) {
      throw usage(
          option
              + " "
              + value
              + ": "
              + field
              + " '"
              + text
              + "' is not an amount in US dollars; write it as 0.15 or $0.15");
    }
    return amount;
  }

  /**
   * Returns a fraction such as 0.95 or 95% from one field of a composite option, or throws a usage
   * error that quotes the whole option.
   */
  static BigDecimal fractionField(String option, String value, String field, String text) {
    BigDecimal fraction = parseFraction(text);
    if (fraction == null) {
      throw usage(
          option
              + " "
              + value
              + ": "
              + field
              + " '"
              + text
              + "' is not a fraction; write it as 0.95 or 95%");
    }
    return fraction;
  }

  /**
   * Returns a decimal number such as 30 or 4.5 from one field of a composite option, or throws a
   * usage error that quotes the whole option.
   */
  static BigDecimal numberField(String option, String value, String field, String text) {
    BigDecimal number = parseDecimal(text.trim());
    if (number == null) {
      throw usage(
          option + " " + value + ": " + field + " '" + text + "' is not a number; write it as 30");
    }
    return number;
  }

  /**
   * Runs a calculator's constructor or method and turns the {@link IllegalArgumentException} it
   * throws for invalid input into a usage error with the same message.
   */
  static <T> T calculate(Supplier<T> calculation) {
    try {
      return calculation.get();
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  /** Returns a usage error, exit code 2, with the given message. */
  static UserException usage(String message) {
    return new UserException(message, ExitCodes.USAGE);
  }

  /** Returns whether a field is written as a percentage, such as 30%. */
  static boolean isPercentage(String text) {
    return text.trim().endsWith("%");
  }

  private static BigDecimal parseUsd(String text) {
    String trimmed = text.trim();
    if (trimmed.startsWith("$")) {
      trimmed = trimmed.substring(1);
    }
    return parseDecimal(trimmed);
  }

  private static BigDecimal parseFraction(String text) {
    String trimmed = text.trim();
    if (trimmed.endsWith("%")) {
      BigDecimal percent = parseDecimal(trimmed.substring(0, trimmed.length() - 1).trim());
      return percent == null ? null : percent.movePointLeft(2);
    }
    return parseDecimal(trimmed);
  }

  /** Returns the decimal, or null when the text is not a plain decimal number. */
  private static BigDecimal parseDecimal(String text) {
    if (text.isEmpty() || !text.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
      return null;
    }
    return new BigDecimal(text);
  }
}
