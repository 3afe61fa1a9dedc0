package io.valuemeter.ingest.prices;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valuemeter.pricing.LongContextTier;
import io.valuemeter.pricing.ModelPrice;
import io.valuemeter.pricing.PriceCatalog;
import io.valuemeter.pricing.TokenRates;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads prices in the LiteLLM JSON format: an object whose keys are model names and whose values
 * give prices in US dollars per token ({@code input_cost_per_token}, {@code output_cost_per_token},
 * {@code cache_read_input_token_cost}, {@code cache_creation_input_token_cost}, {@code
 * cache_creation_input_token_cost_above_1hr}, {@code input_cost_per_token_batches}, {@code
 * output_cost_per_token_batches}, {@code output_cost_per_reasoning_token} and the {@code
 * *_above_NNNk_tokens} long-context rates).
 *
 * <p>Two keys that LiteLLM does not define are read too, so that one format serves for custom and
 * negotiated prices: {@code effective_from} (a date, {@code YYYY-MM-DD}, from which the price
 * applies) and {@code source} (where the price comes from; LiteLLM uses it for a page address).
 * Entries without both an input and an output price per token, such as image or audio models, are
 * skipped and counted.
 */
public final class LiteLlmPriceReader {

  private static final Set<String> IGNORED_KEYS = Set.of("sample_spec", "last_updated");
  private static final Pattern ABOVE_THRESHOLD =
      Pattern.compile("^input_cost_per_token_above_(\\d+)k_tokens$");
  private static final BigDecimal TOKENS_PER_MILLION = BigDecimal.valueOf(1_000_000);

  private final ObjectMapper mapper =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /**
   * The prices read from one file, with the entries skipped and the problems found.
   *
   * @param prices the valid prices
   * @param skipped entries without per-token input and output prices
   * @param problems one message per invalid entry, naming the file, key, field and value
   */
  public record Result(List<ModelPrice> prices, int skipped, List<String> problems) {

    /** Returns the prices as a catalog named after the file. */
    public PriceCatalog catalog(String name) {
      return PriceCatalog.of(name, prices);
    }
  }

