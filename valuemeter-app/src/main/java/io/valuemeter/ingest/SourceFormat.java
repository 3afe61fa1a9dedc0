package io.valuemeter.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The input formats that {@code --source} names. */
public enum SourceFormat {
  CLAUDE_CODE("claude-code"),
  CODEX("codex"),
  CSV("csv"),
  JSONL("jsonl");

  private final String label;

  SourceFormat(String label) {
    this.label = label;
  }

  /** Returns the name used on the command line. */
  public String label() {
    return label;
  }

  /** Parses a format name as written on the command line. */
  public static Optional<SourceFormat> parse(String text) {
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.label.equals(wanted)).findFirst();
  }

  /** Returns the valid names, comma-separated, for messages. */
  public static String labels() {
    return Arrays.stream(values()).map(SourceFormat::label).collect(Collectors.joining(", "));
  }
}
