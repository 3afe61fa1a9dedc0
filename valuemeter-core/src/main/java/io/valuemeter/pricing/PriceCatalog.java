package io.valuemeter.pricing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Model prices by catalog key, each key with its prices in order of effective date.
 *
 * <p>A catalog can be layered over another with {@link #overlay}: a model found in the upper layer
 * is priced from that layer only, so an overrides file replaces a list price rather than mixing
 * with it.
 */
public final class PriceCatalog {

  private static final Comparator<ModelPrice> BY_EFFECTIVE_DATE =
      Comparator.comparing(
          ModelPrice::effectiveFrom, Comparator.nullsFirst(Comparator.naturalOrder()));

  /** Layers, upper first: each maps a catalog key to its prices in order of effective date. */
  private final List<Map<String, List<ModelPrice>>> layers;

  private final String name;

  private PriceCatalog(String name, List<Map<String, List<ModelPrice>>> layers) {
    this.name = name;
    this.layers = List.copyOf(layers);
  }

  /** Creates a catalog from prices; several prices of one key are told apart by their dates. */
  public static PriceCatalog of(String name, Collection<ModelPrice> prices) {
    Map<String, List<ModelPrice>> byKey = new TreeMap<>();
    for (ModelPrice price : prices) {
      byKey.computeIfAbsent(ModelNames.canonical(price.model()), k -> new ArrayList<>()).add(price);
    }
    byKey.replaceAll((key, list) -> sortedWithoutRepeatedDates(key, list));
    return new PriceCatalog(name, List.of(byKey));
  }

  /** Returns an empty catalog. */
  public static PriceCatalog empty() {
    return new PriceCatalog("empty", List.of());
  }

  /** Returns a catalog that looks up {@code upper} first and this catalog for the rest. */
  public PriceCatalog overlay(PriceCatalog upper) {
    List<Map<String, List<ModelPrice>>> combined = new ArrayList<>(upper.layers);
    combined.addAll(layers);
    return new PriceCatalog(upper.name + " over " + name, combined);
  }

  /**
   * Finds the price of a model at a time.
   *
   * <p>The keys of {@link ModelNames#candidates} are tried in order in each layer, upper layer
   * first. Within a key the price in force at {@code time} wins: the latest whose effective date is
   * on or before the call's UTC day. A call without a time, or one made before the earliest known
   * date, takes the latest price or the earliest one respectively.
   *
   * @param model the model as the source spells it
   * @param provider the provider as the source names it, or null
   * @param time the call time, or null
   */
  public Optional<ModelPrice> find(String model, String provider, Instant time) {
    return pricesOf(model, provider).map(prices -> inForce(prices, time));
  }

  /** Returns every price of every layer, upper layers first, each key's prices by date. */
  public List<ModelPrice> all() {
    List<ModelPrice> result = new ArrayList<>();
    layers.forEach(layer -> layer.values().forEach(result::addAll));
    return result;
  }

  /** Returns every price recorded for one model in the layer that prices it, oldest first. */
  public List<ModelPrice> history(String model, String provider) {
    return pricesOf(model, provider).orElse(List.of());
  }

  /** Returns the number of distinct model keys over all layers. */
  public int size() {
    return (int) all().stream().map(p -> ModelNames.canonical(p.model())).distinct().count();
  }

  /** Returns the catalog's name, such as {@code built-in} or the file it was read from. */
  public String name() {
    return name;
  }

  private static ModelPrice inForce(List<ModelPrice> prices, Instant time) {
    if (time == null) {
      return prices.get(prices.size() - 1);
    }
    LocalDate day = time.atZone(ZoneOffset.UTC).toLocalDate();
    ModelPrice chosen = prices.get(0);
    for (ModelPrice price : prices) {
      if (price.effectiveFrom() == null || !price.effectiveFrom().isAfter(day)) {
        chosen = price;
      }
    }
    return chosen;
  }

  private static List<ModelPrice> sortedWithoutRepeatedDates(String key, List<ModelPrice> list) {
    List<ModelPrice> sorted = new ArrayList<>(list);
    sorted.sort(BY_EFFECTIVE_DATE);
    List<ModelPrice> result = new ArrayList<>();
    for (ModelPrice price : sorted) {
      if (!result.isEmpty()
          && Objects.equals(result.get(result.size() - 1).effectiveFrom(), price.effectiveFrom())) {
        // Two prices for one key and date: the later one in the input replaces the earlier.
        result.set(result.size() - 1, price);
      } else {
        result.add(price);
      }
    }
    return List.copyOf(result);
  }

  private Optional<List<ModelPrice>> pricesOf(String model, String provider) {
    List<String> keys = ModelNames.candidates(model, provider);
    for (Map<String, List<ModelPrice>> layer : layers) {
      for (String key : keys) {
        List<ModelPrice> prices = layer.get(key);
        if (prices != null) {
          return Optional.of(prices);
        }
      }
    }
    return Optional.empty();
  }
}
