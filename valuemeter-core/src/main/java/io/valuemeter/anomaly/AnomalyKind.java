package io.valuemeter.anomaly;

/** The kinds of anomaly, each with its likely cause and recommended action. */
public enum AnomalyKind {
  /** A window around ten times the scope's baseline. */
  SPIKE("agent loop", "stop it and investigate"),
  /** A sustained upward trend over days, for example in input tokens per call. */
  GRADUAL_INCREASE("context bloat", "review prompts"),
  /** A high spread between runs of the same task. */
  RUN_VARIATION("inconsistent inputs", "standardise the inputs"),
  /** Cost per outcome rising: cost goes up while successes or value do not keep pace. */
  COST_OUTCOME_DIVERGENCE("model inefficiency", "re-evaluate the model choice");

  private final String likelyCause;
  private final String action;

  AnomalyKind(String likelyCause, String action) {
    this.likelyCause = likelyCause;
    this.action = action;
  }

  /** Returns the most likely cause of this kind of anomaly. */
  public String likelyCause() {
    return likelyCause;
  }

  /** Returns the recommended action. */
  public String action() {
    return action;
  }

  /** Returns the lower-case name with hyphens, as used in JSON and on the command line. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
