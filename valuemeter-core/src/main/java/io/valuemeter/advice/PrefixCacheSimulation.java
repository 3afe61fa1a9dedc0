package io.valuemeter.advice;

import io.valuemeter.pricing.CostCalculator;
import io.valuemeter.pricing.ModelPrice;
import io.valuemeter.pricing.TokenRates;
import io.valuemeter.usage.TokenUsage;
import io.valuemeter.usage.UsageMode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Replays a request trace with prompt-prefix block hashes through an unbounded prompt cache.
 *
 * <p>Each request lists one hash per block of its prompt ({@code blockTokens} tokens, the last
 * block holding the rest). A request's leading blocks whose hashes were all seen before can be read
 * from the cache; its other input tokens are a miss, written to the cache for later requests. The
 * cache never evicts, so the hit rate is an upper bound for a real cache of limited size and
 * lifetime.
 */
public final class PrefixCacheSimulation {

  private final int blockTokens;
  private final Set<Long> seenBlocks = new HashSet<>();
  private long requests;
  private long promptTokens;
  private long hitTokens;
  private long outputTokens;

  /** Creates a simulation whose hashes each cover {@code blockTokens} prompt tokens. */
  public PrefixCacheSimulation(int blockTokens) {
    if (blockTokens < 1) {
      throw new IllegalArgumentException("block size must be at least 1 token, got " + blockTokens);
    }
    this.blockTokens = blockTokens;
  }

  /**
   * Adds one request.
   *
   * @param inputTokens the prompt's tokens
   * @param outputTokens the answer's tokens
   * @param blockHashes one hash per prompt block, in order
   */
  public void add(long inputTokens, long outputTokens, List<Long> blockHashes) {
    if (inputTokens < 0 || outputTokens < 0) {
      throw new IllegalArgumentException(
          "token counts must be non-negative, got input "
              + inputTokens
              + ", output "
              + outputTokens);
    }
    long hit = 0;
    boolean prefixSeen = true;
    for (int i = 0; i < blockHashes.size(); i++) {
      long covered = Math.min(blockTokens, Math.max(0, inputTokens - (long) i * blockTokens));
      if (prefixSeen && seenBlocks.contains(blockHashes.get(i))) {
        hit += covered;
      } else {
        prefixSeen = false;
      }
    }
    seenBlocks.addAll(blockHashes);
    requests++;
    promptTokens += inputTokens;
    hitTokens += Math.min(hit, inputTokens);
    this.outputTokens += outputTokens;
  }

  /** Returns the totals so far, priced at a model's rates. */
  public Result result(ModelPrice price) {
    TokenUsage withoutCache = new TokenUsage(promptTokens, 0, 0, 0, outputTokens, 0);
    TokenUsage withCache =
        new TokenUsage(0, hitTokens, promptTokens - hitTokens, 0, outputTokens, 0);
    TokenRates rates = CostCalculator.effectiveRates(price, UsageMode.INTERACTIVE, false);
    BigDecimal input = rates.inputPerMillionTokens();
    BigDecimal readDiscount =
        input.signum() == 0
            ? BigDecimal.ZERO
            : BigDecimal.ONE.subtract(
                rates.cacheReadPerMillionTokens().divide(input, 10, RoundingMode.HALF_EVEN));
    BigDecimal writePremium =
        input.signum() == 0
            ? BigDecimal.ZERO
            : rates
                .cacheWrite5mPerMillionTokens()
                .divide(input, 10, RoundingMode.HALF_EVEN)
                .subtract(BigDecimal.ONE);
    return new Result(
        price.model(),
        requests,
        promptTokens,
        hitTokens,
        outputTokens,
        CostCalculator.costAtRates(withoutCache, rates),
        CostCalculator.costAtRates(withCache, rates),
        breakEvenHitRate(writePremium, readDiscount));
  }

  /**
   * Returns the hit rate at which caching with writes costs as much as no caching: solving (1 - h)
   * (1 + premium) + h (1 - discount) = 1 gives h = premium / (premium + discount). Zero when writes
   * cost no premium; null when reads get no discount.
   */
  static BigDecimal breakEvenHitRate(BigDecimal writePremium, BigDecimal readDiscount) {
    if (writePremium.signum() <= 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal denominator = writePremium.add(readDiscount);
    if (readDiscount.signum() <= 0 || denominator.signum() == 0) {
      return null;
    }
    return writePremium.divide(denominator, 10, RoundingMode.HALF_EVEN);
  }

  /**
   * Totals of a replayed trace.
   *
   * @param model the catalog key of the model priced
   * @param requests requests replayed
   * @param promptTokens all prompt tokens
   * @param hitTokens prompt tokens that an unbounded prefix cache would serve
   * @param outputTokens all output tokens
   * @param costWithoutCacheUsd cost with every prompt token at the input rate
   * @param costWithCacheUsd cost with hits at the cache-read rate and misses at the write rate
   * @param breakEvenHitRate hit rate below which caching costs more than it saves, or null
   */
  public record Result(
      String model,
      long requests,
      long promptTokens,
      long hitTokens,
      long outputTokens,
      BigDecimal costWithoutCacheUsd,
      BigDecimal costWithCacheUsd,
      BigDecimal breakEvenHitRate) {

    /** Returns the hit rate = hit tokens / prompt tokens, or null without prompt tokens. */
    public BigDecimal hitRate() {
      return promptTokens == 0
          ? null
          : BigDecimal.valueOf(hitTokens)
              .divide(BigDecimal.valueOf(promptTokens), 10, RoundingMode.HALF_EVEN);
    }

    /** Returns the saving = cost without cache - cost with cache, in US dollars. */
    public BigDecimal savingUsd() {
      return costWithoutCacheUsd.subtract(costWithCacheUsd);
    }
  }
}
