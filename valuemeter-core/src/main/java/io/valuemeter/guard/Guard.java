package io.valuemeter.guard;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The check agent code makes before an LLM call: allowed, or denied because a hard budget is spent
 * or a loop was detected for the scope.
 *
 * <p>Rule: a call is denied once committed spend + held reservations >= the limit, before the call.
 * The call's own estimate is not added, so the first call of a window is allowed even when its cost
 * alone exceeds the limit, unless the limit is zero. A call whose estimated cost is $0 is never
 * blocked by a money limit; a token limit still applies to it. A budget without a hard stop never
 * denies and only raises alerts.
 *
 * <p>Reservations: {@link #reserve} reserves the estimate of an allowed call, so concurrent calls
 * see each other's estimates and cannot overspend together. {@link #settle} replaces the hold with
 * the actual cost and {@link #release} drops it after a failed call. A hold that is neither settled
 * nor released within the reservation timeout (default 10 minutes) stops counting, so a crashed
 * caller does not keep money reserved. A late settle still records the actual cost until one more
 * timeout has passed, after which the reservation id is forgotten.
 *
 * <p>Windows: spend counts in the window of the limit that {@link LimitSource} returns. A call or
 * spend record at an instant past the current window starts the next window from zero, and a settle
 * counts in the window current at settle time. Spend recorded for an earlier window is ignored,
 * because that period has ended.
 *
 * <p>Count each call once: settle its reservation or feed its usage record to {@link #recordSpend},
 * not both.
 *
 * <p>Thread-safe. Each scope has its own lock, so calls on different scopes do not wait for each
 * other. Alerts are sent outside the locks.
 */
public final class Guard {

  /** How long a reservation counts its estimate when it is neither settled nor released. */
  public static final Duration DEFAULT_RESERVATION_TIMEOUT = Duration.ofMinutes(10);

  private final LimitSource limits;
  private final Clock clock;
  private final Duration reservationTimeout;
  private final AlertPolicy alerts;
  private final ConcurrentHashMap<String, ScopeState> scopes = new ConcurrentHashMap<>();
  private final Map<String, ScopeState> reservations = new ConcurrentHashMap<>();

  /** Creates a guard with the default reservation timeout and no alerts. */
  public Guard(LimitSource limits, Clock clock) {
    this(limits, clock, DEFAULT_RESERVATION_TIMEOUT, AlertPolicy.NONE);
  }

  /**
   * Creates a guard.
   *
   * @param limits the budget limit of each scope and instant
   * @param clock the time of checks, reservations and settles
   * @param reservationTimeout how long an open reservation counts its estimate; must be positive
   * @param alerts receives each threshold crossing and each loop marked or cleared
   */
  public Guard(LimitSource limits, Clock clock, Duration reservationTimeout, AlertPolicy alerts) {
    if (limits == null || clock == null || reservationTimeout == null || alerts == null) {
      throw new IllegalArgumentException(
          "limit source, clock, reservation timeout and alert policy are required");
    }
    if (reservationTimeout.isNegative() || reservationTimeout.isZero()) {
      throw new IllegalArgumentException(
          "reservation timeout must be positive, got " + reservationTimeout);
    }
    this.limits = limits;
    this.clock = clock;
    this.reservationTimeout = reservationTimeout;
    this.alerts = alerts;
  }

  /** Returns the decision for a call with the given estimate, without holding anything. */
  public Decision check(String scopeKey, BigDecimal estimatedCostUsd, long estimatedTokens) {
    requireScope(scopeKey);
    requireAmount("estimated cost", estimatedCostUsd, estimatedTokens);
    Instant now = clock.instant();
    GuardLimit limitNow = limitAt(scopeKey, now);
    return withScope(
        scopeKey,
        state -> {
          state.advanceTo(now, limitNow);
          return state.decide(estimatedCostUsd, estimatedTokens);
        });
  }

  /**
   * Decides on a call and, when it is allowed, reserves its estimate until {@link #settle}, {@link
   * #release} or the reservation timeout. A denied call reserves nothing.
   */
  public Reservation reserve(String scopeKey, BigDecimal estimateUsd, long estimatedTokens) {
    requireScope(scopeKey);
    requireAmount("estimate", estimateUsd, estimatedTokens);
    Instant now = clock.instant();
    GuardLimit limitNow = limitAt(scopeKey, now);
    return withScope(
        scopeKey,
        state -> {
          state.advanceTo(now, limitNow);
          Decision decision = state.decide(estimateUsd, estimatedTokens);
          if (!decision.allowed()) {
            return new Reservation(null, decision);
          }
          String id = UUID.randomUUID().toString();
          state.hold(
              new ScopeState.Hold(id, estimateUsd, estimatedTokens, now.plus(reservationTimeout)));
          return new Reservation(id, decision);
        });
  }

  /**
   * Replaces a reservation's estimate with the call's actual cost, counted in the window current
   * now.
   *
   * @throws IllegalArgumentException when the reservation is not open: already settled or released,
   *     unknown, or forgotten after expiry
   */
  public void settle(String reservationId, BigDecimal actualCostUsd, long actualTokens) {
    requireAmount("actual cost", actualCostUsd, actualTokens);
    ScopeState found = reservationId == null ? null : reservations.get(reservationId);
    if (found == null) {
      throw notOpen(reservationId);
    }
    Instant now = clock.instant();
    GuardLimit limitNow = limitAt(found.scopeKey, now);
    List<ThresholdCrossing> crossings =
        withState(
            found,
            state -> {
              state.advanceTo(now, limitNow);
              if (!state.removeHold(reservationId)) {
                throw notOpen(reservationId);
              }
              return state.addSpend(actualCostUsd, actualTokens);
            });
    if (crossings == null) {
      // A concurrent settle or release of the same id emptied and retired the state first.
      throw notOpen(reservationId);
    }
    notify(crossings);
  }

  /**
   * Drops a reservation after a failed call, so its estimate no longer counts. Returns false when
   * the reservation was not open, so a second release is harmless.
   */
  public boolean release(String reservationId) {
    ScopeState found = reservationId == null ? null : reservations.get(reservationId);
    if (found == null) {
      return false;
    }
    Boolean released = withState(found, state -> state.removeHold(reservationId));
    return released != null && released;
  }

  /**
   * Adds spend from the ledger or ingest to the window containing {@code at}. Spend for an instant
   * without a budget, or for a window before the current one, is ignored.
   */
  public void recordSpend(String scopeKey, BigDecimal costUsd, long tokens, Instant at) {
    requireScope(scopeKey);
    requireAmount("cost", costUsd, tokens);
    if (at == null) {
      throw new IllegalArgumentException("time of the spend is required");
    }
    GuardLimit limitThen = limitAt(scopeKey, at);
    if (limitThen == null) {
      return;
    }
    List<ThresholdCrossing> crossings =
        withScope(
            scopeKey,
            state ->
                state.acceptRecordWindow(limitThen) ? state.addSpend(costUsd, tokens) : List.of());
    notify(crossings);
  }

  /**
   * Marks a loop for the scope: every call is denied until {@link #clearLoop}. The evidence, such
   * as "40 calls in 60 s, 12x the baseline", appears in decisions and in the alert.
   */
  public void markLoop(String scopeKey, String evidence) {
    requireScope(scopeKey);
    if (evidence == null || evidence.isBlank()) {
      throw new IllegalArgumentException("loop evidence is required");
    }
    withScope(
        scopeKey,
        state -> {
          state.markLoop(evidence);
          return null;
        });
    alerts.anomalyChanged(loopState(scopeKey, true, evidence));
  }

  /** Clears a loop of the scope after it has been investigated, so calls are checked again. */
  public void clearLoop(String scopeKey) {
    requireScope(scopeKey);
    withScope(
        scopeKey,
        state -> {
          state.clearLoop();
          return null;
        });
    alerts.anomalyChanged(loopState(scopeKey, false, null));
  }

  /** Runs an action on the scope's state under its lock, creating the state when needed. */
  private <T> T withScope(String scopeKey, Function<ScopeState, T> action) {
    while (true) {
      ScopeState state =
          scopes.computeIfAbsent(
              scopeKey, key -> new ScopeState(key, reservationTimeout, reservations));
      synchronized (state) {
        if (!state.retired) {
          return runAndRetireIfIdle(state, action);
        }
      }
      // Another thread retired this state after we looked it up: fetch or create a new one.
    }
  }

  /**
   * Runs an action on a known state under its lock; returns null when the state was retired, which
   * only happens once it has no open reservation.
   */
  private <T> T withState(ScopeState state, Function<ScopeState, T> action) {
    synchronized (state) {
      if (state.retired) {
        return null;
      }
      return runAndRetireIfIdle(state, action);
    }
  }

  /** Runs the action, then drops the state when it contains nothing, to bound memory per scope. */
  private <T> T runAndRetireIfIdle(ScopeState state, Function<ScopeState, T> action) {
    try {
      return action.apply(state);
    } finally {
      if (state.idle()) {
        state.retired = true;
        scopes.remove(state.scopeKey, state);
      }
    }
  }

  private GuardLimit limitAt(String scopeKey, Instant at) {
    Optional<GuardLimit> found = limits.limitFor(scopeKey, at);
    if (found.isEmpty()) {
      return null;
    }
    GuardLimit limit = found.get();
    if (!limit.contains(at)) {
      throw new IllegalStateException(
          "The limit source returned budget \""
              + limit.budgetName()
              + "\" with window "
              + limit.windowStart()
              + " to "
              + limit.windowEnd()
              + " for scope \""
              + scopeKey
              + "\" at "
              + at
              + ", which lies outside that window");
    }
    return limit;
  }

  private void notify(List<ThresholdCrossing> crossings) {
    for (ThresholdCrossing crossing : crossings) {
      alerts.thresholdCrossed(crossing);
    }
  }

  private static AnomalyState loopState(String scopeKey, boolean active, String evidence) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("pattern", "loop");
    details.put("scope", scopeKey);
    if (evidence != null) {
      details.put("evidence", evidence);
    }
    String message =
        active
            ? "A loop was detected for scope \""
                + scopeKey
                + "\" ("
                + evidence
                + "): the guard denies its calls until the loop is cleared. Stop the agent and"
                + " investigate."
            : "The loop of scope \"" + scopeKey + "\" was cleared.";
    return new AnomalyState("loop/" + scopeKey, active, message, details);
  }

  private static IllegalArgumentException notOpen(String reservationId) {
    return new IllegalArgumentException(
        "Reservation \""
            + reservationId
            + "\" is not open: it was already settled or released, is unknown, or expired and"
            + " was forgotten. Record the call's cost with recordSpend instead.");
  }

  private static void requireScope(String scopeKey) {
    if (scopeKey == null || scopeKey.isBlank()) {
      throw new IllegalArgumentException("scope key is required");
    }
  }

  private static void requireAmount(String name, BigDecimal amountUsd, long tokens) {
    if (amountUsd == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    if (amountUsd.signum() < 0) {
      throw new IllegalArgumentException(
          name + " must be non-negative, got " + amountUsd.toPlainString());
    }
    if (tokens < 0) {
      throw new IllegalArgumentException(name + " tokens must be non-negative, got " + tokens);
    }
  }
}
