package io.valuemeter.ingest.budget;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a budget file, YAML or JSON, into plain Java values (maps, lists, strings, numbers and
 * booleans) for {@code io.valuemeter.budget.BudgetValidator}.
 *
 * <p>A file whose name ends in {@code .json} is read as JSON, any other as YAML. Decimals are read
 * as exact {@link java.math.BigDecimal}s, so a limit of 0.1 stays 0.1. A map that repeats a key is
 * a syntax error, because the second value would silently replace the first.
 */
public final class BudgetFileReader {

  /** A budget file that is not valid YAML or JSON. */
  public static final class SyntaxException extends IOException {
    SyntaxException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private BudgetFileReader() {}

  /**
   * Parses a budget file.
   *
   * @return the parsed content, or null when the file is empty or holds only comments
   * @throws SyntaxException when the file is not valid YAML or JSON, with the line and column
   * @throws IOException when the file cannot be read
   */
  public static Object read(Path file) throws IOException {
    ObjectMapper mapper = mapperFor(file);
    try (InputStream in = Files.newInputStream(file);
        JsonParser parser = mapper.createParser(in)) {
      if (parser.nextToken() == null) {
        return null;
      }
      return mapper.readValue(parser, Object.class);
    } catch (JsonProcessingException e) {
      throw new SyntaxException(syntaxMessage(file, e), e);
    }
  }

  private static ObjectMapper mapperFor(Path file) {
    boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    ObjectMapper mapper = json ? new ObjectMapper() : new YAMLMapper();
    mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return mapper;
  }

  private static String syntaxMessage(Path file, JsonProcessingException e) {
    String format =
        file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? "JSON" : "YAML";
    JsonLocation location = e.getLocation();
    String where =
        location == null || location.getLineNr() < 1
            ? ""
            : " line " + location.getLineNr() + " column " + location.getColumnNr();
    return file
        + where
        + ": invalid "
        + format
        + ": "
        + e.getOriginalMessage()
        + ". Fix the syntax and run valuemeter budgets validate again.";
  }
}
