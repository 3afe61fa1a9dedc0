package io.valuemeter.ingest.tabular;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable mapping from usage-record fields to the source columns that fill them, plus the
 * settings that control how those columns are read.
 *
 * <p>For JSONL sources a column name may be a dotted path into the object, such as {@code
 * usage.prompt_tokens_details.cached_tokens}. Tags are mapped with keys {@code tag.NAME}. The
 * settings are {@code aggregate}, {@code default.model}, {@code default.provider}, {@code
 * time_zone} and {@code shape}; see {@link #validKeys()}.
 *
 * <p>Token semantics: when {@code shape = openai} is set, or when no shape is set and {@code
 * prompt_tokens} or {@code cached_tokens} is mapped, {@code prompt_tokens} counts every input token
 * of the request, so uncached input is {@code prompt_tokens - cached_tokens - cache writes} and
 * cache reads are {@code cached_tokens}. Otherwise {@code input} is uncached input and the cache
 * columns are separate counts, as in the Anthropic API.
 *
 * <p>Every factory collects all problems it finds and throws one {@link IllegalArgumentException}
 * that lists them, so a user can fix a mapping file in one pass.
 */
public final class ColumnMapping {

  /** A usage-record field that a mapping fills from a source column. */
  public enum Field {
    ID("id", false),
    TIME("time", false),
    PROVIDER("provider", false),
    MODEL("model", false),
    MODE("mode", false),
    AGENT("agent", false),
    WORKFLOW("workflow", false),
    TASK("task", false),
    SESSION("session", false),
    STEP_KIND("step_kind", false),
    INPUT("input", true),
    CACHE_READ("cache_read", true),
    CACHE_WRITE_5M("cache_write_5m", true),
    CACHE_WRITE_1H("cache_write_1h", true),
    OUTPUT("output", true),
    REASONING("reasoning", true),
    PROMPT_TOKENS("prompt_tokens", true),
    CACHED_TOKENS("cached_tokens", true),
    COST("cost", false),
    SUCCESS("success", false),
    VALUE("value", false),
    ATTEMPTS("attempts", false),
    REWORK("rework", false),
    HUMAN_MINUTES("human_minutes", false),
    ESCALATED("escalated", false);

    private final String key;
    private final boolean tokenCount;

    Field(String key, boolean tokenCount) {
      this.key = key;
      this.tokenCount = tokenCount;
    }

    /** Returns the key that names this field in mapping files and {@code --map} pairs. */
    public String key() {
      return key;
    }

    /** Returns whether the column contains a token count. */
    public boolean isTokenCount() {
      return tokenCount;
    }

    /** Returns the field with this key, accepting the alias {@code cache_write}. */
    public static Optional<Field> fromKey(String key) {
      if (CACHE_WRITE_ALIAS.equals(key)) {
        return Optional.of(CACHE_WRITE_5M);
      }
      for (Field field : values()) {
        if (field.key.equals(key)) {
          return Optional.of(field);
        }
      }
      return Optional.empty();
    }
  }

  /** Key prefix of tag columns: {@code tag.team = team_column} fills the tag {@code team}. */
  public static final String TAG_PREFIX = "tag.";

  /** Setting: {@code true} when each row sums many calls, such as a whole agent run. */
  public static final String AGGREGATE = "aggregate";

  /** Setting: the model of rows whose model column is unmapped or empty. */
  public static final String DEFAULT_MODEL = "default.model";

  /** Setting: the provider of rows whose provider column is unmapped or empty. */
  public static final String DEFAULT_PROVIDER = "default.provider";

  /** Setting: the zone of timestamps written without an offset, UTC when not set. */
  public static final String TIME_ZONE = "time_zone";

  /** Setting: {@code anthropic} or {@code openai}, the token semantics described above. */
  public static final String SHAPE = "shape";

  private static final String CACHE_WRITE_ALIAS = "cache_write";
  private static final List<String> SETTINGS =
      List.of(AGGREGATE, DEFAULT_MODEL, DEFAULT_PROVIDER, TIME_ZONE, SHAPE);

  private final Map<Field, String> columns;
  private final Map<String, String> tagColumns;
  private final Boolean aggregate;
  private final String defaultModel;
  private final String defaultProvider;
  private final ZoneId timeZone;
  private final UsageShape shape;
  private final String origin;

  private ColumnMapping(
      Map<Field, String> columns,
      Map<String, String> tagColumns,
      Boolean aggregate,
      String defaultModel,
      String defaultProvider,
      ZoneId timeZone,
      UsageShape shape,
      String origin) {
    EnumMap<Field, String> columnCopy = new EnumMap<>(Field.class);
    columnCopy.putAll(columns);
    this.columns = Collections.unmodifiableMap(columnCopy);
    this.tagColumns = Collections.unmodifiableMap(new LinkedHashMap<>(tagColumns));
    this.aggregate = aggregate;
    this.defaultModel = defaultModel;
    this.defaultProvider = defaultProvider;
    this.timeZone = timeZone;
    this.shape = shape;
    this.origin = origin;
  }

  /**
   * Parses a mapping file of {@code key = value} lines. Blank lines and lines whose first non-blank
   * character is {@code #} are skipped. A {@code #} later in a line is part of the value, because
   * column names may contain it.
   *
   * @throws IllegalArgumentException listing every invalid line, each with its line number
   * @throws IOException when the file cannot be read
   */
  public static ColumnMapping parse(Path file) throws IOException {
    Entries entries = new Entries(file.toString());
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNumber = 0;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (lineNumber == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        String text = line.trim();
        if (text.isEmpty() || text.startsWith("#")) {
          continue;
        }
        entries.addLine(text, "line " + lineNumber);
      }
    }
    return entries.build();
  }

  /**
   * Parses {@code field=column} pairs, as given with {@code --map}.
   *
   * @param pairs the pairs, each {@code key=value} with any key of {@link #validKeys()}
   * @param origin where the pairs come from, for messages, such as {@code --map}
   * @throws IllegalArgumentException listing every invalid pair
   */
  public static ColumnMapping ofPairs(List<String> pairs, String origin) {
    Entries entries = new Entries(origin);
    for (String pair : pairs) {
      entries.addLine(pair.trim(), "\"" + pair + "\"");
    }
    return entries.build();
  }

  /**
   * Returns this mapping with every column and setting of {@code override} replacing the one of the
   * same key here, so that {@code --map} pairs override a mapping file.
   *
   * @throws IllegalArgumentException when the combined mapping is inconsistent, for example when it
   *     maps both {@code input} and {@code prompt_tokens}
   */
  public ColumnMapping merge(ColumnMapping override) {
    Map<Field, String> mergedColumns = new EnumMap<>(Field.class);
    mergedColumns.putAll(columns);
    mergedColumns.putAll(override.columns);
    Map<String, String> mergedTags = new LinkedHashMap<>(tagColumns);
    mergedTags.putAll(override.tagColumns);
    ColumnMapping merged =
        new ColumnMapping(
            mergedColumns,
            mergedTags,
            override.aggregate != null ? override.aggregate : aggregate,
            override.defaultModel != null ? override.defaultModel : defaultModel,
            override.defaultProvider != null ? override.defaultProvider : defaultProvider,
            override.timeZone != null ? override.timeZone : timeZone,
            override.shape != null ? override.shape : shape,
            origin + " and " + override.origin);
    List<String> problems = merged.conflicts();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(describe(merged.origin, problems, false));
    }
    return merged;
  }

  /**
   * Returns every key a mapping accepts: the column fields, {@code tag.NAME} and the settings. The
   * alias {@code cache_write} of {@code cache_write_5m} is accepted too but not listed.
   */
  public static List<String> validKeys() {
    List<String> keys = new ArrayList<>();
    for (Field field : Field.values()) {
      keys.add(field.key());
    }
    keys.add(TAG_PREFIX + "NAME");
    keys.addAll(SETTINGS);
    return keys;
  }

  /** Returns the column mapped to a field, empty when the field is not mapped. */
  public Optional<String> column(Field field) {
    return Optional.ofNullable(columns.get(field));
  }

  /** Returns the mapped columns by field, in field order. */
  public Map<Field, String> columns() {
    return columns;
  }

  /** Returns the tag columns by tag name, in the order they were given. */
  public Map<String, String> tagColumns() {
    return tagColumns;
  }

  /** Returns whether each row sums many calls, false when not set. */
  public boolean aggregate() {
    return aggregate != null && aggregate;
  }

  /** Returns the model of rows without one, when set. */
  public Optional<String> defaultModel() {
    return Optional.ofNullable(defaultModel);
  }

  /** Returns the provider of rows without one, when set. */
  public Optional<String> defaultProvider() {
    return Optional.ofNullable(defaultProvider);
  }

  /** Returns the zone of timestamps without an offset: the {@code time_zone} setting or UTC. */
  public ZoneId timeZone() {
    return timeZone != null ? timeZone : ZoneOffset.UTC;
  }

  /** Returns the {@code shape} setting, {@link UsageShape#ANTHROPIC} or {@code OPENAI}, if set. */
  public Optional<UsageShape> shape() {
    return Optional.ofNullable(shape);
  }

  /**
   * Returns whether {@code prompt_tokens} counts all input tokens and cache reads come from {@code
   * cached_tokens}: true for {@code shape = openai}, or without a shape when either column is
   * mapped.
   */
  public boolean promptIncludesCache() {
    if (shape != null) {
      return shape == UsageShape.OPENAI;
    }
    return columns.containsKey(Field.PROMPT_TOKENS) || columns.containsKey(Field.CACHED_TOKENS);
  }

  /** Returns whether any token column is mapped. */
  public boolean mapsTokenColumn() {
    for (Field field : columns.keySet()) {
      if (field.isTokenCount()) {
        return true;
      }
    }
    return false;
  }

  /** Returns where the mapping comes from, for messages: a file, {@code --map} or both. */
  public String origin() {
    return origin;
  }

  /**
   * Returns the problems that make this mapping unusable for reading. They are not checked when a
   * mapping is built, because a later {@link #merge} may still add the missing column.
   */
  List<String> readingProblems() {
    List<String> problems = new ArrayList<>();
    if (promptIncludesCache() && !columns.containsKey(Field.PROMPT_TOKENS)) {
      problems.add(
          "prompt_tokens is not mapped, but "
              + (shape == UsageShape.OPENAI ? "shape = openai" : "cached_tokens is mapped")
              + " computes uncached input as prompt_tokens - cached_tokens; map prompt_tokens, or"
              + " map input and cache_read for a source whose input excludes cached tokens");
    }
    return problems;
  }

  @Override
  public String toString() {
    Map<String, String> entries = new LinkedHashMap<>();
    columns.forEach((field, column) -> entries.put(field.key(), column));
    tagColumns.forEach((tag, column) -> entries.put(TAG_PREFIX + tag, column));
    putIfSet(entries, AGGREGATE, aggregate);
    putIfSet(entries, DEFAULT_MODEL, defaultModel);
    putIfSet(entries, DEFAULT_PROVIDER, defaultProvider);
    putIfSet(entries, TIME_ZONE, timeZone);
    putIfSet(entries, SHAPE, shape == null ? null : shape.name().toLowerCase(Locale.ROOT));
    return "ColumnMapping" + entries + " from " + origin;
  }

  private static void putIfSet(Map<String, String> entries, String key, Object value) {
    if (value != null) {
      entries.put(key, value.toString());
    }
  }

  /** Returns the token columns mapped under both semantics at once, which cannot be read. */
  private List<String> conflicts() {
    List<String> anthropicKeys = mappedKeys(Field.INPUT, Field.CACHE_READ);
    List<String> openaiKeys = mappedKeys(Field.PROMPT_TOKENS, Field.CACHED_TOKENS);
    List<String> problems = new ArrayList<>();
    if (shape == UsageShape.ANTHROPIC && !openaiKeys.isEmpty()) {
      problems.add(
          "shape = anthropic reads input and cache_read as separate counts, so "
              + String.join(" and ", openaiKeys)
              + " must not be mapped; remove them, or set shape = openai");
    } else if (shape == UsageShape.OPENAI && !anthropicKeys.isEmpty()) {
      problems.add(
          "shape = openai computes input as prompt_tokens - cached_tokens, so "
              + String.join(" and ", anthropicKeys)
              + " must not be mapped; map prompt_tokens and cached_tokens instead");
    } else if (shape == null && !anthropicKeys.isEmpty() && !openaiKeys.isEmpty()) {
      problems.add(
          String.join(" and ", anthropicKeys)
              + " cannot be mapped together with "
              + String.join(" and ", openaiKeys)
              + "; map input and cache_read when the source's input excludes cached tokens, or"
              + " prompt_tokens and cached_tokens when its prompt count includes them");
    }
    return problems;
  }

  private List<String> mappedKeys(Field... fields) {
    List<String> keys = new ArrayList<>();
    for (Field field : fields) {
      if (columns.containsKey(field)) {
        keys.add(field.key());
      }
    }
    return keys;
  }

  private static String describe(String origin, List<String> problems, boolean listKeys) {
    StringBuilder message = new StringBuilder("invalid column mapping in ").append(origin);
    message.append(" (").append(problems.size());
    message.append(problems.size() == 1 ? " problem):" : " problems):");
    for (String problem : problems) {
      message.append("\n  ").append(problem);
    }
    if (listKeys) {
      message.append("\nvalid keys: ").append(String.join(", ", validKeys()));
    }
    return message.toString();
  }

  /** Entries read so far from one file or one list of pairs, with the problems found in them. */
  private static final class Entries {

    private final String origin;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> locationByKey = new HashMap<>();
    private final Map<Field, String> columns = new EnumMap<>(Field.class);
    private final Map<String, String> tagColumns = new LinkedHashMap<>();
    private Boolean aggregate;
    private String defaultModel;
    private String defaultProvider;
    private ZoneId timeZone;
    private UsageShape shape;
    private boolean unknownKeySeen;

    Entries(String origin) {
      this.origin = origin;
    }

    /** Adds one {@code key = value} entry, recording a problem instead when it is invalid. */
    void addLine(String text, String location) {
      int equals = text.indexOf('=');
      if (equals < 0) {
        problems.add(location + ": expected key = value, found \"" + text + "\"");
        return;
      }
      String key = text.substring(0, equals).trim();
      String value = text.substring(equals + 1).trim();
      if (key.isEmpty()) {
        problems.add(location + ": the key before '=' is missing");
        return;
      }
      if (!isKnown(key)) {
        unknownKeySeen = true;
        problems.add(location + ": unknown key \"" + key + "\"" + suggestionFor(key));
        return;
      }
      String canonicalKey = CACHE_WRITE_ALIAS.equals(key) ? Field.CACHE_WRITE_5M.key() : key;
      String firstLocation = locationByKey.putIfAbsent(canonicalKey, location);
      if (firstLocation != null) {
        problems.add(
            location + ": key \"" + canonicalKey + "\" is already set at " + firstLocation);
        return;
      }
      if (value.isEmpty()) {
        problems.add(location + ": key \"" + key + "\" has no value after '='");
        return;
      }
      store(key, value, location);
    }

    private static boolean isKnown(String key) {
      if (key.startsWith(TAG_PREFIX)) {
        return true;
      }
      return Field.fromKey(key).isPresent() || SETTINGS.contains(key);
    }

    private void store(String key, String value, String location) {
      Optional<Field> field = Field.fromKey(key);
      if (field.isPresent()) {
        columns.put(field.get(), value);
        return;
      }
      if (key.startsWith(TAG_PREFIX)) {
        String tag = key.substring(TAG_PREFIX.length()).trim();
        if (tag.isEmpty()) {
          problems.add(location + ": \"tag.\" needs a tag name, as in tag.team = team_column");
        } else {
          tagColumns.put(tag, value);
        }
        return;
      }
      switch (key) {
        case AGGREGATE -> aggregate = parseAggregate(value, location);
        case DEFAULT_MODEL -> defaultModel = value;
        case DEFAULT_PROVIDER -> defaultProvider = value;
        case TIME_ZONE -> timeZone = parseZone(value, location);
        case SHAPE -> shape = parseShape(value, location);
        default -> throw new IllegalStateException("setting without a parser: " + key);
      }
    }

    private Boolean parseAggregate(String value, String location) {
      switch (value.toLowerCase(Locale.ROOT)) {
        case "true", "yes", "1":
          return Boolean.TRUE;
        case "false", "no", "0":
          return Boolean.FALSE;
        default:
          problems.add(location + ": aggregate must be true or false, found \"" + value + "\"");
          return null;
      }
    }

    private ZoneId parseZone(String value, String location) {
      try {
        return ZoneId.of(value);
      } catch (DateTimeException e) {
        problems.add(
            location
                + ": time_zone \""
                + value
                + "\" is not a time-zone ID; use a region such as Europe/Berlin, an offset such"
                + " as +02:00, or UTC");
        return null;
      }
    }

    private UsageShape parseShape(String value, String location) {
      switch (value.toLowerCase(Locale.ROOT)) {
        case "anthropic":
          return UsageShape.ANTHROPIC;
        case "openai":
          return UsageShape.OPENAI;
        default:
          problems.add(
              location
                  + ": shape must be anthropic (input excludes cached tokens) or openai"
                  + " (prompt_tokens includes cached tokens), found \""
                  + value
                  + "\"");
          return null;
      }
    }

    /**
     * Returns a hint naming the valid key closest to a misspelt one, or an empty string when no key
     * is within 1 edit (keys up to 4 characters) or 2 edits (longer keys).
     */
    private static String suggestionFor(String key) {
      String best = null;
      int bestDistance = key.length() <= 4 ? 2 : 3;
      for (String candidate : validKeys()) {
        int distance = editDistance(key.toLowerCase(Locale.ROOT), candidate);
        if (distance < bestDistance) {
          best = candidate;
          bestDistance = distance;
        }
      }
      return best == null ? "" : " (did you mean \"" + best + "\"?)";
    }

    /**
     * Returns the edit distance between two strings, counting a swap of two adjacent characters as
     * one edit (optimal string alignment distance), so that "modle" is 1 away from "model".
     */
    private static int editDistance(String a, String b) {
      int[][] distance = new int[a.length() + 1][b.length() + 1];
      for (int i = 0; i <= a.length(); i++) {
        distance[i][0] = i;
      }
      for (int j = 0; j <= b.length(); j++) {
        distance[0][j] = j;
      }
      for (int i = 1; i <= a.length(); i++) {
        for (int j = 1; j <= b.length(); j++) {
          int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
          int best = distance[i - 1][j - 1] + cost;
          best = Math.min(best, distance[i - 1][j] + 1);
          best = Math.min(best, distance[i][j - 1] + 1);
          if (i > 1
              && j > 1
              && a.charAt(i - 1) == b.charAt(j - 2)
              && a.charAt(i - 2) == b.charAt(j - 1)) {
            best = Math.min(best, distance[i - 2][j - 2] + 1);
          }
          distance[i][j] = best;
        }
      }
      return distance[a.length()][b.length()];
    }

    ColumnMapping build() {
      ColumnMapping mapping =
          new ColumnMapping(
              columns,
              tagColumns,
              aggregate,
              defaultModel,
              defaultProvider,
              timeZone,
              shape,
              origin);
      problems.addAll(mapping.conflicts());
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(describe(origin, problems, unknownKeySeen));
      }
      return mapping;
    }
  }
}
