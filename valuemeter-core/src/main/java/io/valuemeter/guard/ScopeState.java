package io.valuemeter.guard;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * State of one scope in the guard: the current budget window, the spend committed in it, the open
 * reservations and the loop flag.
 *
 * <p>Not thread-safe by itself: {@link Guard} calls every method while holding this object's
 * monitor.
 */
final class ScopeState {

  /** An estimate held for a call in flight. */
  record Hold(String id, BigDecimal amountUsd, long tokens, Instant expiresAt) {}

  final String scopeKey;
  private final Duration reservationTimeout;
  private final Map<String, ScopeState> reservationIndex;

  /** Set once the state has been removed from the guard; a retired state is never used again. */
  boolean retired;

  private GuardLimit limit;
  private BigDecimal spentUsd = BigDecimal.ZERO;
  private long spentTokens;
  private final Map<String, Hold> openHolds = new LinkedHashMap<>();
  private BigDecimal reservedUsd = BigDecimal.ZERO;
  private long reservedTokens;
  private final Map<String, Hold> expiredHolds = new LinkedHashMap<>();
  private String loopEvidence;

  ScopeState(
      String scopeKey, Duration reservationTimeout, Map<String, ScopeState> reservationIndex) {
    this.scopeKey = scopeKey;
    this.reservationTimeout = reservationTimeout;
    this.reservationIndex = reservationIndex;
  }

  /**
   * Brings the state to {@code now}: expires old reservations and moves to the window of {@code
   * limitNow}, the limit in force now or null when no budget applies. Windows only move forward, so
   * a limit whose window starts before the current one, as after the clock stepped back, keeps the
   * current window.
   */
  void advanceTo(Instant now, GuardLimit limitNow) {
    expireHolds(now);
    if (limitNow == null) {
      limit = null;
      resetSpend();
    } else {
      applyLimit(limitNow);
    }
  }

  /**
   * Moves to the window of a spend record's limit. Returns false when the record belongs to no
   * budget or to a window before the current one, because such spend does not count.
   */
  boolean acceptRecordWindow(GuardLimit recordLimit) {
    if (recordLimit == null) {
      return false;
    }
    return applyLimit(recordLimit);
  }

  /** Returns the decision for a call with the given estimate, without holding anything. */
  Decision decide(BigDecimal estimateUsd, long estimatedTokens) {
    BudgetUsage usage = usage();
    if (loopEvidence != null) {
      return new Decision(
          false,
          Decision.Reason.LOOP_DETECTED,
          DecisionMessages.loopDetected(scopeKey, loopEvidence),
          usage);
    }
    if (usage == null) {
      return new Decision(
          true, Decision.Reason.NO_BUDGET, DecisionMessages.noBudget(scopeKey), null);
    }
    // A call priced at $0 cannot overspend a money budget, so only the token limit can stop it.
    boolean zeroPriced = usage.moneyLimitUsd() != null && estimateUsd.signum() == 0;
    boolean limitReached = (usage.moneySpent() && !zeroPriced) || usage.tokensSpent();
    if (limitReached && usage.hardStop()) {
      return new Decision(
          false, Decision.Reason.HARD_BUDGET_SPENT, DecisionMessages.hardSpent(usage), usage);
    }
    if (limitReached) {
      return new Decision(
          true, Decision.Reason.OVER_SOFT_BUDGET, DecisionMessages.softSpent(usage), usage);
    }
    if (zeroPriced) {
      return new Decision(
          true, Decision.Reason.ZERO_PRICED_SCOPE, DecisionMessages.zeroPriced(usage), usage);
    }
    return new Decision(
        true, Decision.Reason.WITHIN_BUDGET, DecisionMessages.withinBudget(usage), usage);
  }

  /** Holds an estimate until it is settled, released or expires. */
  void hold(Hold hold) {
    openHolds.put(hold.id(), hold);
    reservedUsd = reservedUsd.add(hold.amountUsd());
    reservedTokens += hold.tokens();
    reservationIndex.put(hold.id(), this);
  }

