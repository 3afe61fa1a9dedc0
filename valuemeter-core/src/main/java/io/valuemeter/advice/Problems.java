package io.valuemeter.advice;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the invalid inputs of one calculator so that a single exception reports all of them.
 *
 * <p>Each message names the value, shows it and states the valid range. {@link #throwIfAny} joins
 * the messages with "; " into one {@link IllegalArgumentException}.
 */
final class Problems {

  private final String subject;
  private final List<String> messages = new ArrayList<>();

  /** Creates a collector whose messages all start with {@code subject}, such as "agent A: ". */
  Problems(String subject) {
    this.subject = subject;
  }

  /** Creates a collector whose messages have no common start. */
  Problems() {
    this("");
  }

  /** Adds a message as it is. */
  Problems add(String message) {
    messages.add(subject + message);
    return this;
  }

  /** Adds a message when {@code value} is missing; returns whether it is present. */
  boolean requirePresent(String label, Object value) {
    if (value == null) {
      add(label + " is missing");
      return false;
    }
    return true;
  }

  /** Adds a message when {@code value} is missing or negative. */
  Problems requireNonNegative(String label, BigDecimal value) {
    if (requirePresent(label, value) && value.signum() < 0) {
      add(label + " " + Decimals.plain(value) + " must not be negative");
    }
    return this;
  }

  /** Adds a message when {@code value} is negative. */
  Problems requireNonNegative(String label, long value) {
    if (value < 0) {
      add(label + " " + value + " must not be negative");
    }
    return this;
  }

  /** Adds a message when {@code value} is missing or outside 0 to 1, both included. */
  Problems requireFraction(String label, BigDecimal value) {
    if (requirePresent(label, value)
        && (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0)) {
      add(label + " " + Decimals.plain(value) + " must be between 0 and 1 (0.95 means 95%)");
    }
    return this;
  }

  /** Throws an {@link IllegalArgumentException} with every message collected, if there is one. */
  void throwIfAny() {
    if (!messages.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", messages));
    }
  }
}
