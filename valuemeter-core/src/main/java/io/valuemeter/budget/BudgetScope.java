package io.valuemeter.budget;

import java.util.Locale;
import java.util.Optional;

/**
 * The usage a budget counts: every call, or the calls whose attribution, model or provider has one
 * value.
 *
 * <p>In a budget file a scope is written {@code all}, {@code KIND:VALUE} (for example {@code
 * agent:claude-code}) or, for a tag, {@code tag:KEY=VALUE} (for example {@code tag:team=search}).
 *
 * @param kind what the scope matches on
 * @param tagKey the tag key for {@link Kind#TAG}, {@code tenant} for {@link Kind#TENANT}, null for
 *     the other kinds
 * @param value the value a call must have, null for {@link Kind#ALL}
 */
public record BudgetScope(Kind kind, String tagKey, String value) {

  /** The tag key that {@link Kind#TENANT} matches. */
  public static final String TENANT_TAG = "tenant";

  /** The field a scope matches on. */
  public enum Kind {
    /** Every call. */
    ALL,
    AGENT,
    WORKFLOW,
    TASK,
    SESSION,
    MODEL,
    PROVIDER,
    /** A free tag with a key and a value. */
    TAG,
    /** The tag named {@code tenant}. */
    TENANT;

    /** Returns the lower-case name used in budget files. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the kind with this lower-case or upper-case name, or empty when there is none. */
    public static Optional<Kind> fromLabel(String label) {
      for (Kind kind : values()) {
        if (kind.label().equalsIgnoreCase(label.trim())) {
          return Optional.of(kind);
        }
      }
      return Optional.empty();
    }
  }

  /** The scope of every call. */
  public static final BudgetScope ALL = new BudgetScope(Kind.ALL, null, null);

  public BudgetScope {
    if (kind == null) {
      throw new IllegalArgumentException("a budget scope needs a kind");
    }
    if (kind == Kind.TENANT) {
      tagKey = TENANT_TAG;
    }
    if (kind == Kind.ALL) {
      if (tagKey != null || value != null) {
        throw new IllegalArgumentException("scope all takes no value, got " + value);
      }
    } else if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("scope " + kind.label() + " needs a value");
    }
    if (kind == Kind.TAG && (tagKey == null || tagKey.isBlank())) {
      throw new IllegalArgumentException("scope tag needs a tag key, as in tag:team=search");
    }
    if (kind != Kind.TAG && kind != Kind.TENANT && tagKey != null) {
      throw new IllegalArgumentException("scope " + kind.label() + " takes no tag key");
    }
  }

  /** Returns the scope of one attribution field, model or provider value. */
  public static BudgetScope of(Kind kind, String value) {
    return new BudgetScope(kind, null, value);
  }

  /** Returns the scope of the calls whose tag {@code key} has {@code value}. */
  public static BudgetScope tag(String key, String value) {
    return new BudgetScope(Kind.TAG, key, value);
  }

  /** Returns the scope as a budget file writes it: {@code agent:claude-code}, {@code all}. */
  @Override
  public String toString() {
    switch (kind) {
      case ALL:
        return "all";
      case TAG:
        return "tag:" + tagKey + "=" + value;
      default:
        return kind.label() + ":" + value;
    }
  }
}
