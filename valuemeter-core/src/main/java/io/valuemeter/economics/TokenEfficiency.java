package io.valuemeter.economics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Token efficiency of one scope (for example one model) against comparable tasks.
 *
 * <p>For each task category that the scope and at least one other scope completed successfully, the
 * ratio = median tokens per success of the other scopes / the scope's own tokens per success. The
 * scope's efficiency is the median of those ratios: 1 means typical, 0.5 means it spends twice the
 * tokens of the others for a success, 2 means half.
 *
 * @param scope the scope, such as a model name
 * @param categories the categories compared
 * @param efficiency the median ratio, or null when no category could be compared
 */
public record TokenEfficiency(String scope, int categories, BigDecimal efficiency) {

  /**
   * The tokens and successes of one scope in one category.
   *
   * @param scope such as a model name
   * @param category such as a benchmark task name
   * @param tokens all tokens of the scope's calls in the category
   * @param successes successful outcomes of the scope in the category
   */
  public record Cell(String scope, String category, long tokens, long successes) {}

  /** Computes the efficiency of every scope from its cells; scopes sorted by name. */
  public static List<TokenEfficiency> compare(List<Cell> cells) {
    Map<String, Map<String, BigDecimal>> tokensPerSuccess = new TreeMap<>();
    for (Cell cell : cells) {
      if (cell.successes() > 0) {
        tokensPerSuccess
            .computeIfAbsent(cell.category(), k -> new TreeMap<>())
            .put(
                cell.scope(),
                BigDecimal.valueOf(cell.tokens())
                    .divide(
                        BigDecimal.valueOf(cell.successes()),
                        UsageSummary.DERIVED_SCALE,
                        RoundingMode.HALF_EVEN));
      }
    }
    Map<String, List<BigDecimal>> ratiosByScope = new TreeMap<>();
    cells.forEach(cell -> ratiosByScope.computeIfAbsent(cell.scope(), k -> new ArrayList<>()));
    for (Map<String, BigDecimal> byScope : tokensPerSuccess.values()) {
      for (Map.Entry<String, BigDecimal> own : byScope.entrySet()) {
        List<BigDecimal> others = new ArrayList<>();
        byScope.forEach(
            (scope, value) -> {
              if (!scope.equals(own.getKey())) {
                others.add(value);
              }
            });
        if (others.isEmpty() || own.getValue().signum() == 0) {
          continue;
        }
        ratiosByScope
            .get(own.getKey())
            .add(
                Trend.median(others)
                    .divide(own.getValue(), UsageSummary.DERIVED_SCALE, RoundingMode.HALF_EVEN));
      }
    }
    List<TokenEfficiency> result = new ArrayList<>();
    ratiosByScope.forEach(
        (scope, ratios) ->
            result.add(
                new TokenEfficiency(
                    scope, ratios.size(), ratios.isEmpty() ? null : Trend.median(ratios))));
    return result;
  }
}
