package io.valuemeter.ingest.claudecode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.valuemeter.ingest.Rejection;
import io.valuemeter.ingest.UsageReader;
import io.valuemeter.ingest.UsageSink;
import io.valuemeter.usage.Attribution;
import io.valuemeter.usage.TokenUsage;
import io.valuemeter.usage.UsageMode;
import io.valuemeter.usage.UsageRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Reads Claude Code session transcripts, which contain one JSON object per line and are stored as
 * {@code ~/.claude/projects/<project>/<session>.jsonl}.
 *
 * <p>Every line with {@code message.usage} becomes one record. Claude Code writes one API response
 * as several lines (one per content block) that share {@code message.id} and {@code requestId}.
 * Such lines get the same record id and are all passed on in file order, and the ledger keeps one
 * of them. Lines without usage (user, summary, system, file snapshots) are skipped without a
 * rejection.
 *
 * <p>Token counts follow the Anthropic Messages API: {@code input_tokens} excludes cache reads and
 * cache writes, so each count maps to one {@link TokenUsage} bucket.
 *
 * <p>The reader parses each line with Jackson's streaming parser and skips message content without
 * building objects for it, so memory does not grow with the file or line count.
 */
public final class ClaudeCodeReader implements UsageReader {

  /** Format name used by {@code --source}. */
  public static final String NAME = "claude-code";

  private static final String PROVIDER = "anthropic";
  private static final String AGENT = "claude-code";
  private static final String UNKNOWN_MODEL = "unknown";

  /** Model name Claude Code writes on messages it creates locally without an API call. */
  private static final String SYNTHETIC_MODEL = "<synthetic>";

  private static final int HASH_ID_LENGTH = 32;
  private static final int READ_BUFFER_CHARS = 1 << 16;
  private static final Set<String> TRANSCRIPT_TYPES =
      Set.of("user", "assistant", "summary", "system");

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Returns whether a line looks like the start of a Claude Code transcript. The line must be a
   * JSON object with a {@code sessionId}, a {@code message} object with {@code usage} or {@code
   * role}, a {@code type} of user, assistant, summary or system together with {@code uuid}, {@code
   * parentUuid}, {@code leafUuid} or a {@code message} object, or a {@code file-history-snapshot}
   * line.
   */
  public static boolean looksLike(String firstNonBlankLine) {
    if (firstNonBlankLine == null || firstNonBlankLine.isBlank()) {
      return false;
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(firstNonBlankLine);
    } catch (JsonProcessingException e) {
      return false;
    }
    if (root == null || !root.isObject()) {
      return false;
    }
    if (root.has("sessionId")) {
      return true;
    }
    JsonNode message = root.get("message");
    if (message != null && message.isObject() && (message.has("usage") || message.has("role"))) {
      return true;
    }
    JsonNode type = root.get("type");
    if (type == null || !type.isTextual()) {
      return false;
    }
    if (type.asText().equals("file-history-snapshot")) {
      return true;
    }
    return TRANSCRIPT_TYPES.contains(type.asText())
        && (root.has("uuid")
            || root.has("parentUuid")
            || root.has("leafUuid")
            || (message != null && message.isObject()));
  }

