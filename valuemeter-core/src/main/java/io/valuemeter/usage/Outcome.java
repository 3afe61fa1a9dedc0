package io.valuemeter.usage;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The result of one task.
 *
 * @param taskId the task this outcome belongs to; usage records point to it through {@link
 *     Attribution#task()}
 * @param time when the outcome was recorded, or null
 * @param success whether the task succeeded
 * @param valueUsd the business value of the outcome in US dollars, or null when unknown
 * @param attempts how many attempts the task took, at least 1
 * @param reworkNeeded whether the result needed rework
 * @param humanMinutes minutes of human review or repair, or null when not recorded
 * @param escalated whether the task was handed to a human
 */
public record Outcome(
    String taskId,
    Instant time,
    boolean success,
    BigDecimal valueUsd,
    int attempts,
    boolean reworkNeeded,
    BigDecimal humanMinutes,
    boolean escalated) {

  public Outcome {
    if (taskId == null || taskId.isBlank()) {
      throw new IllegalArgumentException("outcome task id must not be blank");
    }
    if (attempts < 1) {
      throw new IllegalArgumentException(
          "attempts of task " + taskId + " must be at least 1, got " + attempts);
    }
    if (valueUsd != null && valueUsd.signum() < 0) {
      throw new IllegalArgumentException(
          "value of task " + taskId + " must be non-negative, got " + valueUsd);
    }
    if (humanMinutes != null && humanMinutes.signum() < 0) {
      throw new IllegalArgumentException(
          "human minutes of task " + taskId + " must be non-negative, got " + humanMinutes);
    }
  }

  /** Creates an outcome with only a success flag, one attempt and nothing else recorded. */
  public static Outcome ofSuccess(String taskId, boolean success) {
    return new Outcome(taskId, null, success, null, 1, false, null, false);
  }
}
