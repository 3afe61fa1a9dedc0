package io.valuemeter.guard;

/**
 * The result of {@link Guard#reserve}: the decision and, when the call is allowed, the id of the
 * hold to settle or release after the call.
 *
 * @param id reservation id to pass to {@link Guard#settle} or {@link Guard#release}, or null when
 *     the call was denied and nothing is held
 * @param decision the guard's decision for the call
 */
public record Reservation(String id, Decision decision) {

  public Reservation {
    if (decision == null) {
      throw new IllegalArgumentException("decision is required");
    }
    if (decision.allowed() == (id == null)) {
      throw new IllegalArgumentException(
          "an allowed call needs a reservation id and a denied call must not have one");
    }
  }

  /** Returns true when the call may go ahead; its estimate is then held under {@link #id}. */
  public boolean allowed() {
    return decision.allowed();
  }
}
