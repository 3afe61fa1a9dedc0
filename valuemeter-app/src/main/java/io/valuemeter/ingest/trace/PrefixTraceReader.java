package io.valuemeter.ingest.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.valuemeter.advice.PrefixCacheSimulation;
import io.valuemeter.ingest.Rejection;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a request trace with prompt-prefix block hashes, one JSON object per line with {@code
 * input_length}, {@code output_length} (tokens) and {@code hash_ids} (one id per prompt block), as
 * in the Mooncake traces, into a {@link PrefixCacheSimulation}.
 */
public final class PrefixTraceReader {

  private static final JsonFactory JSON = new JsonFactory();

  private PrefixTraceReader() {}

  /**
   * Feeds every valid line of a trace to the simulation; invalid lines go to {@code rejections}.
   *
   * @return the number of requests read
   */
  public static long read(
      Path file, PrefixCacheSimulation simulation, Consumer<Rejection> rejections)
      throws IOException {
    long requests = 0;
    long lineNumber = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        try {
          Request request = parse(line);
          simulation.add(request.input, request.output, request.hashes);
          requests++;
        } catch (IllegalArgumentException e) {
          rejections.accept(new Rejection(file.toString(), lineNumber, null, null, e.getMessage()));
        }
      }
    }
    return requests;
  }

  private record Request(long input, long output, List<Long> hashes) {}

  private static Request parse(String line) {
    long input = -1;
    long output = 0;
    List<Long> hashes = null;
    try (JsonParser parser = JSON.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("is not a JSON object; fix or remove the line");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken token = parser.nextToken();
        switch (field) {
          case "input_length" -> input = count(parser, token, field);
          case "output_length" -> output = count(parser, token, field);
          case "hash_ids" -> hashes = hashes(parser, token);
          default -> parser.skipChildren();
        }
      }
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(
          "is not valid JSON (" + e.getOriginalMessage() + "); fix or remove the line");
    } catch (IOException e) {
      throw new IllegalArgumentException("could not be parsed: " + e.getMessage());
    }
    if (input < 0) {
      throw new IllegalArgumentException(
          "has no input_length; every request needs its prompt size");
    }
    if (hashes == null) {
      throw new IllegalArgumentException("has no hash_ids; every request needs its block hashes");
    }
    return new Request(input, output, hashes);
  }

  private static long count(JsonParser parser, JsonToken token, String field) throws IOException {
    if (token != JsonToken.VALUE_NUMBER_INT || parser.getLongValue() < 0) {
      throw new IllegalArgumentException(
          "field \"" + field + "\" value " + parser.getText() + " must be a non-negative integer");
    }
    return parser.getLongValue();
  }

  private static List<Long> hashes(JsonParser parser, JsonToken token) throws IOException {
    if (token != JsonToken.START_ARRAY) {
      throw new IllegalArgumentException("field \"hash_ids\" must be an array of integers");
    }
    List<Long> hashes = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
        throw new IllegalArgumentException(
            "field \"hash_ids\" value " + parser.getText() + " must be an integer");
      }
      hashes.add(parser.getLongValue());
    }
    return hashes;
  }
}
