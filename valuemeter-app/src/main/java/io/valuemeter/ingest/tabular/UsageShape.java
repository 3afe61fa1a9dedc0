package io.valuemeter.ingest.tabular;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The token-count semantics of a source, with recognition of the OpenAI and Anthropic usage shapes
 * by their field names when no column mapping is given.
 */
public enum UsageShape {
  /**
   * Anthropic Messages API: {@code input_tokens} excludes cached tokens, and {@code
   * cache_read_input_tokens} and {@code cache_creation_input_tokens} are separate counts.
   */
  ANTHROPIC,
  /**
   * OpenAI Chat Completions API: {@code prompt_tokens} includes {@code
   * prompt_tokens_details.cached_tokens}. The Responses API has the same semantics under the names
   * {@code input_tokens} and {@code input_tokens_details.cached_tokens}.
   */
  OPENAI,
  /** The columns come from a user's column mapping rather than from recognised names. */
  MAPPED;

  private static final List<String> PREFIXES = List.of("", "usage.");
  private static final List<String> TIME_NAMES =
      List.of("timestamp", "time", "created_at", "created");
  private static final List<String> METADATA_NAMES = List.of("id", "provider", "model", "mode");

  /**
   * A mapping to read a source with, and how it was found.
   *
   * @param mapping the mapping to read the source with
   * @param shape the recognised shape, or {@link #MAPPED} for a user's mapping
   * @param description what was recognised or used, for the note to the user, such as {@code the
   *     OpenAI usage shape (prompt_tokens includes cached tokens)}
   */
  public record Detection(ColumnMapping mapping, UsageShape shape, String description) {}

  /**
   * Recognises the OpenAI or Anthropic usage shape from the field names of a source, at the top
   * level or under {@code usage}. The OpenAI shape needs {@code prompt_tokens} and {@code
   * completion_tokens}, or {@code input_tokens} and {@code output_tokens} together with {@code
   * input_tokens_details}. The Anthropic shape needs {@code input_tokens} and {@code
   * output_tokens}. The top-level fields {@code id}, {@code timestamp} (or {@code time}, {@code
   * created_at}, {@code created}), {@code provider}, {@code model} and {@code mode} are mapped when
   * present. With {@code mapAbsentDetails}, {@code id}, {@code provider}, {@code model} and {@code
   * mode} are mapped even when absent.
   *
   * @param names the CSV header, or the dotted paths of the fields of a JSON object
   * @param mapAbsentDetails whether to map the optional fields of the shape (cache and reasoning
   *     counts, and the metadata fields other than the time) even when {@code names} lacks them.
   *     This is right for JSONL, where later objects may have fields the first one lacks and a
   *     missing field counts as 0. It is wrong for CSV, where a mapped column must exist in the
   *     header.
   * @return the detection, empty when neither shape matches
   */
  public static Optional<Detection> detect(Collection<String> names, boolean mapAbsentDetails) {
    Set<String> available = new HashSet<>(names);
    for (String prefix : PREFIXES) {
      Optional<Detection> detection = detectAt(prefix, available, mapAbsentDetails);
      if (detection.isPresent()) {
        return detection;
      }
    }
    return Optional.empty();
  }

  /** Returns the field names that {@link #detect} looks for, for error messages. */
  public static String expectedNames() {
    return "prompt_tokens and completion_tokens (OpenAI) or input_tokens and output_tokens"
        + " (Anthropic), at the top level or under usage";
  }

  private static Optional<Detection> detectAt(
      String prefix, Set<String> available, boolean mapAbsentDetails) {
    List<String> pairs = new ArrayList<>();
    String description;
    UsageShape shape;
    if (available.contains(prefix + "prompt_tokens")
        && available.contains(prefix + "completion_tokens")) {
      shape = OPENAI;
      description = "the OpenAI usage shape (prompt_tokens includes cached tokens)";
      pairs.add("prompt_tokens=" + prefix + "prompt_tokens");
      pairs.add("output=" + prefix + "completion_tokens");
      addFirst(
          pairs,
          "cached_tokens",
          available,
          mapAbsentDetails,
          prefix + "prompt_tokens_details.cached_tokens",
          prefix + "cached_tokens");
      addFirst(
          pairs,
          "reasoning",
          available,
          mapAbsentDetails,
          prefix + "completion_tokens_details.reasoning_tokens",
          prefix + "reasoning_tokens");
    } else if (available.contains(prefix + "input_tokens")
        && available.contains(prefix + "output_tokens")) {
      if (hasChildren(available, prefix + "input_tokens_details")) {
        shape = OPENAI;
        description = "the OpenAI usage shape (input_tokens includes cached tokens)";
        pairs.add("prompt_tokens=" + prefix + "input_tokens");
        pairs.add("cached_tokens=" + prefix + "input_tokens_details.cached_tokens");
        pairs.add("output=" + prefix + "output_tokens");
        addFirst(
            pairs,
            "reasoning",
            available,
            mapAbsentDetails,
            prefix + "output_tokens_details.reasoning_tokens");
      } else {
        shape = ANTHROPIC;
        description = "the Anthropic usage shape (input_tokens excludes cached tokens)";
        pairs.add("input=" + prefix + "input_tokens");
        pairs.add("output=" + prefix + "output_tokens");
        addFirst(
            pairs, "cache_read", available, mapAbsentDetails, prefix + "cache_read_input_tokens");
        // NOTE: cache_creation_input_tokens sums 5-minute and 1-hour cache writes, so 1-hour
        // writes are priced as 5-minute writes. Map cache_write_1h explicitly to split them.
        addFirst(
            pairs,
            "cache_write_5m",
            available,
            mapAbsentDetails,
            prefix + "cache_creation_input_tokens");
      }
    } else {
      return Optional.empty();
    }
    pairs.add("shape=" + (shape == OPENAI ? "openai" : "anthropic"));
    addFirst(pairs, "time", available, false, TIME_NAMES.toArray(String[]::new));
    for (String name : METADATA_NAMES) {
      addFirst(pairs, name, available, mapAbsentDetails, name);
    }
    addFirst(pairs, "agent", available, false, "agent", "agent_id");
    addFirst(pairs, "workflow", available, false, "workflow", "workflow_id");
    addFirst(pairs, "task", available, false, "task_id", "task");
    addFirst(pairs, "session", available, false, "session_id", "session", "sessionId");
    addFirst(pairs, "step_kind", available, false, "step_kind");
    String origin = description.substring("the ".length());
    return Optional.of(new Detection(ColumnMapping.ofPairs(pairs, origin), shape, description));
  }

  /**
   * Maps {@code key} to the first candidate present in {@code available}, or to the first candidate
   * when none is present and {@code mapAbsent} is set.
   */
  private static void addFirst(
      List<String> pairs,
      String key,
      Set<String> available,
      boolean mapAbsent,
      String... candidates) {
    for (String candidate : candidates) {
      if (available.contains(candidate)) {
        pairs.add(key + "=" + candidate);
        return;
      }
    }
    if (mapAbsent) {
      pairs.add(key + "=" + candidates[0]);
    }
  }

  private static boolean hasChildren(Set<String> available, String parent) {
    if (available.contains(parent)) {
      return true;
    }
    String childPrefix = parent + ".";
    for (String name : available) {
      if (name.startsWith(childPrefix)) {
        return true;
      }
    }
    return false;
  }
}
