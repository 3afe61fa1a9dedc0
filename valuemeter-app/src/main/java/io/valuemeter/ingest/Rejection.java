package io.valuemeter.ingest;

/**
 * One line or row that could not be read.
 *
 * @param file the file, as given on the command line
 * @param line the 1-based line (JSONL) or record (CSV) number, 0 when the whole file is affected
 * @param field the field or column at fault, or null when the line as a whole is invalid
 * @param value the offending value as read, shortened to 80 characters, or null
 * @param reason what is wrong and what to do about it
 */
public record Rejection(String file, long line, String field, String value, String reason) {

  private static final int MAX_VALUE_LENGTH = 80;

  public Rejection {
    if (value != null && value.length() > MAX_VALUE_LENGTH) {
      value = value.substring(0, MAX_VALUE_LENGTH) + "...";
    }
  }

  /** The reason given for a line with bytes that are not valid UTF-8. */
  public static final String INVALID_UTF8 =
      "contains bytes that are not valid UTF-8; save the file as UTF-8 or remove the line";

  /**
   * Returns true when a decoded line holds U+FFFD, the character that replaces bytes that are not
   * valid UTF-8. A line that carried U+FFFD on purpose is rejected too, which is rare in logs.
   */
  public static boolean hasInvalidUtf8(String text) {
    return text.indexOf('\uFFFD') >= 0;
  }

  /** Returns the message shown to users, naming file, line, field and value. */
  public String message() {
    StringBuilder text = new StringBuilder(file);
    if (line > 0) {
      text.append(" line ").append(line);
    }
    text.append(": ");
    if (field != null) {
      text.append("field \"").append(field).append("\" ");
    }
    if (value != null) {
      text.append("value \"").append(value).append("\" ");
    }
    text.append(reason);
    return text.toString();
  }
}
