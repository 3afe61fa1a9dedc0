package io.valuemeter.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One LLM call, or one source row that sums several calls (see {@link #aggregate()}).
 *
 * @param id stable identifier from the source, unique across all sources; storing a record whose id
 *     already exists never creates a second row
 * @param time when the call was made, or null when the source has no timestamp
 * @param provider the provider as the source names it (for example {@code anthropic}), or null
 * @param model the model as the source spells it; the price catalog normalises it
 * @param tokens the token buckets
 * @param mode interactive or batch
 * @param attribution agent, workflow, task, session, step kind and tags
 * @param reportedCostUsd the cost the source itself reported, in US dollars, or null
 * @param aggregate true when the row sums many calls, such as a whole agent run; such a row has no
 *     single request size, so per-request long-context tiers are never applied to it
 * @param origin where the record was read, as {@code file:line}, for messages
 */
public record UsageRecord(
    String id,
    Instant time,
    String provider,
    String model,
    TokenUsage tokens,
    UsageMode mode,
    Attribution attribution,
    BigDecimal reportedCostUsd,
    boolean aggregate,
    String origin) {

  public UsageRecord {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("usage record id must not be blank");
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("usage record " + id + " has no model");
    }
    Objects.requireNonNull(tokens, "tokens");
    mode = mode == null ? UsageMode.INTERACTIVE : mode;
    attribution = attribution == null ? Attribution.NONE : attribution;
    if (reportedCostUsd != null && reportedCostUsd.signum() < 0) {
      throw new IllegalArgumentException(
          "reported cost of usage record " + id + " must be non-negative, got " + reportedCostUsd);
    }
    origin = origin == null ? "" : origin;
  }

  /** Returns the call time, empty when the source had none. */
  public Optional<Instant> timeIfKnown() {
    return Optional.ofNullable(time);
  }

  /** Returns the cost the source reported, empty when it reported none. */
  public Optional<BigDecimal> reportedCost() {
    return Optional.ofNullable(reportedCostUsd);
  }
}
