package io.valuemeter.economics;

import java.util.List;

/**
 * Whether to spend effort on optimisation now.
 *
 * @param optimise true when a trigger fired or a key metric misses its target
 * @param headline one line: "optimise" with the first reason, or "do not optimise"
 * @param reasons every reason, in order of importance
 */
public record Verdict(boolean optimise, String headline, List<String> reasons) {

  public Verdict {
    reasons = List.copyOf(reasons);
  }
}
