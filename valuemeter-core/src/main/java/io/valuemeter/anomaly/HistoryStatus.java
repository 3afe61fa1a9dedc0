package io.valuemeter.anomaly;

/**
 * Whether a scope had enough data for a detector to judge it.
 *
 * @param state enough or insufficient history
 * @param available the windows or runs with a value that the detector could use
 * @param required the minimum the detector needs
 */
public record HistoryStatus(State state, int available, int required) {

  /** Outcome of the history check. */
  public enum State {
    ENOUGH,
    /** Too few windows or runs with a value: the scope is not judged, and not called normal. */
    INSUFFICIENT_HISTORY
  }

  /** Returns the status for {@code available} values against a minimum of {@code required}. */
  public static HistoryStatus of(int available, int required) {
    return new HistoryStatus(
        available >= required ? State.ENOUGH : State.INSUFFICIENT_HISTORY, available, required);
  }

  /** Returns true when the detector had at least the minimum history. */
  public boolean enough() {
    return state == State.ENOUGH;
  }

  /** Returns a sentence for users, for example "insufficient history: 2 of 12 windows needed". */
  public String describe(String unit) {
    if (enough()) {
      return "enough history: " + available + " " + unit;
    }
    return "insufficient history: " + available + " of " + required + " " + unit + " needed";
  }
}
