package io.valuemeter.cli;

import io.valuemeter.economics.HumanCostSettings;
import io.valuemeter.report.Dimension;
import io.valuemeter.report.ReportRequest;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Options that shape a report: grouping, zone, period and output format. */
final class ReportOptions {

  /** Output formats of a report. */
  enum Format {
    table,
    json,
    csv,
    html
  }

  @Option(
      names = "--by",
      paramLabel = "DIMENSION",
      split = ",",
      description =
          "Group by hour, day, week, month, provider, model, agent, session or task;"
              + " repeatable or comma-separated, outermost first.")
  List<String> groupBy = new ArrayList<>();

  @Option(
      names = "--tz",
      paramLabel = "ZONE",
      description =
          "IANA time zone for days, weeks and months, and for dates in --since and --until"
              + " (default: the system zone).")
  String zone;

  @Option(
      names = "--since",
      paramLabel = "DATE",
      description = "First day included, as YYYY-MM-DD or YYYYMMDD, or an ISO-8601 instant.")
  String since;

  @Option(
      names = "--until",
      paramLabel = "DATE",
      description =
          "Last day included, as YYYY-MM-DD or YYYYMMDD; or an ISO-8601 instant, which is"
              + " itself excluded.")
  String until;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--hourly-rate",
      converter = DecimalConverters.Amount.class,
      paramLabel = "USD",
      defaultValue = "100",
      description = "Cost of one hour of human review time (default: ${DEFAULT-VALUE}).")
  BigDecimal hourlyRateUsd;

  @Option(
      names = "--review-minutes-per-failure",
      converter = DecimalConverters.Amount.class,
      paramLabel = "MINUTES",
      defaultValue = "15",
      description =
          "Human minutes assumed for a failed task whose outcome records none"
              + " (default: ${DEFAULT-VALUE}).")
  BigDecimal reviewMinutesPerFailure;

  @Option(
      names = "--review-minutes-per-rework",
      converter = DecimalConverters.Amount.class,
      paramLabel = "MINUTES",
      defaultValue = "15",
      description =
          "Human minutes assumed for a reworked task whose outcome records none"
              + " (default: ${DEFAULT-VALUE}).")
  BigDecimal reviewMinutesPerRework;

  /** Builds the report request, with every invalid value reported in one message. */
  ReportRequest toRequest() {
    List<String> problems = new ArrayList<>();
    ZoneId zoneId = parseZone(problems);
    List<Dimension> dimensions = new ArrayList<>();
    for (String name : groupBy) {
      try {
        Dimension dimension = Dimension.valueOf(name.trim().toUpperCase(Locale.ROOT));
        if (!dimensions.contains(dimension)) {
          dimensions.add(dimension);
        }
      } catch (IllegalArgumentException e) {
        problems.add(
            "--by "
                + name
                + " is not a dimension; use hour, day, week, month, provider, model, agent,"
                + " session or task");
      }
    }
    Instant sinceInstant = parseBound("--since", since, zoneId, false, problems);
    Instant untilInstant = parseBound("--until", until, zoneId, true, problems);
    if (!problems.isEmpty()) {
      throw new UserException(String.join("\n", problems), ExitCodes.USAGE);
    }
    try {
      HumanCostSettings humanCost =
          new HumanCostSettings(hourlyRateUsd, reviewMinutesPerFailure, reviewMinutesPerRework);
      return new ReportRequest(dimensions, zoneId, sinceInstant, untilInstant, humanCost);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), ExitCodes.USAGE);
    }
  }

  private ZoneId parseZone(List<String> problems) {
    if (zone == null) {
      return ZoneId.systemDefault();
    }
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      problems.add(
          "--tz "
              + zone
              + " is not a known time zone; use an IANA name such as UTC or Europe/Budapest");
      return ZoneId.of("UTC");
    }
  }

  private static Instant parseBound(
      String option, String text, ZoneId zoneId, boolean endOfDay, List<String> problems) {
    if (text == null) {
      return null;
    }
    String trimmed = text.trim();
    try {
      LocalDate day =
          trimmed.length() == 8
              ? LocalDate.parse(trimmed, DateTimeFormatter.BASIC_ISO_DATE)
              : LocalDate.parse(trimmed);
      return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zoneId).toInstant();
    } catch (DateTimeParseException notADate) {
      try {
        return Instant.parse(trimmed);
      } catch (DateTimeParseException notAnInstant) {
        problems.add(
            option
                + " "
                + text
                + " is not a date; use YYYY-MM-DD, YYYYMMDD or an instant such as"
                + " 2024-01-25T04:08:00Z");
        return null;
      }
    }
  }
}
