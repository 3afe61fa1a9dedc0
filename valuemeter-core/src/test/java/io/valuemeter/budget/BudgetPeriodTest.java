package io.valuemeter.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BudgetPeriodTest {

  private static final ZoneId BUDAPEST = ZoneId.of("Europe/Budapest");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void month_budapestDecember_localMidnights() {
    // Budapest is UTC+1 in winter: 2024-12-01 00:00 local = 2024-11-30 23:00 UTC.
    BudgetPeriod.Window window =
        BudgetPeriod.MONTH.windowAt(Instant.parse("2024-12-15T12:00:00Z"), BUDAPEST);

    assertThat(window.start()).isEqualTo(Instant.parse("2024-11-30T23:00:00Z"));
    assertThat(window.end()).isEqualTo(Instant.parse("2024-12-31T23:00:00Z"));
  }

  @Test
  void month_firstInstantInBudapest_belongsToDecember() {
    // 2024-11-30T23:00Z is already 2024-12-01 00:00 in Budapest.
    BudgetPeriod.Window window =
        BudgetPeriod.MONTH.windowAt(Instant.parse("2024-11-30T23:00:00Z"), BUDAPEST);

    assertThat(window.start()).isEqualTo(Instant.parse("2024-11-30T23:00:00Z"));
    assertThat(BudgetPeriod.MONTH.periodName(window.start(), BUDAPEST)).isEqualTo("2024-12");
  }

  @Test
  void day_springForwardInBudapest_lasts23Hours() {
    // On 2024-03-31 clocks go from 02:00 to 03:00: midnight is 23:00Z the day before (UTC+1),
    // the next midnight 22:00Z (UTC+2).
    BudgetPeriod.Window window =
        BudgetPeriod.DAY.windowAt(Instant.parse("2024-03-31T12:00:00Z"), BUDAPEST);

    assertThat(window.start()).isEqualTo(Instant.parse("2024-03-30T23:00:00Z"));
    assertThat(window.end()).isEqualTo(Instant.parse("2024-03-31T22:00:00Z"));
    assertThat(window.length()).isEqualTo(Duration.ofHours(23));
  }

  @Test
  void day_fallBackInBudapest_lasts25Hours() {
    // On 2024-10-27 clocks go from 03:00 back to 02:00: midnight is 22:00Z the day before
    // (UTC+2), the next midnight 23:00Z (UTC+1).
    BudgetPeriod.Window window =
        BudgetPeriod.DAY.windowAt(Instant.parse("2024-10-27T12:00:00Z"), BUDAPEST);

    assertThat(window.start()).isEqualTo(Instant.parse("2024-10-26T22:00:00Z"));
    assertThat(window.end()).isEqualTo(Instant.parse("2024-10-27T23:00:00Z"));
    assertThat(window.length()).isEqualTo(Duration.ofHours(25));
  }

  @Test
  void week_thursdayInBudapest_startsMondayMidnight() {
    // Thursday 2024-12-05: its ISO week runs from Monday 2024-12-02 00:00 local (01:00 earlier
    // in UTC) to Monday 2024-12-09 00:00 local.
    BudgetPeriod.Window window =
        BudgetPeriod.WEEK.windowAt(Instant.parse("2024-12-05T10:00:00Z"), BUDAPEST);

    assertThat(window.start()).isEqualTo(Instant.parse("2024-12-01T23:00:00Z"));
    assertThat(window.end()).isEqualTo(Instant.parse("2024-12-08T23:00:00Z"));
    assertThat(window.length()).isEqualTo(Duration.ofDays(7));
    assertThat(BudgetPeriod.WEEK.periodName(window.start(), BUDAPEST)).isEqualTo("2024-W49");
  }

  @Test
  void week_mondayMidnightLocal_startsNewWeek() {
    // 2024-12-01T23:00Z is Monday 2024-12-02 00:00 in Budapest, the first instant of the week.
    BudgetPeriod.Window window =
        BudgetPeriod.WEEK.windowAt(Instant.parse("2024-12-01T23:00:00Z"), BUDAPEST);

    assertThat(window.start()).isEqualTo(Instant.parse("2024-12-01T23:00:00Z"));
  }

  @Test
  void week_sundayEveningLocal_belongsToPreviousWeek() {
    // 2024-12-01T22:59Z is Sunday 23:59 in Budapest, the last minute of the week of 2024-11-25.
    BudgetPeriod.Window window =
        BudgetPeriod.WEEK.windowAt(Instant.parse("2024-12-01T22:59:00Z"), BUDAPEST);

    assertThat(window.start()).isEqualTo(Instant.parse("2024-11-24T23:00:00Z"));
    assertThat(window.end()).isEqualTo(Instant.parse("2024-12-01T23:00:00Z"));
  }

  @Test
  void quarter_mayInNewYork_secondQuarter() {
    // 2024-04-01 00:00 EDT (UTC-4) = 04:00Z; 2024-07-01 00:00 EDT = 04:00Z.
    BudgetPeriod.Window window =
        BudgetPeriod.QUARTER.windowAt(Instant.parse("2024-05-15T12:00:00Z"), NEW_YORK);

    assertThat(window.start()).isEqualTo(Instant.parse("2024-04-01T04:00:00Z"));
    assertThat(window.end()).isEqualTo(Instant.parse("2024-07-01T04:00:00Z"));
    // 30 + 31 + 30 = 91 days
    assertThat(window.length()).isEqualTo(Duration.ofDays(91));
    assertThat(BudgetPeriod.QUARTER.periodName(window.start(), NEW_YORK)).isEqualTo("2024-Q2");
  }

  @Test
  void quarter_januaryInNewYork_crossesSpringForward() {
    // 2024-01-01 00:00 EST (UTC-5) = 05:00Z; 2024-04-01 00:00 EDT (UTC-4) = 04:00Z, so the
    // quarter is 91 days less one hour.
    BudgetPeriod.Window window =
        BudgetPeriod.QUARTER.windowAt(Instant.parse("2024-02-10T00:00:00Z"), NEW_YORK);

    assertThat(window.start()).isEqualTo(Instant.parse("2024-01-01T05:00:00Z"));
    assertThat(window.end()).isEqualTo(Instant.parse("2024-04-01T04:00:00Z"));
    assertThat(window.length()).isEqualTo(Duration.ofDays(91).minusHours(1));
  }

  @Test
  void window_contains_includesStartExcludesEnd() {
    BudgetPeriod.Window window =
        BudgetPeriod.MONTH.windowAt(Instant.parse("2024-12-15T12:00:00Z"), BUDAPEST);

    assertThat(window.contains(Instant.parse("2024-11-30T23:00:00Z"))).isTrue();
    assertThat(window.contains(Instant.parse("2024-11-30T22:59:59Z"))).isFalse();
    assertThat(window.contains(Instant.parse("2024-12-31T23:00:00Z"))).isFalse();
  }

  @Test
  void window_fractionElapsed_clampsToZeroAndOne() {
    // November 2024 in UTC: 30 days; 10 days in = 1/3.
    BudgetPeriod.Window window =
        BudgetPeriod.MONTH.windowAt(Instant.parse("2024-11-15T00:00:00Z"), ZoneId.of("UTC"));

    assertThat(window.fractionElapsed(Instant.parse("2024-11-11T00:00:00Z")))
        .isEqualByComparingTo("0.3333333333");
    assertThat(window.fractionElapsed(Instant.parse("2024-10-01T00:00:00Z")))
        .isEqualByComparingTo("0");
    assertThat(window.fractionElapsed(Instant.parse("2025-01-01T00:00:00Z")))
        .isEqualByComparingTo("1");
  }
}
