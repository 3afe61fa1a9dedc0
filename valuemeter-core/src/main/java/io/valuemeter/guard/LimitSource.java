package io.valuemeter.guard;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Lookup of the budget limit that applies to a scope at an instant. */
@FunctionalInterface
public interface LimitSource {

  /**
   * Returns the limit for the scope whose window contains {@code at}, or empty when no budget
   * applies to the scope then. For a recurring budget this is the limit of the period containing
   * {@code at}, so the guard starts a new window when time moves past the previous one.
   */
  Optional<GuardLimit> limitFor(String scopeKey, Instant at);

  /** Returns a source of fixed limits: the first one whose scope and window match. */
  static LimitSource of(List<GuardLimit> limits) {
    List<GuardLimit> copy = List.copyOf(limits);
    return (scopeKey, at) ->
        copy.stream()
            .filter(limit -> limit.scopeKey().equals(scopeKey) && limit.contains(at))
            .findFirst();
  }
}
