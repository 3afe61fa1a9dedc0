package io.valuemeter.pricing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The list prices that ship with ValueMeter: current Anthropic, OpenAI and Google models, each with
 * the date it took effect and the page it comes from.
 *
 * <p>The prices live in the tab-separated resource {@code builtin-prices.tsv} beside this class, in
 * US dollars per million tokens.
 */
public final class BuiltInPrices {

  private static final String RESOURCE = "builtin-prices.tsv";
  private static final int COLUMNS = 17;

  private BuiltInPrices() {}

  /** Loads the built-in catalog. */
  public static PriceCatalog catalog() {
    return PriceCatalog.of("built-in", load());
  }

  /** Loads the built-in prices. */
  public static List<ModelPrice> load() {
    try (InputStream in = BuiltInPrices.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("built-in price resource " + RESOURCE + " is missing");
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("failed to read built-in prices", e);
    }
  }

  private static List<ModelPrice> parse(BufferedReader reader) throws IOException {
    List<ModelPrice> prices = new ArrayList<>();
    boolean headerSeen = false;
    int lineNumber = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lineNumber++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (!headerSeen) {
        headerSeen = true;
        continue;
      }
      String[] cells = line.split("\t", -1);
      if (cells.length != COLUMNS) {
        throw new IllegalStateException(
            RESOURCE + " line " + lineNumber + " has " + cells.length + " columns, not " + COLUMNS);
      }
      prices.add(toPrice(cells));
    }
    return prices;
  }

  private static ModelPrice toPrice(String[] cells) {
    TokenRates standard =
        new TokenRates(
            rate(cells[3]), rate(cells[4]), rate(cells[5]), rate(cells[6]), rate(cells[7]), null);
    TokenRates batch = cells[8].equals("-") ? null : TokenRates.of(rate(cells[8]), rate(cells[9]));
    LongContextTier longContext = null;
    if (!cells[10].equals("-")) {
      longContext =
          new LongContextTier(
              Long.parseLong(cells[10]),
              new TokenRates(
                  rate(cells[11]),
                  rate(cells[12]),
                  rate(cells[13]),
                  rate(cells[14]),
                  rate(cells[15]),
                  null));
    }
    LocalDate effectiveFrom = cells[2].equals("-") ? null : LocalDate.parse(cells[2]);
    return new ModelPrice(
        cells[0], cells[1], effectiveFrom, standard, batch, longContext, cells[16]);
  }

  private static BigDecimal rate(String cell) {
    return cell.equals("-") ? null : new BigDecimal(cell);
  }
}
