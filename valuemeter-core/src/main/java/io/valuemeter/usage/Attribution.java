package io.valuemeter.usage;

import java.util.Map;
import java.util.TreeMap;

/**
 * Who or what a call is charged to. Every field except {@code tags} may be null when the source
 * does not say.
 *
 * @param agent the agent that made the call
 * @param workflow the workflow or pipeline the agent ran in
 * @param task the unit of work an outcome is recorded for
 * @param session the conversation or run the call belongs to
 * @param stepKind the kind of step: work, handoff, routing, summary, retry, tool
 * @param tags free key-value labels, sorted by key
 */
public record Attribution(
    String agent,
    String workflow,
    String task,
    String session,
    String stepKind,
    Map<String, String> tags) {

  /** Attribution with every field unknown. */
  public static final Attribution NONE = new Attribution(null, null, null, null, null, Map.of());

  public Attribution {
    agent = blankToNull(agent);
    workflow = blankToNull(workflow);
    task = blankToNull(task);
    session = blankToNull(session);
    stepKind = blankToNull(stepKind);
    tags = tags == null ? Map.of() : Map.copyOf(new TreeMap<>(tags));
  }

  /** Returns attribution to one session only. */
  public static Attribution ofSession(String session) {
    return new Attribution(null, null, null, session, null, Map.of());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
