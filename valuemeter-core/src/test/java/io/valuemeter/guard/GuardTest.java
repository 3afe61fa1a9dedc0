package io.valuemeter.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.valuemeter.guard.Decision.Reason;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GuardTest {

  private static final String SCOPE = "agent:ci";
  private static final String BUDGET = "ci-daily";
  private static final Instant NINE_AM = Instant.parse("2025-03-01T09:00:00Z");

  private final MutableClock clock = new MutableClock(NINE_AM);

  @Test
  void reserve_tinyHardLimit_firstAllowed() {
    Guard guard = new Guard(DailyLimits.money(BUDGET, SCOPE, "0.00001", true), clock);
    BigDecimal callCost = new BigDecimal("0.0001768");

    // Call 1: $0 spent + $0 reserved = $0 < $0.00001 before the call, so it is allowed although
    // its $0.0001768 alone exceeds the limit.
    Reservation first = guard.reserve(SCOPE, callCost, 0);
    assertThat(first.allowed()).isTrue();
    assertThat(first.decision().reason()).isEqualTo(Reason.WITHIN_BUDGET);
    guard.settle(first.id(), callCost, 0);

    // Calls 2 to 10: $0.0001768 spent + $0 reserved >= $0.00001, so every one is denied.
    List<Reservation> later = new ArrayList<>();
    for (int call = 2; call <= 10; call++) {
      later.add(guard.reserve(SCOPE, callCost, 0));
    }
    assertThat(later).allSatisfy(r -> assertThat(r.allowed()).isFalse());
    assertThat(later).allSatisfy(r -> assertThat(r.id()).isNull());
    assertThat(later)
        .allSatisfy(r -> assertThat(r.decision().reason()).isEqualTo(Reason.HARD_BUDGET_SPENT));
    Decision last = later.get(later.size() - 1).decision();
    assertThat(last.message())
        .isEqualTo(
            "Denied: hard budget \"ci-daily\" for scope \"agent:ci\" is spent ($0.0001768 spent"
                + " + $0 reserved, limit $0.00001).");
    assertThat(last.budgetUsage().spentUsd()).isEqualByComparingTo("0.0001768");
    assertThat(last.budgetUsage().reservedUsd()).isEqualByComparingTo("0");
  }

  @Test
  void reserve_hardLimitSpent_allowedAgainNextPeriod() {
    Guard guard = new Guard(DailyLimits.money(BUDGET, SCOPE, "0.00001", true), clock);
    BigDecimal callCost = new BigDecimal("0.0001768");
    guard.settle(guard.reserve(SCOPE, callCost, 0).id(), callCost, 0);
    assertThat(guard.check(SCOPE, callCost, 0).allowed()).isFalse();

    // 09:00 + 15 h = 00:00 the next day: a new window that starts from $0.
    clock.advance(Duration.ofHours(15));
    Decision nextDay = guard.check(SCOPE, callCost, 0);

    assertThat(nextDay.allowed()).isTrue();
    assertThat(nextDay.budgetUsage().spentUsd()).isEqualByComparingTo("0");
    assertThat(nextDay.budgetUsage().windowStart())
        .isEqualTo(Instant.parse("2025-03-02T00:00:00Z"));
  }

  @Test
  void settle_reservationAboveActualCost_leavesActualSpent() {
    Guard guard = new Guard(DailyLimits.money(BUDGET, SCOPE, "1.00", true), clock);

    Reservation reservation = guard.reserve(SCOPE, new BigDecimal("0.30"), 0);
    assertThat(guard.check(SCOPE, BigDecimal.ONE, 0).budgetUsage().reservedUsd())
        .isEqualByComparingTo("0.30");
    guard.settle(reservation.id(), new BigDecimal("0.001"), 0);

    // The $0.30 hold is replaced by the $0.001 actual cost: $0.001 spent, $0 reserved.
    BudgetUsage usage = guard.check(SCOPE, BigDecimal.ONE, 0).budgetUsage();
    assertThat(usage.spentUsd()).isEqualByComparingTo("0.001");
    assertThat(usage.reservedUsd()).isEqualByComparingTo("0");
  }

  @Test
  void thresholdAlert_afterCrossing_oneAlert() {
    List<Alert> alerts = new CopyOnWriteArrayList<>();
    AlertDeduplicator deduplicator = new AlertDeduplicator(alerts::add, clock);
    Guard guard =
        new Guard(
            DailyLimits.money(BUDGET, SCOPE, "1.00", false, "0.8"),
            clock,
            Guard.DEFAULT_RESERVATION_TIMEOUT,
            deduplicator);
    BigDecimal callCost = new BigDecimal("0.01");

    // 80 calls x $0.01 = $0.80 = 80% of $1.00: the 80th call crosses the threshold.
    spend(guard, 80, callCost);
    assertThat(alerts).hasSize(1);
    // 50 more calls bring the spend to $1.30 without another alert.
    spend(guard, 50, callCost);

    assertThat(alerts).hasSize(1);
    Alert alert = alerts.get(0);
    assertThat(alert.kind()).isEqualTo(Alert.Kind.BUDGET_THRESHOLD);
    assertThat(alert.key())
        .isEqualTo("budget-threshold/ci-daily/agent:ci/2025-03-01T00:00:00Z/0.8");
    assertThat(alert.message())
        .isEqualTo(
            "Budget \"ci-daily\" for scope \"agent:ci\" reached 80% of its limit in the period"
                + " from 2025-03-01T00:00:00Z to 2025-03-02T00:00:00Z: $0.8 spent of $1.");
    assertThat(alert.details()).containsEntry("spentUsd", "0.8");
    assertThat(guard.check(SCOPE, callCost, 0).budgetUsage().spentUsd())
        .isEqualByComparingTo("1.30");

    // The next day is a new period, so reaching 80% again raises a second alert.
    clock.advance(Duration.ofDays(1));
    spend(guard, 80, callCost);

    assertThat(alerts).hasSize(2);
    assertThat(alerts.get(1).key())
        .isEqualTo("budget-threshold/ci-daily/agent:ci/2025-03-02T00:00:00Z/0.8");
  }

  @Test
  void reserve_eightConcurrentCalls_threeAllowed() throws Exception {
    Guard guard = new Guard(DailyLimits.money(BUDGET, SCOPE, "1.00", true), clock);
    BigDecimal estimate = new BigDecimal("0.40");
    int threads = 8;
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    CountDownLatch startGate = new CountDownLatch(1);
    List<Future<Reservation>> results = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        results.add(
            executor.submit(
                () -> {
                  startGate.await();
                  return guard.reserve(SCOPE, estimate, 0);
                }));
      }
      startGate.countDown();
      List<Reservation> reservations = new ArrayList<>();
      for (Future<Reservation> result : results) {
        reservations.add(result.get(10, TimeUnit.SECONDS));
      }

      // Whatever the order, the first three calls find $0, $0.40 and $0.80 held (all below
      // $1.00) and are allowed. The fourth finds $1.20 >= $1.00, and so do the rest.
      long allowed = reservations.stream().filter(Reservation::allowed).count();
      assertThat(allowed).isEqualTo(3);
      assertThat(reservations.stream().filter(r -> !r.allowed()))
          .allSatisfy(r -> assertThat(r.decision().reason()).isEqualTo(Reason.HARD_BUDGET_SPENT));
      assertThat(guard.check(SCOPE, estimate, 0).budgetUsage().reservedUsd())
          .isEqualByComparingTo("1.20");
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void release_failedCall_freesItsHold() {
    Guard guard = new Guard(DailyLimits.money(BUDGET, SCOPE, "1.00", true), clock);
    guard.reserve(SCOPE, new BigDecimal("0.60"), 0);
    Reservation failing = guard.reserve(SCOPE, new BigDecimal("0.50"), 0);
    // $0.60 + $0.50 = $1.10 reserved >= $1.00
    assertThat(guard.check(SCOPE, new BigDecimal("0.10"), 0).allowed()).isFalse();

    boolean released = guard.release(failing.id());

    // $0.60 reserved < $1.00
    assertThat(released).isTrue();
    Decision after = guard.check(SCOPE, new BigDecimal("0.10"), 0);
    assertThat(after.allowed()).isTrue();
    assertThat(after.budgetUsage().reservedUsd()).isEqualByComparingTo("0.60");
    assertThat(after.budgetUsage().spentUsd()).isEqualByComparingTo("0");
    assertThat(guard.release(failing.id())).isFalse();
  }

  @Test
  void settle_secondTime_rejected() {
    Guard guard = new Guard(DailyLimits.money(BUDGET, SCOPE, "1.00", true), clock);
    Reservation reservation = guard.reserve(SCOPE, new BigDecimal("0.90"), 1_000);
    guard.settle(reservation.id(), new BigDecimal("0.05"), 400);

    assertThatThrownBy(() -> guard.settle(reservation.id(), new BigDecimal("0.05"), 400))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Reservation \""
                + reservation.id()
                + "\" is not open: it was already settled or released, is unknown, or expired"
                + " and was forgotten. Record the call's cost with recordSpend instead.");
    BudgetUsage usage = guard.check(SCOPE, BigDecimal.ONE, 0).budgetUsage();
    assertThat(usage.spentUsd()).isEqualByComparingTo("0.05");
    assertThat(usage.spentTokens()).isEqualTo(400);
    assertThat(usage.reservedTokens()).isZero();
  }

  @Test
  void reservation_openPastTimeout_stopsHolding() {
    Guard guard =
        new Guard(
            DailyLimits.money(BUDGET, SCOPE, "1.00", true),
            clock,
            Duration.ofMinutes(10),
            AlertPolicy.NONE);
    guard.reserve(SCOPE, new BigDecimal("1.00"), 0);

    clock.advance(Duration.ofMinutes(10).minusSeconds(1));
    Decision beforeTimeout = guard.check(SCOPE, new BigDecimal("0.01"), 0);
    clock.advance(Duration.ofSeconds(1));
    Decision atTimeout = guard.check(SCOPE, new BigDecimal("0.01"), 0);

    // At 9 min 59 s the $1.00 hold still counts; at 10 min it has expired.
    assertThat(beforeTimeout.allowed()).isFalse();
    assertThat(atTimeout.allowed()).isTrue();
    assertThat(atTimeout.budgetUsage().reservedUsd()).isEqualByComparingTo("0");
  }

  @Test
  void settle_afterExpiry_stillRecordsCostUntilForgotten() {
    Guard guard =
        new Guard(
            DailyLimits.money(BUDGET, SCOPE, "1.00", true),
            clock,
            Duration.ofMinutes(10),
            AlertPolicy.NONE);
    Reservation late = guard.reserve(SCOPE, new BigDecimal("0.50"), 0);
    Reservation forgotten = guard.reserve(SCOPE, new BigDecimal("0.50"), 0);

    // Expired at 10 min, still remembered until 20 min.
    clock.advance(Duration.ofMinutes(15));
    guard.settle(late.id(), new BigDecimal("0.02"), 0);
    clock.advance(Duration.ofMinutes(5));

    assertThat(guard.check(SCOPE, BigDecimal.ONE, 0).budgetUsage().spentUsd())
        .isEqualByComparingTo("0.02");
    assertThatThrownBy(() -> guard.settle(forgotten.id(), new BigDecimal("0.02"), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not open");
  }

  @Test
  void check_loopMarked_deniedUntilCleared() {
    List<Alert> alerts = new ArrayList<>();
    Guard guard =
        new Guard(
            LimitSource.of(List.of()),
            clock,
            Guard.DEFAULT_RESERVATION_TIMEOUT,
            new AlertDeduplicator(alerts::add, clock));

    guard.markLoop(SCOPE, "40 calls in 60 s, 12x the baseline");
    guard.markLoop(SCOPE, "55 calls in 90 s, 12x the baseline");
    Decision looping = guard.check(SCOPE, new BigDecimal("0.01"), 0);
    Reservation denied = guard.reserve(SCOPE, new BigDecimal("0.01"), 0);
    guard.clearLoop(SCOPE);
    Decision cleared = guard.check(SCOPE, new BigDecimal("0.01"), 0);

    assertThat(looping.allowed()).isFalse();
    assertThat(looping.reason()).isEqualTo(Reason.LOOP_DETECTED);
    assertThat(looping.message())
        .isEqualTo(
            "Denied: a loop was detected for scope \"agent:ci\" and has not been cleared"
                + " (evidence: 55 calls in 90 s, 12x the baseline).");
    assertThat(denied.allowed()).isFalse();
    assertThat(denied.id()).isNull();
    assertThat(cleared.allowed()).isTrue();
    assertThat(cleared.reason()).isEqualTo(Reason.NO_BUDGET);
    // Marked twice while active: one alert.
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).kind()).isEqualTo(Alert.Kind.ANOMALY);
    assertThat(alerts.get(0).key()).isEqualTo("loop/agent:ci");

    guard.markLoop(SCOPE, "30 calls in 60 s, 9x the baseline");
    assertThat(alerts).hasSize(2);
  }

  @Test
  void check_loopOnBudgetedScope_deniedBeforeBudget() {
    Guard guard = new Guard(DailyLimits.money(BUDGET, SCOPE, "1.00", true), clock);
    guard.markLoop(SCOPE, "40 calls in 60 s");

    Decision decision = guard.check(SCOPE, BigDecimal.ZERO, 0);

    assertThat(decision.reason()).isEqualTo(Reason.LOOP_DETECTED);
    assertThat(decision.budgetUsage().budgetName()).isEqualTo(BUDGET);
  }

  @Test
  void check_zeroPricedSpentBudget_allowed() {
    Guard guard = new Guard(DailyLimits.money(BUDGET, SCOPE, "1.00", true), clock);
    guard.recordSpend(SCOPE, new BigDecimal("1.00"), 0, NINE_AM);

    Decision free = guard.check(SCOPE, BigDecimal.ZERO, 500);
    Decision paid = guard.check(SCOPE, new BigDecimal("0.000001"), 500);

    assertThat(free.allowed()).isTrue();
    assertThat(free.reason()).isEqualTo(Reason.ZERO_PRICED_SCOPE);
    assertThat(free.message())
        .isEqualTo(
            "Allowed: the call is priced at $0, so the money limit of budget \"ci-daily\" for"
                + " scope \"agent:ci\" does not apply ($1 spent + $0 reserved, limit $1).");
    assertThat(paid.allowed()).isFalse();
  }

  @Test
  void reserve_zeroPricedZeroLimit_allowed() {
    Guard guard = new Guard(DailyLimits.money(BUDGET, SCOPE, "0", true), clock);

    List<Reservation> calls = new ArrayList<>();
    for (int call = 0; call < 20; call++) {
      Reservation reservation = guard.reserve(SCOPE, BigDecimal.ZERO, 1_000);
      calls.add(reservation);
      guard.settle(reservation.id(), BigDecimal.ZERO, 1_000);
    }

    assertThat(calls).allSatisfy(r -> assertThat(r.allowed()).isTrue());
    assertThat(calls)
        .allSatisfy(r -> assertThat(r.decision().reason()).isEqualTo(Reason.ZERO_PRICED_SCOPE));
    // $0 spent + $0 reserved >= $0 limit, so a priced call is denied.
    assertThat(guard.check(SCOPE, new BigDecimal("0.01"), 0).allowed()).isFalse();
  }

  @Test
  void check_zeroPricedCallOverTokenLimit_denied() {
    Guard guard =
        new Guard(DailyLimits.of(BUDGET, SCOPE, new BigDecimal("1.00"), 10_000L, true), clock);
    guard.recordSpend(SCOPE, BigDecimal.ZERO, 10_000, NINE_AM);

    Decision decision = guard.check(SCOPE, BigDecimal.ZERO, 100);

    // 10,000 tokens spent + 0 reserved >= 10,000: the token limit still applies at $0.
    assertThat(decision.reason()).isEqualTo(Reason.HARD_BUDGET_SPENT);
    assertThat(decision.message())
        .isEqualTo(
            "Denied: hard budget \"ci-daily\" for scope \"agent:ci\" is spent ($0 spent + $0"
                + " reserved, limit $1; 10000 tokens spent + 0 reserved, limit 10000 tokens).");
  }

  @Test
  void check_softBudgetSpent_allowedWithReason() {
    Guard guard = new Guard(DailyLimits.money(BUDGET, SCOPE, "1.00", false), clock);
    guard.recordSpend(SCOPE, new BigDecimal("1.50"), 0, NINE_AM);

    Decision decision = guard.check(SCOPE, new BigDecimal("0.10"), 0);

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.reason()).isEqualTo(Reason.OVER_SOFT_BUDGET);
  }

  @Test
  void check_scopeWithoutBudget_allowed() {
    Guard guard = new Guard(DailyLimits.money(BUDGET, SCOPE, "1.00", true), clock);

    Decision decision = guard.check("agent:other", new BigDecimal("5"), 0);

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.reason()).isEqualTo(Reason.NO_BUDGET);
    assertThat(decision.message())
        .isEqualTo("Allowed: no budget applies to scope \"agent:other\".");
    assertThat(decision.budgetUsage()).isNull();
  }

  @Test
  void recordSpend_windows_pastIgnoredNextStartsFresh() {
    Guard guard = new Guard(DailyLimits.money(BUDGET, SCOPE, "1.00", true), clock);
    guard.recordSpend(SCOPE, new BigDecimal("0.25"), 0, NINE_AM);
    guard.recordSpend(SCOPE, new BigDecimal("0.75"), 0, Instant.parse("2025-03-02T08:00:00Z"));
    guard.recordSpend(SCOPE, new BigDecimal("5.00"), 0, Instant.parse("2025-03-01T23:00:00Z"));
    clock.advance(Duration.ofDays(1));

    BudgetUsage usage = guard.check(SCOPE, BigDecimal.ONE, 0).budgetUsage();

    // The record of 2 March starts a new window; the late record of 1 March belongs to the ended
    // window and does not count.
    assertThat(usage.spentUsd()).isEqualByComparingTo("0.75");
    assertThat(usage.windowStart()).isEqualTo(Instant.parse("2025-03-02T00:00:00Z"));
  }

  @Test
  void reserve_negativeEstimate_rejected() {
    Guard guard = new Guard(DailyLimits.money(BUDGET, SCOPE, "1.00", true), clock);

    assertThatThrownBy(() -> guard.reserve(SCOPE, new BigDecimal("-0.01"), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("estimate must be non-negative, got -0.01");
  }

  @Test
  void guardLimit_invalidValues_allReported() {
    Instant start = NINE_AM;
    assertThatThrownBy(
            () ->
                new GuardLimit(
                    "b",
                    "s",
                    start,
                    start,
                    new BigDecimal("-1"),
                    null,
                    true,
                    List.of(new BigDecimal("1.5"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid guard limit \"b\": window start 2025-03-01T09:00:00Z must be before window"
                + " end 2025-03-01T09:00:00Z; money limit must be non-negative, got -1; alert"
                + " threshold must be above 0 and at most 1 (0.8 for 80%), got 1.5");
  }

  /** Runs calls that each reserve and then settle the same cost. */
  private static void spend(Guard guard, int calls, BigDecimal costUsd) {
    for (int call = 0; call < calls; call++) {
      Reservation reservation = guard.reserve(SCOPE, costUsd, 0);
      guard.settle(reservation.id(), costUsd, 0);
    }
  }
}