  /** Reads a LiteLLM price file. */
  public Result read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("price file " + file + " not found or not a file");
    }
    if (Files.size(file) == 0) {
      throw new IOException(
          "price file " + file + " is empty; expected a JSON object of model prices");
    }
    JsonNode root;
    try {
      root = mapper.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new IOException(
          "price file "
              + file
              + " is not valid JSON at line "
              + e.getLocation().getLineNr()
              + ": "
              + e.getOriginalMessage(),
          e);
    }
    return read(root, file.getFileName().toString());
  }

  /** Reads prices from a parsed LiteLLM object; {@code origin} names it in messages. */
  public Result read(JsonNode root, String origin) {
    if (root == null || !root.isObject()) {
      return new Result(
          List.of(), 0, List.of(origin + ": expected a JSON object with one entry per model"));
    }
    List<ModelPrice> prices = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int skipped = 0;
    Iterator<Map.Entry<String, JsonNode>> entries = root.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      if (IGNORED_KEYS.contains(entry.getKey())) {
        continue;
      }
      EntryProblems entryProblems = new EntryProblems(origin, entry.getKey());
      ModelPrice price = toPrice(entry.getKey(), entry.getValue(), origin, entryProblems);
      if (!entryProblems.messages.isEmpty()) {
        problems.addAll(entryProblems.messages);
      } else if (price == null) {
        skipped++;
      } else {
        prices.add(price);
      }
    }
    return new Result(prices, skipped, problems);
  }

  /** Returns the entries of a file by key, for storing them unchanged in the ledger. */
  public Map<String, JsonNode> entries(Path file) throws IOException {
    JsonNode root = mapper.readTree(file.toFile());
    Map<String, JsonNode> result = new TreeMap<>();
    root.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue()));
    return result;
  }

  /** Returns a JSON object of the given entries, the inverse of {@link #entries}. */
  public JsonNode objectOf(Map<String, String> entryTextByKey) throws IOException {
    ObjectNode root = mapper.createObjectNode();
    for (Map.Entry<String, String> entry : entryTextByKey.entrySet()) {
      root.set(entry.getKey(), mapper.readTree(entry.getValue()));
    }
    return root;
  }

  private ModelPrice toPrice(String key, JsonNode entry, String origin, EntryProblems problems) {
    if (!entry.isObject()) {
      problems.add(null, entry.toString(), "must be a JSON object of prices");
      return null;
    }
    BigDecimal input = perMillion(entry, "input_cost_per_token", problems);
    BigDecimal output = perMillion(entry, "output_cost_per_token", problems);
    if (input == null || output == null) {
      return null;
    }
    TokenRates standard =
        new TokenRates(
            input,
            output,
            perMillion(entry, "cache_read_input_token_cost", problems),
            perMillion(entry, "cache_creation_input_token_cost", problems),
            perMillion(entry, "cache_creation_input_token_cost_above_1hr", problems),
            perMillion(entry, "output_cost_per_reasoning_token", problems));
    BigDecimal batchInput = perMillion(entry, "input_cost_per_token_batches", problems);
    BigDecimal batchOutput = perMillion(entry, "output_cost_per_token_batches", problems);
    TokenRates batch =
        batchInput != null && batchOutput != null ? TokenRates.of(batchInput, batchOutput) : null;
    LongContextTier tier = longContextTier(entry, output, problems);
    LocalDate effectiveFrom = effectiveFrom(entry, problems);
    String provider = text(entry, "litellm_provider");
    String source = text(entry, "source");
    if (!problems.messages.isEmpty()) {
      return null;
    }
    return new ModelPrice(
        key,
        provider,
        effectiveFrom,
        standard,
        batch,
        tier,
        source == null ? origin : origin + " (" + source + ")");
  }

  /**
   * Returns the long-context tier with the lowest threshold. LiteLLM names tier rates by their
   * threshold in thousands of tokens, as in {@code input_cost_per_token_above_200k_tokens}.
   */
  private LongContextTier longContextTier(
      JsonNode entry, BigDecimal baseOutput, EntryProblems problems) {
    Long thresholdThousands = null;
    Iterator<String> names = entry.fieldNames();
    while (names.hasNext()) {
      Matcher matcher = ABOVE_THRESHOLD.matcher(names.next());
      if (matcher.matches()) {
        long value = Long.parseLong(matcher.group(1));
        thresholdThousands =
            thresholdThousands == null ? value : Math.min(value, thresholdThousands);
      }
    }
    if (thresholdThousands == null) {
      return null;
    }
    // NOTE: a model with several tiers (for example 128k and 256k) keeps only the lowest one.
    String suffix = "_above_" + thresholdThousands + "k_tokens";
    BigDecimal input = perMillion(entry, "input_cost_per_token" + suffix, problems);
    BigDecimal output = perMillion(entry, "output_cost_per_token" + suffix, problems);
    if (input == null) {
      return null;
    }
    TokenRates rates =
        new TokenRates(
            input,
            output == null ? baseOutput : output,
            perMillion(entry, "cache_read_input_token_cost" + suffix, problems),
            perMillion(entry, "cache_creation_input_token_cost" + suffix, problems),
            perMillion(entry, "cache_creation_input_token_cost_above_1hr" + suffix, problems),
            null);
    return new LongContextTier(thresholdThousands * 1_000, rates);
  }

  private static BigDecimal perMillion(JsonNode entry, String field, EntryProblems problems) {
    JsonNode value = entry.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      problems.add(field, value.toString(), "must be a number of US dollars per token");
      return null;
    }
    BigDecimal perToken = value.decimalValue();
    if (perToken.signum() < 0) {
      problems.add(field, perToken.toPlainString(), "must be non-negative");
      return null;
    }
    BigDecimal result = perToken.multiply(TOKENS_PER_MILLION).stripTrailingZeros();
    return result.scale() < 0 ? result.setScale(0) : result;
  }

  private static LocalDate effectiveFrom(JsonNode entry, EntryProblems problems) {
    String text = text(entry, "effective_from");
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      problems.add("effective_from", text, "must be a date in the form YYYY-MM-DD");
      return null;
    }
  }

  private static String text(JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    return value == null || value.isNull() || !value.isTextual() ? null : value.asText();
  }

  /** Problems of one entry, each message naming the file, key, field and value. */
  private static final class EntryProblems {
    private final String origin;
    private final String key;
    private final List<String> messages = new ArrayList<>();

    EntryProblems(String origin, String key) {
      this.origin = origin;
      this.key = key;
    }

    void add(String field, String value, String rule) {
      String where = field == null ? "" : " field \"" + field + "\"";
      messages.add(
          origin
              + ": model \""
              + key
              + "\""
              + where
              + " value "
              + value
              + " "
              + rule
              + "; fix the entry or remove it");
    }
  }
}
