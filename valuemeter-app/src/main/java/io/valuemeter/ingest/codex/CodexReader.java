package io.valuemeter.ingest.codex;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * Reads OpenAI Codex CLI session logs, which contain one JSON object per line with a {@code type}
 * and a {@code payload}.
 *
 * <p>Usage comes from {@code event_msg} lines whose payload type is {@code token_count}. Their
 * {@code info.total_token_usage} is cumulative for the session, so each event becomes one record
 * whose tokens are the difference from the previous event in the same file. {@code turn_context}
 * lines set the model and {@code session_meta} lines the session id.
 *
 * <p>A forked session starts its file with a replay of the parent's events. The record id is the
 * event timestamp plus the cumulative totals after the event, so a replayed event gets the same id
 * as the original and the ledger stores it once.
 *
 * <p>Token counts follow the OpenAI shape: {@code input_tokens} includes {@code
 * cached_input_tokens}, and {@code output_tokens} includes {@code reasoning_output_tokens}.
 */
public final class CodexReader implements UsageReader {

  /** Format name used by {@code --source}. */
  public static final String NAME = "codex";

  private static final String PROVIDER = "openai";
  private static final String AGENT = "codex";
  private static final String UNKNOWN_MODEL = "unknown";
  private static final int READ_BUFFER_CHARS = 1 << 16;
  private static final Set<String> LINE_TYPES =
      Set.of("session_meta", "turn_context", "event_msg", "response_item");

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Returns whether a line looks like the start of a Codex session log: a JSON object with a {@code
   * payload} field and a {@code type} of session_meta, turn_context, event_msg or response_item.
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
    if (root == null || !root.isObject() || !root.has("payload")) {
      return false;
    }
    JsonNode type = root.get("type");
    return type != null && type.isTextual() && LINE_TYPES.contains(type.asText());
  }

  @Override
  public void read(Path file, String displayName, UsageSink sink) throws IOException {
    SessionState state = new SessionState(file, displayName);
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
          sink.reject(new Rejection(displayName, lineNumber, null, null, Rejection.INVALID_UTF8));
        } else if (!text.isBlank()) {
          readLine(text, lineNumber, state, sink);
        }
      }
    }
  }

  private static void readLine(String text, long lineNumber, SessionState state, UsageSink sink)
      throws IOException {
    LogLine line;
    try {
      line = LogLine.parse(text);
    } catch (JsonProcessingException e) {
      sink.reject(
          new Rejection(
              state.displayName,
              lineNumber,
              null,
              text,
              "is not valid JSON (" + e.getOriginalMessage() + "). Fix or remove the line."));
      return;
    }
    if (line.notAnObject) {
      sink.reject(
          new Rejection(
              state.displayName,
              lineNumber,
              null,
              text,
              "is not a JSON object. Each line must be one JSON object, so fix or remove the"
                  + " line."));
      return;
    }
    if (line.type == null) {
      return;
    }
    switch (line.type) {
      case "session_meta" -> {
        if (line.payloadId != null) {
          state.session = line.payloadId;
        }
      }
      case "turn_context" -> {
        if (line.payloadModel != null) {
          state.model = line.payloadModel;
        }
      }
      case "event_msg" -> {
        if ("token_count".equals(line.payloadType)) {
          readTokenCount(line, lineNumber, state, sink);
        }
      }
      default -> {
        // response_item and other line types carry no usage.
      }
    }
  }

  /**
   * Turns one token_count event into a record of the tokens used since the previous event. A
   * rejected event leaves the running totals unchanged, so the next cumulative event still counts
   * its tokens.
   */
  private static void readTokenCount(
      LogLine line, long lineNumber, SessionState state, UsageSink sink) {
    // A token_count event with a null info carries no usage.
    if (!line.hasInfo) {
      return;
    }
    if (line.problem != null) {
      sink.reject(line.problem.toRejection(state.displayName, lineNumber));
      return;
    }

    Counts delta;
    Counts totals;
    if (line.total != null) {
      totals = line.total;
      // A counter below its previous value means Codex reset the totals, so the new totals are
      // all usage since the reset.
      delta = totals.anyBelow(state.totals) ? totals : totals.minus(state.totals);
    } else if (line.last != null) {
      delta = line.last;
      totals = state.totals.plus(line.last);
    } else {
      return;
    }
    if (delta.isZero()) {
      state.totals = totals;
      return;
    }

    Instant time = null;
    if (line.timestamp != null) {
      try {
        time = Instant.parse(line.timestamp);
      } catch (DateTimeParseException e) {
        sink.reject(
            new Rejection(
                state.displayName,
                lineNumber,
                "timestamp",
                line.timestamp,
                "is not an ISO-8601 timestamp such as 2026-05-12T08:01:00.000Z or"
                    + " 2026-05-12T10:01:00+02:00. Fix or remove the line."));
        return;
      }
    }
    state.totals = totals;

    String id =
        NAME
            + ":"
            + (line.timestamp == null ? "" : line.timestamp)
            + ":"
            + totals.input
            + ":"
            + totals.cached
            + ":"
            + totals.output
            + ":"
            + totals.reasoning;
    String model = line.infoModel != null ? line.infoModel : state.model;
    sink.accept(
        new UsageRecord(
            id,
            time,
            PROVIDER,
            model == null ? UNKNOWN_MODEL : model,
            delta.toTokenUsage(),
            UsageMode.INTERACTIVE,
            new Attribution(AGENT, null, null, state.session, null, Map.of()),
            null,
            false,
            state.displayName + ":" + lineNumber));
  }

  /** The state carried from line to line within one file. */
  private static final class SessionState {
    final String displayName;
    String session;
    String model;
    Counts totals = Counts.ZERO;

    SessionState(Path file, String displayName) {
      this.displayName = displayName;
      String fileName = file.getFileName() == null ? displayName : file.getFileName().toString();
      int dot = fileName.lastIndexOf('.');
      this.session = dot > 0 ? fileName.substring(0, dot) : fileName;
    }
  }

  /** Token counters of a Codex usage object, where input includes cached and output reasoning. */
  private record Counts(long input, long cached, long output, long reasoning) {
    static final Counts ZERO = new Counts(0, 0, 0, 0);

    boolean isZero() {
      return input == 0 && cached == 0 && output == 0 && reasoning == 0;
    }

    boolean anyBelow(Counts other) {
      return input < other.input
          || cached < other.cached
          || output < other.output
          || reasoning < other.reasoning;
    }

    Counts minus(Counts other) {
      return new Counts(
          input - other.input,
          cached - other.cached,
          output - other.output,
          reasoning - other.reasoning);
    }

    Counts plus(Counts other) {
      return new Counts(
          input + other.input,
          cached + other.cached,
          output + other.output,
          reasoning + other.reasoning);
    }

    /**
     * Converts to disjoint buckets. Cached tokens are capped at the input count and reasoning at
     * the output count, because cached tokens are part of input and reasoning tokens part of
     * output. An inconsistent log must not create tokens.
     */
    TokenUsage toTokenUsage() {
      long cacheRead = Math.min(cached, input);
      return new TokenUsage(
          input - cacheRead, cacheRead, 0, 0, output, Math.min(reasoning, output));
    }
  }

  /** The first invalid field of a line, kept until the line is known to be a token_count event. */
  private record FieldProblem(String field, String value, String reason) {
    Rejection toRejection(String file, long lineNumber) {
      return new Rejection(file, lineNumber, field, value, reason);
    }
  }

  /**
   * The fields of one log line that the reader uses. Field errors are stored in {@link #problem}
   * instead of thrown, because they matter only on token_count events.
   */
  private static final class LogLine {
    private static final String COUNT_RULE =
        " Token counts must be non-negative integers, so fix or remove the line.";

    boolean notAnObject;
    FieldProblem problem;

    String timestamp;
    String type;
    String payloadType;
    String payloadModel;
    String payloadId;
    boolean hasInfo;
    String infoModel;
    Counts total;
    Counts last;

    /** Parses one line, throwing only when the line is not valid JSON. */
    static LogLine parse(String text) throws IOException {
      LogLine line = new LogLine();
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
            case "type" -> line.type = readOptionalText(parser);
            case "payload" -> line.readPayload(parser);
            default -> parser.skipChildren();
          }
        }
        if (parser.nextToken() != null) {
          throw new JsonParseException(parser, "unexpected data after the JSON object");
        }
      }
      return line;
    }

    /**
     * Reads the payload of any line type. The top-level type may come after the payload, so the
     * fields of every type are kept and {@link CodexReader} picks the ones that apply.
     */
    private void readPayload(JsonParser parser) throws IOException {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        parser.skipChildren();
        return;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        switch (name) {
          case "type" -> payloadType = readOptionalText(parser);
          case "model" -> payloadModel = readOptionalText(parser);
          case "id" -> payloadId = readOptionalText(parser);
          case "info" -> readInfo(parser);
          default -> parser.skipChildren();
        }
      }
    }

    private void readInfo(JsonParser parser) throws IOException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_NULL) {
        return;
      }
      hasInfo = true;
      if (token != JsonToken.START_OBJECT) {
        addProblem(
            "payload.info",
            describe(parser),
            "is not an object. It must contain the token usage, so fix or remove the line.");
        parser.skipChildren();
        return;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        switch (name) {
          case "model" -> infoModel = readText(parser, "payload.info.model");
          case "total_token_usage" -> total = readCounts(parser, "payload.info.total_token_usage");
          case "last_token_usage" -> last = readCounts(parser, "payload.info.last_token_usage");
          default -> parser.skipChildren();
        }
      }
    }

    /** Reads a usage object, returning null when it is null or invalid. Missing counts are 0. */
    private Counts readCounts(JsonParser parser, String field) throws IOException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_NULL) {
        return null;
      }
      if (token != JsonToken.START_OBJECT) {
        addProblem(
            field,
            describe(parser),
            "is not an object. It must contain the token counts, so fix or remove the line.");
        parser.skipChildren();
        return null;
      }
      long input = 0;
      long cached = 0;
      long output = 0;
      long reasoning = 0;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        switch (name) {
          case "input_tokens" -> input = readCount(parser, field + ".input_tokens");
          case "cached_input_tokens" -> cached = readCount(parser, field + ".cached_input_tokens");
          case "output_tokens" -> output = readCount(parser, field + ".output_tokens");
          case "reasoning_output_tokens" ->
              reasoning = readCount(parser, field + ".reasoning_output_tokens");
          default -> parser.skipChildren();
        }
      }
      return new Counts(input, cached, output, reasoning);
    }

    /** Reads a token count, returning 0 for null and after a stored problem. */
    private long readCount(JsonParser parser, String field) throws IOException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_NULL) {
        return 0;
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

    /** Reads an optional string, storing a problem when the value is not a string or null. */
    private String readText(JsonParser parser, String field) throws IOException {
      JsonToken token = parser.currentToken();
      if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NULL) {
        addProblem(field, describe(parser), "is not a string. Fix or remove the line.");
      }
      return readOptionalText(parser);
    }

    /** Reads a string, returning null for null, blank or any other type without a problem. */
    private static String readOptionalText(JsonParser parser) throws IOException {
      if (parser.currentToken() != JsonToken.VALUE_STRING) {
        parser.skipChildren();
        return null;
      }
      String text = parser.getText();
      return text.isBlank() ? null : text;
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
  }
}
