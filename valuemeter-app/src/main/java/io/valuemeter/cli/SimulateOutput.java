package io.valuemeter.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Output of the {@code simulate} commands: a text table or JSON on standard output.
 *
 * <p>JSON carries every number exactly as calculated, with trailing zeros removed, and null where a
 * figure does not exist (such as a cost per success with no success). Tables round money to 4
 * decimal places, or to 3 significant digits below one cent, because they are read by people.
 */
final class SimulateOutput {

  /** The version of the JSON layout; it changes when a field is renamed or removed. */
  static final int SCHEMA_VERSION = 1;

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final BigDecimal ONE_CENT = new BigDecimal("0.01");

  private SimulateOutput() {}

  /** Output formats of a simulation. */
  enum Format {
    table,
    json
  }

  /** The {@code --format} option shared by the simulate commands. */
  static final class FormatOption {
    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        defaultValue = "table",
        description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    boolean json() {
      return format == Format.json;
    }
  }

  /** The fields of one simulation's JSON object. */
  @FunctionalInterface
  interface JsonFields {
    void write(JsonGenerator json) throws IOException;
  }

  /**
   * Writes one JSON object to standard output, starting with the schema version, the simulation's
   * name and the currency, then the given fields.
   */
  static void writeJson(String simulation, JsonFields fields) throws IOException {
    PrintStream out = System.out;
    try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeNumberField("schemaVersion", SCHEMA_VERSION);
      json.writeStringField("simulation", simulation);
      json.writeStringField("currency", "USD");
      fields.write(json);
      json.writeEndObject();
    }
    out.println();
    out.flush();
  }

  /** Writes an exact decimal field, or null when the value is null. */
  static void number(JsonGenerator json, String field, BigDecimal value) throws IOException {
    if (value == null) {
      json.writeNullField(field);
    } else {
      json.writeFieldName(field);
      json.writeNumber(stripped(value));
    }
  }

  /** Writes an exact decimal field, or null when the value is empty. */
  static void number(JsonGenerator json, String field, Optional<BigDecimal> value)
      throws IOException {
    number(json, field, value.orElse(null));
  }

  /**
   * Returns money for a table, such as $0.3947, $4.35 or $0.00333: 4 decimal places, or 3
   * significant digits below one cent, trailing zeros removed but at least 2 decimal places.
   */
  static String usd(BigDecimal amount) {
    BigDecimal magnitude = amount.abs();
    BigDecimal rounded =
        magnitude.signum() != 0 && magnitude.compareTo(ONE_CENT) < 0
            ? magnitude.round(new MathContext(3, RoundingMode.HALF_EVEN))
            : magnitude.setScale(4, RoundingMode.HALF_EVEN);
    BigDecimal digits = stripped(rounded);
    if (digits.scale() < 2) {
      digits = digits.setScale(2);
    }
    return (amount.signum() < 0 ? "-$" : "$") + digits.toPlainString();
  }

  /** Returns money for a table as {@link #usd(BigDecimal)} does, or "-" when it is empty. */
  static String usd(Optional<BigDecimal> amount) {
    return amount.map(SimulateOutput::usd).orElse("-");
  }

  /** Returns a fraction as a percentage with up to 2 decimal places, such as 21.74%. */
  static String percent(BigDecimal fraction) {
    return stripped(fraction.movePointRight(2).setScale(2, RoundingMode.HALF_EVEN)).toPlainString()
        + "%";
  }

  /** Returns a fraction as {@link #percent(BigDecimal)} does, or "-" when it is empty. */
  static String percent(Optional<BigDecimal> fraction) {
    return fraction.map(SimulateOutput::percent).orElse("-");
  }

  /** Returns a ratio as a multiple with 2 decimal places, such as 4.76x. */
  static String times(BigDecimal ratio) {
    return ratio.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "x";
  }

  /** Returns a ratio as {@link #times(BigDecimal)} does, or "-" when it is empty. */
  static String times(Optional<BigDecimal> ratio) {
    return ratio.map(SimulateOutput::times).orElse("-");
  }

  /** Returns a count with thousands separators, such as 1,000,000. */
  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** Returns an expected count with up to 2 decimal places and thousands separators. */
  static String quantity(BigDecimal value) {
    BigDecimal rounded = stripped(value.setScale(2, RoundingMode.HALF_EVEN));
    return String.format(Locale.ROOT, "%,." + Math.max(0, rounded.scale()) + "f", rounded);
  }

  /**
   * Prints rows under a header, the first column aligned left and the others right, columns two
   * spaces apart.
   */
  static void printTable(PrintStream out, List<String> header, List<List<String>> rows) {
    List<List<String>> lines = new ArrayList<>();
    lines.add(header);
    lines.addAll(rows);
    int[] widths = new int[header.size()];
    for (List<String> line : lines) {
      for (int i = 0; i < line.size(); i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    for (List<String> line : lines) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < line.size(); i++) {
        String cell = line.get(i);
        String padding = " ".repeat(widths[i] - cell.length());
        if (i == 0) {
          text.append(cell).append(padding);
        } else {
          text.append("  ").append(padding).append(cell);
        }
      }
      out.println(text.toString().stripTrailing());
    }
  }

  /** Prints text as lines of at most {@code width} characters, broken between words. */
  static void printWrapped(PrintStream out, String text, int width) {
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        out.println(line);
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      out.println(line);
    }
  }

  private static BigDecimal stripped(BigDecimal value) {
    BigDecimal result = value.stripTrailingZeros();
    return result.scale() < 0 ? result.setScale(0) : result;
  }
}