  @Override
  public void read(Path file, String displayName, UsageSink sink) throws IOException {
    FileContext context = new FileContext(file, displayName);
    // InputStreamReader replaces invalid UTF-8 bytes with U+FFFD instead of failing, so one bad
    // byte costs at most one line (as invalid JSON) and not the rest of the file.
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8),
            READ_BUFFER_CHARS)) {
      long lineNumber = 0;
      String text;
      while ((text = reader.readLine()) != null) {
        lineNumber++;
        if (lineNumber == 1 && text.startsWith("\uFEFF")) {
          text = text.substring(1);
        }
        if (Rejection.hasInvalidUtf8(text)) {
          sink.reject(
              new Rejection(context.displayName, lineNumber, null, null, Rejection.INVALID_UTF8));
        } else if (!text.isBlank() && mayCarryUsage(text)) {
          readLine(text, lineNumber, context, sink);
        }
      }
    }
  }

  /**
   * Returns false for a complete JSON object line that does not contain the text {@code "usage"}:
   * such a line cannot carry usage, so parsing it would only be skipped afterwards. Most lines of a
   * transcript (user turns, tool results, snapshots) are of this kind. A line that does not look
   * like one complete object is always parsed, so that malformed lines are still rejected.
   */
  static boolean mayCarryUsage(String text) {
    int first = 0;
    int last = text.length() - 1;
    while (first <= last && Character.isWhitespace(text.charAt(first))) {
      first++;
    }
    while (last >= first && Character.isWhitespace(text.charAt(last))) {
      last--;
    }
    boolean completeObject = first < last && text.charAt(first) == '{' && text.charAt(last) == '}';
    return !completeObject || text.contains("\"usage\"");
  }

  private static void readLine(String text, long lineNumber, FileContext context, UsageSink sink)
      throws IOException {
    TranscriptLine line;
    try {
      line = TranscriptLine.parse(text);
    } catch (JsonProcessingException e) {
      sink.reject(
          new Rejection(
              context.displayName,
              lineNumber,
              null,
              text,
              "is not valid JSON (" + e.getOriginalMessage() + "). Fix or remove the line."));
      return;
    }
    if (line.notAnObject) {
      sink.reject(
          new Rejection(
              context.displayName,
              lineNumber,
              null,
              text,
              "is not a JSON object. Each line must be one JSON object, so fix or remove the"
                  + " line."));
      return;
    }
    if (!line.hasUsage) {
      return;
    }
    if (line.problem != null) {
      sink.reject(line.problem.toRejection(context.displayName, lineNumber));
      return;
    }
    if (SYNTHETIC_MODEL.equals(line.model) && line.hasZeroUsage()) {
      return;
    }

    Instant time = null;
    if (line.timestamp != null) {
      try {
        time = Instant.parse(line.timestamp);
      } catch (DateTimeParseException e) {
        sink.reject(
            new Rejection(
                context.displayName,
                lineNumber,
                "timestamp",
                line.timestamp,
                "is not an ISO-8601 timestamp such as 2025-11-19T22:53:34.908Z or"
                    + " 2025-11-19T23:53:34+01:00. Fix or remove the line."));
        return;
      }
    }

    sink.accept(
        new UsageRecord(
            recordId(line, text, lineNumber, context),
            time,
            PROVIDER,
            line.model == null ? UNKNOWN_MODEL : line.model,
            line.tokenUsage(),
            UsageMode.INTERACTIVE,
            attribution(line, context),
            line.costUsd,
            false,
            context.displayName + ":" + lineNumber));
  }

  /**
   * Builds the record id from {@code message.id} and {@code requestId}, so that all lines of one
   * API response share it. Without a message id the id is a hash of file name, line number and line
   * text, which stays the same when the same file is read again.
   */
  private static String recordId(
      TranscriptLine line, String text, long lineNumber, FileContext context) {
    if (line.messageId != null) {
      return line.requestId == null
          ? NAME + ":" + line.messageId
          : NAME + ":" + line.messageId + ":" + line.requestId;
    }
    String hashInput = context.fileNameForHash + ":" + lineNumber + ":" + text;
    byte[] digest = context.sha256().digest(hashInput.getBytes(StandardCharsets.UTF_8));
    return NAME + ":" + HexFormat.of().formatHex(digest).substring(0, HASH_ID_LENGTH);
  }

  private static Attribution attribution(TranscriptLine line, FileContext context) {
    Map<String, String> tags = new HashMap<>();
    if (line.sidechain) {
      tags.put("sidechain", "true");
    }
    // NOTE: the tag is the parent directory name. That is the project only for files stored
    // directly under ~/.claude/projects/<project>/, not for files in deeper folders.
    if (context.parentDirectoryName != null) {
      tags.put("project", context.parentDirectoryName);
    }
    String session = line.sessionId == null ? context.fileNameWithoutExtension : line.sessionId;
    return new Attribution(AGENT, null, null, session, null, tags);
  }

  /** Values that stay the same for every line of one file. */
  private static final class FileContext {
    final String displayName;
    final String fileNameForHash;
    final String fileNameWithoutExtension;
    final String parentDirectoryName;
    private MessageDigest sha256;

    FileContext(Path file, String displayName) {
      this.displayName = displayName;
      this.fileNameForHash = lastPathSegment(displayName);
      String fileName = file.getFileName() == null ? displayName : file.getFileName().toString();
      int dot = fileName.lastIndexOf('.');
      this.fileNameWithoutExtension = dot > 0 ? fileName.substring(0, dot) : fileName;
      Path parent = file.toAbsolutePath().getParent();
      this.parentDirectoryName =
          parent == null || parent.getFileName() == null ? null : parent.getFileName().toString();
    }

    MessageDigest sha256() {
      if (sha256 == null) {
        try {
          sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
      }
      return sha256;
    }

    private static String lastPathSegment(String path) {
      int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
      return path.substring(slash + 1);
    }
  }

  /** The first invalid field of a line, kept until the line is known to carry usage. */
  private record FieldProblem(String field, String value, String reason) {
    Rejection toRejection(String file, long lineNumber) {
      return new Rejection(file, lineNumber, field, value, reason);
    }
  }

  /**
   * The fields of one transcript line that the reader uses. Field errors are stored in {@link
   * #problem} instead of thrown, because they matter only on lines with usage.
   */
  private static final class TranscriptLine {
    private static final long ABSENT = -1;
    private static final String COUNT_RULE =
        " Token counts must be non-negative integers, so fix or remove the line.";

    boolean notAnObject;
    boolean hasUsage;
    FieldProblem problem;

    String timestamp;
    String sessionId;
    String requestId;
    BigDecimal costUsd;
    boolean sidechain;
    String messageId;
    String model;

    long inputTokens = ABSENT;
    long outputTokens = ABSENT;
    long cacheCreationTokens = ABSENT;
    long cacheReadTokens = ABSENT;
    long ephemeral5mTokens = ABSENT;
    long ephemeral1hTokens = ABSENT;

    /** Parses one line, throwing only when the line is not valid JSON. */
    static TranscriptLine parse(String text) throws IOException {
      TranscriptLine line = new TranscriptLine();
      try (JsonParser parser = JSON.createParser(text)) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          line.notAnObject = true;
          return line;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          switch (name) {
            case "timestamp" -> line.timestamp = line.readText(parser, "timestamp");
            case "sessionId" -> line.sessionId = line.readText(parser, "sessionId");
            case "requestId" -> line.requestId = line.readText(parser, "requestId");
            case "costUSD" -> line.costUsd = line.readCost(parser);
            case "isSidechain" -> {
              line.sidechain = parser.currentToken() == JsonToken.VALUE_TRUE;
              parser.skipChildren();
            }
            case "message" -> line.readMessage(parser);
            default -> parser.skipChildren();
          }
        }
        if (parser.nextToken() != null) {
          throw new JsonParseException(parser, "unexpected data after the JSON object");
        }
      }
      return line;
    }

    private void readMessage(JsonParser parser) throws IOException {
      // Some user lines carry a plain string as the message, which has no usage.
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        parser.skipChildren();
        return;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        switch (name) {
          case "id" -> messageId = readText(parser, "message.id");
          case "model" -> model = readText(parser, "message.model");
          case "usage" -> readUsage(parser);
          default -> parser.skipChildren();
        }
      }
    }

    private void readUsage(JsonParser parser) throws IOException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_NULL) {
        return;
      }
      hasUsage = true;
      if (token != JsonToken.START_OBJECT) {
        addProblem(
            "message.usage",
            describe(parser),
            "is not an object. Usage must be an object of token counts, so fix or remove the"
                + " line.");
        parser.skipChildren();
        return;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        switch (name) {
          case "input_tokens" -> inputTokens = readCount(parser, "message.usage.input_tokens");
          case "output_tokens" -> outputTokens = readCount(parser, "message.usage.output_tokens");
          case "cache_creation_input_tokens" ->
              cacheCreationTokens = readCount(parser, "message.usage.cache_creation_input_tokens");
          case "cache_read_input_tokens" ->
              cacheReadTokens = readCount(parser, "message.usage.cache_read_input_tokens");
          case "cache_creation" -> readCacheCreation(parser);
          default -> parser.skipChildren();
        }
      }
    }

    private void readCacheCreation(JsonParser parser) throws IOException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_NULL) {
        return;
      }
      if (token != JsonToken.START_OBJECT) {
        addProblem(
            "message.usage.cache_creation",
            describe(parser),
            "is not an object. It must contain the cache write counts per lifetime, so fix or"
                + " remove the line.");
        parser.skipChildren();
        return;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        switch (name) {
          case "ephemeral_5m_input_tokens" ->
              ephemeral5mTokens =
                  readCount(parser, "message.usage.cache_creation.ephemeral_5m_input_tokens");
          case "ephemeral_1h_input_tokens" ->
              ephemeral1hTokens =
                  readCount(parser, "message.usage.cache_creation.ephemeral_1h_input_tokens");
          default -> parser.skipChildren();
        }
      }
    }

    /** Reads a token count, returning {@link #ABSENT} for null and 0 after a stored problem. */
    private long readCount(JsonParser parser, String field) throws IOException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_NULL) {
        return ABSENT;
      }
      if (token != JsonToken.VALUE_NUMBER_INT) {
        addProblem(field, describe(parser), "is not an integer." + COUNT_RULE);
        parser.skipChildren();
        return 0;
      }
      if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        addProblem(field, parser.getText(), "is too large for a token count." + COUNT_RULE);
        return 0;
      }
      long count = parser.getLongValue();
      if (count < 0) {
        addProblem(field, parser.getText(), "is negative." + COUNT_RULE);
        return 0;
      }
      if (count > TokenUsage.MAX_TOKENS) {
        addProblem(field, parser.getText(), "is larger than a trillion tokens." + COUNT_RULE);
        return 0;
      }
      return count;
    }

    /** Reads an optional string: null or blank gives null, and any other type stores a problem. */
    private String readText(JsonParser parser, String field) throws IOException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_STRING) {
        String text = parser.getText();
        return text.isBlank() ? null : text;
      }
      if (token != JsonToken.VALUE_NULL) {
        addProblem(field, describe(parser), "is not a string. Fix or remove the line.");
        parser.skipChildren();
      }
      return null;
    }

    private BigDecimal readCost(JsonParser parser) throws IOException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_NULL) {
        return null;
      }
      if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
        addProblem(
            "costUSD",
            describe(parser),
            "is not a number. The cost must be a non-negative number of US dollars, so fix or"
                + " remove the line.");
        parser.skipChildren();
        return null;
      }
      // The token text keeps the exact decimal digits, which a double would round.
      BigDecimal cost = new BigDecimal(parser.getText());
      if (cost.signum() < 0) {
        addProblem(
            "costUSD",
            parser.getText(),
            "is negative. The cost must be a non-negative number of US dollars, so fix or remove"
                + " the line.");
        return null;
      }
      return cost;
    }

    private void addProblem(String field, String value, String reason) {
      if (problem == null) {
        problem = new FieldProblem(field, value, reason);
      }
    }

    private static String describe(JsonParser parser) throws IOException {
      return switch (parser.currentToken()) {
        case START_OBJECT -> "{...}";
        case START_ARRAY -> "[...]";
        default -> parser.getText();
      };
    }

    boolean hasZeroUsage() {
      return orZero(inputTokens) == 0
          && orZero(outputTokens) == 0
          && orZero(cacheCreationTokens) == 0
          && orZero(cacheReadTokens) == 0
          && orZero(ephemeral5mTokens) == 0
          && orZero(ephemeral1hTokens) == 0;
    }

    /**
     * Maps the counts to buckets. Cache writes use the per-lifetime split in {@code cache_creation}
     * when the line has one, and otherwise count as 5-minute writes, the default cache lifetime of
     * the Anthropic API.
     */
    TokenUsage tokenUsage() {
      long cacheWrite5m = orZero(cacheCreationTokens);
      long cacheWrite1h = 0;
      if (ephemeral5mTokens != ABSENT || ephemeral1hTokens != ABSENT) {
        cacheWrite5m = orZero(ephemeral5mTokens);
        cacheWrite1h = orZero(ephemeral1hTokens);
        // The split should add up to cache_creation_input_tokens. If it adds up to less, the
        // rest counts as 5-minute writes so that no written token is dropped.
        long unsplit = orZero(cacheCreationTokens) - cacheWrite5m - cacheWrite1h;
        if (unsplit > 0) {
          cacheWrite5m += unsplit;
        }
      }
      return new TokenUsage(
          orZero(inputTokens),
          orZero(cacheReadTokens),
          cacheWrite5m,
          cacheWrite1h,
          orZero(outputTokens),
          0);
    }

    private static long orZero(long count) {
      return count == ABSENT ? 0 : count;
    }
  }
}
