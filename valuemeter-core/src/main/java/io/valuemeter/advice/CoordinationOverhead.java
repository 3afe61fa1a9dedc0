package io.valuemeter.advice;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Coordination overhead of a multi-agent design: the tokens spent passing work between agents,
 * routing it and summarising it, on top of the work itself.
 *
 * <ul>
 *   <li>overhead tokens = handoffs x tokens per handoff + routing tokens + summary tokens;
 *   <li>overhead share = overhead tokens / (work tokens + overhead tokens);
 *   <li>cost in US dollars = tokens x price per million / 1,000,000, exact.
 * </ul>
 *
 * <p>Worked example: 4 handoffs cost at least 4 x 1,000 = 4,000 tokens and typically 4 x 2,500 =
 * 10,000 tokens. With 0 handoffs, routing and summary tokens the overhead is 0.
 *
 * @param handoffs times work passes from one agent to another
 * @param tokensPerHandoff tokens of context that one handoff carries; {@link
 *     #MINIMUM_TOKENS_PER_HANDOFF} and {@link #TYPICAL_TOKENS_PER_HANDOFF} are estimates
 * @param workTokens tokens of the work itself, which a single agent would spend too
 * @param routingTokens tokens of routing decisions, 0 when there are none
 * @param summaryTokens tokens of summaries written for other agents, 0 when there are none
 * @param pricePerMillionTokensUsd blended price of all these tokens in US dollars per million
 */
public record CoordinationOverhead(
    long handoffs,
    long tokensPerHandoff,
    long workTokens,
    long routingTokens,
    long summaryTokens,
    BigDecimal pricePerMillionTokensUsd) {

  /** Estimated context of a minimal handoff in tokens: about 1,000. */
  public static final long MINIMUM_TOKENS_PER_HANDOFF = 1_000;

  /** Estimated context of a typical handoff in tokens: about 2,500. */
  public static final long TYPICAL_TOKENS_PER_HANDOFF = 2_500;

  /** Validates the inputs, reporting every problem in one {@link IllegalArgumentException}. */
  public CoordinationOverhead {
    new Problems()
        .requireNonNegative("handoffs", handoffs)
        .requireNonNegative("tokens per handoff", tokensPerHandoff)
        .requireNonNegative("work tokens", workTokens)
        .requireNonNegative("routing tokens", routingTokens)
        .requireNonNegative("summary tokens", summaryTokens)
        .requireNonNegative("price per million tokens", pricePerMillionTokensUsd)
        .throwIfAny();
  }

  /**
   * Returns the tokens of the handoffs = handoffs x tokens per handoff.
   *
   * @throws ArithmeticException when the product does not fit in a long
   */
  public long handoffTokens() {
    return Math.multiplyExact(handoffs, tokensPerHandoff);
  }

  /** Returns the overhead tokens = handoff tokens + routing tokens + summary tokens. */
  public long overheadTokens() {
    return Math.addExact(Math.addExact(handoffTokens(), routingTokens), summaryTokens);
  }

  /** Returns the tokens of the whole design = work tokens + overhead tokens. */
  public long totalTokens() {
    return Math.addExact(workTokens, overheadTokens());
  }

  /**
   * Returns the overhead share = overhead tokens / total tokens, from 0 to 1, rounded to 10 decimal
   * places HALF_EVEN; empty when there are no tokens at all.
   */
  public Optional<BigDecimal> overheadShare() {
    return Decimals.divideOrEmpty(
        BigDecimal.valueOf(overheadTokens()), BigDecimal.valueOf(totalTokens()));
  }

  /** Returns the exact cost of the overhead tokens in US dollars. */
  public BigDecimal overheadCostUsd() {
    return Decimals.costOfTokens(overheadTokens(), pricePerMillionTokensUsd);
  }

  /** Returns the exact cost of the work tokens in US dollars. */
  public BigDecimal workCostUsd() {
    return Decimals.costOfTokens(workTokens, pricePerMillionTokensUsd);
  }

  /** Returns the exact cost of all tokens in US dollars = work cost + overhead cost. */
  public BigDecimal totalCostUsd() {
    return Decimals.costOfTokens(totalTokens(), pricePerMillionTokensUsd);
  }
}