  /**
   * Removes an open or expired hold; returns false when the id is not held here, because it was
   * already settled, released or forgotten after expiry.
   */
  boolean removeHold(String id) {
    Hold open = openHolds.remove(id);
    if (open != null) {
      reservedUsd = reservedUsd.subtract(open.amountUsd());
      reservedTokens -= open.tokens();
    } else if (expiredHolds.remove(id) == null) {
      return false;
    }
    reservationIndex.remove(id, this);
    return true;
  }

  /**
   * Adds committed spend to the current window and returns the alert thresholds it crossed; nothing
   * is counted when no budget applies.
   */
  List<ThresholdCrossing> addSpend(BigDecimal costUsd, long tokens) {
    if (limit == null) {
      return List.of();
    }
    BigDecimal spentBeforeUsd = spentUsd;
    long spentBeforeTokens = spentTokens;
    spentUsd = spentUsd.add(costUsd);
    spentTokens += tokens;
    List<ThresholdCrossing> crossings = new ArrayList<>();
    for (BigDecimal threshold : limit.alertThresholds()) {
      if (reached(threshold, spentUsd, spentTokens)
          && !reached(threshold, spentBeforeUsd, spentBeforeTokens)) {
        crossings.add(
            new ThresholdCrossing(
                limit.budgetName(),
                scopeKey,
                limit.windowStart(),
                limit.windowEnd(),
                threshold,
                spentUsd,
                limit.moneyLimitUsd(),
                spentTokens,
                limit.tokenLimit()));
      }
    }
    return crossings;
  }

  void markLoop(String evidence) {
    loopEvidence = evidence;
  }

  void clearLoop() {
    loopEvidence = null;
  }

  /**
   * Returns true when nothing here would change a later decision, so the state can be dropped and
   * rebuilt from the limit source on the next call.
   */
  boolean idle() {
    return openHolds.isEmpty()
        && expiredHolds.isEmpty()
        && loopEvidence == null
        && spentUsd.signum() == 0
        && spentTokens == 0;
  }

  /** Returns the current window's usage, or null when no budget applies. */
  BudgetUsage usage() {
    if (limit == null) {
      return null;
    }
    return new BudgetUsage(
        limit.budgetName(),
        scopeKey,
        limit.windowStart(),
        limit.windowEnd(),
        limit.hardStop(),
        spentUsd,
        reservedUsd,
        limit.moneyLimitUsd(),
        spentTokens,
        reservedTokens,
        limit.tokenLimit());
  }

  private boolean applyLimit(GuardLimit found) {
    if (limit != null && found.sameWindow(limit)) {
      // Same window: take the new amounts, such as a raised limit, and keep the spend.
      limit = found;
      return true;
    }
    if (limit != null && found.windowStart().isBefore(limit.windowStart())) {
      return false;
    }
    limit = found;
    resetSpend();
    return true;
  }

  private void resetSpend() {
    spentUsd = BigDecimal.ZERO;
    spentTokens = 0;
  }

  /**
   * Stops counting reservations whose time is up, and forgets them one more timeout later. Until
   * then a late settle still records the call's actual cost.
   */
  private void expireHolds(Instant now) {
    Iterator<Hold> open = openHolds.values().iterator();
    while (open.hasNext()) {
      Hold hold = open.next();
      if (!now.isBefore(hold.expiresAt())) {
        open.remove();
        reservedUsd = reservedUsd.subtract(hold.amountUsd());
        reservedTokens -= hold.tokens();
        expiredHolds.put(hold.id(), hold);
      }
    }
    Iterator<Hold> expired = expiredHolds.values().iterator();
    while (expired.hasNext()) {
      Hold hold = expired.next();
      if (!now.isBefore(hold.expiresAt().plus(reservationTimeout))) {
        expired.remove();
        reservationIndex.remove(hold.id(), this);
      }
    }
  }

  private boolean reached(BigDecimal threshold, BigDecimal spentUsd, long spentTokens) {
    // A positive spend reaches every threshold of a zero limit.
    boolean money =
        limit.moneyLimitUsd() != null
            && spentUsd.signum() > 0
            && spentUsd.compareTo(threshold.multiply(limit.moneyLimitUsd())) >= 0;
    boolean tokens =
        limit.tokenLimit() != null
            && spentTokens > 0
            && BigDecimal.valueOf(spentTokens)
                    .compareTo(threshold.multiply(BigDecimal.valueOf(limit.tokenLimit())))
                >= 0;
    return money || tokens;
  }
}
