package io.valuemeter.usage;

/**
 * Token counts of one LLM call, split into disjoint buckets so that every input token is counted in
 * exactly one of them.
 *
 * <p>Reasoning tokens are part of {@code output} and are also kept on their own for information:
 * they are never added to the total a second time.
 *
 * @param input uncached input tokens, billed at the plain input rate
 * @param cacheRead input tokens served from the prompt cache
 * @param cacheWrite5m input tokens written to the cache with a 5-minute lifetime
 * @param cacheWrite1h input tokens written to the cache with a 1-hour lifetime
 * @param output output tokens, reasoning included
 * @param reasoning the reasoning share of {@code output}
 */
public record TokenUsage(
    long input, long cacheRead, long cacheWrite5m, long cacheWrite1h, long output, long reasoning) {

  /**
   * The largest count a bucket of one record may hold: a trillion tokens. Larger values are data
   * errors, and with this bound the sum of billions of records still fits in a {@code long}.
   */
  public static final long MAX_TOKENS = 1_000_000_000_000L;

  /** Usage with every bucket at zero. */
  public static final TokenUsage ZERO = new TokenUsage(0, 0, 0, 0, 0, 0);

  public TokenUsage {
    requireNonNegative("input", input);
    requireNonNegative("cacheRead", cacheRead);
    requireNonNegative("cacheWrite5m", cacheWrite5m);
    requireNonNegative("cacheWrite1h", cacheWrite1h);
    requireNonNegative("output", output);
    requireNonNegative("reasoning", reasoning);
    if (reasoning > output) {
      throw new IllegalArgumentException(
          "reasoning tokens ("
              + reasoning
              + ") must not exceed output tokens ("
              + output
              + ") because reasoning is counted inside output");
    }
  }

  /** Creates usage with only uncached input and output tokens. */
  public static TokenUsage of(long input, long output) {
    return new TokenUsage(input, 0, 0, 0, output, 0);
  }

  /**
   * Returns every input token of the request: uncached input plus cache reads plus cache writes.
   * This is the prompt size that long-context price tiers compare with their threshold.
   */
  public long promptTokens() {
    return input + cacheRead + cacheWrite5m + cacheWrite1h;
  }

  /** Returns all tokens of the call: {@link #promptTokens()} plus output. */
  public long totalTokens() {
    return promptTokens() + output;
  }

  /** Returns the bucket-wise sum of this usage and {@code other}. */
  public TokenUsage plus(TokenUsage other) {
    return new TokenUsage(
        input + other.input,
        cacheRead + other.cacheRead,
        cacheWrite5m + other.cacheWrite5m,
        cacheWrite1h + other.cacheWrite1h,
        output + other.output,
        reasoning + other.reasoning);
  }

  private static void requireNonNegative(String bucket, long tokens) {
    if (tokens < 0) {
      throw new IllegalArgumentException(bucket + " tokens must be non-negative, got " + tokens);
    }
  }
}
