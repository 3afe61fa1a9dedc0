package io.valuemeter.pricing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Model-name normalisation: the spellings that sources use for one model are turned into catalog
 * keys to try, most specific first.
 *
 * <p>Handled: upper and lower case, surrounding blanks, provider prefixes ({@code openai/}, {@code
 * together_ai/openai/}), Bedrock-style prefixes and suffixes ({@code anthropic.}, {@code -v1:0}),
 * Vertex-style {@code @20240229} versions, date suffixes ({@code -20250514}, {@code -2024-08-06})
 * and the {@code -latest} alias.
 */
public final class ModelNames {

  private static final Pattern DATE_SUFFIX = Pattern.compile("-(20\\d{6}|20\\d{2}-\\d{2}-\\d{2})$");
  private static final Pattern VERSION_AT = Pattern.compile("@[0-9a-z.-]+$");
  private static final Pattern BEDROCK_VERSION = Pattern.compile("-v\\d+(:\\d+)?$");
  private static final Pattern BEDROCK_REGION = Pattern.compile("^(us|eu|apac|global)\\.");
  private static final Pattern VENDOR_DOT = Pattern.compile("^(anthropic|openai|google|meta)\\.");

  private ModelNames() {}

  /** Returns the name in lower case without surrounding blanks. */
  public static String canonical(String model) {
    return model.trim().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the catalog keys to try for a model, most specific first: the name with the provider
   * prepended, the name as given, then with prefixes and version suffixes removed step by step.
   *
   * @param model the model as the source spells it
   * @param provider the provider as the source names it, or null
   */
  public static List<String> candidates(String model, String provider) {
    String name = canonical(model);
    Set<String> keys = new LinkedHashSet<>();
    if (provider != null && !provider.isBlank()) {
      keys.add(canonical(provider) + "/" + name);
    }
    keys.add(name);
    String bare = stripPrefixes(name);
    keys.add(bare);
    String undated = stripVersionSuffixes(bare);
    keys.add(undated);
    return new ArrayList<>(keys);
  }

  /** Returns the shortest key of {@link #candidates}: the bare model without prefix or date. */
  public static String baseName(String model) {
    return stripVersionSuffixes(stripPrefixes(canonical(model)));
  }

  private static String stripPrefixes(String name) {
    int slash = name.lastIndexOf('/');
    String bare = slash >= 0 ? name.substring(slash + 1) : name;
    bare = BEDROCK_REGION.matcher(bare).replaceFirst("");
    return VENDOR_DOT.matcher(bare).replaceFirst("");
  }

  private static String stripVersionSuffixes(String name) {
    String result = BEDROCK_VERSION.matcher(name).replaceFirst("");
    result = VERSION_AT.matcher(result).replaceFirst("");
    result = DATE_SUFFIX.matcher(result).replaceFirst("");
    if (result.endsWith("-latest")) {
      result = result.substring(0, result.length() - "-latest".length());
    }
    return result;
  }
}
